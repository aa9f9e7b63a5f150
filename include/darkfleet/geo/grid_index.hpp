// A hash grid of points on the Earth for "which points lie within r metres of p" queries, so
// that pairing n positions (encounters) costs about n times the neighbours, not n^2.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "darkfleet/geo/geo.hpp"

namespace darkfleet::geo {

/// Points with caller-chosen ids in cells of about `cell_m` x `cell_m`. Cells are fixed
/// latitude bands; each band is cut in longitude so its cells are at least `cell_m` wide
/// (wrapping across the antimeridian). Pick `cell_m` near the usual query radius.
class GridIndex {
 public:
  /// Requires: cell_m > 0 (metres).
  explicit GridIndex(double cell_m);

  /// Adds point `id` at `p` (an id may be added more than once).
  void insert(std::uint32_t id, LatLon p);
  /// Removes every point.
  void clear();
  /// Number of points added.
  [[nodiscard]] std::size_t size() const { return m_size; }

  /// Appends to `out` the ids of the points within `radius_m` of `p` (WGS84 geodesic
  /// distance, distance_m), in no particular order. Requires: radius_m >= 0.
  void within(LatLon p, double radius_m, std::vector<std::uint32_t>& out) const;

 private:
  struct Entry {
    std::uint32_t id;
    LatLon p;
  };
  [[nodiscard]] std::int64_t row_of(double lat_deg) const;
  [[nodiscard]] std::int64_t cols_in_row(std::int64_t row) const;
  [[nodiscard]] static std::uint64_t key(std::int64_t row, std::int64_t col);

  double m_cell_deg_lat;
  double m_cell_m;
  std::unordered_map<std::uint64_t, std::vector<Entry>> m_cells;
  std::size_t m_size = 0;
};

}  // namespace darkfleet::geo
