#include "darkfleet/estimate/estimate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>

namespace darkfleet::estimate {
namespace {

/// A model file: every value of `values` as a fixed assumption (or the range text given in
/// `ranges`), one item "shell" (separate loading when `separate`), and `extra` appended.
std::string model_text(const std::map<std::string, std::string>& ranges = {}, bool separate = false,
                       const std::string& extra = "") {
  std::map<std::string, double> values = {{"containers", 1000},
                                          {"munitions_share", 1},
                                          {"stowage_fill", 1},
                                          {"container.inner_length_m", 1},
                                          {"container.inner_width_m", 1},
                                          {"container.inner_height_m", 1},
                                          {"container.door_width_m", 1},
                                          {"container.door_height_m", 1},
                                          {"container.tare_kg", 0},
                                          {"container.max_gross_kg", 1000},
                                          {"missiles.count", 10},
                                          {"missiles.price_usd", 3e6},
                                          {"troops.soldiers", 100},
                                          {"troops.months", 12},
                                          {"troops.pay_usd_per_month", 2000},
                                          {"technology.value_usd", 1e8},
                                          {"shell.share", 1},
                                          {"shell.item_mass_kg", 10},
                                          {"shell.items_per_crate", 2},
                                          {"shell.crate_tare_kg", 5},
                                          {"shell.crate_length_m", 0.5},
                                          {"shell.crate_width_m", 0.5},
                                          {"shell.crate_height_m", 0.5},
                                          {"shell.price_usd", 1000}};
  if (separate) {
    for (const auto& [k, v] :
         std::map<std::string, double>{{"shell.charge_mass_kg", 5},
                                       {"shell.charges_per_crate", 4},
                                       {"shell.charge_crate_tare_kg", 5},
                                       {"shell.charge_crate_length_m", 0.5},
                                       {"shell.charge_crate_width_m", 0.5},
                                       {"shell.charge_crate_height_m", 0.25}}) {
      values[k] = v;
    }
  }
  std::string out =
      "[estimate]\nsamples = 2000\nseed = 3\n\n[[items]]\nid = \"shell\"\nname = \"a shell\"\n";
  if (separate) out += "separate_loading = true\n";
  for (const auto& [id, v] : values) {
    out += "\n[[assumptions]]\nid = \"" + id + "\"\nunit = \"u\"\nkind = \"assumption\"\n";
    const auto r = ranges.find(id);
    out += r != ranges.end() ? r->second + "\n" : "value = " + std::to_string(v) + "\n";
  }
  return out + extra;
}

Result run_text(const std::string& text, std::uint64_t samples = 2000, std::uint64_t seed = 3) {
  return run(Model::parse(text, "estimate.toml"), samples, seed);
}

TEST(Estimate, FixedValuesGiveTheHandComputedAnswer) {
  // 8 crates of 0.5 m fit a 1 m cube; by weight 1000 kg / (2 x 10 + 5 kg) = 40: 8 crates of
  // 2 shells = 16 per container, 16,000 over 1000 containers.
  const Result r = run_text(model_text());
  EXPECT_DOUBLE_EQ(r.output("rounds_per_container.shell").interval.p50, 16);
  EXPECT_DOUBLE_EQ(r.output("rounds_total").interval.p5, 16000);
  EXPECT_DOUBLE_EQ(r.output("rounds_total").interval.p95, 16000);
  EXPECT_DOUBLE_EQ(r.output("rounds_total").at_modes, 16000);
  EXPECT_DOUBLE_EQ(r.output("value_munitions_usd").interval.p50, 16000.0 * 1000);
  EXPECT_DOUBLE_EQ(r.output("value_missiles_usd").interval.p50, 3e7);
  EXPECT_DOUBLE_EQ(r.output("value_troops_usd").interval.p50, 100.0 * 12 * 2000);
  EXPECT_DOUBLE_EQ(r.output("value_total_usd").interval.p50, 1.6e7 + 3e7 + 2.4e6 + 1e8);
  ASSERT_EQ(r.packing.size(), 1U);
  EXPECT_EQ(r.packing[0].projectile.bound, Bound::volume);
  // a fill fraction and a share of munitions scale it
  const Result half =
      run_text(model_text({{"stowage_fill", "value = 0.5"}, {"munitions_share", "value = 0.5"}}));
  EXPECT_DOUBLE_EQ(half.output("rounds_total").interval.p50, 4000);
}

TEST(Estimate, WeightBoundWhenTheCratesAreHeavy) {
  // 2 x 100 + 5 = 205 kg a crate: 4 crates in 1000 kg, though 8 fit
  const Result r = run_text(model_text({{"shell.item_mass_kg", "value = 100"}}));
  EXPECT_DOUBLE_EQ(r.output("rounds_per_container.shell").interval.p50, 8);
  EXPECT_EQ(r.packing[0].projectile.bound, Bound::weight);
}

TEST(Estimate, SeparateLoadingPairsProjectilesWithCharges) {
  // By volume: 8 projectile crates (16) or 16 charge crates (64) fill the box, so a mixed
  // load holds 1 / (1/16 + 1/64) = 12.8 rounds; by weight a round is 12.5 + 3.75 = 16.25 kg,
  // 61.5 rounds. floor(12.8) = 12.
  const Result r = run_text(model_text({}, true));
  EXPECT_DOUBLE_EQ(r.output("rounds_per_container.shell").interval.p50, 12);
  ASSERT_TRUE(r.packing[0].charge.has_value());
  EXPECT_EQ(r.packing[0].charge->crates_by_volume, 16U);
}

TEST(Estimate, SameSeedSameAnswerOtherSeedOtherDraws) {
  const std::string text = model_text({{"containers", "low = 900\nhigh = 1100"}});
  const Result a = run_text(text, 500, 11);
  const Result b = run_text(text, 500, 11);
  const Result c = run_text(text, 500, 12);
  EXPECT_EQ(a.output("rounds_total").interval.p50, b.output("rounds_total").interval.p50);
  EXPECT_EQ(a.output("rounds_total").interval.mean, b.output("rounds_total").interval.mean);
  EXPECT_NE(a.output("rounds_total").interval.mean, c.output("rounds_total").interval.mean);
}

TEST(Estimate, MonteCarloConvergesOnTheAnalyticInterval) {
  // rounds = 16 x containers with containers uniform on [900, 1100]: p5 = 16 x 910,
  // p95 = 16 x 1090. The error of a sample quantile shrinks as 1 / sqrt(n).
  const std::string text = model_text({{"containers", "low = 900\nhigh = 1100"}});
  double previous = 1e9;
  for (const std::uint64_t n : {100U, 10000U, 200000U}) {
    const Interval i = run_text(text, n, 5).output("rounds_total").interval;
    const double error =
        std::abs(i.p5 - 16 * 910.0) + std::abs(i.p95 - 16 * 1090.0) + std::abs(i.p50 - 16 * 1000.0);
    EXPECT_LT(error, previous) << n << " samples";
    previous = error;
  }
  EXPECT_LT(previous, 16 * 2.0);  // within 2 containers' worth at 200,000 samples
}

TEST(Estimate, SensitivityRanksTheWidestAssumptionFirst) {
  // containers +-50 % moves the answer far more than the fill +-5 %; fixed assumptions are
  // not listed
  const Result r = run_text(model_text(
      {{"containers", "low = 500\nhigh = 1500"}, {"stowage_fill", "low = 0.95\nhigh = 1.0"}}));
  const auto& s = r.output("rounds_total").sensitivity;
  ASSERT_EQ(s.size(), 2U);
  EXPECT_EQ(s[0].assumption, "containers");
  EXPECT_GT(s[0].rank_correlation, 0.9);
  EXPECT_EQ(s[1].assumption, "stowage_fill");
  EXPECT_GT(s[1].rank_correlation, 0.0);
  EXPECT_LT(s[1].rank_correlation, 0.4);
}

TEST(Estimate, QuantilesAndRankCorrelation) {
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2, 5}, 0.5), 3);
  EXPECT_DOUBLE_EQ(quantile({1, 2}, 0.25), 1.25);
  EXPECT_DOUBLE_EQ(rank_correlation({1, 2, 3, 4}, {10, 20, 30, 1000}), 1.0);
  EXPECT_DOUBLE_EQ(rank_correlation({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
  EXPECT_DOUBLE_EQ(rank_correlation({1, 1, 1}, {1, 2, 3}), 0.0);
}

TEST(Estimate, BadModelsAreErrorsThatNameTheProblem) {
  auto error_of = [](const std::string& text) -> std::string {
    try {
      Model::parse(text, "estimate.toml");
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(error_of(model_text({}, false, "\n[[items]]\nid = \"rocket\"\nname = \"r\"\n"))
                .find("item 'rocket' needs the assumption 'rocket.share'"),
            std::string::npos);
  std::string no_troops = model_text();
  no_troops.replace(no_troops.find("troops.months"), 13, "troops.monthz");
  EXPECT_NE(error_of(no_troops).find("needs the assumption 'troops.months'"), std::string::npos);
  EXPECT_NE(
      error_of(model_text({}, false,
                          "\n[[references]]\nid = \"r\"\nstatement = \"s\"\noutput = \"shells\"\n"
                          "low = 1\nhigh = 2\nunit = \"u\"\nsource = \"x\"\n"))
          .find("does not compute"),
      std::string::npos);
  std::string few = model_text();
  few.replace(few.find("samples = 2000"), 14, "samples = 5");
  EXPECT_NE(error_of(few).find("samples must be an integer >= 20"), std::string::npos);
  EXPECT_THROW(run_text(model_text(), 10), std::invalid_argument);
}

TEST(Estimate, TheBundledCaseRuns) {
  const auto path =
      std::filesystem::path(DARKFLEET_SOURCE_DIR) / "cases/dprk-russia-2023-2025/estimate.toml";
  const Model model = Model::load(path.string());
  const Result r = run(model, 2000, model.seed);
  const Interval rounds = r.output("rounds_total").interval;
  EXPECT_GT(rounds.p5, 0);
  EXPECT_LT(rounds.p5, rounds.p50);
  EXPECT_LT(rounds.p50, rounds.p95);
  // every assumption that varies is in the sensitivity table
  std::size_t varying = 0;
  for (const auto& a : model.assumptions.all()) varying += a.shape != Shape::fixed ? 1 : 0;
  EXPECT_EQ(r.output("rounds_total").sensitivity.size(), varying);
  EXPECT_FALSE(model.references.empty());
}

}  // namespace
}  // namespace darkfleet::estimate
