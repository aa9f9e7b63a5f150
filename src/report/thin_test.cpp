#include "thin.hpp"

#include <gtest/gtest.h>

namespace darkfleet::report {
namespace {

TEST(ThinPolyline, KeepsFirstAndLastAndAtMostTheLimit) {
  std::vector<geo::LatLon> line;
  for (int i = 0; i < 1001; ++i) line.push_back({i * 0.01, 0});
  const auto thinned = thin_polyline(line, 11);
  ASSERT_EQ(thinned.size(), 11U);
  EXPECT_EQ(thinned.front(), line.front());
  EXPECT_EQ(thinned.back(), line.back());
  EXPECT_DOUBLE_EQ(thinned[5].lat_deg, line[500].lat_deg);  // evenly by index
  EXPECT_EQ(thin_polyline(line, 5000).size(), line.size());  // short lines stay whole
}

TEST(ThinRing, DropsVerticesCloserThanTheStep) {
  const std::vector<geo::LatLon> ring = {{0, 0}, {0, 0.001}, {0, 0.002}, {0, 1}, {1, 1}, {1, 0}};
  const auto thinned = thin_ring(ring, 0.01);
  ASSERT_EQ(thinned.size(), 4U);
  EXPECT_EQ(thinned[1], (geo::LatLon{0, 1}));
}

}  // namespace
}  // namespace darkfleet::report
