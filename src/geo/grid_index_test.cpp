#include "darkfleet/geo/grid_index.hpp"

#include <algorithm>
#include <random>

#include <gtest/gtest.h>

namespace darkfleet::geo {
namespace {

// The grid answers exactly what a scan of every point answers (geodesic distance).
TEST(GridIndex, WithinMatchesBruteForce) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lat(-89.9, 89.9);
  std::uniform_real_distribution<double> lon(-180, 180);
  std::vector<LatLon> points;
  // Clusters: around the antimeridian, near the pole, in the Sea of Japan, and scattered.
  for (const LatLon centre : {LatLon{60, 179.99}, LatLon{89.5, 0}, LatLon{42, 131}, LatLon{0, 0}}) {
    std::normal_distribution<double> d(0, 0.02);
    for (int i = 0; i < 300; ++i)
      points.push_back({std::clamp(centre.lat_deg + d(rng), -90.0, 90.0), centre.lon_deg + d(rng)});
  }
  for (int i = 0; i < 300; ++i) points.push_back({lat(rng), lon(rng)});
  for (LatLon& p : points) p.lon_deg = p.lon_deg >= 180 ? p.lon_deg - 360 : p.lon_deg;

  GridIndex index(500);
  for (std::uint32_t i = 0; i < points.size(); ++i) index.insert(i, points[i]);
  EXPECT_EQ(index.size(), points.size());
  for (const double radius_m : {100.0, 500.0, 2'000.0}) {
    for (std::uint32_t q = 0; q < points.size(); q += 15) {
      std::vector<std::uint32_t> got;
      index.within(points[q], radius_m, got);
      std::sort(got.begin(), got.end());
      std::vector<std::uint32_t> want;
      for (std::uint32_t i = 0; i < points.size(); ++i) {
        if (distance_m(points[q], points[i]) <= radius_m) want.push_back(i);
      }
      ASSERT_EQ(got, want) << "query " << q << " radius " << radius_m;
    }
  }
  index.clear();
  EXPECT_EQ(index.size(), 0U);
}

}  // namespace
}  // namespace darkfleet::geo
