// Land polygons and fast point queries through a lon/lat grid index.
//
// The index is a grid of k_cell_deg cells over the whole globe. Each cell lists the ring
// edges whose bounding box touches it (compressed rows), and knows whether its centre is on
// land. on_land() in a cell without edges is that flag; in a cell with edges it counts the
// crossings of the segment centre -> query point with the cell's edges. distance_to_shore_m()
// visits rings of cells around the point, nearest first, until no unvisited cell can hold a
// nearer edge, up to k_search_radius_m. See src/geo/README.md for the semantics.
#include "darkfleet/geo/coast.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <mutex>
#include <numbers>
#include <stdexcept>

#include "darkfleet/io/gdal_plugin.hpp"

namespace darkfleet::geo {
namespace {

constexpr double k_cell_deg = 0.1;
constexpr int k_cols = 3600;  // 360 / k_cell_deg
constexpr int k_rows = 1800;  // 180 / k_cell_deg
constexpr double k_rad = std::numbers::pi / 180.0;
/// Beyond this radius distance_to_shore_m() stops searching and reports the radius.
constexpr double k_search_radius_m = 200 * k_m_per_nm;
/// near_shore() searches only its radius up to this radius (see there).
constexpr double k_near_shore_max_m = 5000;
// WGS84.
constexpr double k_a_m = 6'378'137.0;
constexpr double k_e2 = 0.00669437999014;

struct Edge {
  double lon0, lat0, lon1, lat1;
};

// Longitude in [-180, 180).
double wrap_lon(double lon_deg) {
  if (lon_deg >= -180 && lon_deg < 180) return lon_deg;
  double x = std::fmod(lon_deg + 180.0, 360.0);
  if (x < 0) x += 360.0;
  return x - 180.0;
}

int row_of(double lat_deg) {
  return std::clamp(static_cast<int>(std::floor((lat_deg + 90.0) / k_cell_deg)), 0, k_rows - 1);
}
int col_of(double lon_deg) {
  return std::clamp(static_cast<int>(std::floor((lon_deg + 180.0) / k_cell_deg)), 0, k_cols - 1);
}
double row_centre(int row) {
  return -90.0 + (row + 0.5) * k_cell_deg;
}
double col_centre(int col) {
  return -180.0 + (col + 0.5) * k_cell_deg;
}

// Twice the signed area of triangle o, a, b in lon/lat.
double orient(double ox, double oy, double ax, double ay, double bx, double by) {
  return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
}

// True when an edge is an artefact of splitting land at the antimeridian or the south pole
// (Natural Earth does both): it bounds polygons but is no shore.
bool artificial(const Edge& e) {
  constexpr double k_eps = 1e-6;
  const bool meridian = std::abs(e.lon0) >= 180 - k_eps && std::abs(e.lon1) >= 180 - k_eps &&
                        (e.lon0 > 0) == (e.lon1 > 0);
  const bool pole = e.lat0 <= -90 + k_eps && e.lat1 <= -90 + k_eps;
  return meridian || pole;
}

// A ring from the plugin's (lon, lat) pairs, without the closing repeat of the first vertex.
Ring ring_of(const std::vector<std::pair<double, double>>& lon_lat) {
  Ring ring;
  ring.reserve(lon_lat.size());
  for (const auto& [lon, lat] : lon_lat) ring.push_back({lat, lon});
  if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
  return ring;
}

// A local equirectangular projection around a point, with WGS84's radii of curvature there.
struct Frame {
  double px = 0;  // the point, longitude in [-180, 180)
  double py = 0;
  double m_per_deg_lat = 0;
  double m_per_deg_lon = 0;
};

Frame frame_at(LatLon p) {
  Frame f;
  f.px = wrap_lon(p.lon_deg);
  f.py = std::clamp(p.lat_deg, -90.0, 90.0);
  const double s = std::sin(f.py * k_rad);
  const double w = std::sqrt(1 - k_e2 * s * s);
  f.m_per_deg_lat = k_a_m * (1 - k_e2) / (w * w * w) * k_rad;
  const double n_m = k_a_m / w;
  f.m_per_deg_lon = n_m * std::cos(f.py * k_rad) * k_rad;
  return f;
}

// The point of edge `e` nearest to the frame's origin in the projection: its parameter t
// (0 at the first vertex, 1 at the second) and squared distance, m^2.
struct EdgePoint {
  double t = 0;
  double d2 = 0;
};

EdgePoint nearest_on_edge(const Frame& f, const Edge& e) {
  const double ax = wrap_lon(e.lon0 - f.px) * f.m_per_deg_lon;
  const double ay = (e.lat0 - f.py) * f.m_per_deg_lat;
  const double bx = wrap_lon(e.lon1 - f.px) * f.m_per_deg_lon;
  const double by = (e.lat1 - f.py) * f.m_per_deg_lat;
  const double dx = bx - ax;
  const double dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  const double t = len2 == 0 ? 0 : std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0);
  const double qx = ax + t * dx;
  const double qy = ay + t * dy;
  return {t, qx * qx + qy * qy};
}

// The point at parameter t of edge `e`.
LatLon point_on_edge(const Edge& e, double t) {
  const double lon = e.lon0 + t * wrap_lon(e.lon1 - e.lon0);
  const double lat = e.lat0 + t * (e.lat1 - e.lat0);
  return {lat, wrap_lon(lon)};
}

// The shore edge nearest to the frame's origin in the projection, searched out to
// `limit_m`: none (edge == nullptr) when no shore lies within it.
struct NearestShore {
  const Edge* edge = nullptr;
  double t = 0;
  double d2 = std::numeric_limits<double>::infinity();
};

}  // namespace

