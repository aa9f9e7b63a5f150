#include "darkfleet/events/parameters.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace darkfleet::events {
namespace {

TEST(Parameters, GfwSetHasEveryValueWithASourceAndUnit) {
  const Parameters p = Parameters::gfw();
  ASSERT_GT(p.all().size(), 20U);
  for (const Parameter& parameter : p.all()) {
    EXPECT_FALSE(parameter.source.empty()) << parameter.key;
    EXPECT_FALSE(parameter.unit.empty()) << parameter.key;
    EXPECT_FALSE(parameter.overridden) << parameter.key;
  }
  EXPECT_EQ(p.get("encounter.max_distance_m"), 500);
  EXPECT_EQ(p.get("loitering.min_shore_nm"), 20);
  EXPECT_EQ(p.name(), "gfw");
}

TEST(Parameters, OverridesAreCountedInTheName) {
  Parameters p = Parameters::gfw();
  p.set("encounter.max_distance_m=600");
  p.set("gap.min_h=4.5");
  EXPECT_EQ(p.get("encounter.max_distance_m"), 600);
  EXPECT_EQ(p.get("gap.min_h"), 4.5);
  EXPECT_EQ(p.name(), "gfw+2");
}

TEST(Parameters, BadAssignmentsSayWhatIsWrong) {
  Parameters p = Parameters::gfw();
  for (const char* bad : {"encounter.max_distance_m", "nope=1", "gap.min_h=abc", "gap.min_h=-1",
                          "gap.min_h=", "gap.min_h=1x", "gap.min_h=inf"}) {
    EXPECT_THROW(p.set(bad), std::invalid_argument) << bad;
  }
  EXPECT_EQ(p.name(), "gfw");
  EXPECT_THROW((void)p.get("no.such.key"), std::out_of_range);
  EXPECT_THROW(p.add({"gap.min_h", 1, "h", "x"}), std::logic_error);
}

}  // namespace
}  // namespace darkfleet::events
