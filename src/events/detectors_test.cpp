// Detector tests on hand-made tracks: each parameter at its boundary.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "darkfleet/events/anchorages.hpp"
#include "darkfleet/events/detectors.hpp"
#include "darkfleet/events/evaluate.hpp"
#include "darkfleet/events/output.hpp"

namespace darkfleet::events {
namespace {

constexpr std::int64_t k_h = 3'600'000;
constexpr std::int64_t k_min = 60'000;
constexpr std::int64_t k_t0 = 1'714'521'600'000;  // 2024-05-01T00:00:00Z
constexpr double k_m_per_deg_lat = 6'371'008.8 * 3.14159265358979323846 / 180.0;

// A vessel's raw positions, built leg by leg.
struct Builder {
  std::vector<store::Position> positions;
  std::int64_t t = k_t0;
  double lat = 42.0;
  double lon = 131.0;
  // stays `h` hours reporting every `step` with speed `sog`
  Builder& stay(double h, double sog = 0.0, std::int64_t step = 10 * k_min) {
    const std::int64_t end = t + static_cast<std::int64_t>(h * k_h);
    for (; t < end; t += step) positions.push_back(store::make_position(t, lat, lon, sog, 0.0));
    return *this;
  }
  // sails north (km > 0) or south at `kn`, reporting every `step`
  Builder& sail_north(double km, double kn = 10.0, std::int64_t step = 5 * k_min) {
    const double h = std::abs(km) * 1000 / geo::k_m_per_nm / kn;
    const auto n = std::max<std::int64_t>(1, static_cast<std::int64_t>(h * k_h) / step);
    const double dlat = km * 1000 / k_m_per_deg_lat / static_cast<double>(n);
    for (std::int64_t i = 0; i < n; ++i) {
      positions.push_back(store::make_position(t, lat, lon, kn, km > 0 ? 0.0 : 180.0));
      lat += dlat;
      t += step;
    }
    return *this;
  }
  // the next position comes `h` hours after the last one
  Builder& silent(double h) {
    t = positions.back().t_ms + static_cast<std::int64_t>(h * k_h);
    return *this;
  }
};

struct Harness {
  Parameters parameters = Parameters::gfw();
  std::vector<geo::Port> ports;
  std::optional<geo::Coast> coast;
  std::optional<std::int64_t> data_end;
  std::vector<Event> go(EventKind kind,
                        const std::vector<std::pair<std::uint32_t, Builder>>& vessels) {
    std::vector<track::Track> tracks;
    for (const auto& [mmsi, b] : vessels) tracks.push_back(track::build_track(mmsi, b.positions));
    return go_tracks(kind, tracks);
  }
  // as go(), on tracks built by hand (segments the segmenter would split or drop)
  std::vector<Event> go_tracks(EventKind kind, const std::vector<track::Track>& tracks) {
    auto d = make_detector(kind);
    EXPECT_TRUE(d);
    Context c;
    c.parameters = &parameters;
    c.ports = &ports;
    c.coast = coast ? &*coast : nullptr;
    c.data_end_ms = data_end;
    CollectingSink sink;
    for (const auto& track : tracks) {
      const std::vector<store::Identity> ids;
      d->on_vessel({track.mmsi, &track, &ids}, c, sink);
    }
    d->finish(c, sink);
    sort_events(sink.events);
    return sink.events;
  }
};

// A hand-built segment of `positions`.
track::Segment segment_of(std::uint32_t index, std::vector<store::Position> positions) {
  track::Segment s;
  s.index = index;
  s.positions = std::move(positions);
  return s;
}

geo::Port port_at(double lat, double lon, std::string id = "p1") {
  geo::Port p;
  p.id = std::move(id);
  p.name = "PORT";
  p.position = {lat, lon};
  return p;
}

// --- gaps ---

TEST(GapDetector, GapJustUnderTheThresholdIsNotReported) {
  Builder b;
  b.stay(2, 8).silent(5.9).stay(2, 8);
  Harness r;
  EXPECT_TRUE(r.go(EventKind::gap, {{1, b}}).empty());
}

TEST(GapDetector, GapJustOverTheThresholdIsReportedWithItsNumbers) {
  Builder b;
  b.sail_north(20, 10).silent(6.1).sail_north(20, 10);
  Harness r;
  const auto ev = r.go(EventKind::gap, {{1, b}});
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_NEAR(ev[0].duration_h(), 6.1, 0.001);
  EXPECT_FALSE(ev[0].open);
  EXPECT_GT(ev[0].values.at("distance_nm"), 0);
  EXPECT_NEAR(ev[0].values.at("implied_speed_kn"),
              ev[0].values.at("distance_nm") / ev[0].duration_h(), 1e-9);
  EXPECT_GT(ev[0].values.at("positions_before"), 10);
}

TEST(GapDetector, MinimumDurationIsAParameter) {
  Builder b;
  b.stay(2, 8).silent(5).stay(2, 8);
  Harness r;
  r.parameters.set("gap.min_h=4");
  EXPECT_EQ(r.go(EventKind::gap, {{1, b}}).size(), 1U);
  EXPECT_EQ(r.go(EventKind::gap, {{1, b}})[0].parameter_set, "gfw+1");
}

TEST(GapDetector, OpenGapAtTheEndOfTheData) {
  Builder b;
  b.stay(2, 8);
  Harness r;
  r.data_end = b.t + 7 * k_h;
  auto ev = r.go(EventKind::gap, {{1, b}});
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_TRUE(ev[0].open);
  EXPECT_EQ(ev[0].end.t_ms, *r.data_end);
  r.data_end = b.t + 5 * k_h;
  EXPECT_TRUE(r.go(EventKind::gap, {{1, b}}).empty());
}

TEST(GapDetector, PositionsBeforeCountsTheLookbackWindow) {
  Builder b;
  b.stay(24, 8, 60 * k_min).silent(7).stay(1, 8);  // hourly reports
  Harness r;
  const auto ev = r.go(EventKind::gap, {{1, b}});
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_EQ(ev[0].values.at("positions_before"), 13);  // 12 h back, both ends included
}

TEST(GapDetector, LookbackWindowIsAParameter) {
  Builder b;
  b.stay(24, 8, 60 * k_min).silent(7).stay(1, 8);  // hourly reports
  Harness r;
  auto positions_before = [&](const char* lookback) {
    r.parameters.set(lookback);
    const auto ev = r.go(EventKind::gap, {{1, b}});
    EXPECT_EQ(ev.size(), 1U);
    return ev.empty() ? -1.0 : ev[0].values.at("positions_before");
  };
  // the report exactly gap.lookback_h before the gap's start counts, one just inside does not
  EXPECT_EQ(positions_before("gap.lookback_h=6"), 7);
  EXPECT_EQ(positions_before("gap.lookback_h=5.99"), 6);
}

// Land far to the west so that distance from shore is known; many well-received vessels in
// the same 1 degree cell make reception "good".
struct DisablingCase {
  Harness run;
  std::vector<std::pair<std::uint32_t, Builder>> vessels;
  DisablingCase(double gap_h, double shore_nm, int positions_before) {
    const double lon_shore =
        131.5 - shore_nm * geo::k_m_per_nm / (k_m_per_deg_lat * std::cos(42.5 * 3.14159265 / 180));
    run.coast = geo::Coast::from_polygons({geo::Polygon{
        {{40.0, lon_shore - 5}, {45.0, lon_shore - 5}, {45.0, lon_shore}, {40.0, lon_shore}}, {}}});
    for (std::uint32_t i = 0; i < 5; ++i) {  // background: 144 positions a day each
      Builder bg;
      bg.lat = 42.5;
      bg.lon = 131.5;
      bg.stay(48, 5, 10 * k_min);
      vessels.emplace_back(100 + i, bg);
    }
    Builder v;
    v.lat = 42.5;
    v.lon = 131.5;
    v.t = k_t0 + 24 * k_h - positions_before * 30 * k_min;
    v.stay(positions_before * 0.5 - 0.01, 5, 30 * k_min).silent(gap_h).stay(1, 5, 30 * k_min);
    vessels.emplace_back(1, v);
  }
  std::optional<Event> event() {
    for (auto& e : run.go(EventKind::gap, vessels)) {
      if (e.mmsi == 1) return e;
    }
    return std::nullopt;
  }
  std::string subtype() {
    const auto e = event();
    if (!e) return "none";
    return e->subtype.empty() ? "-" : e->subtype;
  }
};

TEST(GapDetector, LikelyDisablingNeedsAllFourConditions) {
  EXPECT_EQ(DisablingCase(13, 60, 20).subtype(), "likely_disabling");
  EXPECT_EQ(DisablingCase(11, 60, 20).subtype(), "-");  // too short
  EXPECT_EQ(DisablingCase(13, 45, 20).subtype(), "-");  // too close to shore
  EXPECT_EQ(DisablingCase(13, 60, 12).subtype(), "-");  // too few positions before
  DisablingCase poor(13, 60, 20);
  poor.run.parameters.set("gap.disabling_min_cell_positions_per_day=200");  // reception too poor
  EXPECT_EQ(poor.subtype(), "-");
}

TEST(GapDetector, LikelyDisablingThresholdsAtTheirBoundaries) {
  // gap.disabling_min_h (12 h)
  EXPECT_EQ(DisablingCase(12.1, 60, 20).subtype(), "likely_disabling");
  EXPECT_EQ(DisablingCase(11.9, 60, 20).subtype(), "-");
  // gap.disabling_min_shore_nm (50 nm)
  EXPECT_EQ(DisablingCase(13, 51, 20).subtype(), "likely_disabling");
  EXPECT_EQ(DisablingCase(13, 49, 20).subtype(), "-");
  // gap.disabling_min_positions_before (14)
  EXPECT_EQ(DisablingCase(13, 60, 14).subtype(), "likely_disabling");
  EXPECT_EQ(DisablingCase(13, 60, 13).subtype(), "-");
  // gap.disabling_min_cell_positions_per_day: reception must be above it. The cell holds
  // 5 background vessels x 2 days x 144 positions and the vessel's 20 + 2 positions on
  // 2 days: 1462 positions over 12 vessel-days.
  DisablingCase c(13, 60, 20);
  const auto e = c.event();
  ASSERT_TRUE(e);
  const double rate = e->values.at("reception_positions_per_day");
  EXPECT_NEAR(rate, 1462.0 / 12.0, 1e-9);
  c.run.parameters.set("gap.disabling_min_cell_positions_per_day=121.8");
  EXPECT_EQ(c.subtype(), "likely_disabling");
  c.run.parameters.set("gap.disabling_min_cell_positions_per_day=121.9");
  EXPECT_EQ(c.subtype(), "-");
}

TEST(ReceptionMap, CountsPositionsPerVesselDayOfPredictableVessels) {
  Builder moving;
  moving.stay(24, 5, 10 * k_min);
  Builder moored;
  moored.stay(24, 0, 10 * k_min);  // Class A below 0.5 kn: not predictable
  ReceptionMap map;
  map.add(track::build_track(1, moving.positions), AisClass::a);
  map.add(track::build_track(2, moored.positions), AisClass::a);
  EXPECT_DOUBLE_EQ(map.positions_per_day({42.0, 131.0}, k_t0, AisClass::a), 144);
  EXPECT_DOUBLE_EQ(map.positions_per_day({42.0, 131.0}, k_t0, AisClass::b), 0);
  EXPECT_DOUBLE_EQ(map.positions_per_day({43.5, 131.0}, k_t0, AisClass::a), 0);
}

TEST(AisClassOf, ClassAOnlyFieldsMakeClassA) {
  store::Identity a;
  a.imo = 9000001;
  store::Identity b;
  b.name = "SMALL";
  EXPECT_EQ(ais_class_of({a}), AisClass::a);
  EXPECT_EQ(ais_class_of({b}), AisClass::b);
  EXPECT_EQ(ais_class_of({}), AisClass::a);
}

// --- port visits ---

// A vessel that comes from 10 km south of a point `approach_km` from the port, stops there
// `stop_h` hours at `stop_kn`, and leaves north.
Builder call(double approach_km, double stop_h = 3, double stop_kn = 0.0) {
  Builder b;
  b.lat = 42.0 - (10 + approach_km) * 1000 / k_m_per_deg_lat;
  b.sail_north(10).stay(stop_h, stop_kn).sail_north(-10);
  return b;
}

TEST(PortVisitDetector, EntryAtTheEntryDistance) {
  Harness r;
  r.ports = {port_at(42.0, 131.0)};
  const auto in = r.go(EventKind::port_visit, {{1, call(2.9)}});
  ASSERT_EQ(in.size(), 1U);
  EXPECT_EQ(in[0].port_id, "p1");
  EXPECT_EQ(in[0].values.at("confidence_level"), 4);
  EXPECT_DOUBLE_EQ(in[0].confidence, 1.0);
  EXPECT_NEAR(in[0].duration_h(), 3.0, 0.2);
  EXPECT_TRUE(r.go(EventKind::port_visit, {{1, call(3.1)}}).empty());
  r.parameters.set("port_visit.entry_distance_m=3200");
  EXPECT_EQ(r.go(EventKind::port_visit, {{1, call(3.1)}}).size(), 1U);
}

// A moored Class A vessel reports every 3 minutes: a short recording may hold one report
// of it. That lone report (a noise segment to the segmenter) is a stop in port; a single
// position out of reach of the vessel's track is not.
TEST(PortVisitDetector, LoneReportInPortIsAVisitAnImpossibleJumpIsNot) {
  Harness r;
  r.ports = {port_at(42.0, 131.0)};
  Builder once;
  once.positions.push_back(store::make_position(k_t0, 42.0, 131.01, 0.0, 0.0));
  const auto visits = r.go(EventKind::port_visit, {{1, once}});
  ASSERT_EQ(visits.size(), 1U);
  EXPECT_EQ(visits[0].values.at("confidence_level"), 2);
  // The same report 2 h after a track 300 km south: an impossible jump, no visit.
  Builder far;
  far.lat = 39.3;
  far.stay(2, 10.0, 10 * k_min);
  far.positions.push_back(store::make_position(far.t, 42.0, 131.01, 0.0, 0.0));
  EXPECT_TRUE(r.go(EventKind::port_visit, {{1, far}}).empty());
}

TEST(PortVisitDetector, ExitHysteresis) {
  Harness r;
  r.ports = {port_at(42.0, 131.0)};
  auto wander = [](double km) {
    Builder b;
    b.stay(3, 0);
    b.sail_north(km, 5).stay(1, 0).sail_north(-km, 5).stay(3, 0);
    return b;
  };
  EXPECT_EQ(r.go(EventKind::port_visit, {{1, wander(3.9)}}).size(), 1U);
  EXPECT_EQ(r.go(EventKind::port_visit, {{1, wander(4.1)}}).size(), 2U);
}

TEST(PortVisitDetector, StopSpeedDecidesConfidence) {
  Harness r;
  r.ports = {port_at(42.0, 131.0)};
  r.parameters.set("port_visit.min_confidence=1");
  const auto slow = r.go(EventKind::port_visit, {{1, call(1, 3, 0.1)}});
  const auto drift = r.go(EventKind::port_visit, {{1, call(1, 3, 0.3)}});
  ASSERT_EQ(slow.size(), 1U);
  ASSERT_EQ(drift.size(), 1U);
  EXPECT_EQ(slow[0].values.at("confidence_level"), 4);
  EXPECT_EQ(drift[0].values.at("confidence_level"), 1);  // entry and exit only
  r.parameters.set("port_visit.min_confidence=2");
  EXPECT_TRUE(r.go(EventKind::port_visit, {{1, call(1, 3, 0.3)}}).empty());
}

TEST(PortVisitDetector, GapInPortCounts) {
  Harness r;
  r.ports = {port_at(42.0, 131.0)};
  r.parameters.set("port_visit.min_confidence=1");
  auto with_gap = [](double h) {
    Builder b = call(1, 1, 0.3);
    Builder c;
    c.lat = 42.0 - 11 * 1000 / k_m_per_deg_lat;
    c.sail_north(10).stay(1, 0.3).silent(h).stay(1, 0.3).sail_north(-10);
    return c;
  };
  EXPECT_EQ(r.go(EventKind::port_visit, {{1, with_gap(4.1)}})[0].notes.at("gap"), "true");
  EXPECT_EQ(r.go(EventKind::port_visit, {{1, with_gap(3.9)}})[0].notes.at("gap"), "false");
}

TEST(PortVisitDetector, MoveSpeedEndsAStop) {
  // In port from the start: stopped at 0.1 kn, an hour at `kn`, stopped again.
  Harness r;
  r.ports = {port_at(42.0, 131.0)};
  auto stops = [&r](double kn) {
    Builder b;
    b.stay(2, 0.1).stay(1, kn).stay(2, 0.1);
    const auto ev = r.go(EventKind::port_visit, {{1, b}});
    EXPECT_EQ(ev.size(), 1U);
    return ev.empty() ? -1.0 : ev[0].values.at("stops");
  };
  EXPECT_EQ(stops(0.5), 1);  // not above port_visit.move_speed_kn: the same stop goes on
  EXPECT_EQ(stops(0.6), 2);
  r.parameters.set("port_visit.move_speed_kn=0.4");
  EXPECT_EQ(stops(0.5), 2);
  EXPECT_EQ(stops(0.4), 1);
}

TEST(PortVisitDetector, SegmentsFarApartSplitTheVisit) {
  // Segment 0 moored in port for 3 h; segment 1 from 10 min later, `nm` north, without a
  // reported speed (so the jump rule does not apply to it).
  Harness r;
  r.ports = {port_at(42.0, 131.0)};
  auto visit = [&r](double nm) {
    Builder moored;
    moored.stay(3, 0);
    const double lat = 42.0 + nm * geo::k_m_per_nm / k_m_per_deg_lat;
    std::vector<store::Position> far;
    const std::int64_t from = moored.positions.back().t_ms + 10 * k_min;
    for (std::int64_t t = from; t < from + 2 * k_h; t += 10 * k_min) {
      far.push_back(store::make_position(t, lat, 131.0));
    }
    track::Track track;
    track.mmsi = 1;
    track.segments = {segment_of(0, moored.positions), segment_of(1, far)};
    const auto ev = r.go_tracks(EventKind::port_visit, {track});
    EXPECT_EQ(ev.size(), 1U);
    return ev.empty() ? Event{} : ev[0];
  };
  const Event left = visit(59);  // within the split distance: an observed exit
  EXPECT_FALSE(left.open);
  EXPECT_EQ(left.notes.at("exit"), "true");
  EXPECT_EQ(left.values.at("confidence_level"), 3);  // exit and stop
  const Event split = visit(61);  // beyond port_visit.max_inter_segment_distance_nm
  EXPECT_TRUE(split.open);
  EXPECT_EQ(split.notes.at("exit"), "false");
  EXPECT_EQ(split.values.at("confidence_level"), 2);  // stop only
  r.parameters.set("port_visit.max_inter_segment_distance_nm=62");
  EXPECT_FALSE(visit(61).open);
}

TEST(PortVisitDetector, JumpBufferBoundsTheReportsTakenAsWrong) {
  // Moored in port; one report `nm` north a minute later at a reported 10 kn; moored again.
  // Allowed: (1.1 x 10 + 1) x hypot(1 min, port_visit.jump_buffer_h) = 6.003 nm at 0.5 h.
  // A report farther than that is ignored (one visit); a nearer one is an exit (two visits).
  Harness r;
  r.ports = {port_at(42.0, 131.0)};
  auto visits = [&r](double nm) {
    Builder b;
    b.stay(2, 0);
    const std::int64_t t = b.positions.back().t_ms + k_min;
    b.positions.push_back(
        store::make_position(t, 42.0 + nm * geo::k_m_per_nm / k_m_per_deg_lat, 131.0, 10.0, 0.0));
    b.t = t + 10 * k_min;
    b.stay(2, 0);
    track::Track track;
    track.mmsi = 1;
    track.segments = {segment_of(0, b.positions)};
    return r.go_tracks(EventKind::port_visit, {track}).size();
  };
  EXPECT_EQ(visits(5.9), 2U);
  EXPECT_EQ(visits(6.1), 1U);
  r.parameters.set("port_visit.jump_buffer_h=0.52");  // allowed 6.243 nm
  EXPECT_EQ(visits(6.1), 2U);
  EXPECT_EQ(visits(6.4), 1U);
}

TEST(PortVisitDetector, OpenVisitAtTheStartAndEnd) {
  Harness r;
  r.ports = {port_at(42.0, 131.0)};
  Builder b;
  b.stay(5, 0);
  const auto ev = r.go(EventKind::port_visit, {{1, b}});
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_TRUE(ev[0].open);
  EXPECT_EQ(ev[0].values.at("confidence_level"), 2);  // stop only
}

TEST(PortVisitDetector, NoPortsNoVisits) {
  Harness r;
  EXPECT_TRUE(r.go(EventKind::port_visit, {{1, call(0.5)}}).empty());
}

// --- dark port calls ---

TEST(DarkPortCallDetector, ReachableOnlyWithinSpeedAndDwell) {
  // gap of 16 h at one place; a port 33 nm away needs 2 x 33 / 15 = 4.4 h of sailing
  Builder b;
  b.stay(2, 5).silent(16).stay(2, 5);
  const double gap_h = 16;
  const double budget_h = gap_h - 6;
  Harness r;
  auto port_nm = [](double nm, std::string id) {
    return port_at(42.0 + nm * geo::k_m_per_nm / k_m_per_deg_lat, 131.0, std::move(id));
  };
  const double edge_nm = budget_h * 15 / 2;
  r.ports = {port_nm(33, "near"), port_nm(edge_nm - 0.5, "edge_in"),
             port_nm(edge_nm + 0.5, "edge_out")};
  const auto ev = r.go(EventKind::dark_port_call, {{1, b}});
  ASSERT_EQ(ev.size(), 2U);
  EXPECT_EQ(ev[0].port_id, "near");
  EXPECT_EQ(ev[0].values.at("rank"), 1);
  EXPECT_EQ(ev[1].port_id, "edge_in");
  EXPECT_NEAR(ev[1].values.at("slack_h"), 1.0 / 15, 0.01);
  r.parameters.set("dark_port_call.min_dwell_h=17");  // no time left to call anywhere
  EXPECT_TRUE(r.go(EventKind::dark_port_call, {{1, b}}).empty());
}

// A port `nm` north of 42 N 131 E (south when negative).
geo::Port port_nm(double nm, std::string id) {
  return port_at(42.0 + nm * geo::k_m_per_nm / k_m_per_deg_lat, 131.0, std::move(id));
}

// The port ids of `events` that the gap's candidates name, sorted.
std::vector<std::string> port_ids(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.port_id);
  std::sort(out.begin(), out.end());
  return out;
}

// The candidate ranked first.
const Event* rank_1(const std::vector<Event>& events) {
  for (const auto& e : events) {
    if (e.values.at("rank") == 1) return &e;
  }
  return nullptr;
}

TEST(DarkPortCallDetector, SpeedAndDwellMoveTheReachEdge) {
  // As above: dark 16 h at one place; with 15 kn and 6 h of dwell the edge is 75 nm.
  Builder b;
  b.stay(2, 5).silent(16).stay(2, 5);
  Harness r;
  r.ports = {port_nm(33, "near"), port_nm(74.5, "edge_in"), port_nm(75.5, "edge_out")};
  EXPECT_EQ(port_ids(r.go(EventKind::dark_port_call, {{1, b}})),
            (std::vector<std::string>{"edge_in", "near"}));
  r.parameters.set("dark_port_call.max_speed_kn=15.2");  // edge 76 nm
  EXPECT_EQ(port_ids(r.go(EventKind::dark_port_call, {{1, b}})),
            (std::vector<std::string>{"edge_in", "edge_out", "near"}));
  r.parameters.set("dark_port_call.max_speed_kn=15");
  r.parameters.set("dark_port_call.min_dwell_h=6.1");  // edge 74.25 nm
  EXPECT_EQ(port_ids(r.go(EventKind::dark_port_call, {{1, b}})), std::vector<std::string>{"near"});
}

// Visits "seen" twice, sails off and goes dark; "unseen" is nearer to where it went dark.
Builder visits_then_dark() {
  Builder b;
  b.lat = 42.05;
  // two visits to "seen" (the second is where it came from, not history), then dark at sea
  // 20 km south (not back to "seen" after the gap: that would be a round trip)
  b.stay(3, 0).sail_north(-20, 10).stay(5, 5).sail_north(20, 10).stay(3, 0);
  b.sail_north(-20, 10).stay(3, 5).silent(16).stay(3, 5);
  return b;
}

TEST(DarkPortCallDetector, SailingSpeedGatesAGapThePassageFills) {
  // 12 reports at 10 kn either side of a gap that ends 100 nm further north: at its own
  // 10 kn the direct passage takes 10 h, so a 15.9 h gap leaves 5.9 h (under the 6 h of
  // dwell: it sailed the whole time) and a 16.1 h gap 6.1 h (it could have called).
  auto vessel = [](double gap_h) {
    Builder b;
    b.sail_north(20, 10).silent(gap_h);
    b.lat += 100 * geo::k_m_per_nm / k_m_per_deg_lat;
    b.sail_north(20, 10);
    return b;
  };
  Harness r;
  const double mid_nm = 20 * 1000 / geo::k_m_per_nm + 50;  // half way along the gap
  r.ports = {port_nm(mid_nm, "mid")};
  EXPECT_TRUE(r.go(EventKind::dark_port_call, {{1, vessel(15.9)}}).empty());
  const auto ev = r.go(EventKind::dark_port_call, {{1, vessel(16.1)}});
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_NEAR(ev[0].values.at("sailing_speed_kn"), 10.0, 1e-9);
  EXPECT_NEAR(ev[0].values.at("hidden_h"), 6.0, 0.1);
  // reports at 10 kn are not "above" 10 kn: no sailing speed, the 15 kn maximum instead
  r.parameters.set("dark_port_call.sailing_min_kn=10");
  const auto fast = r.go(EventKind::dark_port_call, {{1, vessel(15.9)}});
  ASSERT_EQ(fast.size(), 1U);
  EXPECT_NEAR(fast[0].values.at("sailing_speed_kn"), 15.0, 1e-9);
  r.parameters.set("dark_port_call.sailing_min_kn=9.9");
  EXPECT_TRUE(r.go(EventKind::dark_port_call, {{1, vessel(15.9)}}).empty());
}

TEST(DarkPortCallDetector, OpenGapListsPortsReachableBeforeTheDataEnds) {
  // silent for the last 10 h of the data: 150 nm at 15 kn, no dwell or way out needed
  Builder b;
  b.stay(2, 0);
  Harness r;
  r.data_end = b.positions.back().t_ms + 10 * k_h;
  r.ports = {port_nm(140, "in_reach"), port_nm(160, "too_far")};
  const auto ev = r.go(EventKind::dark_port_call, {{1, b}});
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_EQ(ev[0].port_id, "in_reach");
  EXPECT_TRUE(ev[0].open);
  EXPECT_EQ(ev[0].end.t_ms, *r.data_end);
  EXPECT_NEAR(ev[0].values.at("slack_h"), 10 - 140.0 / 15, 0.01);
  EXPECT_EQ(ev[0].values.count("gap_end_lat"), 0U);
  EXPECT_EQ(ev[0].evidence.size(), 1U);
  r.data_end = b.positions.back().t_ms + 5 * k_h;  // under gap.min_h: no gap, no list
  EXPECT_TRUE(r.go(EventKind::dark_port_call, {{1, b}}).empty());
}

TEST(DarkPortCallDetector, RoundTripPortRanksLast) {
  // Moored at "home", seen sailing 10 km out, dark 20 h, seen sailing back in: "home" has
  // the most slack, but a call there would mean leaving it twice; "away" (30 nm) ranks first.
  Builder b;
  b.stay(3, 0).sail_north(10).silent(20).sail_north(-10).stay(3, 0);
  Harness r;
  r.parameters.set("dark_port_call.course_bonus_h=0");  // slack alone would pick home
  r.ports = {port_nm(0, "home"), port_nm(30, "away")};
  const auto ev = r.go(EventKind::dark_port_call, {{1, b}});
  ASSERT_EQ(ev.size(), 2U);
  const Event* first = rank_1(ev);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->port_id, "away");
  for (const auto& e : ev) {
    if (e.port_id != "home") continue;
    EXPECT_EQ(e.values.at("round_trip_port"), 1);
    EXPECT_EQ(e.values.at("rank"), 2);
    EXPECT_GT(e.values.at("slack_h"), first->values.at("slack_h"));
  }
}

