// Spherical geodesy for the simulator: distances, bearings, offsets and interpolation on a
// sphere of the mean Earth radius (IUGG R1 = 6,371,008.8 m).
//
// Why not GeographicLib: the simulator needs plausible tracks, not survey accuracy. Against
// WGS84 geodesics the spherical distance is off by at most about 0.5 % (typically < 0.3 %
// at the latitudes of the scenarios); tests that compare simulated positions use tolerances
// well above that. Legs are interpolated along the rhumb-like straight line in
// (lat, lon * cos(mean lat)) space, which is what short coastal legs look like on a chart.
#pragma once

#include <cmath>
#include <numbers>

#include "darkfleet/sim/scenario.hpp"

namespace darkfleet::sim::detail {

inline constexpr double k_earth_radius_m = 6371008.8;
inline constexpr double k_m_per_nm = 1852.0;
inline constexpr double k_deg = std::numbers::pi / 180.0;

/// Longitude wrapped into [-180, 180). Branches for the common case of a value at most one
/// turn off (the simulator's hot path); fmod otherwise.
inline double wrap_lon(double lon_deg) {
  if (lon_deg >= 180.0) lon_deg -= 360.0;
  if (lon_deg < -180.0) lon_deg += 360.0;
  if (lon_deg >= 180.0 || lon_deg < -180.0) {
    lon_deg = std::fmod(lon_deg + 180.0, 360.0);
    if (lon_deg < 0) lon_deg += 360.0;
    lon_deg -= 180.0;
  }
  return lon_deg;
}

/// Longitude difference b - a wrapped into [-180, 180).
inline double lon_delta(double a_deg, double b_deg) {
  return wrap_lon(b_deg - a_deg);
}

/// Great-circle (haversine) distance in metres.
inline double distance_m(const LatLon& a, const LatLon& b) {
  const double dlat = (b.lat_deg - a.lat_deg) * k_deg;
  const double dlon = lon_delta(a.lon_deg, b.lon_deg) * k_deg;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat_deg * k_deg) * std::cos(b.lat_deg * k_deg) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * k_earth_radius_m * std::asin(std::sqrt(std::fmin(1.0, h)));
}

/// Course from a to b in degrees [0, 360), on the local flat projection used for legs.
inline double course_deg(const LatLon& a, const LatLon& b) {
  const double north = b.lat_deg - a.lat_deg;
  const double east =
      lon_delta(a.lon_deg, b.lon_deg) * std::cos((a.lat_deg + b.lat_deg) / 2 * k_deg);
  if (north == 0 && east == 0) return 0;
  double c = std::atan2(east, north) / k_deg;
  if (c < 0) c += 360.0;
  return c >= 360.0 ? 0.0 : c;
}

/// The point `north_m` north and `east_m` east of `p` (local flat offset; for offsets
/// up to a few hundred km).
inline LatLon offset(const LatLon& p, double north_m, double east_m) {
  const double m_per_deg = k_earth_radius_m * k_deg;
  LatLon q;
  q.lat_deg = p.lat_deg + north_m / m_per_deg;
  const double c = std::cos(p.lat_deg * k_deg);
  q.lon_deg = wrap_lon(p.lon_deg + east_m / (m_per_deg * (c > 1e-6 ? c : 1e-6)));
  return q;
}

/// The point `dist_m` from `p` on course `course_deg`.
inline LatLon move(const LatLon& p, double course_deg_, double dist_m) {
  return offset(p, dist_m * std::cos(course_deg_ * k_deg), dist_m * std::sin(course_deg_ * k_deg));
}

/// The point a fraction `f` (0..1) of the way from a to b.
inline LatLon interpolate(const LatLon& a, const LatLon& b, double f) {
  return {a.lat_deg + (b.lat_deg - a.lat_deg) * f,
          wrap_lon(a.lon_deg + lon_delta(a.lon_deg, b.lon_deg) * f)};
}

}  // namespace darkfleet::sim::detail
