#include "darkfleet/events/identity.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "synthetic_test_util.hpp"

namespace darkfleet::events {
namespace {

using testing::k_hour_ms;
using testing::k_t0_ms;

constexpr std::uint32_t k_ru = 273'000'001;      // MID 273: Russia
constexpr std::uint32_t k_km = 620'000'001;      // MID 620: Comoros
constexpr std::uint32_t k_good_imo = 9'074'729;  // check digit 9: 9*7+0*6+7*5+4*4+7*3+2*2 = 139

std::vector<Event> identity(const std::vector<track::Track>& tracks,
                            const std::vector<std::vector<store::Identity>>& identities = {},
                            const Context& context = {}) {
  auto detector = make_identity_detector();
  std::vector<std::vector<store::Identity>> all = identities;
  all.resize(tracks.size());
  return testing::detect(*detector, tracks, context, &all);
}

std::vector<std::string> subtypes(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) out.push_back(e.subtype);
  std::sort(out.begin(), out.end());
  return out;
}

track::Track quiet(std::uint32_t mmsi) {
  return testing::one_segment(mmsi,
                              testing::run(k_t0_ms, k_t0_ms + 3 * k_hour_ms, 10, 40, 20, 40.2, 20));
}

store::Identity id(std::uint32_t mmsi, std::string name, std::string call_sign, std::uint32_t imo,
                   int hour) {
  store::Identity i;
  i.mmsi = mmsi;
  i.name = std::move(name);
  i.call_sign = std::move(call_sign);
  i.imo = imo;
  i.first_seen_ms = k_t0_ms + hour * k_hour_ms;
  i.last_seen_ms = i.first_seen_ms + k_hour_ms / 2;
  i.reports = 3;
  return i;
}

TEST(Identity, MidTableAndChecks) {
  EXPECT_EQ(mid_country(273), "RU");
  EXPECT_EQ(mid_country(445), "KP");
  EXPECT_EQ(mid_country(620), "KM");
  EXPECT_EQ(mid_country(636), "LR");
  EXPECT_EQ(mid_country(217), "");  // not allocated
  EXPECT_EQ(mid_country(800), "");
  EXPECT_EQ(ship_mid(273'123'456), 273U);
  EXPECT_EQ(ship_mid(123'456'789), 0U);  // SAR aircraft range, not a ship
  EXPECT_EQ(ship_mid(970'123'456), 0U);  // SART
  EXPECT_TRUE(imo_valid(k_good_imo));
  EXPECT_TRUE(imo_valid(9'176'187));
  EXPECT_FALSE(imo_valid(9'074'728));
  EXPECT_FALSE(imo_valid(907'472));  // 6 digits
  EXPECT_FALSE(imo_valid(0));
}

TEST(Identity, ValidMmsiQuietTrackHasNoEvents) {
  EXPECT_TRUE(identity({quiet(k_ru)}, {{id(k_ru, "NAME", "UBCD", k_good_imo, 0)}}).empty());
}

TEST(Identity, InvalidMmsiAndUnallocatedMid) {
  EXPECT_EQ(subtypes(identity({quiet(12'345'678)})), std::vector<std::string>{"invalid_mmsi"});
  EXPECT_EQ(subtypes(identity({quiet(123'456'789)})), std::vector<std::string>{"invalid_mmsi"});
  const auto unallocated = identity({quiet(217'000'001)});
  ASSERT_EQ(unallocated.size(), 1U);
  EXPECT_EQ(unallocated[0].subtype, "unallocated_mid");
  EXPECT_EQ(unallocated[0].notes.at("mid"), "217");
  EXPECT_EQ(unallocated[0].start.t_ms, k_t0_ms);
}

TEST(Identity, InvalidImo) {
  const auto events = identity({quiet(k_ru)}, {{id(k_ru, "A", "", 9'074'728, 0)}});
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].subtype, "invalid_imo");
  EXPECT_EQ(events[0].notes.at("reason"), "check digit fails");
  EXPECT_EQ(subtypes(identity({quiet(k_ru)}, {{id(k_ru, "A", "", 12'345, 0)}})),
            std::vector<std::string>{"invalid_imo"});
}

TEST(Identity, NameCallSignAndImoChanges) {
  const auto events = identity({quiet(k_ru)}, {{id(k_ru, "OLD NAME", "UAAA", k_good_imo, 0),
                                                id(k_ru, "NEW NAME", "UBBB", 9'176'187, 5)}});
  EXPECT_EQ(subtypes(events),
            (std::vector<std::string>{"call_sign_change", "imo_change", "name_change"}));
  for (const Event& e : events) {
    EXPECT_EQ(e.start.t_ms, k_t0_ms + 5 * k_hour_ms);
    if (e.subtype == "name_change") {
      EXPECT_EQ(e.notes.at("old_value"), "OLD NAME");
      EXPECT_EQ(e.notes.at("new_value"), "NEW NAME");
    }
  }
  // Values not broadcast (a class B part A report without call sign) are not changes, and
  // the same values again are none either.
  EXPECT_TRUE(
      identity({quiet(k_ru)}, {{id(k_ru, "SAME", "UAAA", k_good_imo, 0), id(k_ru, "SAME", "", 0, 2),
                                id(k_ru, "", "UAAA", k_good_imo, 4)}})
          .empty());
}

TEST(Identity, ImoUnderAnotherFlagIsAFlagChange) {
  const auto events = identity({quiet(k_ru), quiet(k_km)}, {{id(k_ru, "OLD", "", k_good_imo, 0)},
                                                            {id(k_km, "NEW", "", k_good_imo, 10)}});
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].subtype, "flag_change");
  EXPECT_EQ(events[0].mmsi, k_km);
  EXPECT_EQ(events[0].notes.at("old_flag"), "RU");
  EXPECT_EQ(events[0].notes.at("new_flag"), "KM");
  EXPECT_EQ(events[0].notes.at("old_mmsi"), "273000001");
  EXPECT_EQ(events[0].start.t_ms, k_t0_ms + 10 * k_hour_ms);
  // Same country: only the MMSI changed.
  const auto same_flag =
      identity({quiet(k_ru), quiet(k_ru + 1)},
               {{id(k_ru, "A", "", k_good_imo, 0)}, {id(k_ru + 1, "A", "", k_good_imo, 10)}});
  EXPECT_EQ(subtypes(same_flag), std::vector<std::string>{"mmsi_change"});
  // Different IMOs: nothing.
  EXPECT_TRUE(identity({quiet(k_ru), quiet(k_km)},
                       {{id(k_ru, "A", "", k_good_imo, 0)}, {id(k_km, "B", "", 9'176'187, 10)}})
                  .empty());
}

/// Adds to `first` (6 h from k_t0_ms) a second transmitter of the same MMSI, moored at
/// `lat` 20 E for 8 h from `overlap_h` before the first stops; both become "overlapping".
track::Track with_second_transmitter(track::Track first, double lat, double overlap_h) {
  track::Segment other;
  other.index = 1;
  other.quality = track::SegmentQuality::overlapping;
  const auto from = k_t0_ms + 6 * k_hour_ms - std::llround(overlap_h * 3'600'000.0);
  other.positions = testing::run(from, from + 8 * k_hour_ms, 5, lat, 20, lat, 20);
  first.segments[0].quality = track::SegmentQuality::overlapping;
  first.segments.push_back(other);
  return first;
}

/// Two segments of one MMSI overlapping for `overlap_h`: the first sails 40.0 -> 40.1 N, the
/// second waits `apart_deg` degrees north of where the first ends.
track::Track two_transmitters(double apart_deg, double overlap_h) {
  return with_second_transmitter(
      testing::one_segment(k_ru, testing::run(k_t0_ms, k_t0_ms + 6 * k_hour_ms, 5, 40, 20, 40.1, 20)),
      40.1 + apart_deg, overlap_h);
}

TEST(Identity, OneMmsiInTwoPlacesAtOnce) {
  const auto events = identity({two_transmitters(2.0, 1.5)});
  ASSERT_EQ(events.size(), 1U);
  const Event& e = events[0];
  EXPECT_EQ(e.subtype, "two_places_at_once");
  EXPECT_NEAR(e.values.at("overlap_h"), 1.5, 1e-9);
  EXPECT_NEAR(e.values.at("distance_nm"), 121, 2);  // about 2.01 degrees of latitude
  ASSERT_EQ(e.evidence.size(), 2U);
  EXPECT_EQ(e.evidence[1].segment, 1U);
  // Overlap shorter than identity.min_overlap_h (1 h), or close enough to be one ship: none.
  EXPECT_TRUE(identity({two_transmitters(2.0, 0.9)}).empty());
  EXPECT_TRUE(identity({two_transmitters(0.0, 2.0)}).empty());
}

/// Two moored transmitters of one MMSI `apart_nm` apart (north-south), reporting every
/// 5 min on the same grid; the second starts `overlap_h` before the first stops.
track::Track two_moored(double apart_nm, double overlap_h) {
  return with_second_transmitter(
      testing::one_segment(k_ru, testing::run(k_t0_ms, k_t0_ms + 6 * k_hour_ms, 5, 40, 20, 40, 20)),
      40 + apart_nm * 1852.0 / testing::k_m_per_deg, overlap_h);
}

TEST(Identity, TwoPlacesSpeedBoundary) {
  // Simultaneous positions: identity.max_speed_kn (50) x hypot(0, 0.5 h) = 25 nm.
  const auto far = identity({two_moored(25.1, 1.5)});
  ASSERT_EQ(far.size(), 1U);
  EXPECT_EQ(far[0].subtype, "two_places_at_once");
  EXPECT_NEAR(far[0].values.at("distance_nm"), 25.1, 0.01);
  EXPECT_NEAR(far[0].values.at("implied_speed_kn"), 50.2, 0.02);
  EXPECT_TRUE(identity({two_moored(24.9, 1.5)}).empty());
  Parameters p = Parameters::gfw();
  Context context;
  context.parameters = &p;
  p.set("identity.max_speed_kn=51");  // 25.5 nm
  EXPECT_TRUE(identity({two_moored(25.1, 1.5)}, {}, context).empty());
  EXPECT_EQ(identity({two_moored(25.6, 1.5)}, {}, context).size(), 1U);
}

TEST(Identity, TwoPlacesOverlapBoundary) {
  // identity.min_overlap_h (1 h): 65 min vs 55 min of overlap, 40 nm apart.
  EXPECT_EQ(identity({two_moored(40, 65.0 / 60)}).size(), 1U);
  EXPECT_TRUE(identity({two_moored(40, 55.0 / 60)}).empty());
  Parameters p = Parameters::gfw();
  Context context;
  context.parameters = &p;
  p.set("identity.min_overlap_h=0.9");  // 54 min
  EXPECT_EQ(identity({two_moored(40, 55.0 / 60)}, {}, context).size(), 1U);
  p.set("identity.min_overlap_h=1.1");  // 66 min
  EXPECT_TRUE(identity({two_moored(40, 65.0 / 60)}, {}, context).empty());
}

TEST(Identity, ImpossibleJumpsAreNoiseSegments) {
  track::Track t = quiet(k_ru);
  track::Segment jump;
  jump.index = 1;
  jump.quality = track::SegmentQuality::noise;
  jump.positions.push_back(store::make_position(k_t0_ms + k_hour_ms, 10, 100));
  t.segments.push_back(jump);
  const auto events = identity({t});
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].subtype, "impossible_jump");
  EXPECT_EQ(events[0].start.position.lon_deg, 100);
  EXPECT_TRUE(identity({quiet(k_ru)}).empty());
}

// A vessel heard once (a one-position track, or one position a day away from any other)
// is a lone report: the segmenter marks it noise, but there is nothing it jumped from.
TEST(Identity, LoneReportIsNoImpossibleJump) {
  const auto once = track::build_track(k_ru, {store::make_position(k_t0_ms, 10, 100, 0.0)});
  ASSERT_EQ(once.segments.size(), 1U);
  ASSERT_EQ(once.segments[0].quality, track::SegmentQuality::noise);
  EXPECT_TRUE(identity({once}).empty());
  track::Track t = quiet(k_ru);
  const std::int64_t end = t.segments.back().positions.back().t_ms;
  track::Segment later;
  later.index = 1;
  later.quality = track::SegmentQuality::noise;
  later.positions.push_back(store::make_position(end + 25 * k_hour_ms, 10, 100));
  t.segments.push_back(later);
  EXPECT_TRUE(identity({t}).empty()) << "25 h after the track: a lone report";
  t.segments.back().positions[0].t_ms = end + 23 * k_hour_ms;
  ASSERT_EQ(identity({t}).size(), 1U) << "23 h after: within the segmenter's reach, a jump";
}

TEST(Identity, PositionsOnLand) {
  // The quiet track runs 40.0 -> 40.2 N at 20 E; land covers 40.1 - 41 N.
  const geo::Coast land =
      geo::Coast::from_polygons({{{{40.1, 19}, {40.1, 21}, {41, 21}, {41, 19}}, {}}});
  Context context;
  context.coast = &land;
  const auto events = identity({quiet(k_ru)}, {}, context);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].subtype, "positions_on_land");
  EXPECT_GT(events[0].values.at("positions_on_land"), 5);
  EXPECT_NEAR(events[0].values.at("share_on_land"), 0.5, 0.1);
  const geo::Coast elsewhere =
      geo::Coast::from_polygons({{{{30, 19}, {30, 21}, {31, 21}, {31, 19}}, {}}});
  context.coast = &elsewhere;
  EXPECT_TRUE(identity({quiet(k_ru)}, {}, context).empty());
}

TEST(Identity, MinInlandDistanceBoundsPositionsOnLand) {
  // The quiet track reaches 40.2 N, 0.1 degree (11.1 km) inside land that begins at 40.1 N:
  // only positions deeper inland than identity.min_inland_m count.
  const geo::Coast land =
      geo::Coast::from_polygons({{{{40.1, 19}, {40.1, 21}, {41, 21}, {41, 19}}, {}}});
  Parameters p = Parameters::gfw();
  Context context;
  context.coast = &land;
  context.parameters = &p;
  auto on_land = [&](double inland_m) {
    p.set("identity.min_inland_m=" + std::to_string(inland_m));
    const auto events = identity({quiet(k_ru)}, {}, context);
    return events.empty() ? 0.0 : events[0].values.at("positions_on_land");
  };
  const double near_coast = on_land(100);
  const double deep = on_land(8000);
  EXPECT_GT(near_coast, deep);
  EXPECT_GT(deep, 0);
  EXPECT_GT(on_land(10900), 0);   // the last positions lie deeper than 10.9 km
  EXPECT_EQ(on_land(11300), 0);   // none deeper than 11.3 km
}

}  // namespace
}  // namespace darkfleet::events
