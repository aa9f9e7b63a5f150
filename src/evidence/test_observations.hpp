// Test helpers: observations and port calls by day, for the yard and cargo tests.
#pragma once

#include <cstdint>
#include <string>

#include "darkfleet/evidence/yard.hpp"

namespace darkfleet::evidence::testing {

constexpr std::int64_t k_day_ms = 86'400'000;

/// An observation of `area` on `day` (days since the epoch) at confidence 1, image "img<id>".
inline store::Observation seen(const std::string& area, double day, std::int64_t c20,
                               std::int64_t id, std::int64_t c40 = 0) {
  store::Observation o;
  o.id = id;
  o.area_id = area;
  o.image_id = "img" + std::to_string(id);
  o.acquired_ms = static_cast<std::int64_t>(day * k_day_ms);
  o.containers_20ft = c20;
  o.containers_40ft = c40;
  o.confidence = 1;
  return o;
}

/// A port visit of `mmsi` at `port` from `from_day` to `to_day`, with event id `id`.
inline PortCall call(const std::string& id, std::uint32_t mmsi, const std::string& port,
                     double from_day, double to_day) {
  return {id,
          events::EventKind::port_visit,
          mmsi,
          port,
          static_cast<std::int64_t>(from_day * k_day_ms),
          static_cast<std::int64_t>(to_day * k_day_ms),
          1.0};
}

}  // namespace darkfleet::evidence::testing
