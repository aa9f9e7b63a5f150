// Small helpers shared by the encounter, loitering and identity detectors.
#pragma once

#include <algorithm>
#include <cstdint>

#include "darkfleet/events/detector.hpp"
#include "darkfleet/geo/geo.hpp"
#include "darkfleet/store/position.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::events::detail {

/// A stored position as degrees.
inline geo::LatLon to_latlon(const store::Position& p) {
  return {p.lat_deg(), p.lon_deg()};
}

/// The parameters of `context`, or the "gfw" set when it has none.
inline const Parameters& parameters_of(const Context& context) {
  static const Parameters k_gfw = Parameters::gfw();
  return context.parameters != nullptr ? *context.parameters : k_gfw;
}

/// Milliseconds per hour.
inline constexpr double k_ms_per_h = 3'600'000.0;

/// True when `s` is a single position and `track` has no other position within `window_h`
/// of it (the segmenter's track::SegmenterOptions::max_hours): a vessel heard once, not an
/// impossible jump. The segmenter marks both as noise; only a position that some open
/// segment could not take, because it is out of reach, is a jump.
inline bool lone_report(const track::Track& track, const track::Segment& s,
                        double window_h = track::SegmenterOptions{}.max_hours) {
  if (s.positions.size() != 1) return false;
  const std::int64_t t = s.positions.front().t_ms;
  const auto window_ms = static_cast<std::int64_t>(window_h * k_ms_per_h);
  for (const auto& o : track.segments) {
    if (&o == &s || o.positions.empty()) continue;
    // positions are in time order: the first one at or after t - window
    const auto it =
        std::lower_bound(o.positions.begin(), o.positions.end(), t - window_ms,
                         [](const store::Position& p, std::int64_t x) { return p.t_ms < x; });
    if (it != o.positions.end() && it->t_ms <= t + window_ms) return false;
  }
  return true;
}

}  // namespace darkfleet::events::detail