TEST(DarkPortCallDetector, HistoryRanksAVisitedPortFirst) {
  Harness r;
  r.ports = {port_at(42.05, 131.0, "seen"), port_at(41.95, 131.0, "unseen")};
  const Builder b = visits_then_dark();
  const auto ev = r.go(EventKind::dark_port_call, {{1, b}});
  ASSERT_EQ(ev.size(), 2U);
  const Event& first = ev[0].values.at("rank") == 1 ? ev[0] : ev[1];
  EXPECT_EQ(first.port_id, "seen");  // though "unseen" is nearer (more slack)
  EXPECT_GT((&first == &ev[0] ? ev[1] : ev[0]).values.at("slack_h"), first.values.at("slack_h"));
}

TEST(DarkPortCallDetector, HistoryBonusAtTheSlackDifference) {
  Harness r;
  r.ports = {port_at(42.05, 131.0, "seen"), port_at(41.95, 131.0, "unseen")};
  r.parameters.set("dark_port_call.course_bonus_h=0");  // slack and history only
  const Builder b = visits_then_dark();
  const auto ev = r.go(EventKind::dark_port_call, {{1, b}});
  ASSERT_EQ(ev.size(), 2U);
  const Event& seen = ev[0].port_id == "seen" ? ev[0] : ev[1];
  const Event& unseen = ev[0].port_id == "seen" ? ev[1] : ev[0];
  EXPECT_GT(seen.values.at("port_visits_seen"), 0);
  EXPECT_EQ(unseen.values.at("port_visits_seen"), 0);
  // "unseen" has more slack; the bonus puts "seen" first only when it exceeds the difference
  const double more_slack_h = unseen.values.at("slack_h") - seen.values.at("slack_h");
  ASSERT_GT(more_slack_h, 0.5);
  auto first_with_bonus = [&](double bonus_h) {
    r.parameters.set(fmt::format("dark_port_call.history_bonus_h={}", bonus_h));
    const auto ranked = r.go(EventKind::dark_port_call, {{1, b}});
    const Event* first = rank_1(ranked);
    return first != nullptr ? first->port_id : std::string("none");
  };
  EXPECT_EQ(first_with_bonus(more_slack_h + 0.01), "seen");
  EXPECT_EQ(first_with_bonus(more_slack_h - 0.01), "unseen");
}

