#include "darkfleet/geo/ports.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace darkfleet::geo {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("darkfleet-ports-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// The message of the std::runtime_error that load_ports(path) throws.
std::string error_of(const std::string& path) {
  try {
    (void)load_ports(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

const Port* find(const std::vector<Port>& ports, const std::string& id) {
  const auto it =
      std::find_if(ports.begin(), ports.end(), [&](const Port& p) { return p.id == id; });
  return it == ports.end() ? nullptr : &*it;
}

TEST(Ports, CaseFile) {
  const std::vector<Port> ports =
      load_ports(std::string(DARKFLEET_SOURCE_DIR) + "/cases/dprk-russia-2023-2025/case.toml");
  ASSERT_EQ(ports.size(), 4U);
  const Port* rajin = find(ports, "rajin");
  ASSERT_NE(rajin, nullptr);
  EXPECT_EQ(rajin->name, "Rajin (Najin)");
  EXPECT_DOUBLE_EQ(rajin->position.lat_deg, 42.233333);
  EXPECT_DOUBLE_EQ(rajin->position.lon_deg, 130.3);
  EXPECT_FALSE(rajin->area.has_value());
  EXPECT_EQ(rajin->source, "case.toml");
  EXPECT_NE(find(ports, "dunai"), nullptr);
}

TEST(Ports, WorldPortIndex) {
  const std::string path = std::string(DARKFLEET_SHARED_DATA) + "/ports-wpi/UpdatedPub150.csv";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << path << " is absent (the shared data folder, ../shared/data)";
  }
  const std::vector<Port> ports = load_ports(path);
  EXPECT_EQ(ports.size(), 3768U);  // PROVENANCE.md: 3,768 rows
  const Port* najin = find(ports, "60510");
  ASSERT_NE(najin, nullptr);
  EXPECT_EQ(najin->name, "Najin");
  EXPECT_EQ(najin->country, "North Korea");
  EXPECT_NEAR(najin->position.lat_deg, 42.233333, 1e-9);
  EXPECT_NEAR(najin->position.lon_deg, 130.3, 1e-9);
  const Port* vladivostok = find(ports, "60610");
  ASSERT_NE(vladivostok, nullptr);
  EXPECT_EQ(vladivostok->country, "Russia");
  EXPECT_EQ(vladivostok->source, "UpdatedPub150.csv");
}

TEST(Ports, WorldPortIndexLayoutWithQuotesAndErrors) {
  const std::string header =
      "World Port Index Number,Region Name,Main Port Name,Country Code,Latitude,Longitude\n";
  const auto good =
      write_temp("wpi.csv", header + "1,\"A, B\",\"Port \"\"X\"\"\",Nowhere,10.5,-20.25\n");
  const std::vector<Port> ports = load_ports(good);
  ASSERT_EQ(ports.size(), 1U);
  EXPECT_EQ(ports[0].name, "Port \"X\"");
  EXPECT_DOUBLE_EQ(ports[0].position.lon_deg, -20.25);
  const auto bad = write_temp("wpi-bad.csv", header + "1,R,P,C,10,20\n2,R,Q,C,north,20\n");
  EXPECT_NE(error_of(bad).find("wpi-bad.csv:3: bad latitude 'north'"), std::string::npos)
      << error_of(bad);
  const auto range = write_temp("wpi-range.csv", header + "1,R,P,C,95,20\n");
  EXPECT_NE(error_of(range).find(":2: position out of range"), std::string::npos);
  const auto short_row = write_temp("wpi-short.csv", header + "1,R,P\n");
  EXPECT_NE(error_of(short_row).find(":2: expected 6 fields"), std::string::npos);
  for (const auto& p : {good, bad, range, short_row}) std::filesystem::remove(p);
}

TEST(Ports, GeoJsonPointsAndPolygons) {
  const auto path = write_temp("ports.geojson", R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "id": 7, "properties": {"name": "Point port", "country": "RU"},
     "geometry": {"type": "Point", "coordinates": [132.3375, 42.88028]}},
    {"type": "Feature", "properties": {"id": "sq", "name": "Square"},
     "geometry": {"type": "Polygon",
                  "coordinates": [[[130, 40], [130.2, 40], [130.2, 40.1], [130, 40.1], [130, 40]]]}},
    {"type": "Feature", "properties": {"name": "Two basins"},
     "geometry": {"type": "MultiPolygon", "coordinates": [
       [[[0, 0], [0.1, 0], [0.1, 0.1], [0, 0.1], [0, 0]]],
       [[[1, 1], [1.4, 1], [1.4, 1.2], [1, 1.2], [1, 1]]]]}}
  ]})");
  const std::vector<Port> ports = load_ports(path);
  std::filesystem::remove(path);
  ASSERT_EQ(ports.size(), 3U);
  EXPECT_EQ(ports[0].id, "7");
  EXPECT_EQ(ports[0].country, "RU");
  EXPECT_DOUBLE_EQ(ports[0].position.lat_deg, 42.88028);
  EXPECT_FALSE(ports[0].area.has_value());
  EXPECT_EQ(ports[1].id, "sq");
  ASSERT_TRUE(ports[1].area.has_value());
  EXPECT_EQ(ports[1].area->outer.size(), 4U);
  EXPECT_NEAR(ports[1].position.lat_deg, 40.05, 1e-9);
  EXPECT_NEAR(ports[1].position.lon_deg, 130.1, 1e-9);
  // The larger of the two polygons gives area and centroid.
  EXPECT_EQ(ports[2].id, "Two basins");
  EXPECT_NEAR(ports[2].position.lat_deg, 1.1, 1e-9);
  EXPECT_NEAR(ports[2].position.lon_deg, 1.2, 1e-9);
}

