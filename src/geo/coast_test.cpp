#include "darkfleet/geo/coast.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <random>
#include <string>
#include <utility>
#include <vector>

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

TEST(Coast, PointsOnLandInLakesAndAtSea) {
  const Coast coast = island();
  EXPECT_EQ(coast.polygon_count(), 1U);
  ASSERT_EQ(coast.polygons().size(), 1U);
  EXPECT_EQ(coast.polygons()[0].outer.size(), 4U);
  EXPECT_EQ(coast.polygons()[0].holes.size(), 1U);
  EXPECT_TRUE(coast.on_land({40.2, 130.2}));
  EXPECT_FALSE(coast.on_land({40.5, 130.5}));  // the lake
  EXPECT_FALSE(coast.on_land({39.5, 130.5}));
}

TEST(Coast, DistanceToShoreFromSeaLandAndLake) {
  const Coast coast = island();
  // Half a degree of latitude south of the south coast: 55.3 km on WGS84 at 40 N; 1 %.
  EXPECT_NEAR(coast.distance_to_shore_m({39.5, 130.5}), distance_m({39.5, 130.5}, {40, 130.5}),
              550);
  // On land, 0.1 degree of latitude from the lake's south shore.
  EXPECT_NEAR(coast.distance_to_shore_m({40.3, 130.5}), 11'100, 110);
  EXPECT_TRUE(Coast::from_polygons({}).distance_to_shore_m({0, 0}) > 1e300);
  EXPECT_FALSE(Coast::from_polygons({}).on_land({0, 0}));
}

TEST(Coast, FarFromAnyShoreIsALowerBoundOf200Nm) {
  const Coast coast = island();
  EXPECT_GE(coast.distance_to_shore_m({0, -150}), 200 * k_m_per_nm);
  EXPECT_LE(coast.distance_to_shore_m({0, -150}), distance_m({0, -150}, {40, 130}));
}

// Reference: even-odd test and nearest point over every edge, no index.
struct Brute {
  std::vector<Polygon> land;
  bool on_land(LatLon p) const {
    bool in = false;
    const auto ring_in = [&](const Ring& ring) {
      for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const LatLon& a = ring[i];
        const LatLon& b = ring[j];
        if ((a.lat_deg > p.lat_deg) != (b.lat_deg > p.lat_deg)) {
          const double x = a.lon_deg + (p.lat_deg - a.lat_deg) * (b.lon_deg - a.lon_deg) /
                                           (b.lat_deg - a.lat_deg);
          if (p.lon_deg < x) in = !in;
        }
      }
    };
    for (const Polygon& polygon : land) {
      ring_in(polygon.outer);
      for (const Ring& hole : polygon.holes) ring_in(hole);
    }
    return in;
  }
  // Geodesic distance to the nearest point of any edge (straight in lon/lat): a ternary
  // search along each edge that could beat the best so far.
  double distance_m_to(LatLon p) const {
    double best = std::numeric_limits<double>::infinity();
    const auto along = [](LatLon a, LatLon b, double t) {
      return LatLon{a.lat_deg + t * (b.lat_deg - a.lat_deg),
                    a.lon_deg + t * (b.lon_deg - a.lon_deg)};
    };
    const auto ring_d = [&](const Ring& ring) {
      for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const LatLon a = ring[j];
        const LatLon b = ring[i];
        const double da = distance_m(p, a);
        const double db = distance_m(p, b);
        best = std::min({best, da, db});
        if ((da + db - distance_m(a, b)) / 2 > best) continue;  // no point of it is nearer
        double lo = 0;
        double hi = 1;
        for (int k = 0; k < 60; ++k) {
          const double m1 = lo + (hi - lo) / 3;
          const double m2 = hi - (hi - lo) / 3;
          if (distance_m(p, along(a, b, m1)) < distance_m(p, along(a, b, m2))) {
            hi = m2;
          } else {
            lo = m1;
          }
        }
        best = std::min(best, distance_m(p, along(a, b, (lo + hi) / 2)));
      }
    };
    for (const Polygon& polygon : land) {
      ring_d(polygon.outer);
      for (const Ring& hole : polygon.holes) ring_d(hole);
    }
    return best;
  }
};

