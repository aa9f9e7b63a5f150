// Hash grid of points: latitude bands of constant height; each band has as many longitude
// cells as fit with a width of at least cell_m along its most poleward parallel.
#include "darkfleet/geo/grid_index.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace darkfleet::geo {
namespace {
// Metres per degree of latitude, the smallest on WGS84 (at the equator): a cell of
// m_cell_deg_lat is then at least cell_m tall everywhere.
constexpr double k_min_m_per_deg_lat = 110'574.0;
// Metres per degree of longitude on the equator (WGS84), an upper bound elsewhere.
constexpr double k_m_per_deg_lon_equator = 111'319.5;
constexpr double k_rad = std::numbers::pi / 180.0;
}  // namespace

GridIndex::GridIndex(double cell_m)
    : m_cell_deg_lat(cell_m / k_min_m_per_deg_lat), m_cell_m(cell_m) {}

std::int64_t GridIndex::row_of(double lat_deg) const {
  return static_cast<std::int64_t>(
      std::floor((std::clamp(lat_deg, -90.0, 90.0) + 90.0) / m_cell_deg_lat));
}

std::int64_t GridIndex::cols_in_row(std::int64_t row) const {
  const double lat0 = -90.0 + static_cast<double>(row) * m_cell_deg_lat;
  const double max_abs = std::min(90.0, std::max(std::abs(lat0), std::abs(lat0 + m_cell_deg_lat)));
  const double width_m = 360.0 * k_m_per_deg_lon_equator * std::cos(max_abs * k_rad);
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(width_m / m_cell_m)));
}

std::uint64_t GridIndex::key(std::int64_t row, std::int64_t col) {
  return (static_cast<std::uint64_t>(row) << 32) ^ static_cast<std::uint64_t>(col);
}

void GridIndex::insert(std::uint32_t id, LatLon p) {
  const std::int64_t row = row_of(p.lat_deg);
  const std::int64_t n = cols_in_row(row);
  const double lon = std::fmod(std::fmod(p.lon_deg + 180.0, 360.0) + 360.0, 360.0);
  const std::int64_t col =
      std::min(n - 1, static_cast<std::int64_t>(lon / 360.0 * static_cast<double>(n)));
  m_cells[key(row, col)].push_back({id, p});
  ++m_size;
}

void GridIndex::clear() {
  m_cells.clear();
  m_size = 0;
}

void GridIndex::within(LatLon p, double radius_m, std::vector<std::uint32_t>& out) const {
  const double dlat = radius_m / k_min_m_per_deg_lat;
  const std::int64_t r0 = row_of(p.lat_deg - dlat);
  const std::int64_t r1 = row_of(p.lat_deg + dlat);
  const double lon = std::fmod(std::fmod(p.lon_deg + 180.0, 360.0) + 360.0, 360.0);
  for (std::int64_t row = r0; row <= r1; ++row) {
    const std::int64_t n = cols_in_row(row);
    // Degrees of longitude that radius_m spans on the band's most poleward parallel.
    const double lat0 = -90.0 + static_cast<double>(row) * m_cell_deg_lat;
    const double max_abs =
        std::min(90.0, std::max(std::abs(lat0), std::abs(lat0 + m_cell_deg_lat)));
    const double cos_max = std::cos(max_abs * k_rad);
    // 1 % margin: the equatorial metres per degree exceed those at the poleward edge by
    // the ellipsoid's flattening only.
    const double dlon = cos_max > 1e-9 ? 1.01 * radius_m / (k_min_m_per_deg_lat * cos_max) : 360.0;
    std::int64_t c0 = 0;
    std::int64_t c1 = n - 1;
    if (dlon < 180.0) {
      const double per_col = 360.0 / static_cast<double>(n);
      c0 = static_cast<std::int64_t>(std::floor((lon - dlon) / per_col));
      c1 = static_cast<std::int64_t>(std::floor((lon + dlon) / per_col));
      if (c1 - c0 + 1 > n) {
        c0 = 0;
        c1 = n - 1;
      }
    }
    for (std::int64_t c = c0; c <= c1; ++c) {
      const auto it = m_cells.find(key(row, ((c % n) + n) % n));
      if (it == m_cells.end()) continue;
      for (const Entry& e : it->second) {
        if (distance_m(p, e.p) <= radius_m) out.push_back(e.id);
      }
    }
  }
}

}  // namespace darkfleet::geo
