// End-to-end tests of `darkfleet events`, `anchorages` and `evaluate` on a simulated case.
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace {

using namespace darkfleet::cli_testing;

const std::string k_scenario = std::string(DARKFLEET_SOURCE_DIR) + "/src/events/testdata/dark.toml";

class Events : public CliTest {
 protected:
  void simulate_and_ingest() {
    const RunResult sim = run("simulate '" + k_scenario + "' -o sim --seed 2 --no-progress");
    ASSERT_EQ(sim.exit_code, 0) << sim.err;
    const RunResult ingest = run("ingest sim/traffic.nmea --db case.db");
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  }
};

TEST_F(Events, DetectAndEvaluateAgainstTheTruth) {
  simulate_and_ingest();
  // The kinds this scenario plants and truth.json lists (identity, encounters and loitering
  // are scored on their own scenarios in tests/e2e and src/events).
  const RunResult ev = run("events --db case.db --ports '" + k_scenario +
                           "' --no-coast --kinds port_visit,gap,dark_port_call -o events.json");
  ASSERT_EQ(ev.exit_code, 0) << ev.err;
  EXPECT_NE(ev.err.find("dark_port_call"), std::string::npos) << ev.err;
  const auto doc = nlohmann::json::parse(slurp(path("events.json")));
  EXPECT_EQ(doc["metadata"]["parameter_set"], "gfw");
  ASSERT_GT(doc["total"].get<int>(), 0);
  const auto& first = doc["entries"][0];
  for (const char* key : {"id", "type", "start", "end", "position", "vessel", "confidence", "evidence"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  const RunResult score = run("evaluate --truth sim/truth.json events.json --fail-below 0.95 -f json");
  EXPECT_EQ(score.exit_code, 0) << score.out << score.err;
  const auto scores = nlohmann::json::parse(score.out);
  int kinds = 0;
  for (const auto& s : scores) {
    if (s["kind"] == "gap" || s["kind"] == "port_visit" || s["kind"] == "dark_port_call") {
      ++kinds;
      EXPECT_GE(s["recall"].get<double>(), 0.95) << s.dump();
    }
  }
  EXPECT_EQ(kinds, 3);
}

TEST_F(Events, FormatsParametersAndErrors) {
  simulate_and_ingest();
  for (const char* f : {"csv", "geojson", "kml"}) {
    const RunResult r = run(std::string("events --db case.db --ports '") + k_scenario +
                            "' --no-coast --kinds gap --param gap.min_h=5 -o out." + f);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("gfw+1"), std::string::npos) << r.err;
  }
  EXPECT_NE(slurp(path("out.csv")).find(",gap,"), std::string::npos);
  EXPECT_EQ(run("events --db case.db --param gap.nope=1 -o x.json").exit_code, 2);
  EXPECT_EQ(run("events --db case.db --kinds nonsense -o x.json").exit_code, 2);
  const RunResult params = run("events --list-parameters");
  EXPECT_EQ(params.exit_code, 0);
  EXPECT_NE(params.out.find("port_visit.entry_distance_m\t3000"), std::string::npos) << params.out;
  const RunResult missing = run("events --db case.db --kinds encounter --no-coast -o e.json");
  EXPECT_EQ(missing.exit_code, 0) << missing.err;
}

TEST_F(Events, AnchoragesFromStationaryVessels) {
  simulate_and_ingest();
  // the case's ships stay in port for hours, not 12 h with 20 vessels: lower the bar
  const RunResult r = run("anchorages --db case.db --param anchorage.min_vessels=1 "
                          "--param anchorage.stationary_min_h=6 -f geojson -o anch.geojson");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(slurp(path("anch.geojson")));
  EXPECT_GT(doc["features"].size(), 0U);
  const RunResult strict = run("anchorages --db case.db");
  ASSERT_EQ(strict.exit_code, 0) << strict.err;
  EXPECT_EQ(strict.out, "id,lat,lon,vessels,periods,stationary_h\n");  // no place with 20 vessels
}

}  // namespace
