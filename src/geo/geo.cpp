// Distances on the Earth: geodesics on the WGS84 ellipsoid through GeographicLib (Karney's
// algorithm, accurate to about 15 nm, i.e. nanometres, for any pair of points).
#include "darkfleet/geo/geo.hpp"

#include <GeographicLib/Geodesic.hpp>

namespace darkfleet::geo {

double distance_m(LatLon a, LatLon b) {
  double s12_m = 0;
  GeographicLib::Geodesic::WGS84().Inverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, s12_m);
  return s12_m;
}

}  // namespace darkfleet::geo