double distance_to_polygon_m(LatLon p, const Polygon& polygon) {
  if (polygon.outer.size() < 3) return std::numeric_limits<double>::infinity();
  const Frame f = frame_at(p);
  bool inside = false;
  double best2 = std::numeric_limits<double>::infinity();
  Edge best_edge{};
  double best_t = 0;
  const auto add_ring = [&](const Ring& ring) {
    if (ring.size() < 3) return;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const Edge e{ring[j].lon_deg, ring[j].lat_deg, ring[i].lon_deg, ring[i].lat_deg};
      // Crossing number of the ray from p towards east, in the frame (longitudes relative
      // to p, so that a small ring across the antimeridian needs no cut).
      const double ax = wrap_lon(e.lon0 - f.px);
      const double bx = wrap_lon(e.lon1 - f.px);
      const double ay = e.lat0 - f.py;
      const double by = e.lat1 - f.py;
      if ((ay > 0) != (by > 0) && ax + (0 - ay) * (bx - ax) / (by - ay) > 0) inside = !inside;
      const EdgePoint q = nearest_on_edge(f, e);
      if (q.d2 < best2) {
        best2 = q.d2;
        best_edge = e;
        best_t = q.t;
      }
    }
  };
  add_ring(polygon.outer);
  for (const Ring& hole : polygon.holes) add_ring(hole);
  if (inside) return 0;
  // The nearest boundary point in the projection, measured again along the WGS84 geodesic.
  return distance_m(p, point_on_edge(best_edge, best_t));
}

struct Coast::Impl {
  std::size_t polygons = 0;
  std::vector<Polygon> drawn_land;  // as given, for drawing (report maps)
  std::vector<Edge> edges;
  std::vector<std::uint8_t> shore;        // per edge: 1 when it is a real shore
  std::vector<std::uint32_t> cell_start;  // k_rows * k_cols + 1 offsets into cell_edges
  std::vector<std::uint32_t> cell_edges;
  std::vector<std::uint8_t> centre_on_land;  // per cell
  std::vector<std::uint16_t> empty_rings;    // per cell: Chebyshev distance to a cell with edges
  bool any_shore = false;
  // The grid covers the rows of the edges' bounding box only (rows r_lo..r_hi, all columns:
  // c_lo = 0, c_hi = k_cols - 1); cells outside are empty sea.
  int r_lo = 0, r_hi = -1, c_lo = 0, c_hi = -1;

  void build(const std::vector<Polygon>& land);
  [[nodiscard]] NearestShore nearest_shore(const Frame& f, double limit_m) const;
  [[nodiscard]] bool covers(int row, int col) const {
    return row >= r_lo && row <= r_hi && col >= c_lo && col <= c_hi;
  }
  /// Requires: covers(row, col).
  [[nodiscard]] std::size_t cell(int row, int col) const {
    return static_cast<std::size_t>(row - r_lo) * static_cast<std::size_t>(c_hi - c_lo + 1) +
           static_cast<std::size_t>(col - c_lo);
  }
};

