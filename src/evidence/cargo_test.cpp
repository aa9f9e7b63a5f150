#include "darkfleet/evidence/cargo.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "test_observations.hpp"

namespace darkfleet::evidence {
namespace {

using testing::call;
using testing::seen;

std::string model_text(const std::string& relative, const std::string& absolute,
                       const std::string& flow_origin, const std::string& flow_destination) {
  return R"([evidence]
counted = "origin"

[[areas]]
id = "rajin"
role = "origin"

[[areas]]
id = "dunai-yard"
port = "dunai"
role = "destination"

[[assumptions]]
id = "count_error.relative"
)" + relative +
         R"(
unit = "fraction of the count"
kind = "assumption"

[[assumptions]]
id = "count_error.absolute"
)" + absolute +
         R"(
unit = "containers"
kind = "assumption"

[[assumptions]]
id = "land_flow_per_day.rajin"
)" + flow_origin +
         R"(
unit = "containers per day"
kind = "assumption"

[[assumptions]]
id = "land_flow_per_day.dunai-yard"
)" + flow_destination +
         R"(
unit = "containers per day"
kind = "assumption"
)";
}

CargoModel exact_model() {
  return CargoModel::parse(model_text("value = 0", "value = 0", "value = 0", "value = 0"),
                           "evidence.toml");
}

