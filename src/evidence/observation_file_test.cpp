#include "darkfleet/evidence/observation_file.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace darkfleet::evidence {
namespace {

/// One feature with `properties` (JSON members) and a Point at Rajin.
std::string file_with(
    const std::string& properties,
    const std::string& geometry = R"({"type": "Point", "coordinates": [130.30, 42.25]})",
    const std::string& top = "") {
  return R"({"type": "FeatureCollection", )" + top +
         R"("features": [{"type": "Feature", "geometry": )" + geometry + R"(, "properties": {)" +
         properties + "}}]}";
}

const std::string k_good =
    R"("area_id": "rajin-yard", "image_id": "20240301_021500_ssc1", "acquired": "2024-03-01T02:15:00Z",
       "provider": "Planet", "sensor": "SkySat", "resolution_m": 0.5, "containers_20ft": 240,
       "containers_40ft": 0, "confidence": 0.8, "analyst": "A. Analyst", "note": "east stacks")";

/// The message parse_observation_file throws for `text`, or "".
std::string error_of(const std::string& text) {
  try {
    parse_observation_file(text, "obs.geojson");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(ObservationFile, AGoodFeature) {
  const auto obs = parse_observation_file(file_with(k_good), "obs.geojson");
  ASSERT_EQ(obs.size(), 1U);
  const auto& o = obs[0];
  EXPECT_EQ(o.area_id, "rajin-yard");
  EXPECT_EQ(o.image_id, "20240301_021500_ssc1");
  EXPECT_EQ(o.acquired_ms, 1709259300000);
  EXPECT_EQ(o.provider, "Planet");
  EXPECT_EQ(o.sensor, "SkySat");
  EXPECT_DOUBLE_EQ(o.resolution_m, 0.5);
  EXPECT_EQ(o.containers_20ft, 240);
  EXPECT_EQ(o.containers_40ft, 0);
  EXPECT_DOUBLE_EQ(o.confidence, 0.8);
  EXPECT_EQ(o.analyst, "A. Analyst");
  EXPECT_DOUBLE_EQ(o.lat_deg, 42.25);
  EXPECT_DOUBLE_EQ(o.lon_deg, 130.30);
  EXPECT_EQ(o.file, "obs.geojson");
}

TEST(ObservationFile, StacksGiveTheCountsAndAPolygonItsCentre) {
  const std::string props =
      R"("area_id": "dunai", "image_id": "i2", "acquired": "2024-03-04T01:00:00Z", "provider": "Maxar",
         "resolution_m": 0.3, "confidence": 0.6, "analyst": "B",
         "stacks": [{"size": 20, "rows": 4, "bays": 10, "tiers": 3}, {"size": 40, "rows": 2, "bays": 5, "tiers": 2},
                    {"size": 20, "rows": 1, "bays": 2, "tiers": 1}])";
  const auto obs = parse_observation_file(
      file_with(
          props,
          R"({"type": "Polygon", "coordinates": [[[132.0, 42.0], [132.2, 42.0], [132.2, 42.2], [132.0, 42.2], [132.0, 42.0]]]})"),
      "obs.geojson");
  ASSERT_EQ(obs.size(), 1U);
  EXPECT_EQ(obs[0].containers_20ft, 4 * 10 * 3 + 2);
  EXPECT_EQ(obs[0].containers_40ft, 2 * 5 * 2);
  EXPECT_NEAR(obs[0].lat_deg, 42.1, 1e-9);
  EXPECT_NEAR(obs[0].lon_deg, 132.1, 1e-9);
  EXPECT_NE(obs[0].stacks_json.find("\"rows\":4"), std::string::npos);
  // counts given beside the stacks must agree with them
  EXPECT_NE(
      error_of(file_with(props + R"(, "containers_20ft": 100)")).find("disagree with the stacks"),
      std::string::npos);
}

TEST(ObservationFile, WrongCrsAndProjectedCoordinatesAreErrors) {
  const std::string crs =
      R"("crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, )";
  const std::string wrong =
      error_of(file_with(k_good, R"({"type": "Point", "coordinates": [130.30, 42.25]})", crs));
  EXPECT_NE(wrong.find("wrong CRS 'urn:ogc:def:crs:EPSG::3857'"), std::string::npos) << wrong;
  EXPECT_NE(wrong.find("ogr2ogr"), std::string::npos);
  const std::string wgs84 =
      R"("crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, )";
  EXPECT_EQ(
      error_of(file_with(k_good, R"({"type": "Point", "coordinates": [130.30, 42.25]})", wgs84)),
      "");
  const std::string metres =
      error_of(file_with(k_good, R"({"type": "Point", "coordinates": [14505000.0, 5200000.0]})"));
  EXPECT_NE(metres.find("projected CRS"), std::string::npos) << metres;
}

TEST(ObservationFile, MissingTimesNegativeCountsAndOtherProblemsAreAllListed) {
  const std::string bad =
      R"("area_id": "rajin-yard", "image_id": "x", "provider": "Planet", "resolution_m": -1,
         "containers_20ft": -5, "containers_40ft": 2.5, "confidence": 1.5, "analyst": "")";
  const std::string e = error_of(file_with(bad));
  EXPECT_NE(e.find("nothing added"), std::string::npos) << e;
  for (const char* want :
       {"'acquired' is missing", "'resolution_m' must be > 0",
        "'containers_20ft' must be a whole number >= 0", "'containers_40ft' must be a whole number",
        "'confidence' must be between 0 and 1", "'analyst' must be a non-empty string"}) {
    EXPECT_NE(e.find(want), std::string::npos) << want << "\n" << e;
  }
  EXPECT_NE(
      error_of(
          file_with(R"("area_id": "a", "image_id": "x", "acquired": "yesterday", "provider": "P",
                                  "resolution_m": 1, "containers_20ft": 1, "confidence": 0.5, "analyst": "A")"))
          .find("'acquired' \"yesterday\" is not an ISO 8601 UTC time"),
      std::string::npos);
  EXPECT_NE(
      error_of(
          file_with(
              R"("area_id": "a", "image_id": "x", "acquired": "2024-01-01T00:00:00Z", "provider": "P",
                                  "resolution_m": 1, "confidence": 0.5, "analyst": "A")"))
          .find("give containers_20ft / containers_40ft or stacks"),
      std::string::npos);
  EXPECT_NE(
      error_of(file_with(k_good, R"({"type": "LineString", "coordinates": [[1, 2], [3, 4]]})"))
          .find("must be a Point or Polygon"),
      std::string::npos);
  EXPECT_NE(error_of("{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(error_of(R"({"type": "Feature"})").find("not a GeoJSON FeatureCollection"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"type": "FeatureCollection", "features": []})").find("no features"),
            std::string::npos);
}

}  // namespace
}  // namespace darkfleet::evidence
