// The bundled case through `darkfleet analyze` (tests/e2e/analyze_case.sh ran it): the report
// shows what the simulation planted, and the second run did no new work.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path k_out = DARKFLEET_ANALYZE_OUT;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class AnalyzeCase : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(k_out / "report/report.json")) << "analyze_case.sh did not run";
    truth = json::parse(slurp(k_out / "sim/truth.json"));
    report = json::parse(slurp(k_out / "report/report.json"));
    for (const auto& v : truth["vessels"]) mmsi_of[v["id"]] = v["mmsi"];

  }
  json truth;
  json report;
  std::map<std::string, std::uint32_t> mmsi_of;

  // The vessel's first position in the report's watched list (far future when not watched).
  [[nodiscard]] std::int64_t first_heard(std::uint32_t mmsi) const {
    for (const auto& w : report["watched"]) {
      if (w["mmsi"] == mmsi && !w["ais_heard"].empty()) {
        return w["first_seen_ms"].get<std::int64_t>();
      }
    }
    return std::numeric_limits<std::int64_t>::max();
  }
};

// Every loading at Rajin happened with AIS off: each must show as a dark port call candidate
// at Rajin for that vessel, over a window holding the true call, and the vessel be watched.
TEST_F(AnalyzeCase, EveryDarkLoadingAtRajinIsACandidateAndItsVesselWatched) {
  int loadings = 0;
  for (const auto& call : truth["port_calls"]) {
    if (call["port"] != "rajin" || call["loaded_20ft"].get<int>() == 0) continue;
    const std::uint32_t mmsi = mmsi_of.at(call["vessel"]);
    const std::int64_t arrive = call["arrive_ms"];
    const std::int64_t depart = call["depart_ms"];
    // A ship dark since before the data began leaves no gap to find: its calls before it was
    // first heard are out of AIS's reach (the yard imagery still counts them).
    if (arrive < first_heard(mmsi)) continue;
    ++loadings;
    bool found = false;
    for (const auto& e : report["events"]["entries"]) {
      if (e["type"] != "dark_port_call" || e["port"]["id"] != "rajin") continue;
      if (e["vessel"]["mmsi"] != mmsi) continue;
      found = found || (e["start_ms"].get<std::int64_t>() <= arrive &&
                        e["end_ms"].get<std::int64_t>() >= depart);
    }
    EXPECT_TRUE(found) << call["vessel"] << " at rajin " << call["arrive"];
    bool watched = false;
    for (const auto& w : report["watched"]) watched = watched || w["mmsi"] == mmsi;
    EXPECT_TRUE(watched) << call["vessel"];
  }
  EXPECT_GE(loadings, 5);
}

TEST_F(AnalyzeCase, TheEvidenceHoldsTheTrueLoadingAndTheEstimateItsSources) {
  double loaded = 0;
  for (const auto& call : truth["port_calls"]) {
    if (call["port"] == "rajin") loaded += call["loaded_20ft"].get<double>() + call["loaded_40ft"].get<double>();
  }
  const auto& interval = report["evidence"]["loaded"];
  EXPECT_LE(interval["p5"].get<double>(), loaded);
  EXPECT_GE(interval["p95"].get<double>(), loaded);
  const auto& est = report["estimate"];
  ASSERT_TRUE(est.is_object());
  EXPECT_TRUE(est["containers_from_evidence"].get<bool>());
  for (const auto& a : est["assumptions"]) {
    if (a["pedigree"] != "assumption") {
      EXPECT_FALSE(a["source"].get<std::string>().empty()) << a["id"];
    }
  }
}

TEST_F(AnalyzeCase, TheHtmlPageNamesTheShipsAndFetchesNothing) {
  const std::string html = slurp(k_out / "report/index.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  for (const char* name : {"ANGARA", "MARIA", "MAIA-1", "LADY R"}) {
    EXPECT_NE(html.find(name), std::string::npos) << name;
  }
  EXPECT_NE(html.find("SIMULATION built from public reporting"), std::string::npos);
  EXPECT_NE(html.find("How this number was made"), std::string::npos);
  EXPECT_NE(html.find("class=\"land\""), std::string::npos) << "no coastline drawn";
  for (const char* forbidden : {"<script", " src=", "<link", "@import", "url(", "<iframe"}) {
    EXPECT_EQ(html.find(forbidden), std::string::npos) << forbidden;
  }
  // Every opened element of the kinds the page writes is closed again.
  for (const char* tag : {"section", "table", "svg", "tr", "td", "th", "p", "div", "h2", "h3"}) {
    const std::regex open(std::string("<") + tag + "[ >]");
    const std::regex close(std::string("</") + tag + ">");
    const auto count = [&html](const std::regex& re) {
      return std::distance(std::sregex_iterator(html.begin(), html.end(), re), std::sregex_iterator());
    };
    EXPECT_EQ(count(open), count(close)) << tag;
  }
}

TEST_F(AnalyzeCase, TheSecondRunDidNoNewWork) {
  const std::string first = slurp(k_out / "first.txt");
  const std::string second = slurp(k_out / "second.txt");
  EXPECT_NE(first.find("inputs: 2 new files"), std::string::npos) << first;
  EXPECT_NE(second.find("up to date"), std::string::npos) << second;
  EXPECT_NE(second.find("(2 input files already in"), std::string::npos) << second;
  // Nothing was ingested again.
  EXPECT_EQ(slurp(k_out / "second.err").find("records ("), std::string::npos)
      << slurp(k_out / "second.err");
}

}  // namespace
