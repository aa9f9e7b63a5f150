// Land and sea: whether a point is on land, and how far it is from the shore. Used for
// "distance from shore" in gap, loitering and encounter rules, and "positions on land" in
// spoofing checks.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "darkfleet/geo/geo.hpp"

namespace darkfleet::geo {

/// A closed ring of vertices (the last vertex joins the first; it need not repeat it).
using Ring = std::vector<LatLon>;

/// A land polygon: an outer ring and holes (lakes).
struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
};

/// Distance from `p` to `polygon`, metres: 0 when `p` lies inside the outer ring and in no
/// hole, else the geodesic distance to the nearest point of any ring (outer or hole). Edges
/// are straight in longitude/latitude, as in Coast. Linear in the number of vertices.
/// Requires: vertices in degrees (|lat| <= 90, |lon| <= 180); rings under 3 vertices are
/// ignored, and a polygon without an outer ring of 3 vertices is at infinity.
double distance_to_polygon_m(LatLon p, const Polygon& polygon);

/// Land polygons with fast point queries.
class Coast {
 public:
  /// Land made of `land` (tests, or polygons read elsewhere).
  static Coast from_polygons(std::vector<Polygon> land);
  /// Land from a vector file GDAL reads (GeoJSON, TopoJSON, Shapefile, GeoPackage): every
  /// polygon of its first layer is land. Throws std::runtime_error (file and reason) when
  /// the file cannot be read (ADR 0001: bad configuration ends a command).
  static Coast load(const std::string& path);
  /// The coastline scripts/setup installs; throws, saying how to install it, when missing.
  static Coast load_default();
  /// The file load_default() reads: $DARKFLEET_COASTLINE when set, else the installed one
  /// (which may be missing).
  static std::string default_path();

  Coast();
  ~Coast();
  Coast(Coast&&) noexcept;
  Coast& operator=(Coast&&) noexcept;

  /// True when `p` lies on land.
  [[nodiscard]] bool on_land(LatLon p) const;
  /// Distance from `p` to the nearest point of any coastline, metres (also for a point on
  /// land: on_land() tells the side).
  [[nodiscard]] double distance_to_shore_m(LatLon p) const;
  /// distance_to_shore_m(p) < radius_m, the same answer, but searching only about the
  /// radius around `p` instead of out to the nearest shore: cheap far inland or at sea.
  [[nodiscard]] bool near_shore(LatLon p, double radius_m) const;
  /// Number of land polygons.
  [[nodiscard]] std::size_t polygon_count() const;
  /// The land polygons (rings under 3 vertices dropped), as read: for drawing maps.
  [[nodiscard]] const std::vector<Polygon>& polygons() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace darkfleet::geo
