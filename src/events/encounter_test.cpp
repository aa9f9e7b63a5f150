#include "darkfleet/events/encounter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <random>

#include "synthetic_test_util.hpp"
#include "track_util.hpp"

namespace darkfleet::events {
namespace {

using testing::k_hour_ms;
using testing::k_m_per_deg;
using testing::k_min_ms;
using testing::k_t0_ms;

constexpr double k_lat = 10.0;
constexpr double k_lon = 60.0;

/// Longitude degrees for `m` metres east at latitude `lat`.
double east_deg(double m, double lat = k_lat) {
  return m / (k_m_per_deg * std::cos(lat * std::numbers::pi / 180.0));
}

/// A stationary vessel reporting every 5 min over [from, to].
std::vector<store::Position> still(std::int64_t from_ms, std::int64_t to_ms, double lat, double lon,
                                   double step_min = 5) {
  return testing::run(from_ms, to_ms, step_min, lat, lon, lat, lon);
}

std::vector<Event> encounters(const std::vector<track::Track>& tracks,
                              const Context& context = {}) {
  auto detector = make_encounter_detector();
  return testing::detect(*detector, tracks, context);
}

/// A at (k_lat, k_lon) for 10 h; B `offset_m` east of it from `meet_from` for `meet_h`.
std::vector<Event> meeting(double offset_m, double meet_h, const Context& context = {}) {
  const std::int64_t meet_from = k_t0_ms + 2 * k_hour_ms;
  const auto meet_to = meet_from + std::llround(meet_h * 3'600'000.0);
  return encounters(
      {testing::one_segment(100000001, still(k_t0_ms, k_t0_ms + 10 * k_hour_ms, k_lat, k_lon)),
       testing::one_segment(100000002,
                            still(meet_from, meet_to, k_lat, k_lon + east_deg(offset_m), 1))},
      context);
}

TEST(Encounter, DistanceBoundary480mVs520m) {
  const auto near = meeting(480, 3);
  ASSERT_EQ(near.size(), 1U);
  const Event& e = near[0];
  EXPECT_EQ(e.kind, EventKind::encounter);
  EXPECT_EQ(e.mmsi, 100000001U);
  EXPECT_EQ(e.other_mmsi, 100000002U);
  EXPECT_NEAR(e.values.at("median_distance_m"), 480, 1.0);  // 1e-6 deg quantisation
  EXPECT_NEAR(e.values.at("median_speed_kn"), 0, 1e-6);
  EXPECT_NEAR(e.duration_h(), 3.0, 1e-9);
  EXPECT_EQ(e.start.t_ms, k_t0_ms + 2 * k_hour_ms);
  EXPECT_NEAR(e.position.lat_deg, k_lat, 1e-6);
  EXPECT_NEAR(e.position.lon_deg, k_lon + east_deg(240), 1e-5);
  EXPECT_EQ(e.values.at("vessel_1_point_count"), 19);  // 3 h at 10 min, both ends
  EXPECT_EQ(e.values.at("vessel_2_point_count"), 19);
  ASSERT_EQ(e.evidence.size(), 2U);
  EXPECT_EQ(e.evidence[0].mmsi, 100000001U);
  EXPECT_EQ(e.evidence[1].mmsi, 100000002U);
  EXPECT_EQ(e.parameter_set, "gfw");
  EXPECT_TRUE(meeting(520, 3).empty());
}

TEST(Encounter, DurationBoundary1p9hVs2p1h) {
  EXPECT_TRUE(meeting(100, 1.9).empty());
  const auto long_enough = meeting(100, 2.1);
  ASSERT_EQ(long_enough.size(), 1U);
  // On the 10-min grid a 2.1 h meeting covers 2.0 h of slots.
  EXPECT_NEAR(long_enough[0].duration_h(), 2.0, 1e-9);
}

TEST(Encounter, SpeedBoundary2p1knVs1p9kn) {
  // Both vessels drift north side by side (200 m apart) for 4 h at `kn`.
  auto drifting = [](double kn) {
    const double dlat = kn * 1852.0 * 4 / k_m_per_deg;
    const std::int64_t to = k_t0_ms + 4 * k_hour_ms;
    return encounters(
        {testing::one_segment(1, testing::run(k_t0_ms, to, 5, k_lat, k_lon, k_lat + dlat, k_lon)),
         testing::one_segment(2, testing::run(k_t0_ms, to, 5, k_lat, k_lon + east_deg(200),
                                              k_lat + dlat, k_lon + east_deg(200)))});
  };
  const auto slow = drifting(1.9);
  ASSERT_EQ(slow.size(), 1U);
  EXPECT_NEAR(slow[0].values.at("median_speed_kn"), 1.9, 0.01);
  EXPECT_TRUE(drifting(2.1).empty());
}

/// A 3 h meeting 200 m apart with a port `km` north of its mean position.
std::vector<Event> meeting_with_port_at(double km, const Parameters* parameters = nullptr) {
  // The mean position is the midpoint of A and B (B 200 m east of A).
  const geo::LatLon mean{k_lat, k_lon + east_deg(100)};
  std::vector<geo::Port> ports{
      {"p1", "Port", "", {mean.lat_deg + km * 1000 / k_m_per_deg, mean.lon_deg}, {}, "test"}};
  Context context;
  context.ports = &ports;
  context.parameters = parameters;
  return meeting(200, 3, context);
}

TEST(Encounter, PortBoundary9kmVs11km) {
  EXPECT_TRUE(meeting_with_port_at(9).empty());
  EXPECT_EQ(meeting_with_port_at(11).size(), 1U);
}

TEST(Encounter, PortDistanceIsAParameter) {
  Parameters p = Parameters::gfw();
  p.set("encounter.min_port_distance_km=8.9");
  EXPECT_EQ(meeting_with_port_at(9, &p).size(), 1U);
  p.set("encounter.min_port_distance_km=9.1");
  EXPECT_TRUE(meeting_with_port_at(9, &p).empty());
}

/// A and B 200 m apart drifting north together for 6 h, from `from_km` to `to_km` north of
/// a port on their midline; the port has the area `area` when one is given.
std::vector<Event> drifting_past_port(double from_km, double to_km,
                                      std::optional<geo::Polygon> area = std::nullopt,
                                      double port_km = 0) {
  const double lon_mid = k_lon + east_deg(100);
  std::vector<geo::Port> ports{
      {"p1", "Port", "", {k_lat + port_km * 1000 / k_m_per_deg, lon_mid}, std::move(area), "test"}};
  Context context;
  context.ports = &ports;
  const double lat_from = k_lat + from_km * 1000 / k_m_per_deg;
  const double lat_to = k_lat + to_km * 1000 / k_m_per_deg;
  const std::int64_t to = k_t0_ms + 6 * k_hour_ms;
  return encounters(
      {testing::one_segment(1, testing::run(k_t0_ms, to, 5, lat_from, k_lon, lat_to, k_lon)),
       testing::one_segment(2, testing::run(k_t0_ms, to, 5, lat_from, k_lon + east_deg(200), lat_to,
                                            k_lon + east_deg(200)))},
      context);
}

TEST(Encounter, PointsNearAPortAreNotPaired) {
  // 8 -> 14 km from the port in 6 h (0.54 kn): the mean lies 11 km out, but only the last
  // ~4 h are 10 km or more from the port, and only they make the encounter.
  const auto crossing = drifting_past_port(8, 14);
  ASSERT_EQ(crossing.size(), 1U);
  EXPECT_NEAR(crossing[0].duration_h(), 4.0, 0.25);
  EXPECT_NEAR(static_cast<double>(crossing[0].start.t_ms - k_t0_ms) / 3.6e6, 2.0, 0.25);
  // 6 -> 10.5 km: half an hour outside the 10 km, too short.
  EXPECT_TRUE(drifting_past_port(6, 10.5).empty());
}

TEST(Encounter, PortAreaNotItsReferencePointSetsTheDistance) {
  // The port's reference point lies 40 km north of the meeting (far enough); its area is a
  // 4 km square from `near_km` to `near_km + 4` km north.
  auto square = [](double near_km) {
    const double lat_lo = k_lat + near_km * 1000 / k_m_per_deg;
    const double lat_hi = k_lat + (near_km + 4) * 1000 / k_m_per_deg;
    const double lon_lo = k_lon - east_deg(2000);
    const double lon_hi = k_lon + east_deg(2000);
    return geo::Polygon{{{lat_lo, lon_lo}, {lat_lo, lon_hi}, {lat_hi, lon_hi}, {lat_hi, lon_lo}},
                        {}};
  };
  // still at 0 km: the area's edge 5 km away excludes the meeting, 12 km away does not
  EXPECT_TRUE(drifting_past_port(0, 0.01, square(5), 40).empty());
  EXPECT_EQ(drifting_past_port(0, 0.01, square(12), 40).size(), 1U);
}

TEST(Encounter, ResampleStepSetsTheGrid) {
  // B beside A from 2:01 to 4:06 (125 min). Grid times inside: every 10 min 2:10-4:00
  // (1.83 h, too short), every 6 min 2:06-4:06 (2.0 h), every 7 min 2:06-4:05 (1.98 h).
  auto with_step = [](const char* step) {
    Parameters p = Parameters::gfw();
    if (step != nullptr) p.set(step);
    Context context;
    context.parameters = &p;
    const std::int64_t from = k_t0_ms + 121 * k_min_ms;
    const std::int64_t to = k_t0_ms + 246 * k_min_ms;
    return encounters(
        {testing::one_segment(1, still(k_t0_ms, k_t0_ms + 10 * k_hour_ms, k_lat, k_lon)),
         testing::one_segment(2, still(from, to, k_lat, k_lon + east_deg(100), 1))},
        context);
  };
  EXPECT_TRUE(with_step(nullptr).empty());
  const auto six = with_step("encounter.resample_min=6");
  ASSERT_EQ(six.size(), 1U);
  EXPECT_EQ(six[0].start.t_ms, k_t0_ms + 126 * k_min_ms);
  EXPECT_NEAR(six[0].duration_h(), 2.0, 1e-9);
  EXPECT_TRUE(with_step("encounter.resample_min=7").empty());
}

TEST(Encounter, NotOnLand) {
  auto with_island = [](double centre_lon) {
    constexpr double h = 0.1;
    const geo::Coast coast = geo::Coast::from_polygons({{{{k_lat - h, centre_lon - h},
                                                          {k_lat - h, centre_lon + h},
                                                          {k_lat + h, centre_lon + h},
                                                          {k_lat + h, centre_lon - h}},
                                                         {}}});
    Context context;
    context.coast = &coast;
    return meeting(200, 3, context);
  };
  EXPECT_TRUE(with_island(k_lon).empty());       // the meeting is inside the island
  EXPECT_EQ(with_island(k_lon + 1).size(), 1U);  // the island is 100 km away
}

/// A 3 h meeting during which A is silent for `silent_min` after its first hour.
std::vector<Event> silent_meeting(int silent_min, const Context& context = {}) {
  const std::int64_t m0 = k_t0_ms + 2 * k_hour_ms;
  auto a = still(m0, m0 + 60 * k_min_ms, k_lat, k_lon);
  const auto resume = m0 + (60 + silent_min) * k_min_ms;
  for (const auto& p : still(resume, m0 + 3 * k_hour_ms, k_lat, k_lon)) a.push_back(p);
  return encounters(
      {testing::one_segment(1, a),
       testing::one_segment(2, still(m0, m0 + 3 * k_hour_ms, k_lat, k_lon + east_deg(100)))},
      context);
}

TEST(Encounter, GapsJustOverAnHourAreNotBridged) {
  // A silent for 65 min: not bridged (the pieces are 1 h and 50 min, too short); for 55 min:
  // bridged, one 3 h encounter.
  EXPECT_TRUE(silent_meeting(65).empty());
  const auto bridged = silent_meeting(55);
  ASSERT_EQ(bridged.size(), 1U);
  EXPECT_NEAR(bridged[0].duration_h(), 3.0, 1e-9);
}

TEST(Encounter, MaxGapIsAParameter) {
  Parameters p = Parameters::gfw();
  Context context;
  context.parameters = &p;
  p.set("encounter.max_gap_h=1.1");  // 66 min
  const auto bridged = silent_meeting(65, context);
  ASSERT_EQ(bridged.size(), 1U);
  EXPECT_NEAR(bridged[0].duration_h(), 3.0, 1e-9);
  p.set("encounter.max_gap_h=1.05");  // 63 min
  EXPECT_TRUE(silent_meeting(65, context).empty());
}

/// Two 2.5 h meetings `gap_h` apart; B is silent in between (two segments). A 6 min grid
/// puts both gaps on the grid; `merge_gap` overrides encounter.merge_gap_h when given.
std::vector<Event> two_meetings(double gap_h, const char* merge_gap = nullptr) {
  Parameters p = Parameters::gfw();
  p.set("encounter.resample_min=6");
  if (merge_gap != nullptr) p.set(merge_gap);
  Context context;
  context.parameters = &p;
  const std::int64_t m0 = k_t0_ms + 1 * k_hour_ms;
  const std::int64_t m1 = m0 + 150 * k_min_ms;
  const auto m2 = m1 + std::llround(gap_h * 3'600'000.0);
  const auto m3 = m2 + 150 * k_min_ms;
  track::Track b = testing::one_segment(2, still(m0, m1, k_lat, k_lon + east_deg(100), 3));
  track::Segment second;
  second.index = 1;
  second.positions = still(m2, m3, k_lat, k_lon + east_deg(100), 3);
  b.segments.push_back(second);
  return encounters(
      {testing::one_segment(1, still(k_t0_ms, k_t0_ms + 12 * k_hour_ms, k_lat, k_lon, 3)), b},
      context);
}

TEST(Encounter, SamePairMergedWithin4hNotAfter) {
  const auto merged = two_meetings(3.9);
  ASSERT_EQ(merged.size(), 1U);
  EXPECT_NEAR(merged[0].duration_h(), 2.5 + 3.9 + 2.5, 1e-9);
  EXPECT_EQ(merged[0].parameter_set, "gfw+1");
  ASSERT_EQ(merged[0].evidence.size(), 3U);  // A's segment, B's two segments
  EXPECT_EQ(two_meetings(4.1).size(), 2U);
}

TEST(Encounter, MergeGapIsAParameter) {
  // Merged when the next run starts less than encounter.merge_gap_h after the last ends.
  EXPECT_EQ(two_meetings(4.1, "encounter.merge_gap_h=4.2").size(), 1U);
  EXPECT_EQ(two_meetings(4.1, "encounter.merge_gap_h=4.1").size(), 2U);
}

TEST(Encounter, SameVesselNeverMeetsItself) {
  track::Track t = testing::one_segment(7, still(k_t0_ms, k_t0_ms + 5 * k_hour_ms, k_lat, k_lon));
  track::Segment other;
  other.index = 1;
  other.quality = track::SegmentQuality::overlapping;
  other.positions = still(k_t0_ms, k_t0_ms + 5 * k_hour_ms, k_lat, k_lon + east_deg(50));
  t.segments.push_back(other);
  EXPECT_TRUE(encounters({t}).empty());
}

/// Every pair within 500 m of many stationary vessels is found, as a brute-force check says,
/// near the equator, at 70 degrees north, and across the antimeridian-free high latitudes.
TEST(Encounter, SweepFindsExactlyThePairsBruteForceFinds) {
  for (const double lat : {0.0, 45.0, 70.0}) {
    std::mt19937_64 rng(static_cast<std::uint64_t>(lat) + 11);
    std::uniform_real_distribution<double> metres(0, 6000);
    std::vector<track::Track> tracks;
    std::vector<geo::LatLon> where;
    for (std::uint32_t i = 0; i < 150; ++i) {
      const double la = lat + metres(rng) / k_m_per_deg;
      const double lo = 20 + east_deg(metres(rng), lat);
      tracks.push_back(
          testing::one_segment(1000 + i, still(k_t0_ms, k_t0_ms + 3 * k_hour_ms, la, lo, 10)));
      where.push_back(detail::to_latlon(tracks.back().segments[0].positions[0]));
    }
    std::size_t expected = 0;
    for (std::size_t i = 0; i < where.size(); ++i) {
      for (std::size_t j = i + 1; j < where.size(); ++j)
        expected += geo::distance_m(where[i], where[j]) <= 500 ? 1U : 0U;
    }
    ASSERT_GT(expected, 20U) << lat;
    EXPECT_EQ(encounters(tracks).size(), expected) << lat;
  }
}

}  // namespace
}  // namespace darkfleet::events