void Coast::Impl::build(const std::vector<Polygon>& land) {
  polygons = land.size();
  const auto add_ring = [this](const Ring& ring) {
    if (ring.size() < 3) return;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const LatLon& a = ring[j];
      const LatLon& b = ring[i];
      if (a == b) continue;
      if (!(std::abs(a.lon_deg) <= 180 && std::abs(a.lat_deg) <= 90)) {
        throw std::runtime_error("a vertex is not longitude/latitude degrees");
      }
      if (std::abs(a.lon_deg - b.lon_deg) <= 180) {
        edges.push_back({a.lon_deg, a.lat_deg, b.lon_deg, b.lat_deg});
        continue;
      }
      // The edge crosses the antimeridian (world-atlas stitches Chukotka, Fiji and
      // Antarctica across it): cut it at +-180 and close the western piece with an edge
      // down the -180 meridian to the south pole. Crossing counts west of any point then
      // see the ring as if it were cut and closed there (the parity does not depend on how
      // the cuts pair up, and a ring around the south pole closes through it).
      const double sign = a.lon_deg > 0 ? 1.0 : -1.0;
      const double b_lon = b.lon_deg + sign * 360.0;
      const double y =
          a.lat_deg + (sign * 180.0 - a.lon_deg) / (b_lon - a.lon_deg) * (b.lat_deg - a.lat_deg);
      edges.push_back({a.lon_deg, a.lat_deg, sign * 180.0, y});
      edges.push_back({-sign * 180.0, y, b.lon_deg, b.lat_deg});
      edges.push_back({-180.0, y, -180.0, -90.0});
    }
  };
  for (const Polygon& polygon : land) {
    add_ring(polygon.outer);
    for (const Ring& hole : polygon.holes) add_ring(hole);
  }
  shore.resize(edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    shore[i] = artificial(edges[i]) ? 0 : 1;
    any_shore = any_shore || shore[i] != 0;
  }

  if (edges.empty()) return;
  r_lo = k_rows;
  c_lo = k_cols;
  for (const Edge& e : edges) {
    r_lo = std::min(r_lo, row_of(std::min(e.lat0, e.lat1)));
    r_hi = std::max(r_hi, row_of(std::max(e.lat0, e.lat1)));
  }
  c_lo = 0;  // all columns, so that rings wrap across the antimeridian inside the grid
  c_hi = k_cols - 1;

  // Cells of each edge: those its bounding box touches (two passes, compressed rows).
  const std::size_t n_cells =
      static_cast<std::size_t>(r_hi - r_lo + 1) * static_cast<std::size_t>(c_hi - c_lo + 1);
  cell_start.assign(n_cells + 1, 0);
  const auto for_cells = [this](const Edge& e, auto&& f) {
    const int r0 = row_of(std::min(e.lat0, e.lat1));
    const int r1 = row_of(std::max(e.lat0, e.lat1));
    const int c0 = col_of(std::min(e.lon0, e.lon1));
    const int c1 = col_of(std::max(e.lon0, e.lon1));
    for (int r = r0; r <= r1; ++r) {
      for (int c = c0; c <= c1; ++c) f(cell(r, c));
    }
  };
  for (const Edge& e : edges) for_cells(e, [this](std::size_t c) { ++cell_start[c + 1]; });
  for (std::size_t c = 0; c < n_cells; ++c) cell_start[c + 1] += cell_start[c];
  cell_edges.resize(cell_start[n_cells]);
  {
    std::vector<std::uint32_t> fill(cell_start.begin(), cell_start.end() - 1);
    for (std::uint32_t i = 0; i < edges.size(); ++i) {
      for_cells(edges[i], [&](std::size_t c) { cell_edges[fill[c]++] = i; });
    }
  }

  // Whether each cell centre is on land: per row, the crossings of the centre line with the
  // edges of that row, sorted; a centre with an odd number of crossings west of it is land.
  centre_on_land.assign(n_cells, 0);
  std::vector<std::uint32_t> row_edges;
  std::vector<double> xs;
  for (int r = r_lo; r <= r_hi; ++r) {
    const double y = row_centre(r);
    row_edges.assign(cell_edges.begin() + cell_start[cell(r, c_lo)],
                     cell_edges.begin() + cell_start[cell(r, c_hi) + 1]);
    std::sort(row_edges.begin(), row_edges.end());
    row_edges.erase(std::unique(row_edges.begin(), row_edges.end()), row_edges.end());
    xs.clear();
    for (const std::uint32_t i : row_edges) {
      const Edge& e = edges[i];
      if ((e.lat0 > y) != (e.lat1 > y)) {
        xs.push_back(e.lon0 + (y - e.lat0) * (e.lon1 - e.lon0) / (e.lat1 - e.lat0));
      }
    }
    std::sort(xs.begin(), xs.end());
    std::size_t west = 0;
    for (int c = c_lo; c <= c_hi; ++c) {
      const double x = col_centre(c);
      while (west < xs.size() && xs[west] < x) ++west;
      centre_on_land[cell(r, c)] = static_cast<std::uint8_t>(west % 2);
    }
  }

  // Chessboard distance (in cells) from each cell to the nearest cell with edges: two-pass
  // chamfer with the 8 neighbours, columns cyclic, repeated until stable (the wrap).
  const int n_rows = r_hi - r_lo + 1;
  empty_rings.assign(n_cells, std::numeric_limits<std::uint16_t>::max());
  for (std::size_t c = 0; c < n_cells; ++c) {
    if (cell_start[c + 1] > cell_start[c]) empty_rings[c] = 0;
  }
  const auto at = [&](int r, int c) -> std::uint16_t& {
    return empty_rings[static_cast<std::size_t>(r) * k_cols +
                       static_cast<std::size_t>((c + k_cols) % k_cols)];
  };
  const auto relax = [&](std::uint16_t& d, std::uint16_t n) {
    if (n != std::numeric_limits<std::uint16_t>::max() && n + 1 < d) {
      d = static_cast<std::uint16_t>(n + 1);
      return true;
    }
    return false;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (int r = 0; r < n_rows; ++r) {
      for (int c = 0; c < k_cols; ++c) {
        std::uint16_t& d = at(r, c);
        changed |= relax(d, at(r, c - 1));
        if (r > 0) {
          changed |= relax(d, at(r - 1, c - 1));
          changed |= relax(d, at(r - 1, c));
          changed |= relax(d, at(r - 1, c + 1));
        }
      }
    }
    for (int r = n_rows - 1; r >= 0; --r) {
      for (int c = k_cols - 1; c >= 0; --c) {
        std::uint16_t& d = at(r, c);
        changed |= relax(d, at(r, c + 1));
        if (r + 1 < n_rows) {
          changed |= relax(d, at(r + 1, c - 1));
          changed |= relax(d, at(r + 1, c));
          changed |= relax(d, at(r + 1, c + 1));
        }
      }
    }
  }
}

