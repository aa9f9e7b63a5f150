// Synthetic tracks for detector tests: straight or stationary runs built in code.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "darkfleet/events/detector.hpp"
#include "darkfleet/store/position.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::events::testing {

inline constexpr std::int64_t k_min_ms = 60'000;
inline constexpr std::int64_t k_hour_ms = 3'600'000;
/// 2026-01-01T00:00:00Z, a whole multiple of every resample interval used.
inline constexpr std::int64_t k_t0_ms = 1'767'225'600'000;
/// Metres per degree on the sphere geo::distance_m uses.
inline constexpr double k_m_per_deg = 6'371'008.8 * std::numbers::pi / 180.0;

/// Positions every `step_min` from `from_ms` to `to_ms` inclusive, moving from `a` to `b`
/// (degrees) at constant speed.
inline std::vector<store::Position> run(std::int64_t from_ms, std::int64_t to_ms, double step_min,
                                        double lat_a, double lon_a, double lat_b, double lon_b) {
  std::vector<store::Position> out;
  const auto step_ms = static_cast<std::int64_t>(step_min * 60'000.0);
  for (std::int64_t t = from_ms; t <= to_ms; t += step_ms) {
    const double f = to_ms == from_ms
                         ? 0.0
                         : static_cast<double>(t - from_ms) / static_cast<double>(to_ms - from_ms);
    out.push_back(
        store::make_position(t, lat_a + f * (lat_b - lat_a), lon_a + f * (lon_b - lon_a), 0.0));
  }
  return out;
}

/// A one-segment track of `mmsi` made of `positions` (sorted by time).
inline track::Track one_segment(std::uint32_t mmsi, std::vector<store::Position> positions) {
  track::Track track;
  track.mmsi = mmsi;
  track::Segment segment;
  segment.positions = std::move(positions);
  track.segments.push_back(std::move(segment));
  return track;
}

/// Collects events.
class Collect final : public EventSink {
 public:
  void on_event(Event event) override { events.push_back(std::move(event)); }
  std::vector<Event> events;
};

/// Runs `detector` over `tracks` (in MMSI order) and returns what it finds.
inline std::vector<Event> detect(
    Detector& detector, const std::vector<track::Track>& tracks, const Context& context,
    const std::vector<std::vector<store::Identity>>* identities = nullptr) {
  Collect sink;
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    VesselData vessel{tracks[i].mmsi, &tracks[i],
                      identities != nullptr ? &(*identities)[i] : nullptr};
    detector.on_vessel(vessel, context, sink);
  }
  detector.finish(context, sink);
  return sink.events;
}

}  // namespace darkfleet::events::testing
