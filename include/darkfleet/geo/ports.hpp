// Ports and other watched places: from a case file, the World Port Index, or GeoJSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "darkfleet/geo/coast.hpp"
#include "darkfleet/geo/geo.hpp"

namespace darkfleet::geo {

/// A port (or anchorage) that events refer to.
struct Port {
  std::string id;  ///< stable id: the case's id, WPI's index number, a GeoJSON id
  std::string name;
  std::string country;          ///< as the source gives it; empty when unknown
  LatLon position;              ///< the port's reference point
  std::optional<Polygon> area;  ///< the port area, when the source gives a polygon
  std::string source;           ///< where the entry came from (file name)
};

/// Ports from `path`: a case file (`case.toml`, its [[ports]] tables), a World Port Index
/// CSV (the `UpdatedPub150.csv` layout) or GeoJSON (points, or polygons with the centroid as
/// position; of a MultiPolygon the largest polygon). The format is told from the content. Throws
/// std::runtime_error naming the file and line of what is wrong.
std::vector<Port> load_ports(const std::string& path);

/// How far `p` is from `port`, metres: for a port with an area, the distance to that polygon
/// (0 inside it, distance_to_polygon_m()); for a point port, the distance to its position.
double distance_to_port_m(LatLon p, const Port& port);

}  // namespace darkfleet::geo