TEST(DarkPortCallDetector, CourseBonusAtTheSlackDifference) {
  // Dark 16 h at one place, heading north when it goes dark and south when it reappears
  // (as if back from the north). "ahead" lies 30 nm north (course_fit 1), "behind" 15 nm
  // south (course_fit -1, and 2 x 15 / 15 = 2 h more slack): "ahead" ranks first when
  // 2 x dark_port_call.course_bonus_h exceeds the slack difference.
  Builder b;
  b.stay(2, 5).silent(16).sail_north(-5, 10);
  Harness r;
  r.ports = {port_nm(30, "ahead"), port_nm(-15, "behind")};
  const auto ev = r.go(EventKind::dark_port_call, {{1, b}});
  ASSERT_EQ(ev.size(), 2U);
  const Event& ahead = ev[0].port_id == "ahead" ? ev[0] : ev[1];
  const Event& behind = ev[0].port_id == "ahead" ? ev[1] : ev[0];
  EXPECT_NEAR(ahead.values.at("course_fit"), 1, 1e-6);
  EXPECT_NEAR(behind.values.at("course_fit"), -1, 1e-6);
  EXPECT_EQ(rank_1(ev), &ahead);  // course_bonus_h 6
  const double more_slack_h = behind.values.at("slack_h") - ahead.values.at("slack_h");
  EXPECT_NEAR(more_slack_h, 2.0, 0.01);
  auto first_with_bonus = [&](double bonus_h) {
    r.parameters.set(fmt::format("dark_port_call.course_bonus_h={}", bonus_h));
    const auto ranked = r.go(EventKind::dark_port_call, {{1, b}});
    const Event* first = rank_1(ranked);
    return first != nullptr ? first->port_id : std::string("none");
  };
  EXPECT_EQ(first_with_bonus(more_slack_h / 2 + 0.01), "ahead");
  EXPECT_EQ(first_with_bonus(more_slack_h / 2 - 0.01), "behind");
}

