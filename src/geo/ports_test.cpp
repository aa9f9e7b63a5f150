#include "darkfleet/geo/ports.hpp"

#include <algorithm>
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

}  // namespace
}  // namespace darkfleet::geo
