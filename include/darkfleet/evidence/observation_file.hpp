// Analysts' observations of port areas from imagery, as GeoJSON: read and checked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/store/observation.hpp"

namespace darkfleet::evidence {

/// The observations of a GeoJSON FeatureCollection (docs/evidence.md gives the fields): one
/// Feature per area and image, with a Point or Polygon geometry in WGS84 longitude/latitude
/// and the properties area_id, image_id, acquired (ISO 8601 UTC), provider, sensor
/// (optional), resolution_m, containers_20ft / containers_40ft and/or stacks
/// ([{size, rows, bays, tiers}]), confidence (0-1), analyst and note (optional).
/// Throws std::runtime_error listing every problem with its feature and field (a CRS other
/// than WGS84, coordinates that are not longitude/latitude, a missing or bad time, a
/// negative count, counts that disagree with the stacks, ...): a file is taken whole or not
/// at all.
std::vector<store::Observation> parse_observation_file(std::string_view geojson,
                                                       const std::string& file);

}  // namespace darkfleet::evidence