// --- anchorages ---

TEST(Anchorages, StationaryVesselsMakeAnAnchorage) {
  auto find = [](int vessels, double hours) {
    AnchorageFinder f(Parameters::gfw());
    for (int i = 0; i < vessels; ++i) {
      Builder b;
      b.lat = 42.0001 + 0.00001 * i;
      b.stay(hours, 0, 30 * k_min);
      b.stay(0.01, 0, 30 * k_min);
      f.add(track::build_track(static_cast<std::uint32_t>(i + 1), b.positions));
    }
    return f.anchorages();
  };
  const auto found = find(20, 12.5);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].vessels, 20U);
  EXPECT_NEAR(found[0].position.lat_deg, 42.0002, 0.001);
  EXPECT_TRUE(find(19, 12.5).empty());
  EXPECT_TRUE(find(20, 11.4).empty());
}

TEST(Anchorages, StationaryRadiusBoundsTheDrift) {
  // 20 vessels, each swinging `swing_m` north and back every 30 min for 13 h.
  auto found = [](double swing_m, const char* radius = nullptr) {
    Parameters p = Parameters::gfw();
    if (radius != nullptr) p.set(radius);
    AnchorageFinder f(p);
    for (int i = 0; i < 20; ++i) {
      const double lat = 42.0001 + 0.00001 * i;
      std::vector<store::Position> ps;
      for (int k = 0; k <= 26; ++k) {
        const double north = k % 2 == 1 ? swing_m / k_m_per_deg_lat : 0.0;
        ps.push_back(store::make_position(k_t0 + k * 30 * k_min, lat + north, 131.0, 0.0, 0.0));
      }
      f.add(track::build_track(static_cast<std::uint32_t>(i + 1), ps));
    }
    return f.anchorages().size();
  };
  EXPECT_EQ(found(480), 1U);  // within anchorage.stationary_radius_m (500 m)
  EXPECT_EQ(found(520), 0U);
  EXPECT_EQ(found(520, "anchorage.stationary_radius_m=530"), 1U);
}

