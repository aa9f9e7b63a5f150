#include "darkfleet/events/loitering.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "synthetic_test_util.hpp"

namespace darkfleet::events {
namespace {

using testing::k_hour_ms;
using testing::k_m_per_deg;
using testing::k_min_ms;
using testing::k_t0_ms;

/// Land: a 2 x 2 degree block west of longitude 0 at the equator; its east coast is lon 0.
geo::Coast west_block() {
  return geo::Coast::from_polygons({{{{-1, -1}, {-1, 0}, {1, 0}, {1, -1}}, {}}});
}

/// A vessel `shore_nm` east of the block's coast drifting north at `kn` for `hours` (then
/// silent: the segment ends), reporting every 3 min.
track::Track drifter(double hours, double kn = 1.0, double shore_nm = 30) {
  const double lon = shore_nm * 1852.0 / k_m_per_deg;
  const auto to = k_t0_ms + std::llround(hours * 3'600'000.0);
  return testing::one_segment(
      211000001, testing::run(k_t0_ms, to, 3, 0, lon, kn * 1852.0 * hours / k_m_per_deg, lon));
}

std::vector<Event> loitering(const track::Track& track, const Context& context) {
  auto detector = make_loitering_detector();
  return testing::detect(*detector, {track}, context);
}

Context with_coast(const geo::Coast& coast) {
  Context context;
  context.coast = &coast;
  return context;
}

TEST(Loitering, DurationBoundary3p9hVs4p1h) {
  const geo::Coast coast = west_block();
  EXPECT_TRUE(loitering(drifter(3.9), with_coast(coast)).empty());
  const auto events = loitering(drifter(4.1), with_coast(coast));
  ASSERT_EQ(events.size(), 1U);
  const Event& e = events[0];
  EXPECT_EQ(e.kind, EventKind::loitering);
  EXPECT_EQ(e.mmsi, 211000001U);
  EXPECT_EQ(e.start.t_ms, k_t0_ms);
  EXPECT_EQ(e.end.t_ms, k_t0_ms + 246 * k_min_ms);
  EXPECT_NEAR(e.values.at("loitering_hours"), 4.1, 1e-9);
  EXPECT_NEAR(e.values.at("total_distance_nm"), 4.1, 0.01);  // 1 kn for 4.1 h
  EXPECT_NEAR(e.values.at("avg_speed_kn"), 1.0, 0.005);
  EXPECT_NEAR(e.values.at("avg_distance_from_shore_nm"), 30, 0.2);
  EXPECT_EQ(e.confidence, 1.0);
  ASSERT_EQ(e.evidence.size(), 1U);
  EXPECT_EQ(e.evidence[0].positions, 83U);  // 0 .. 246 min every 3 min
}

TEST(Loitering, ShoreBoundary19nmVs21nm) {
  const geo::Coast coast = west_block();
  EXPECT_TRUE(loitering(drifter(6, 1.0, 19), with_coast(coast)).empty());
  const auto far = loitering(drifter(6, 1.0, 21), with_coast(coast));
  ASSERT_EQ(far.size(), 1U);
  EXPECT_NEAR(far[0].values.at("avg_distance_from_shore_nm"), 21, 0.2);
}

TEST(Loitering, SpeedBoundary2p1knVs1p9kn) {
  const geo::Coast coast = west_block();
  EXPECT_TRUE(loitering(drifter(6, 2.1), with_coast(coast)).empty());
  const auto slow = loitering(drifter(6, 1.9), with_coast(coast));
  ASSERT_EQ(slow.size(), 1U);
  EXPECT_NEAR(slow[0].values.at("avg_speed_kn"), 1.9, 0.01);
}

TEST(Loitering, ParametersMoveTheBoundaries) {
  const geo::Coast coast = west_block();
  Parameters p = Parameters::gfw();
  Context context = with_coast(coast);
  context.parameters = &p;
  // loitering.min_duration_h: a 3.9 h run
  p.set("loitering.min_duration_h=3.8");
  EXPECT_EQ(loitering(drifter(3.9), context).size(), 1U);
  p.set("loitering.min_duration_h=4");
  EXPECT_TRUE(loitering(drifter(3.9), context).empty());
  // loitering.max_speed_kn: a drift at 2.1 kn
  p.set("loitering.max_speed_kn=2.2");
  EXPECT_EQ(loitering(drifter(6, 2.1), context).size(), 1U);
  p.set("loitering.max_speed_kn=2");
  EXPECT_TRUE(loitering(drifter(6, 2.1), context).empty());
  // loitering.min_shore_nm: just under and just over the measured average of a drift 19 nm
  // off the coast
  p.set("loitering.min_shore_nm=0");
  const auto measured = loitering(drifter(6, 1.0, 19), context);
  ASSERT_EQ(measured.size(), 1U);
  const double shore_nm = measured[0].values.at("avg_distance_from_shore_nm");
  EXPECT_NEAR(shore_nm, 19, 0.2);
  p.set(fmt::format("loitering.min_shore_nm={}", shore_nm - 0.01));
  EXPECT_EQ(loitering(drifter(6, 1.0, 19), context).size(), 1U);
  p.set(fmt::format("loitering.min_shore_nm={}", shore_nm + 0.01));
  EXPECT_TRUE(loitering(drifter(6, 1.0, 19), context).empty());
}

TEST(Loitering, WithoutCoastTheShoreRuleIsSkippedAndSaid) {
  const auto events = loitering(drifter(6, 1.0, 1), Context{});
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].notes.at("shore_rule"), "skipped: no coastline");
  EXPECT_EQ(events[0].values.count("avg_distance_from_shore_nm"), 0U);
  EXPECT_LT(events[0].confidence, 1.0);
}

TEST(Loitering, NoiseAndShortSegmentsAreSkipped) {
  track::Track t = drifter(6);
  t.segments[0].quality = track::SegmentQuality::overlapping_and_short;
  EXPECT_TRUE(loitering(t, Context{}).empty());
  t.segments[0].quality = track::SegmentQuality::overlapping;
  EXPECT_EQ(loitering(t, Context{}).size(), 1U);
}

TEST(Loitering, AFastHourSplitsTheRun) {
  // 3 slow hours, one hour at 8 kn, 3 slow hours: two runs of about 3 h, neither long enough.
  const std::int64_t h = k_hour_ms;
  auto p = testing::run(k_t0_ms, k_t0_ms + 3 * h, 5, 0, 1, 3.0 * 1852 / k_m_per_deg, 1);
  const double lat = 3.0 * 1852 / k_m_per_deg;
  auto fast = testing::run(k_t0_ms + 3 * h + 5 * k_min_ms, k_t0_ms + 4 * h, 5,
                           lat + 0.5 * 1852 / k_m_per_deg, 1, lat + 8.0 * 1852 / k_m_per_deg, 1);
  const double lat2 = lat + 8.0 * 1852 / k_m_per_deg;
  auto slow = testing::run(k_t0_ms + 4 * h + 5 * k_min_ms, k_t0_ms + 7 * h, 5, lat2, 1,
                           lat2 + 3.0 * 1852 / k_m_per_deg, 1);
  p.insert(p.end(), fast.begin(), fast.end());
  p.insert(p.end(), slow.begin(), slow.end());
  EXPECT_TRUE(loitering(testing::one_segment(1, p), Context{}).empty());
}

}  // namespace
}  // namespace darkfleet::events
