// Fewer vertices for drawing: what a page of a few hundred pixels can show.
#pragma once

#include <cstddef>
#include <vector>

#include "darkfleet/geo/geo.hpp"

namespace darkfleet::report {

/// At most `max_points` of `points`, evenly by index, the first and the last always kept.
std::vector<geo::LatLon> thin_polyline(const std::vector<geo::LatLon>& points,
                                       std::size_t max_points);

/// The ring without the vertices closer than `step_deg` (in longitude and latitude) to the
/// last one kept.
std::vector<geo::LatLon> thin_ring(const std::vector<geo::LatLon>& ring, double step_deg);

}  // namespace darkfleet::report