Coast::Coast() : m_impl(std::make_unique<Impl>()) {}
Coast::~Coast() = default;
Coast::Coast(Coast&&) noexcept = default;
Coast& Coast::operator=(Coast&&) noexcept = default;

Coast Coast::from_polygons(std::vector<Polygon> land) {
  Coast coast;
  std::erase_if(land, [](const Polygon& p) { return p.outer.size() < 3; });
  coast.m_impl->build(land);
  coast.m_impl->drawn_land = std::move(land);
  return coast;
}

Coast Coast::load(const std::string& path) {
  if (!std::filesystem::exists(path)) throw std::runtime_error(path + ": no such file");
  std::vector<Polygon> land;
  for (const auto& rings : io::gdal::api().read_polygons(path)) {
    Polygon polygon;
    polygon.outer = ring_of(rings.front());
    for (std::size_t i = 1; i < rings.size(); ++i) polygon.holes.push_back(ring_of(rings[i]));
    land.push_back(std::move(polygon));
  }
  std::erase_if(land, [](const Polygon& p) { return p.outer.size() < 3; });
  if (land.empty()) throw std::runtime_error(path + ": no polygons in the first layer");
  try {
    return from_polygons(std::move(land));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

std::string Coast::default_path() {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): darkfleet never sets environment variables
  if (const char* env = std::getenv("DARKFLEET_COASTLINE"); env != nullptr && *env != '\0') {
    return env;
  }
  return DARKFLEET_COASTLINE_DEFAULT;
}

Coast Coast::load_default() {
  const std::string path = default_path();
  if (path != DARKFLEET_COASTLINE_DEFAULT) return load(path);  // the user's file: load says why it fails
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error("no coastline installed (" + path +
                             " is missing): run scripts/setup, or set DARKFLEET_COASTLINE to a "
                             "land polygon file");
  }
  return load(path);
}

