// An analyst's observation of a port area in one image: what the evidence tables hold.
#pragma once

#include <cstdint>
#include <string>

namespace darkfleet::store {

/// Containers seen in one port area on one image (darkfleet evidence add).
struct Observation {
  std::int64_t id = 0;           ///< assigned by the store
  std::string area_id;           ///< the port area (a port id of the case, or the analyst's)
  std::string image_id;          ///< the provider's scene or image id
  std::int64_t acquired_ms = 0;  ///< acquisition time, Unix ms UTC
  std::string provider;          ///< e.g. Planet, Maxar, Airbus
  std::string sensor;            ///< e.g. SkySat, WorldView-3 (may be empty)
  double resolution_m = 0;       ///< ground sample distance
  std::int64_t containers_20ft = 0;
  std::int64_t containers_40ft = 0;
  double confidence = 0;  ///< the analyst's, 0-1
  std::string analyst;
  std::string note;
  std::string stacks_json;  ///< the stacks counted (rows x bays x tiers), as given; "[]" if none
  double lat_deg = 0;       ///< where: the centre of the feature's geometry
  double lon_deg = 0;
  std::string geometry_json;  ///< the feature's geometry (GeoJSON, WGS84)
  std::string file;           ///< the evidence file it came from
  int feature = 0;            ///< its index in that file
};

}  // namespace darkfleet::store
