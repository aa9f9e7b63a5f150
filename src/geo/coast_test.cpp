#include "darkfleet/geo/coast.hpp"

#include <gtest/gtest.h>

namespace darkfleet::geo {
namespace {

// A 1 x 1 degree island at 40-41 N, 130-131 E with a lake in the middle.
Coast island() {
  Polygon p;
  p.outer = {{40, 130}, {40, 131}, {41, 131}, {41, 130}};
  p.holes = {{{40.4, 130.4}, {40.4, 130.6}, {40.6, 130.6}, {40.6, 130.4}}};
  return Coast::from_polygons({p});
}

TEST(Geo, DistanceOfOneDegreeOfLatitude) {
  // One degree of latitude is 111.2 km on the mean sphere (110.6 to 111.7 km on WGS84).
  EXPECT_NEAR(distance_m({40, 130}, {41, 130}), 111'195, 600);
  EXPECT_DOUBLE_EQ(distance_m({40, 130}, {40, 130}), 0);
}

TEST(Coast, PointsOnLandInLakesAndAtSea) {
  const Coast coast = island();
  EXPECT_EQ(coast.polygon_count(), 1U);
  EXPECT_TRUE(coast.on_land({40.2, 130.2}));
  EXPECT_FALSE(coast.on_land({40.5, 130.5}));  // the lake
  EXPECT_FALSE(coast.on_land({39.5, 130.5}));
}

TEST(Coast, DistanceToShoreFromSeaLandAndLake) {
  const Coast coast = island();
  // Half a degree south of the south coast: 0.5 * 111.2 km.
  EXPECT_NEAR(coast.distance_to_shore_m({39.5, 130.5}), 55'600, 300);
  // On land, 0.1 degree of latitude from the lake's south shore.
  EXPECT_NEAR(coast.distance_to_shore_m({40.3, 130.5}), 11'120, 100);
  EXPECT_TRUE(Coast::from_polygons({}).distance_to_shore_m({0, 0}) > 1e300);
}

}  // namespace
}  // namespace darkfleet::geo
