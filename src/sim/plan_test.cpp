#include "plan.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "geo.hpp"
#include "random.hpp"
#include "reporting.hpp"
#include "truth_json.hpp"

namespace darkfleet::sim::detail {
namespace {

// Spherical distances against reference values. Tolerance 0.5 %: the documented error of
// the spherical model against WGS84 geodesics.
TEST(SimGeo, DistancesOnTheSphere) {
  // One degree of latitude on the mean sphere: R * pi / 180.
  EXPECT_NEAR(distance_m({42, 130}, {43, 130}), 111195.1, 0.5);
  // Against WGS84 geodesics (Vincenty's inverse formula, computed offline): Rajin ->
  // Vostochny 235,892.9 m, and one degree of latitude at 42.5 N 111,083.0 m.
  EXPECT_NEAR(distance_m({42.233333, 130.3}, {42.75, 133.083333}), 235892.9, 235892.9 * 0.005);
  EXPECT_NEAR(distance_m({42, 130}, {43, 130}), 111083.0, 111083.0 * 0.005);
  // Across the antimeridian.
  EXPECT_NEAR(distance_m({0, 179.5}, {0, -179.5}), 111195.1, 0.5);
  EXPECT_NEAR(course_deg({0, 179.5}, {0, -179.5}), 90.0, 1e-9);
  const LatLon p = offset({42, 130}, 1000, -2000);
  EXPECT_NEAR(distance_m({42, 130}, p), std::hypot(1000.0, 2000.0), 2.0);
  EXPECT_NEAR(interpolate({0, 179}, {0, -179}, 0.75).lon_deg, -179.5, 1e-9);
}

TEST(SimReporting, ItuIntervals) {
  EXPECT_EQ(report_interval_ms(AisClass::a, 0.0, k_moored), 180000);
  EXPECT_EQ(report_interval_ms(AisClass::a, 5.0, k_at_anchor), 10000);  // anchored, > 3 kn
  EXPECT_EQ(report_interval_ms(AisClass::a, 0.0, k_under_way), 10000);
  EXPECT_EQ(report_interval_ms(AisClass::a, 14.0, k_under_way), 10000);
  EXPECT_EQ(report_interval_ms(AisClass::a, 18.0, k_under_way), 6000);
  EXPECT_EQ(report_interval_ms(AisClass::a, 25.0, k_under_way), 2000);
  EXPECT_EQ(report_interval_ms(AisClass::b, 1.0, k_under_way), 180000);
  EXPECT_EQ(report_interval_ms(AisClass::b, 8.0, k_under_way), 30000);
}

TEST(SimRandom, StreamsAreIndependentOfOrder) {
  Rng a(7, 3);
  Rng b(7, 3);
  Rng c(7, 4);
  const auto x = a.next();
  EXPECT_EQ(x, b.next());
  EXPECT_NE(x, c.next());
  double sum = 0;
  for (int i = 0; i < 100000; ++i) sum += a.unit();
  EXPECT_NEAR(sum / 100000, 0.5, 0.005);
}

// Two ports half a degree apart, and nothing else.
Scenario two_ports(std::int64_t end_ms) {
  Scenario s;
  s.file = "t";
  s.start_ms = 0;
  s.end_ms = end_ms;
  s.ports = {{"a", "A", {42.0, 130.0}, ""}, {"b", "B", {42.5, 131.0}, ""}};
  return s;
}

// A lane of `vessels` between the two ports of two_ports().
Lane lane_a_to_b(int vessels) {
  Lane lane;
  lane.from_port = "a";
  lane.to_port = "b";
  lane.via = {{42.2, 130.6}};
  lane.vessels = vessels;
  return lane;
}

// A sailed leg keeps the planned speed: state_on() over the leg gives the distance.
TEST(SimPlan, LegsKeepTheirSpeed) {
  const Scenario s = two_ports(48 * 3600000LL);
  Vessel v;
  v.id = "v";
  v.start_port = "a";
  v.speed_kn = 10;
  Step step;
  step.port = "b";
  step.dwell_h = 2;
  step.cargo.load_40ft = 3;
  v.itinerary = {step};
  std::vector<PlannedEvent> events;
  Plan plan = build_vessel_plan(s, v, events);
  const double d = distance_m(s.ports[0].position, s.ports[1].position);
  const auto leg_ms = static_cast<std::int64_t>(d / (10 * 1852.0 / 3600) * 1000);
  const TrueState mid = plan.at(leg_ms / 2);
  EXPECT_NEAR(mid.sog_kn, 10.0, 1e-6);
  EXPECT_NEAR(distance_m(mid.position, s.ports[0].position), d / 2, d * 0.005);
  const TrueState moored = plan.at(leg_ms + 3600000);
  EXPECT_EQ(moored.status, k_moored);
  EXPECT_LT(distance_m(moored.position, s.ports[1].position), 1.0);
  const TrueState after = plan.at(40 * 3600000LL);
  EXPECT_EQ(after.sog_kn, 0.0);
  int calls = 0;
  for (const auto& e : events) calls += e.section == k_port_calls ? 1 : 0;
  EXPECT_EQ(calls, 2);  // departure from a, arrival at b
}

// Background plans are extended leg by leg and drop what lies behind: their size stays
// small however long the run.
TEST(SimPlan, BackgroundPlansAreLazy) {
  Scenario s = two_ports(365 * 86400000LL);
  s.lanes = {lane_a_to_b(3)};
  FishingGround f;
  f.area = {41, 131, 41.5, 131.5};
  f.vessels = 2;
  s.fishing = {f};
  auto background = make_background(s, 1);
  ASSERT_EQ(background.size(), 5U);
  for (auto& b : background) {
    std::size_t max_segments = 0;
    for (std::int64_t t = 0; t < s.end_ms; t += 3600000) {
      const TrueState st = b.plan.at(t);
      max_segments = std::max(max_segments, b.plan.segments.size());
      if (b.ship_type == 30) {  // fishing stays in its box
        EXPECT_TRUE((Box{40.99, 130.99, 41.51, 131.51}.contains(st.position))) << t;
      }
    }
    EXPECT_LE(max_segments, 4U) << b.id;
  }
}

// A lane whose waypoints coincide with its ports has no length: its vessels stay put
// instead of reading an empty plan.
TEST(SimPlan, ZeroLengthLaneIsHarmless) {
  Scenario s = two_ports(86400000LL);
  Lane lane;
  lane.from_port = "a";
  lane.to_port = "a";
  lane.via = {{42.0, 130.0}};
  lane.vessels = 4;
  s.lanes = {lane};
  for (auto& b : make_background(s, 3)) {
    for (std::int64_t t = 0; t < s.end_ms; t += 600000) {
      EXPECT_LT(distance_m(b.plan.at(t).position, {42.0, 130.0}), 1.0);
    }
  }
}

// Background IMO numbers carry a valid check digit (the weighted sum of the first six digits,
// weights 7 to 2, modulo 10), so that the identity detector reports only planted faults.
TEST(SimPlan, BackgroundImoNumbersHaveValidCheckDigitsAndAreNotTheScenarios) {
  Scenario s = two_ports(86400000LL);
  // the numbers the first background vessels would get: a scenario vessel holds one and
  // takes another in an identity change
  Vessel v;
  v.id = "v";
  v.mmsi = 440000001;
  v.imo = 9100009;
  IdentityChange change;
  change.imo = 9100073;
  v.identity = {change};
  s.vessels = {v};
  s.lanes = {lane_a_to_b(40)};
  Anchorage a;
  a.position = {42.0, 130.0};
  a.vessels = 40;
  s.anchorages = {a};
  std::size_t with_imo = 0;
  std::set<std::uint32_t> seen;
  for (const auto& b : make_background(s, 7)) {
    if (b.imo == 0) continue;
    ++with_imo;
    EXPECT_NE(b.imo, 9100009U) << b.id << " took the scenario vessel's IMO";
    EXPECT_NE(b.imo, 9100073U) << b.id << " took the IMO of an identity change";
    EXPECT_TRUE(seen.insert(b.imo).second) << b.id << " shares IMO " << b.imo;
    ASSERT_GE(b.imo, 1000000U) << b.id;
    ASSERT_LE(b.imo, 9999999U) << b.id;
    const std::string digits = std::to_string(b.imo);
    int sum = 0;
    for (int i = 0; i < 6; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (7 - i);
    EXPECT_EQ(sum % 10, digits[6] - '0') << b.id << " IMO " << b.imo;
  }
  EXPECT_GE(with_imo, 40U);
}

}  // namespace
}  // namespace darkfleet::sim::detail
