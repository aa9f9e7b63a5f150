// End-to-end tests of `darkfleet analyze` and `darkfleet report` on a simulated shuttle: the
// report folder, the summary, the incremental reruns and bad input.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace {

using namespace darkfleet::cli_testing;

const std::string k_scenario =
    "'" + std::string(DARKFLEET_SOURCE_DIR) + "/tests/e2e/testdata/cargo-shuttle.toml'";

class Analyze : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(run("simulate " + k_scenario + " -o sim --seed 1").exit_code, 0);
  }
  RunResult analyze(const std::string& inputs) {
    return run("analyze " + inputs + " --ports " + k_scenario +
               " --no-coast --db case.db -o report --no-progress");
  }
};

TEST_F(Analyze, WritesTheReportFolderAndSaysWhatItFound) {
  const RunResult r = analyze("sim");  // a folder: traffic.nmea and imagery.geojson
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* file : {"report/index.html", "report/report.json", "report/events.json"}) {
    EXPECT_TRUE(std::filesystem::exists(path(file))) << file;
  }
  EXPECT_NE(r.out.find("inputs: 2 new files"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dark port call candidates"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("report: report/index.html"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("left out truth.json"), std::string::npos) << r.err;
  const auto doc = nlohmann::json::parse(slurp(path("report/report.json")));
  EXPECT_EQ(doc["report"]["format"], "darkfleet-report");
  EXPECT_FALSE(doc["watched"].empty());
  EXPECT_EQ(doc["events"], nlohmann::json::parse(slurp(path("report/events.json"))));
  EXPECT_EQ(doc["data_quality"]["observations"].get<int>() > 0, true);
  const std::string html = slurp(path("report/index.html"));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(html.find("dark_port_call"), std::string::npos);
}

TEST_F(Analyze, ASecondRunWithNothingNewKeepsTheReport) {
  ASSERT_EQ(analyze("sim/traffic.nmea sim/imagery.geojson").exit_code, 0);
  const auto written = std::filesystem::last_write_time(path("report/index.html"));
  const std::string before = slurp(path("report/report.json"));
  const RunResult again = analyze("sim/traffic.nmea sim/imagery.geojson");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("up to date"), std::string::npos) << again.out;
  EXPECT_EQ(std::filesystem::last_write_time(path("report/index.html")), written);
  EXPECT_EQ(slurp(path("report/report.json")), before);
  // A changed parameter is new input: the report is made again.
  const RunResult changed = run("analyze sim/traffic.nmea --ports " + k_scenario +
                                " --no-coast --db case.db -o report --no-progress "
                                "--param gap.min_h=9");
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_EQ(changed.out.find("up to date"), std::string::npos) << changed.out;
  EXPECT_NE(changed.out.find("0 new files"), std::string::npos) << changed.out;
}

TEST_F(Analyze, ANewFileIsIngestedAloneAndTheReportRemade) {
  ASSERT_EQ(analyze("sim/traffic.nmea").exit_code, 0);
  const RunResult more = analyze("sim/traffic.nmea sim/imagery.geojson");
  ASSERT_EQ(more.exit_code, 0) << more.err;
  EXPECT_NE(more.out.find("inputs: 1 new file (0 records), 1 already in case.db"),
            std::string::npos)
      << more.out;
  EXPECT_NE(more.err.find("imagery observations"), std::string::npos) << more.err;
  EXPECT_EQ(more.err.find("traffic.nmea:"), std::string::npos) << more.err;  // not read again
}

TEST_F(Analyze, ReportGivesTheSameContentAsData) {
  ASSERT_EQ(analyze("sim").exit_code, 0);
  const RunResult r = run("report --db case.db --ports " + k_scenario +
                          " --no-coast -f json -o -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto mine = nlohmann::json::parse(r.out);
  auto theirs = nlohmann::json::parse(slurp(path("report/report.json")));
  // The fingerprint is analyze's record of its inputs; everything else is the same.
  mine["report"].erase("fingerprint");
  theirs["report"].erase("fingerprint");
  EXPECT_EQ(mine, theirs);
  const RunResult html = run("report --db case.db --ports " + k_scenario +
                             " --no-coast -o page.html");
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_EQ(slurp(path("page.html")).rfind("<!DOCTYPE html>", 0), 0U);
}

TEST_F(Analyze, BadInputIsRefusedWithAReason) {
  RunResult r = analyze("no-such.nmea");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no-such.nmea: no such file or folder"), std::string::npos) << r.err;
  std::filesystem::create_directories(path("empty"));
  write("empty/notes.md", "nothing here");
  r = analyze("empty");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("holds no input files"), std::string::npos) << r.err;
  r = analyze("sim/imagery.geojson");  // no AIS and no database yet
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no AIS input"), std::string::npos) << r.err;
  write("garbage.nmea", "this is not AIS\nnor this\n");
  r = analyze("garbage.nmea");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_FALSE(std::filesystem::exists(path("report/index.html")));
  r = run("report --db missing.db -o x.html");
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
