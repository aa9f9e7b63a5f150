#include "darkfleet/evidence/yard.hpp"

#include <gtest/gtest.h>

#include "test_observations.hpp"

namespace darkfleet::evidence {
namespace {

using testing::k_day_ms;
using testing::seen;

PortCall call(const std::string& id, const std::string& port, double from_day, double to_day) {
  return testing::call(id, 1, port, from_day, to_day);
}

TEST(YardSeries, OneSeriesPerAreaOldestFirst) {
  const auto series =
      yard_series({seen("b", 3, 1, 1), seen("a", 2, 2, 2), seen("b", 1, 3, 3), seen("a", 1, 4, 4)});
  ASSERT_EQ(series.size(), 2U);
  EXPECT_EQ(series[0].area_id, "a");
  ASSERT_EQ(series[0].observations.size(), 2U);
  EXPECT_EQ(series[0].observations[0].id, 4);
  EXPECT_EQ(series[0].observations[1].id, 2);
  EXPECT_EQ(series[1].area_id, "b");
  EXPECT_EQ(series[1].observations[0].id, 3);
}

TEST(PortCalls, VisitsAndDarkCallsAtPortsOnly) {
  std::vector<events::Event> all(4);
  all[0].kind = events::EventKind::port_visit;
  all[0].port_id = "rajin";
  all[0].start.t_ms = 20;
  all[1].kind = events::EventKind::gap;
  all[2].kind = events::EventKind::dark_port_call;
  all[2].port_id = "dunai";
  all[2].confidence = 0.5;
  all[2].start.t_ms = 10;
  all[3].kind = events::EventKind::port_visit;  // no port: not a call at a known place
  const auto calls = port_calls(all);
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[0].port_id, "dunai");
  EXPECT_EQ(calls[0].kind, events::EventKind::dark_port_call);
  EXPECT_DOUBLE_EQ(calls[0].confidence, 0.5);
  EXPECT_EQ(calls[1].port_id, "rajin");
  EXPECT_EQ(calls[1].event_id, all[0].id());
}

TEST(YardChanges, CallsTiedToTheIntervalsTheyOverlap) {
  YardSeries s{"rajin",
               {seen("rajin", 0, 500, 1), seen("rajin", 10, 260, 2), seen("rajin", 20, 200, 3),
                seen("rajin", 30, 20, 4), seen("rajin", 40, 60, 5)}};
  const std::vector<PortCall> calls = {
      call("a", "rajin", 5, 8),    // inside the first interval
      call("b", "rajin", 18, 22),  // spans image 3: the 2nd and 3rd intervals are one change
      call("c", "dunai", 31, 39),  // another port
  };
  const auto changes = yard_changes(s, "rajin", calls);
  ASSERT_EQ(changes.size(), 3U);
  EXPECT_EQ(changes[0].first, 0U);
  EXPECT_EQ(changes[0].last, 1U);
  EXPECT_EQ(changes[0].change_20ft, -240);
  ASSERT_EQ(changes[0].calls.size(), 1U);
  EXPECT_EQ(changes[0].calls[0].event_id, "a");
  EXPECT_EQ(changes[1].first, 1U);
  EXPECT_EQ(changes[1].last, 3U);
  EXPECT_EQ(changes[1].change_20ft, -240);
  ASSERT_EQ(changes[1].calls.size(), 1U);
  EXPECT_EQ(changes[1].calls[0].event_id, "b");
  EXPECT_EQ(changes[2].first, 3U);
  EXPECT_EQ(changes[2].last, 4U);
  EXPECT_TRUE(changes[2].calls.empty());  // land traffic only
  EXPECT_EQ(changes[2].from_ms, 30 * k_day_ms);
  EXPECT_EQ(changes[2].to_ms, 40 * k_day_ms);
}

TEST(YardChanges, ACallEndingAtAnImageBelongsToOneSide) {
  YardSeries s{"a", {seen("a", 0, 10, 1), seen("a", 10, 5, 2), seen("a", 20, 5, 3)}};
  const auto changes = yard_changes(s, "a", {call("x", "a", 4, 10)});
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes[0].calls.size(), 1U);
  EXPECT_TRUE(changes[1].calls.empty());
}

TEST(YardChanges, NoChangeFromOneObservation) {
  EXPECT_TRUE(yard_changes({"a", {seen("a", 0, 1, 1)}}, "a", {call("x", "a", 0, 1)}).empty());
}

}  // namespace
}  // namespace darkfleet::evidence
