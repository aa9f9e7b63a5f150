// When each MMSI first broadcast each IMO number: a gap during which the vessel's IMO
// appears on another MMSI is a new identity, not silence (gaps and dark port calls).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "darkfleet/events/detector.hpp"

namespace darkfleet::events::detail {

class ImoSightings {
 public:
  /// Records the vessel's IMO numbers with the time of its first non-noise position and
  /// returns them (distinct, non-zero).
  std::vector<std::uint32_t> add(const VesselData& vessel) {
    std::optional<std::int64_t> first_ms;
    for (const auto& seg : vessel.track->segments) {
      if (seg.quality == track::SegmentQuality::noise || seg.positions.empty()) continue;
      const auto t = seg.positions.front().t_ms;
      if (!first_ms || t < *first_ms) first_ms = t;
    }
    std::vector<std::uint32_t> imos;
    if (vessel.identities == nullptr) return imos;
    for (const auto& i : *vessel.identities) {
      if (i.imo == 0 || std::find(imos.begin(), imos.end(), i.imo) != imos.end()) continue;
      imos.push_back(i.imo);
      if (first_ms) m_first_by_imo[i.imo].push_back({vessel.mmsi, *first_ms});
    }
    return imos;
  }

  /// Another MMSI that first broadcast one of `imos` from an hour before `from_ms` to
  /// `to_ms` (complete only once every vessel was added).
  [[nodiscard]] std::optional<std::uint32_t> new_mmsi(std::uint32_t mmsi, const std::vector<std::uint32_t>& imos,
                                                      std::int64_t from_ms, std::int64_t to_ms) const {
    constexpr std::int64_t k_hour_ms = 3'600'000;
    std::optional<std::uint32_t> out;
    for (const auto imo : imos) {
      const auto it = m_first_by_imo.find(imo);
      if (it == m_first_by_imo.end()) continue;
      for (const auto& [other, first] : it->second) {
        if (other != mmsi && first >= from_ms - k_hour_ms && first <= to_ms) out = other;
      }
    }
    return out;
  }

 private:
  std::map<std::uint32_t, std::vector<std::pair<std::uint32_t, std::int64_t>>> m_first_by_imo;
};

}  // namespace darkfleet::events::detail