TEST(Anchorages, CellSizeDecidesWhichPeriodsCluster) {
  // Two groups of 10 moored vessels, 240 m apart north-south, around the centre of a cell
  // of the finder's 500 m grid (anchorage.cell_m / 111 km degrees).
  const double cell_deg = 500 / 111'000.0;
  const double centre = (std::floor(42.0 / cell_deg) + 0.5) * cell_deg;
  auto find = [centre](const char* cell, const char* min_vessels) {
    Parameters p = Parameters::gfw();
    p.set(cell);
    p.set(min_vessels);
    AnchorageFinder f(p);
    for (int i = 0; i < 20; ++i) {
      Builder b;
      b.lat = centre + (i < 10 ? -120.0 : 120.0) / k_m_per_deg_lat;
      b.stay(12.5, 0, 30 * k_min);
      b.stay(0.01, 0, 30 * k_min);
      f.add(track::build_track(static_cast<std::uint32_t>(i + 1), b.positions));
    }
    return f.anchorages();
  };
  const auto one = find("anchorage.cell_m=500", "anchorage.min_vessels=20");
  ASSERT_EQ(one.size(), 1U);
  EXPECT_EQ(one[0].vessels, 20U);
  // Cells smaller than the groups' spacing cannot hold both groups.
  EXPECT_TRUE(find("anchorage.cell_m=230", "anchorage.min_vessels=20").empty());
  const auto two = find("anchorage.cell_m=230", "anchorage.min_vessels=10");
  ASSERT_EQ(two.size(), 2U);
  EXPECT_EQ(two[0].vessels, 10U);
  EXPECT_EQ(two[1].vessels, 10U);
}

