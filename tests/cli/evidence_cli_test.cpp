// End-to-end tests of `darkfleet evidence`: add and list (provenance kept, bad files store
// nothing), series, and voyages on a simulated shuttle whose truth knows the cargo, feeding
// `darkfleet estimate --db`.
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

const std::string k_testdata = std::string(DARKFLEET_SOURCE_DIR) + "/tests/e2e/testdata";

/// Simulates the test shuttle (seed 1) and takes it through ingest, events and evidence add.
class Shuttle : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    const std::string scenario = "'" + k_testdata + "/cargo-shuttle.toml'";
    ASSERT_EQ(run("simulate " + scenario + " -o sim --seed 1").exit_code, 0);
    ASSERT_EQ(run("ingest sim/traffic.nmea --db case.db").exit_code, 0);
    const RunResult events = run("events --db case.db --ports " + scenario +
                                 " --kinds port_visit,gap,dark_port_call --no-coast -o events.json");
    ASSERT_EQ(events.exit_code, 0) << events.err;
    const RunResult add = run("evidence add sim/imagery.geojson --db case.db");
    ASSERT_EQ(add.exit_code, 0) << add.err;
    const auto truth = nlohmann::json::parse(slurp(path("sim/truth.json")));
    for (const auto& call : truth["port_calls"]) {
      if (call["port"] == "origin") {
        truth_loaded += call["loaded_20ft"].get<double>() + call["loaded_40ft"].get<double>();
      }
    }
  }
  double truth_loaded = 0;
};

TEST_F(Shuttle, SeriesShowEachAreaImageByImage) {
  const RunResult r = run("evidence series --db case.db --area origin");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("origin (", 0), 0U) << r.out;
  EXPECT_EQ(r.out.find("destination-yard"), std::string::npos);
  EXPECT_NE(r.out.find("x 20ft"), std::string::npos);
}

TEST_F(Shuttle, VoyagesCoverTheTrueLoadsAndRestOnImages) {
  const RunResult r = run("evidence voyages --db case.db --events events.json --model '" +
                          k_testdata + "/cargo-shuttle-evidence.toml' -f json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_GT(truth_loaded, 0);
  EXPECT_LE(doc["loaded"]["p5"].get<double>(), truth_loaded);
  EXPECT_GE(doc["loaded"]["p95"].get<double>(), truth_loaded);
  EXPECT_GE(doc["voyages"].size(), 6U);  // 3 in sight, 3 dark
  bool dark = false;
  for (const auto& c : doc["changes"]) {
    ASSERT_EQ(c["images"].size(), 2U);
    EXPECT_EQ(c["images"][0].get<std::string>().rfind("sim-", 0), 0U);
    for (const auto& call : c["calls"]) dark = dark || call["kind"] == "dark_port_call";
  }
  EXPECT_TRUE(dark) << "no change was tied to a dark port call";
  const RunResult text = run("evidence voyages --db case.db --events events.json --model '" +
                             k_testdata + "/cargo-shuttle-evidence.toml'");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("loaded at origins:"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Voyages"), std::string::npos);
}

TEST_F(Shuttle, EstimateTakesTheContainersFromTheEvidence) {
  const std::string k_case = std::string(DARKFLEET_SOURCE_DIR) + "/cases/dprk-russia-2023-2025";
  const RunResult r = run("estimate --case '" + k_case + "' --samples 500 -f json --db case.db "
                          "--events events.json --evidence-model '" + k_testdata +
                          "/cargo-shuttle-evidence.toml'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& a : doc["assumptions"]) {
    if (a["id"] != "containers") continue;
    found = true;
    EXPECT_EQ(a["shape"], "empirical");
    EXPECT_EQ(a["kind"], "derived");
    EXPECT_LT(a["low"].get<double>(), truth_loaded);
    EXPECT_GT(a["high"].get<double>(), truth_loaded);
    EXPECT_NE(a["source"].get<std::string>().find("observations in case.db"), std::string::npos);
  }
  EXPECT_TRUE(found);
  // about 1,300 containers instead of 15,800: the rounds scale down with them
  for (const auto& o : doc["outputs"]) {
    if (o["id"] == "rounds_total") {
      EXPECT_LT(o["p95"].get<double>(), 1e6) << o.dump();
    }
  }
}

TEST_F(Shuttle, BadInputIsAClearError) {
  const std::string model = " --model '" + k_testdata + "/cargo-shuttle-evidence.toml'";
  EXPECT_EQ(run("evidence voyages --db case.db" + model).exit_code, 2);  // --events is required
  const RunResult missing = run("evidence voyages --db case.db --events nope.json" + model);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nope.json"), std::string::npos) << missing.err;
  write("not-events.json", "{\"type\": \"FeatureCollection\"}");
  const RunResult wrong = run("evidence voyages --db case.db --events not-events.json" + model);
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("darkfleet events -f json"), std::string::npos) << wrong.err;
  ASSERT_EQ(run("ingest sim/traffic.nmea --db bare.db").exit_code, 0);
  const RunResult bare = run("evidence voyages --db bare.db --events events.json" + model);
  EXPECT_EQ(bare.exit_code, 1);
  EXPECT_NE(bare.err.find("holds no imagery observations"), std::string::npos) << bare.err;
  const RunResult no_model = run("evidence voyages --db case.db --events events.json --case sim");
  EXPECT_EQ(no_model.exit_code, 1);
  EXPECT_NE(no_model.err.find("has no evidence.toml"), std::string::npos) << no_model.err;
  const RunResult no_events = run("estimate --model '" + k_testdata +
                                  "/cargo-shuttle-evidence.toml' --db case.db");
  EXPECT_NE(no_events.exit_code, 0);
}

}  // namespace
