// Land polygons and point queries. A first, brute-force version (every query visits every
// edge): the geo module adds a spatial index and file loading behind the same interface.
#include "darkfleet/geo/coast.hpp"
#include "darkfleet/geo/ports.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace darkfleet::geo {
namespace {

// True when `p` is inside `ring` (even-odd rule on lon/lat as plane coordinates).
bool inside(const Ring& ring, LatLon p) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const LatLon& a = ring[i];
    const LatLon& b = ring[j];
    if ((a.lat_deg > p.lat_deg) != (b.lat_deg > p.lat_deg)) {
      const double x = a.lon_deg + (p.lat_deg - a.lat_deg) * (b.lon_deg - a.lon_deg) /
                                       (b.lat_deg - a.lat_deg);
      if (p.lon_deg < x) in = !in;
    }
  }
  return in;
}

// Distance from `p` to the segment a-b, metres, in a local equirectangular projection
// around `p` (good to well under 1 % over the tens of kilometres that matter here).
double segment_distance_m(LatLon p, LatLon a, LatLon b) {
  constexpr double k_m_per_deg = 111'195.0;
  const double kx = k_m_per_deg * std::cos(p.lat_deg * std::numbers::pi / 180.0);
  const double ax = (a.lon_deg - p.lon_deg) * kx;
  const double ay = (a.lat_deg - p.lat_deg) * k_m_per_deg;
  const double bx = (b.lon_deg - p.lon_deg) * kx;
  const double by = (b.lat_deg - p.lat_deg) * k_m_per_deg;
  const double dx = bx - ax;
  const double dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  const double t = len2 == 0 ? 0 : std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0);
  return std::hypot(ax + t * dx, ay + t * dy);
}

double ring_distance_m(const Ring& ring, LatLon p) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    best = std::min(best, segment_distance_m(p, ring[j], ring[i]));
  }
  return best;
}

}  // namespace

struct Coast::Impl {
  std::vector<Polygon> land;
};

Coast::Coast() : m_impl(std::make_unique<Impl>()) {}
Coast::~Coast() = default;
Coast::Coast(Coast&&) noexcept = default;
Coast& Coast::operator=(Coast&&) noexcept = default;

Coast Coast::from_polygons(std::vector<Polygon> land) {
  Coast coast;
  std::erase_if(land, [](const Polygon& p) { return p.outer.size() < 3; });
  coast.m_impl->land = std::move(land);
  return coast;
}

Coast Coast::load(const std::string& path) {
  throw std::runtime_error(path + ": reading coastline files is not built yet");
}

Coast Coast::load_default() {
  throw std::runtime_error("the default coastline is not built yet");
}

bool Coast::on_land(LatLon p) const {
  for (const Polygon& polygon : m_impl->land) {
    if (!inside(polygon.outer, p)) continue;
    const bool in_hole = std::any_of(polygon.holes.begin(), polygon.holes.end(),
                                     [p](const Ring& hole) { return hole.size() >= 3 && inside(hole, p); });
    if (!in_hole) return true;
  }
  return false;
}

double Coast::distance_to_shore_m(LatLon p) const {
  double best = std::numeric_limits<double>::infinity();
  for (const Polygon& polygon : m_impl->land) {
    best = std::min(best, ring_distance_m(polygon.outer, p));
    for (const Ring& hole : polygon.holes) {
      if (hole.size() >= 3) best = std::min(best, ring_distance_m(hole, p));
    }
  }
  return best;
}

std::size_t Coast::polygon_count() const { return m_impl->land.size(); }

// Placeholder so that callers link until the geo branch's port loaders land (they replace it).
std::vector<Port> load_ports(const std::string& path) {
  throw std::runtime_error(path + ": reading port files is not built yet");
}

}  // namespace darkfleet::geo
