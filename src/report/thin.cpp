#include "thin.hpp"

#include <cmath>

namespace darkfleet::report {

std::vector<geo::LatLon> thin_polyline(const std::vector<geo::LatLon>& points,
                                       std::size_t max_points) {
  if (points.size() <= max_points || max_points < 2) return points;
  std::vector<geo::LatLon> out;
  out.reserve(max_points);
  for (std::size_t i = 0; i + 1 < max_points; ++i) {
    out.push_back(points[i * (points.size() - 1) / (max_points - 1)]);
  }
  out.push_back(points.back());
  return out;
}

std::vector<geo::LatLon> thin_ring(const std::vector<geo::LatLon>& ring, double step_deg) {
  std::vector<geo::LatLon> out;
  for (const auto& p : ring) {
    if (!out.empty() && std::abs(p.lat_deg - out.back().lat_deg) < step_deg &&
        std::abs(p.lon_deg - out.back().lon_deg) < step_deg) {
      continue;
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace darkfleet::report