std::string error_of(const std::string& text) {
  try {
    CargoModel::parse(text, "evidence.toml");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(CargoModel, ReadsAreasRolesAndAssumptions) {
  const auto m = exact_model();
  ASSERT_EQ(m.areas.size(), 2U);
  EXPECT_EQ(m.areas[0].port_id, "rajin");  // defaults to the id
  EXPECT_EQ(m.areas[1].port_id, "dunai");
  EXPECT_EQ(m.areas[1].role, AreaRole::destination);
  EXPECT_EQ(m.counted, AreaRole::origin);
  EXPECT_EQ(m.area("nowhere"), nullptr);
}

TEST(CargoModel, BadFilesSayWhatIsWrong) {
  const std::string good = model_text("value = 0", "value = 0", "value = 0", "value = 0");
  std::string s = good;
  s.replace(s.find("role = \"origin\""), 15, "role = \"source\"");
  EXPECT_NE(error_of(s).find("role 'source' is not one of"), std::string::npos) << error_of(s);
  s = good;
  s.replace(s.find("land_flow_per_day.rajin"), 23, "land_flow_per_day.other");
  EXPECT_NE(
      error_of(s).find("area 'rajin' (origin) needs the assumption 'land_flow_per_day.rajin'"),
      std::string::npos)
      << error_of(s);
  s = good;
  s.replace(s.find("count_error.absolute"), 20, "count_error.typo");
  EXPECT_NE(error_of(s).find("no assumption 'count_error.absolute'"), std::string::npos);
  s = good;
  s.replace(s.find("id = \"dunai-yard\""), 17, "id = \"rajin\"");
  EXPECT_NE(error_of(s).find("area 'rajin' is defined twice (first on line 4)"), std::string::npos)
      << error_of(s);
  s = good;
  s.replace(s.find("counted = \"origin\""), 18, "counted = \"both\"");
  EXPECT_NE(error_of(s).find("[evidence] counted must be"), std::string::npos);
  s = good;
  s.replace(s.find("counted = \"origin\""), 18, "samples = 5");
  EXPECT_NE(error_of(s).find("evidence.toml:2: [evidence] samples must be a whole number >= 20"),
            std::string::npos)
      << error_of(s);
  EXPECT_NE(
      error_of(good.substr(0, good.find("[[assumptions]]")) +
               "[[assumptions]]\nid = \"x\"\nvalue = 1\nunit = \"1\"\nkind = \"assumption\"\n")
          .find("count_error"),
      std::string::npos);
}

TEST(EstimateCargo, ExactCountsGiveExactMoves) {
  const auto series =
      yard_series({seen("rajin", 0, 500, 1), seen("rajin", 4, 250, 2, 5), seen("rajin", 8, 260, 3),
                   seen("dunai-yard", 0, 100, 4), seen("dunai-yard", 8, 345, 5)});
  const std::vector<PortCall> calls = {call("load", 7, "rajin", 1, 2),
                                       call("unload", 7, "dunai", 5, 6)};
  const auto r = estimate_cargo(series, calls, exact_model(), 50, 1);
  // areas by id: dunai-yard 0-8 (call), rajin 0-4 (call), rajin 4-8 (none)
  ASSERT_EQ(r.changes.size(), 3U);
  EXPECT_EQ(r.changes[0].change.area_id, "dunai-yard");
  EXPECT_EQ(r.changes[0].role, AreaRole::destination);
  EXPECT_DOUBLE_EQ(r.changes[1].containers.p5, 245);  // 500 -> 250 + 5 x 40 ft
  EXPECT_DOUBLE_EQ(r.changes[1].containers.p95, 245);
  EXPECT_EQ(r.changes[1].first_image, "img1");
  EXPECT_EQ(r.changes[1].last_image, "img2");
  EXPECT_FALSE(r.changes[2].attributed());
  EXPECT_DOUBLE_EQ(r.changes[2].containers.p50, 0);  // the yard grew: nothing loaded
  EXPECT_DOUBLE_EQ(r.loaded.p50, 245);               // the unattributed change is not counted
  EXPECT_DOUBLE_EQ(r.unloaded.p50, 245);
  EXPECT_EQ(r.observations, 5U);
  ASSERT_EQ(r.voyages.size(), 1U);
  EXPECT_EQ(r.voyages[0].mmsi, 7U);
  EXPECT_EQ(r.voyages[0].loading, 1U);
  ASSERT_TRUE(r.voyages[0].unloading.has_value());
  EXPECT_EQ(*r.voyages[0].unloading, 0U);
  EXPECT_EQ(r.voyages[0].unloading_call, "unload");
  EXPECT_FALSE(r.voyages[0].shared);
}

TEST(EstimateCargo, LandTrafficIsTakenOffWithPoissonScatter) {
  // 10 a day arrive by land over 4 days: 40 of the 240 missing were loaded on top.
  const auto model =
      CargoModel::parse(model_text("value = 0", "value = 0", "value = 10", "value = 0"), "e.toml");
  const auto series = yard_series({seen("rajin", 0, 500, 1), seen("rajin", 4, 300, 2)});
  const auto r = estimate_cargo(series, {call("x", 1, "rajin", 1, 2)}, model, 20000, 3);
  EXPECT_NEAR(r.loaded.mean, 240, 0.5);
  // sd sqrt(40): p5..p95 is 2 x 1.645 x 6.32 = 20.8 wide
  EXPECT_NEAR(r.loaded.p95 - r.loaded.p5, 20.8, 1.0);
}

TEST(EstimateCargo, CountingErrorWidensTheInterval) {
  // sd 5 % of each count: 50 and 40, so the change has sd 64 and p5..p95 is 210.6 wide.
  const auto model = CargoModel::parse(
      model_text("value = 0.05", "value = 0", "value = 0", "value = 0"), "e.toml");
  const auto series = yard_series({seen("rajin", 0, 1000, 1), seen("rajin", 4, 800, 2)});
  const auto r = estimate_cargo(series, {call("x", 1, "rajin", 1, 2)}, model, 40000, 5);
  EXPECT_NEAR(r.loaded.p50, 200, 3);
  EXPECT_NEAR(r.loaded.p95 - r.loaded.p5, 210.6, 6);
  // A less confident analyst (0.5) doubles the error.
  auto unsure = series;
  for (auto& o : unsure[0].observations) o.confidence = 0.5;
  const auto w = estimate_cargo(unsure, {call("x", 1, "rajin", 1, 2)}, model, 40000, 5);
  EXPECT_NEAR((w.loaded.p95 - w.loaded.p5) / (r.loaded.p95 - r.loaded.p5), 2.0, 0.15);
}

TEST(EstimateCargo, ReproducibleForASeed) {
  const auto model = CargoModel::parse(
      model_text("low = 0.01\nhigh = 0.05", "low = 0\nhigh = 3", "low = 0\nhigh = 20", "value = 0"),
      "e.toml");
  const auto series = yard_series({seen("rajin", 0, 700, 1), seen("rajin", 3, 420, 2)});
  const std::vector<PortCall> calls = {call("x", 1, "rajin", 1, 2)};
  const auto a = estimate_cargo(series, calls, model, 500, 11);
  const auto b = estimate_cargo(series, calls, model, 500, 11);
  const auto c = estimate_cargo(series, calls, model, 500, 12);
  EXPECT_EQ(a.loaded_samples, b.loaded_samples);
  EXPECT_NE(a.loaded_samples, c.loaded_samples);
  EXPECT_THROW(estimate_cargo(series, calls, model, 10, 1), std::invalid_argument);
}

TEST(EstimateCargo, SharedChangesAndAreasOutsideTheModel) {
  const auto series = yard_series({seen("rajin", 0, 600, 1), seen("rajin", 4, 100, 2),
                                   seen("chongjin", 0, 5, 3), seen("chongjin", 1, 6, 4)});
  const std::vector<PortCall> calls = {call("a", 1, "rajin", 1, 2), call("b", 2, "rajin", 2, 3)};
  const auto r = estimate_cargo(series, calls, exact_model(), 20, 1);
  ASSERT_EQ(r.areas_not_in_model, std::vector<std::string>{"chongjin"});
  ASSERT_EQ(r.voyages.size(), 2U);
  EXPECT_TRUE(r.voyages[0].shared);
  EXPECT_FALSE(r.voyages[0].unloading.has_value());
  EXPECT_DOUBLE_EQ(r.loaded.p50, 500);  // once, not once per call
}

TEST(EstimateCargo, TheCountedTotalBecomesTheContainersAssumption) {
  const auto series = yard_series({seen("rajin", 0, 500, 1), seen("rajin", 4, 250, 2)});
  const auto r = estimate_cargo(series, {call("x", 1, "rajin", 1, 2)}, exact_model(), 40, 1);
  const auto a = containers_assumption(r, exact_model(), "case.db");
  EXPECT_EQ(a.id, "containers");
  EXPECT_EQ(a.shape, estimate::Shape::empirical);
  EXPECT_DOUBLE_EQ(a.at_quantile(0.5), 250);
  EXPECT_NE(a.source.find("2 observations in case.db"), std::string::npos) << a.source;
}

}  // namespace
}  // namespace darkfleet::evidence
