// Distances on the Earth. A first, spherical version: the geo module replaces it with
// GeographicLib's WGS84 geodesics.
#include "darkfleet/geo/geo.hpp"

#include <cmath>
#include <numbers>

namespace darkfleet::geo {

double distance_m(LatLon a, LatLon b) {
  constexpr double k_radius_m = 6'371'008.8;  // mean Earth radius (IUGG)
  constexpr double k_rad = std::numbers::pi / 180.0;
  const double dlat = (b.lat_deg - a.lat_deg) * k_rad;
  const double dlon = (b.lon_deg - a.lon_deg) * k_rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat_deg * k_rad) * std::cos(b.lat_deg * k_rad) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * k_radius_m * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace darkfleet::geo
