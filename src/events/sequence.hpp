// Internal helpers shared by the detectors: a vessel's positions across segments in time
// order, and nearest-port lookups.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "darkfleet/geo/geo.hpp"
#include "darkfleet/geo/ports.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::events::detail {

inline constexpr double k_ms_per_h = 3'600'000.0;

/// A position and the segment it belongs to.
struct SeqPoint {
  const store::Position* p = nullptr;
  std::uint32_t segment = 0;
};

/// True when another non-noise segment of `track` with more positions spans the whole time
/// of `s` (a spoofed stretch or a second transmitter inside the vessel's own track).
inline bool contained(const track::Track& track, const track::Segment& s) {
  if (s.positions.empty()) return true;
  for (const auto& o : track.segments) {
    if (&o == &s || o.quality == track::SegmentQuality::noise || o.positions.size() <= s.positions.size()) continue;
    if (o.positions.front().t_ms <= s.positions.front().t_ms && o.positions.back().t_ms >= s.positions.back().t_ms) return true;
  }
  return false;
}

/// The positions of every non-noise segment of `track`, merged in time order; without the
/// segments contained in a longer one when `drop_contained`.
inline std::vector<SeqPoint> merged_positions(const track::Track& track, bool drop_contained = false) {
  std::vector<SeqPoint> out;
  for (const auto& s : track.segments) {
    if (s.quality == track::SegmentQuality::noise) continue;
    if (drop_contained && contained(track, s)) continue;
    for (const auto& p : s.positions) out.push_back({&p, s.index});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SeqPoint& a, const SeqPoint& b) { return a.p->t_ms < b.p->t_ms; });
  return out;
}

inline geo::LatLon latlon(const store::Position& p) { return {p.lat_deg(), p.lon_deg()}; }

inline double hours(std::int64_t from_ms, std::int64_t to_ms) {
  return static_cast<double>(to_ms - from_ms) / k_ms_per_h;
}

/// Ports sorted by latitude, for "which ports lie within r metres" queries.
class PortIndex {
 public:
  explicit PortIndex(const std::vector<geo::Port>* ports) {
    if (ports == nullptr) return;
    for (std::size_t i = 0; i < ports->size(); ++i) m_items.push_back({(*ports)[i].position.lat_deg, &(*ports)[i]});
    std::sort(m_items.begin(), m_items.end(),
              [](const Item& a, const Item& b) { return a.lat < b.lat; });
  }
  /// The nearest port within `radius_m` of `p`, or nullptr; its distance in `distance_m`.
  const geo::Port* nearest(geo::LatLon p, double radius_m, double& distance_m) const {
    const double dlat = radius_m / 111'000.0 + 1e-6;
    auto it = std::lower_bound(m_items.begin(), m_items.end(), p.lat_deg - dlat,
                               [](const Item& a, double lat) { return a.lat < lat; });
    const geo::Port* best = nullptr;
    distance_m = radius_m;
    for (; it != m_items.end() && it->lat <= p.lat_deg + dlat; ++it) {
      const double d = geo::distance_m(p, it->port->position);
      if (d <= distance_m) {
        distance_m = d;
        best = it->port;
      }
    }
    return best;
  }
  [[nodiscard]] bool empty() const { return m_items.empty(); }

 private:
  struct Item {
    double lat;
    const geo::Port* port;
  };
  std::vector<Item> m_items;
};

}  // namespace darkfleet::events::detail

#include "darkfleet/events/event.hpp"
#include "darkfleet/events/parameters.hpp"

namespace darkfleet::events::detail {

/// The port visits of one vessel (port_visits.cpp), whatever their confidence; the
/// confidence level 1-4 is in values["confidence_level"].
std::vector<Event> port_visits_of(const track::Track& track, const PortIndex& ports,
                                  const Parameters& parameters, const std::string& parameter_set);

}  // namespace darkfleet::events::detail