// Random star-shaped islands (with many edges per grid cell) against the brute force.
TEST(Coast, IndexAgreesWithBruteForceOnRandomIslands) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  Brute brute;
  for (int k = 0; k < 6; ++k) {
    const LatLon centre{30 + 8 * u(rng), 120 + 8 * u(rng)};
    Polygon polygon;
    const int n = 200 + static_cast<int>(400 * u(rng));
    for (int i = 0; i < n; ++i) {
      const double angle = 2 * std::numbers::pi * i / n;
      const double r = 0.3 + 0.5 * u(rng);
      polygon.outer.push_back(
          {centre.lat_deg + r * std::sin(angle), centre.lon_deg + r * std::cos(angle)});
    }
    brute.land.push_back(std::move(polygon));
  }
  const Coast coast = Coast::from_polygons(brute.land);
  int disagreements = 0;
  for (int i = 0; i < 400; ++i) {
    const LatLon p{29 + 11 * u(rng), 119 + 11 * u(rng)};
    if (coast.on_land(p) != brute.on_land(p)) ++disagreements;
    if (i % 8 == 0) {
      const double want = brute.distance_m_to(p);
      const double got = coast.distance_to_shore_m(p);
      if (want > 200 * k_m_per_nm) {  // beyond the search radius: a lower bound
        EXPECT_GE(got, 200 * k_m_per_nm);
        EXPECT_LE(got, want);
      } else {
        // 1 %, plus 20 m for the scale of the lon/lat straight edges.
        EXPECT_NEAR(got, want, 0.01 * want + 20) << p.lat_deg << " " << p.lon_deg;
      }
    }
  }
  EXPECT_EQ(disagreements, 0);
}

// near_shore() searches only around its radius; it must answer as the full search does,
// also for points just inside and just outside the radius, at sea and on land.
TEST(Coast, NearShoreAgreesWithDistanceToShore) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Polygon> land;
  for (int k = 0; k < 4; ++k) {
    const LatLon centre{-60 + 40 * k + 5 * u(rng), 120 + 5 * u(rng)};
    Polygon polygon;
    const int n = 300;
    for (int i = 0; i < n; ++i) {
      const double angle = 2 * std::numbers::pi * i / n;
      const double r = 0.2 + 0.3 * u(rng);
      polygon.outer.push_back(
          {centre.lat_deg + r * std::sin(angle), centre.lon_deg + r * std::cos(angle)});
    }
    land.push_back(std::move(polygon));
  }
  land.push_back({{{81, 10}, {81, 14}, {83, 14}, {83, 10}}, {}});  // beyond 80 N: the fallback
  const Coast coast = Coast::from_polygons(land);
  int near = 0;
  int far = 0;
  for (int i = 0; i < 4000; ++i) {
    const Polygon& island = land[static_cast<std::size_t>(i) % land.size()];
    const auto vertex =
        static_cast<std::size_t>(u(rng) * 0.999 * static_cast<double>(island.outer.size()));
    const LatLon v = island.outer[vertex];
    const LatLon p{v.lat_deg + 0.06 * (u(rng) - 0.5), v.lon_deg + 0.06 * (u(rng) - 0.5)};
    const double d = coast.distance_to_shore_m(p);
    for (const double radius : {500.0, 2000.0, d, d * 0.999, d * 1.001, 12000.0}) {
      const bool want = d < radius;
      (want ? near : far) += 1;
      ASSERT_EQ(coast.near_shore(p, radius), want)
          << p.lat_deg << " " << p.lon_deg << " radius " << radius << " distance " << d;
    }
  }
  EXPECT_GT(near, 1000);
  EXPECT_GT(far, 1000);
  EXPECT_FALSE(coast.near_shore({0, 0}, 2000));  // no edge anywhere near
  EXPECT_FALSE(Coast::from_polygons({}).near_shore({40, 130}, 1e6));
}

// Natural Earth splits land at the antimeridian: the split is no shore.
TEST(Coast, AntimeridianSplitIsNoShore) {
  Polygon west;  // 175-180 E
  west.outer = {{60, 175}, {60, 180}, {61, 180}, {61, 175}};
  Polygon east;  // 180-175 W
  east.outer = {{60, -180}, {60, -175}, {61, -175}, {61, -180}};
  const Coast coast = Coast::from_polygons({west, east});
  EXPECT_TRUE(coast.on_land({60.5, 179.99}));
  EXPECT_TRUE(coast.on_land({60.5, -179.99}));
  EXPECT_TRUE(coast.on_land({60.5, 180.0}));  // on the cut itself, both spellings
  EXPECT_TRUE(coast.on_land({60.5, -180.0}));
  EXPECT_FALSE(coast.on_land({61.5, 179.99}));
  EXPECT_FALSE(coast.on_land({61.5, 180.0}));
  // 0.5 degree from the north and south coasts (1 %), not 0.01 degree from the split.
  const double half_degree_m = distance_m({60.5, 0}, {61, 0});
  EXPECT_NEAR(coast.distance_to_shore_m({60.5, 179.99}), half_degree_m, 0.01 * half_degree_m);
  EXPECT_NEAR(coast.distance_to_shore_m({60.5, -179.99}), half_degree_m, 0.01 * half_degree_m);
  // At sea north of the pair, across the line: 0.2 degree of latitude.
  EXPECT_NEAR(coast.distance_to_shore_m({61.2, -179.999}), distance_m({61.2, 0}, {61, 0}), 250);
}

