// End-to-end tests of `darkfleet evidence add` and `list`: provenance kept, bad files store
// nothing.
#include <algorithm>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace {

using namespace darkfleet::cli_testing;

std::string feature(const std::string& image, const std::string& time, const std::string& c20) {
  return R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": [130.30, 42.25]},
             "properties": {"area_id": "rajin-yard", "image_id": ")" +
         image + R"(", "acquired": ")" + time +
         R"(", "provider": "Planet", "sensor": "SkySat", "resolution_m": 0.5, "containers_20ft": )" +
         c20 + R"(, "confidence": 0.8, "analyst": "A. Analyst"}})";
}

std::string collection(const std::string& features) {
  return R"({"type": "FeatureCollection", "features": [)" + features + "]}";
}

class Evidence : public CliTest {};

TEST_F(Evidence, AddListAndAddOnce) {
  write("march.geojson", collection(feature("i1", "2024-03-01T02:15:00Z", "240") + ", " +
                                    feature("i2", "2024-03-05T02:10:00Z", "12")));
  const RunResult add = run("evidence add march.geojson --db case.db");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.err.find("2 observations (252 x 20 ft, 0 x 40 ft)"), std::string::npos) << add.err;
  const RunResult again = run("evidence add march.geojson --db case.db");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find("added before"), std::string::npos) << again.err;

  const RunResult list = run("evidence list --db case.db -f json");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  std::vector<nlohmann::json> rows;
  std::istringstream lines(list.out);
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0]["image_id"], "i1");
  EXPECT_EQ(rows[0]["acquired"], "2024-03-01T02:15:00Z");
  EXPECT_EQ(rows[0]["containers_20ft"], 240);
  EXPECT_EQ(rows[0]["analyst"], "A. Analyst");
  EXPECT_EQ(rows[0]["file"], "march.geojson");
  EXPECT_EQ(rows[1]["containers_20ft"], 12);
  const RunResult text = run("evidence list --db case.db --area rajin-yard");
  EXPECT_NE(text.out.find("rajin-yard"), std::string::npos);
  EXPECT_NE(text.out.find("240 x 20ft"), std::string::npos) << text.out;
}

TEST_F(Evidence, ABadFileSaysWhyAndStoresNothing) {
  write("bad.geojson",
        collection(feature("i1", "2024-03-01T02:15:00Z", "240") + ", " + feature("i2", "", "-5")));
  const RunResult bad = run("evidence add bad.geojson --db case.db");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("feature 1: 'acquired' must be a non-empty string"), std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("feature 1: 'containers_20ft' must be a whole number >= 0"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("nothing added"), std::string::npos);
  write(
      "projected.geojson",
      R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:32652"}},
            "features": [)" +
          feature("i3", "2024-03-01T02:15:00Z", "1") + "]}");
  const RunResult crs = run("evidence add projected.geojson --db case.db");
  EXPECT_EQ(crs.exit_code, 1);
  EXPECT_NE(crs.err.find("wrong CRS 'EPSG:32652'"), std::string::npos) << crs.err;
  // the good feature of the bad file was not stored either
  write("empty-check.geojson", collection(feature("i9", "2024-04-01T00:00:00Z", "1")));
  ASSERT_EQ(run("evidence add empty-check.geojson --db case.db").exit_code, 0);
  const RunResult list = run("evidence list --db case.db -f json");
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1) << list.out;
  EXPECT_EQ(run("evidence add missing.geojson --db case.db").exit_code, 1);
  EXPECT_EQ(run("evidence").exit_code, 2);
}

}  // namespace