TEST(Ports, BadFilesNameFileAndPlace) {
  EXPECT_NE(error_of("/nonexistent/ports.toml").find("/nonexistent/ports.toml: cannot open"),
            std::string::npos);
  const auto empty = write_temp("empty.toml", "\n  \n");
  EXPECT_NE(error_of(empty).find("empty file"), std::string::npos);
  const auto toml = write_temp("bad.toml",
                               "[[ports]]\nid = \"a\"\nposition = [1, 2]\n\n"
                               "[[ports]]\nid = \"b\"\nposition = [1]\n");
  EXPECT_NE(error_of(toml).find("bad.toml:5: port 'b': position must be [lat, lon]"),
            std::string::npos)
      << error_of(toml);
  const auto broken = write_temp("broken.toml", "name = \"x\"\n[[ports]\n");
  EXPECT_NE(error_of(broken).find("broken.toml:2:"), std::string::npos) << error_of(broken);
  const auto none = write_temp("none.toml", "name = \"x\"\n");
  EXPECT_NE(error_of(none).find("no [[ports]] tables"), std::string::npos);
  const auto json =
      write_temp("bad.geojson", "{\"type\": \"FeatureCollection\",\n\"features\": [\n,]}");
  EXPECT_NE(error_of(json).find("bad.geojson:3: bad JSON"), std::string::npos) << error_of(json);
  // A name with an escaped quote, a bracket and a comma must not confuse the line count.
  const auto line =
      write_temp("line.geojson",
                 "{\"type\": \"FeatureCollection\", \"features\": [\n"
                 "  {\"type\": \"Feature\", \"properties\": {\"name\": \"a \\\" ] ,\"},\n"
                 "   \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}},\n"
                 "  {\"type\": \"Feature\", \"properties\": {},\n"
                 "   \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[0, 0], [1, 1]]}}\n"
                 "]}\n");
  EXPECT_NE(error_of(line).find("line.geojson:4: feature 1: geometry LineString"),
            std::string::npos)
      << error_of(line);
  for (const auto& p : {empty, toml, broken, none, json, line}) std::filesystem::remove(p);
}

// Distance to a polygon: 0 inside, else to the nearest point of a ring; compared with the
// WGS84 geodesic to the nearest edge point worked out by hand, 1 m tolerance.
TEST(Ports, DistanceToPolygon) {
  const Polygon square{{{40.0, 130.0}, {40.0, 130.1}, {40.1, 130.1}, {40.1, 130.0}},
                       {{{40.04, 130.04}, {40.04, 130.06}, {40.06, 130.06}, {40.06, 130.04}}}};
  EXPECT_EQ(distance_to_polygon_m({40.02, 130.02}, square), 0);
  EXPECT_EQ(distance_to_polygon_m({40.0, 130.05}, square), 0);  // on the boundary
  // East of the east edge (a meridian) and south of the south edge (a parallel).
  EXPECT_NEAR(distance_to_polygon_m({40.07, 130.2}, square),
              distance_m({40.07, 130.2}, {40.07, 130.1}), 1.0);
  EXPECT_NEAR(distance_to_polygon_m({39.97, 130.03}, square),
              distance_m({39.97, 130.03}, {40.0, 130.03}), 1.0);
  // Beyond a corner: the corner.
  EXPECT_NEAR(distance_to_polygon_m({40.15, 130.15}, square),
              distance_m({40.15, 130.15}, {40.1, 130.1}), 1.0);
  // In the hole: to the hole's nearest edge.
  EXPECT_NEAR(distance_to_polygon_m({40.05, 130.055}, square),
              distance_m({40.05, 130.055}, {40.05, 130.06}), 1.0);
  // On the latitude of a vertex, outside: the crossing count must not see the vertex twice.
  const Polygon diamond{{{0.0, 1.0}, {1.0, 2.0}, {2.0, 1.0}, {1.0, 0.0}}, {}};
  EXPECT_GT(distance_to_polygon_m({1.0, -1.0}, diamond), 100'000);
  EXPECT_EQ(distance_to_polygon_m({1.0, 1.0}, diamond), 0);
  // A small area across the antimeridian.
  const Polygon dateline{{{-17.0, 179.95}, {-17.0, -179.95}, {-16.9, -179.95}, {-16.9, 179.95}},
                         {}};
  EXPECT_EQ(distance_to_polygon_m({-16.95, 180.0}, dateline), 0);
  EXPECT_EQ(distance_to_polygon_m({-16.95, -179.99}, dateline), 0);
  EXPECT_NEAR(distance_to_polygon_m({-16.95, -179.9}, dateline),
              distance_m({-16.95, -179.9}, {-16.95, -179.95}), 1.0);
  // Degenerate: no outer ring.
  EXPECT_TRUE(std::isinf(distance_to_polygon_m({0, 0}, Polygon{{{0, 0}, {1, 1}}, {}})));
}

TEST(Ports, DistanceToPortUsesTheAreaWhenThereIsOne) {
  Port port;
  port.position = {40.05, 130.05};
  const LatLon p{40.05, 130.2};
  EXPECT_EQ(distance_to_port_m(p, port), distance_m(p, port.position));
  port.area = Polygon{{{40.0, 130.0}, {40.0, 130.1}, {40.1, 130.1}, {40.1, 130.0}}, {}};
  EXPECT_NEAR(distance_to_port_m(p, port), distance_m(p, {40.05, 130.1}), 1.0);
  EXPECT_EQ(distance_to_port_m({40.01, 130.01}, port), 0);
}

}  // namespace
}  // namespace darkfleet::geo
