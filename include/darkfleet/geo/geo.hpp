// Positions on the Earth and the distances between them. Degrees WGS84, metres.
#pragma once

namespace darkfleet::geo {

/// Metres per nautical mile.
inline constexpr double k_m_per_nm = 1852.0;

/// A point in WGS84 degrees.
struct LatLon {
  double lat_deg = 0;  ///< -90..90
  double lon_deg = 0;  ///< -180..180
  friend bool operator==(const LatLon&, const LatLon&) = default;
};

/// Distance between `a` and `b` along the Earth's surface, metres.
double distance_m(LatLon a, LatLon b);

}  // namespace darkfleet::geo