bool Coast::on_land(LatLon p) const {
  const Impl& m = *m_impl;
  if (m.edges.empty()) return false;
  // -180 (and 180) is where land is cut: move the point 1e-9 degree (0.1 mm) off the cut.
  const double px = std::max(wrap_lon(p.lon_deg), -180.0 + 1e-9);
  const double py = std::clamp(p.lat_deg, -90.0, 90.0);
  const int r = row_of(py);
  const int c = col_of(px);
  if (!m.covers(r, c)) return false;
  const std::size_t cell = m.cell(r, c);
  bool land = m.centre_on_land[cell] != 0;
  const double ox = col_centre(c);
  const double oy = row_centre(r);
  // Crossings of the segment centre -> p with the cell's edges. Every edge crossing it
  // touches the cell, so it is listed there. Vertices on the segment's line count on one
  // side only (> 0), as in the crossing-number test, so they are never counted twice.
  for (std::uint32_t k = m.cell_start[cell]; k < m.cell_start[cell + 1]; ++k) {
    const Edge& e = m.edges[m.cell_edges[k]];
    const bool s0 = orient(ox, oy, px, py, e.lon0, e.lat0) > 0;
    const bool s1 = orient(ox, oy, px, py, e.lon1, e.lat1) > 0;
    if (s0 == s1) continue;
    const bool so = orient(e.lon0, e.lat0, e.lon1, e.lat1, ox, oy) > 0;
    const bool sp = orient(e.lon0, e.lat0, e.lon1, e.lat1, px, py) > 0;
    if (so != sp) land = !land;
  }
  return land;
}

NearestShore Coast::Impl::nearest_shore(const Frame& f, double limit_m) const {
  NearestShore best;
  const auto visit = [&](int row, int col) {
    if (!covers(row, col)) return;
    const std::size_t c = cell(row, col);
    for (std::uint32_t k = cell_start[c]; k < cell_start[c + 1]; ++k) {
      const std::uint32_t i = cell_edges[k];
      if (shore[i] == 0) continue;
      const EdgePoint q = nearest_on_edge(f, edges[i]);
      if (q.d2 < best.d2) best = {&edges[i], q.t, q.d2};
    }
  };

  // Rings of cells around p's cell, nearest first. In the projection every point of a cell
  // in ring k is at least (k - 1) cells away along a row or a column: stop when that bound
  // exceeds the best edge found, or the limit.
  const int r0 = row_of(f.py);
  const int c0 = col_of(f.px);
  const double cell_m = k_cell_deg * std::min(f.m_per_deg_lat, f.m_per_deg_lon);
  const auto visit_wrapped = [&](int r, int c) {
    if (r >= 0 && r < k_rows) visit(r, ((c % k_cols) + k_cols) % k_cols);
  };
  // Rings nearer than the nearest cell with edges are empty: start there.
  const int first_ring = r0 < r_lo ? r_lo - r0 : r0 > r_hi ? r0 - r_hi : empty_rings[cell(r0, c0)];
  for (int k = first_ring; k < k_cols / 2; ++k) {
    const double bound_m = (k - 1) * cell_m;
    if (bound_m > 0 && best.d2 < bound_m * bound_m) break;
    if (bound_m > limit_m) break;
    if (k == 0) {
      visit_wrapped(r0, c0);
      continue;
    }
    for (int c = c0 - k; c <= c0 + k; ++c) {
      visit_wrapped(r0 - k, c);
      visit_wrapped(r0 + k, c);
    }
    for (int r = r0 - k + 1; r <= r0 + k - 1; ++r) {
      visit_wrapped(r, c0 - k);
      visit_wrapped(r, c0 + k);
    }
  }
  if (best.d2 > limit_m * limit_m) best = {};
  return best;
}

double Coast::distance_to_shore_m(LatLon p) const {
  const Impl& m = *m_impl;
  if (!m.any_shore) return std::numeric_limits<double>::infinity();
  const NearestShore best = m.nearest_shore(frame_at(p), k_search_radius_m);
  if (best.edge == nullptr) return k_search_radius_m;
  // The nearest shore point in the projection, measured again along the WGS84 geodesic.
  return distance_m(p, point_on_edge(*best.edge, best.t));
}

bool Coast::near_shore(LatLon p, double radius_m) const {
  const Impl& m = *m_impl;
  if (!m.any_shore) return false;
  // A shore edge farther than the radius in the projection can still be nearer along the
  // geodesic by the projection's error, which grows with the distance and with tan(lat):
  // below 5 km and 80 degrees of latitude it stays under 0.2 %, so searching 1 % beyond the
  // radius finds every edge distance_to_shore_m() could pick. Elsewhere ask it directly.
  if (radius_m > k_near_shore_max_m || std::abs(p.lat_deg) > 80) {
    return distance_to_shore_m(p) < radius_m;
  }
  const NearestShore best = m.nearest_shore(frame_at(p), radius_m * 1.01 + 1);
  return best.edge != nullptr && distance_m(p, point_on_edge(*best.edge, best.t)) < radius_m;
}

std::size_t Coast::polygon_count() const {
  return m_impl->polygons;
}

const std::vector<Polygon>& Coast::polygons() const {
  return m_impl->drawn_land;
}

}  // namespace darkfleet::geo
