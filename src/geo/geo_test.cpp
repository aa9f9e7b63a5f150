#include "darkfleet/geo/geo.hpp"

#include <gtest/gtest.h>

namespace darkfleet::geo {
namespace {

// Reference values: GeographicLib's GeodSolve and textbook WGS84 arcs. Tolerance 1 mm
// unless said otherwise (Karney's algorithm is good to nanometres).
TEST(Geo, DistanceMatchesWgs84Geodesics) {
  // GeodSolve -i: JFK 40.6 -73.8 to LHR 51.6 -0.5: s12 = 5551759.400 m.
  EXPECT_NEAR(distance_m({40.6, -73.8}, {51.6, -0.5}), 5'551'759.400, 1e-3);
  // One degree of longitude along the equator: a * pi / 180.
  EXPECT_NEAR(distance_m({0, 10}, {0, 11}), 111'319.491, 1e-3);
  // Meridian arc from the equator to 1 N (110 574.389 m) and equator to pole (quadrant).
  EXPECT_NEAR(distance_m({0, 20}, {1, 20}), 110'574.389, 1e-3);
  EXPECT_NEAR(distance_m({0, 0}, {90, 0}), 10'001'965.729, 1e-3);
  EXPECT_DOUBLE_EQ(distance_m({40, 130}, {40, 130}), 0);
}

TEST(Geo, DistanceIsSymmetricAndCrossesTheAntimeridian) {
  const LatLon a{60, 179.9};
  const LatLon b{60, -179.9};
  EXPECT_NEAR(distance_m(a, b), distance_m(b, a), 1e-6);
  // 0.2 degree of longitude at 60 N: about 11.16 km, not half the world.
  EXPECT_NEAR(distance_m(a, b), 11'164, 10);
}

}  // namespace
}  // namespace darkfleet::geo