// world-atlas stitches land across the antimeridian: the same land, one ring.
TEST(Coast, RingsAcrossTheAntimeridian) {
  Polygon crossing;  // 175 E to 175 W
  crossing.outer = {{60, 175}, {60, -175}, {61, -175}, {61, 175}};
  // A ring around the south pole (Antarctica), crossing the antimeridian once.
  Polygon south;
  for (int lon = -170; lon <= 180; lon += 10)
    south.outer.push_back({-70, static_cast<double>(lon)});
  south.outer.push_back({-70, -175});
  const Coast coast = Coast::from_polygons({crossing, south});
  for (const double lon : {179.99, -179.99, 176.0, -176.0}) {
    EXPECT_TRUE(coast.on_land({60.5, lon})) << lon;
    EXPECT_FALSE(coast.on_land({61.5, lon})) << lon;
    if (std::abs(lon) > 179) {  // nearer the north and south coasts than the 175 meridians
      EXPECT_NEAR(coast.distance_to_shore_m({60.5, lon}), distance_m({60.5, 0}, {61, 0}), 560);
    }
    EXPECT_TRUE(coast.on_land({-80, lon})) << lon;
    EXPECT_FALSE(coast.on_land({-60, lon})) << lon;
  }
  EXPECT_TRUE(coast.on_land({-89, 0}));
  EXPECT_TRUE(coast.on_land({60.5, 180.0}));
  EXPECT_TRUE(coast.on_land({-80, -180.0}));
  EXPECT_FALSE(coast.on_land({0, 179.99}));
  EXPECT_FALSE(coast.on_land({60.5, 170}));
}

TEST(Coast, LoadReportsBadFiles) {
  const auto dir = std::filesystem::temp_directory_path();
  try {
    (void)Coast::load((dir / "darkfleet-no-such-coast.json").string());
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("darkfleet-no-such-coast.json"), std::string::npos);
  }
  const auto garbage = dir / "darkfleet-coast-garbage.json";
  std::ofstream(garbage) << "{ not json";
  EXPECT_THROW((void)Coast::load(garbage.string()), std::runtime_error);
  const auto points = dir / "darkfleet-coast-points.geojson";
  std::ofstream(points) << R"({"type":"FeatureCollection","features":[{"type":"Feature",)"
                           R"("properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]})";
  try {
    (void)Coast::load(points.string());
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no polygons"), std::string::npos) << e.what();
  }
  std::filesystem::remove(garbage);
  std::filesystem::remove(points);
}