// --- output and evaluation ---

TEST(Output, JsonRoundTrip) {
  Event e;
  e.kind = EventKind::dark_port_call;
  e.mmsi = 445000001;
  e.start = {k_t0, {42, 131}};
  e.end = {k_t0 + k_h, {42.5, 131.5}};
  e.position = {42.2, 131.2};
  e.port_id = "dunai";
  e.subtype = "x";
  e.values["rank"] = 1;
  e.notes["port_name"] = "DUNAI";
  std::ostringstream out;
  write_events(out, {e}, OutputFormat::json, Parameters::gfw());
  const auto back = read_events_json(out.str());
  ASSERT_EQ(back.size(), 1U);
  EXPECT_EQ(back[0].kind, e.kind);
  EXPECT_EQ(back[0].mmsi, e.mmsi);
  EXPECT_EQ(back[0].start, e.start);
  EXPECT_EQ(back[0].end, e.end);
  EXPECT_EQ(back[0].port_id, "dunai");
  EXPECT_EQ(back[0].values, e.values);
  EXPECT_THROW(read_events_json("{}"), std::runtime_error);
  for (const auto f : {OutputFormat::geojson, OutputFormat::csv, OutputFormat::kml}) {
    std::ostringstream o;
    write_events(o, {e}, f, Parameters::gfw());
    EXPECT_NE(o.str().find("131.2"), std::string::npos);
  }
}

