// End-to-end tests of `darkfleet estimate` on the bundled case's estimate.toml.
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace {

using namespace darkfleet::cli_testing;

const std::string k_case = std::string(DARKFLEET_SOURCE_DIR) + "/cases/dprk-russia-2023-2025";

class Estimate : public CliTest {
 protected:
  /// The JSON report of `args`, after checking that the command succeeded.
  nlohmann::json json_of(const std::string& args) {
    const RunResult r = run("estimate --case '" + k_case + "' --samples 2000 -f json " + args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  static double p50(const nlohmann::json& doc, const std::string& id) {
    for (const auto& o : doc["outputs"]) {
      if (o["id"] == id) return o["p50"].get<double>();
    }
    ADD_FAILURE() << "no output " << id;
    return 0;
  }
};

TEST_F(Estimate, TheCaseGivesIntervalsBesideThePublishedFigures) {
  const auto doc = json_of("");
  EXPECT_EQ(doc["samples"], 2000);
  for (const auto& o : doc["outputs"]) {
    EXPECT_LE(o["p5"].get<double>(), o["p50"].get<double>()) << o["id"];
    EXPECT_LE(o["p50"].get<double>(), o["p95"].get<double>()) << o["id"];
  }
  EXPECT_GT(p50(doc, "rounds_total"), 0);
  bool osc = false;
  for (const auto& r : doc["references"]) {
    EXPECT_FALSE(r["relation"].get<std::string>().empty());
    EXPECT_FALSE(r["why"].get<std::string>().empty()) << r["id"];
    if (r["output"] == "rounds_total") {
      EXPECT_NE(r["why"].get<std::string>().find("assumptions that move"), std::string::npos);
    }
    osc = osc || r["id"] == "osc-reuters-rounds";
  }
  EXPECT_TRUE(osc);
  for (const auto& a : doc["assumptions"]) {
    if (a["kind"] != "assumption") {
      EXPECT_FALSE(a["source"].get<std::string>().empty()) << a["id"];
    }
  }
  // the text report says the same, with the sources
  const RunResult text = run("estimate --case '" + k_case + "' --samples 2000");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("OSC + Reuters"), std::string::npos);
  EXPECT_NE(text.out.find("Sensitivity of rounds_total"), std::string::npos);
}

TEST_F(Estimate, SameSeedSameAnswerAndSetChangesIt) {
  EXPECT_EQ(json_of("--seed 4"), json_of("--seed 4"));
  const double all_munitions = p50(json_of("--set munitions_share=1"), "rounds_total");
  const double some = p50(json_of("--set munitions_share=0.5"), "rounds_total");
  EXPECT_NEAR(all_munitions / some, 2.0, 0.1);
}

TEST_F(Estimate, AChangedFileChangesTheAnswer) {
  std::string text = slurp(k_case + "/estimate.toml");
  const std::string from = "id = \"containers\"\nlow = 15800\nhigh = 16000";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "id = \"containers\"\nlow = 7900\nhigh = 8000");
  write("half.toml", text);
  const RunResult r = run("estimate --model half.toml --samples 2000 -f json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const double half = p50(nlohmann::json::parse(r.out), "rounds_total");
  EXPECT_NEAR(p50(json_of(""), "rounds_total") / half, 2.0, 0.1);
}

TEST_F(Estimate, BadInputIsAClearError) {
  const RunResult none = run("estimate --case no-such-case");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("no estimate.toml"), std::string::npos) << none.err;
  const RunResult unknown = run("estimate --case '" + k_case + "' --set shells=3");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no assumption 'shells'"), std::string::npos) << unknown.err;
  const RunResult nan = run("estimate --case '" + k_case + "' --set containers=many");
  EXPECT_NE(nan.err.find("is not a number"), std::string::npos) << nan.err;
  write("bad.toml",
        "[[assumptions]]\nid = \"containers\"\nunit = \"c\"\nkind = \"reported\"\nsource = "
        "\"s\"\nvalue = -3\n");
  const RunResult bad = run("estimate --model bad.toml");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.toml:1: 'containers' cannot be negative"), std::string::npos)
      << bad.err;
  write("nosource.toml",
        "[[assumptions]]\nid = \"containers\"\nunit = \"c\"\nkind = \"reported\"\nvalue = 3\n");
  const RunResult nosource = run("estimate --model nosource.toml");
  EXPECT_NE(nosource.err.find("nosource.toml:1: 'containers': source is missing"),
            std::string::npos)
      << nosource.err;
  EXPECT_EQ(run("estimate").exit_code, 2);
  EXPECT_EQ(run("estimate --case '" + k_case + "' --samples 3").exit_code, 2);
}

}  // namespace