TEST(Coast, LoadsGeoJsonGeoPackageAndShapefile) {
  const auto path = std::filesystem::temp_directory_path() / "darkfleet-coast-island.geojson";
  std::ofstream(path)
      << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
         R"("geometry":{"type":"MultiPolygon","coordinates":[[[[130,40],[131,40],)"
         R"([131,41],[130,41],[130,40]],[[130.4,40.4],[130.4,40.6],[130.6,40.6],)"
         R"([130.6,40.4],[130.4,40.4]]]]}}]})";
  const Coast coast = Coast::load(path.string());
  EXPECT_EQ(coast.polygon_count(), 1U);
  EXPECT_TRUE(coast.on_land({40.2, 130.2}));
  EXPECT_FALSE(coast.on_land({40.5, 130.5}));
  // The same land as GeoPackage and Shapefile, converted by GDAL's ogr2ogr (gdal-bin).
  for (const auto& [driver, extension] : {std::pair{"GPKG", ".gpkg"}, {"ESRI Shapefile", ".shp"}}) {
    const auto converted = std::filesystem::temp_directory_path() /
                           (std::string("darkfleet-coast-island") + extension);
    std::filesystem::remove(converted);
    const std::string command = std::string("ogr2ogr -f '") + driver + "' '" + converted.string() +
                                "' '" + path.string() + "' 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;  // NOLINT(concurrency-mt-unsafe)
    const Coast other = Coast::load(converted.string());
    EXPECT_EQ(other.polygon_count(), 1U) << driver;
    EXPECT_TRUE(other.on_land({40.2, 130.2})) << driver;
    EXPECT_FALSE(other.on_land({40.5, 130.5})) << driver;
    EXPECT_NEAR(other.distance_to_shore_m({39.5, 130.5}), coast.distance_to_shore_m({39.5, 130.5}),
                1e-6);
    for (const char* ext : {".gpkg", ".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
      std::filesystem::remove(converted.parent_path() /
                              (std::string("darkfleet-coast-island") + ext));
    }
  }
  std::filesystem::remove(path);
}

// --- the installed Natural Earth 1:10m land (scripts/setup) -------------------------------

const Coast* natural_earth() {
  static const Coast* coast = []() -> const Coast* {
    // Skip only when the file is absent; a file that fails to load fails the tests.
    if (!std::filesystem::exists(Coast::default_path())) return nullptr;
    return new Coast(Coast::load_default());
  }();
  return coast;
}

#define REQUIRE_COASTLINE()                                                    \
  if (natural_earth() == nullptr)                                              \
  GTEST_SKIP() << "the coastline is not installed (run scripts/setup, or set " \
                  "DARKFLEET_COASTLINE)"

TEST(NaturalEarth, VladivostokCityAndWater) {
  REQUIRE_COASTLINE();
  const Coast& coast = *natural_earth();
  EXPECT_GT(coast.polygon_count(), 1000U);
  // City centre (Svetlanskaya street) and the Muravyov-Amursky peninsula further north.
  // These points were also checked against the unquantized ne_10m_land (shared data).
  EXPECT_TRUE(coast.on_land({43.1170, 131.8900}));
  EXPECT_TRUE(coast.on_land({43.2000, 131.9500}));
  // Amur Bay west of the city, Ussuri Bay east of the peninsula.
  EXPECT_FALSE(coast.on_land({43.0500, 131.7500}));
  EXPECT_FALSE(coast.on_land({43.1000, 132.2000}));
  // Amur Bay is at most 20 km wide here: the shore is within 10 km.
  EXPECT_LT(coast.distance_to_shore_m({43.0500, 131.7500}), 10'000);
}

TEST(NaturalEarth, PortsLieOnTheShore) {
  REQUIRE_COASTLINE();
  const Coast& coast = *natural_earth();
  // WPI reference points; ports-wpi/PROVENANCE.md measured 0.3-0.9 km to the full 1:10m
  // coastline; world-atlas's quantization adds up to about 0.2 km.
  EXPECT_LT(coast.distance_to_shore_m({42.233333, 130.3}), 2'000);          // Rajin
  EXPECT_LT(coast.distance_to_shore_m({43.10888889, 131.8883333}), 2'000);  // Vladivostok
  EXPECT_LT(coast.distance_to_shore_m({42.75, 133.083333}), 2'000);         // Vostochny
}

TEST(NaturalEarth, SeaOfJapanAndOpenOcean) {
  REQUIRE_COASTLINE();
  const Coast& coast = *natural_earth();
  // Mid Sea of Japan, 40 N 135 E: at sea; the nearest coast is Honshu's (Noto, Oga), about
  // 330 km away (the same query on the unquantized ne_10m_land of the shared data).
  EXPECT_FALSE(coast.on_land({40, 135}));
  const double d = coast.distance_to_shore_m({40, 135});
  EXPECT_GT(d, 250'000);
  EXPECT_LT(d, 370'400);
  // Equatorial Pacific, 0 N 150 W: the nearest islands are over 600 km away: lower bound.
  EXPECT_FALSE(coast.on_land({0, -150}));
  EXPECT_GE(coast.distance_to_shore_m({0, -150}), 200 * k_m_per_nm);
  // Deep inland: Mongolia; Paris.
  EXPECT_TRUE(coast.on_land({47.9, 106.9}));
  EXPECT_TRUE(coast.on_land({48.85, 2.35}));
  EXPECT_GT(coast.distance_to_shore_m({47.9, 106.9}), 370'000);
}

TEST(NaturalEarth, LakesFollowNaturalEarthLand) {
  REQUIRE_COASTLINE();
  const Coast& coast = *natural_earth();
  // Natural Earth's land has the Caspian Sea as water (a hole) but the Great Lakes as land
  // (they are in its separate lakes layer). Both are what ne_10m_land draws.
  EXPECT_FALSE(coast.on_land({42.0, 51.0}));  // Caspian Sea
  EXPECT_TRUE(coast.on_land({47.7, -87.5}));  // Lake Superior
}

TEST(NaturalEarth, Antimeridian) {
  REQUIRE_COASTLINE();
  const Coast& coast = *natural_earth();
  // Chukotka spans the antimeridian: land on both sides, and the split is no shore.
  EXPECT_TRUE(coast.on_land({67.5, 179.99}));
  EXPECT_TRUE(coast.on_land({67.5, -179.99}));
  EXPECT_TRUE(coast.on_land({67.5, 180.0}));
  // Antarctica (a ring around the south pole in world-atlas), on both sides of the line.
  EXPECT_TRUE(coast.on_land({-85, 180.0}));
  EXPECT_TRUE(coast.on_land({-80, 0}));
  EXPECT_TRUE(coast.on_land({-85, -179.5}));
  EXPECT_FALSE(coast.on_land({-60, 180.0}));
  EXPECT_GT(coast.distance_to_shore_m({67.5, 179.99}), 20'000);
  EXPECT_NEAR(coast.distance_to_shore_m({67.5, 179.999}),
              coast.distance_to_shore_m({67.5, -179.999}), 500);
}

}  // namespace
}  // namespace darkfleet::geo
