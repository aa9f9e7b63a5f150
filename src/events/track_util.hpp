// Small helpers shared by the encounter, loitering and identity detectors.
#pragma once

#include "darkfleet/events/detector.hpp"
#include "darkfleet/geo/geo.hpp"
#include "darkfleet/store/position.hpp"

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

}  // namespace darkfleet::events::detail