TEST(Evaluate, MatchesByVesselPortAndTime) {
  const std::string truth_json = R"({"start_ms":0,"end_ms":100000000,
    "vessels":[{"id":"a","mmsi":1},{"id":"b","mmsi":2}],
    "identity_changes":[{"vessel":"a","at_ms":50000000,"mmsi":3}],
    "dark_periods":[{"vessel":"a","start_ms":10000000,"end_ms":40000000},
                    {"vessel":"b","start_ms":10000000,"end_ms":20000000}],
    "port_calls":[{"vessel":"a","port":"p","arrive_ms":20000000,"depart_ms":30000000},
                  {"vessel":"b","port":"p","arrive_ms":60000000,"depart_ms":70000000}],
    "meetings":[],"loitering":[]})";
  const Truth t = parse_truth(truth_json);
  EXPECT_EQ(t.vessel_of_mmsi.at(3), "a");
  auto ev = [](EventKind k, std::uint32_t m, std::int64_t s, std::int64_t e,
               std::string port = "") {
    Event x;
    x.kind = k;
    x.mmsi = m;
    x.start.t_ms = s;
    x.end.t_ms = e;
    x.port_id = std::move(port);
    return x;
  };
  const std::vector<Event> found = {
      ev(EventKind::gap, 1, 10060000, 40000000),                  // match, 1 min late
      ev(EventKind::gap, 2, 80000000, 90000000),                  // false
      ev(EventKind::dark_port_call, 1, 15000000, 35000000, "p"),  // match
      ev(EventKind::port_visit, 2, 60000000, 70000000, "q"),      // wrong port
      ev(EventKind::port_visit, 9, 60000000, 70000000, "p")};     // unknown vessel
  const auto scores = evaluate(t, found);
  std::map<EventKind, KindScore> by;
  for (const auto& s : scores) by[s.kind] = s;
  EXPECT_EQ(by[EventKind::gap].truth, 1U);  // b's 2.8 h dark period is shorter than 6 h
  EXPECT_DOUBLE_EQ(by[EventKind::gap].precision, 0.5);
  EXPECT_DOUBLE_EQ(by[EventKind::gap].recall, 1.0);
  EXPECT_DOUBLE_EQ(by[EventKind::gap].mean_start_error_min, 1.0);
  EXPECT_DOUBLE_EQ(by[EventKind::dark_port_call].recall, 1.0);
  EXPECT_DOUBLE_EQ(by[EventKind::port_visit].recall, 0.0);
  EXPECT_EQ(by[EventKind::port_visit].unscored, 1U);
}

}  // namespace
}  // namespace darkfleet::events
