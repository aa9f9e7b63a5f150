// Detector tests on hand-made tracks: each parameter at its boundary.
#include <gtest/gtest.h>

#include <sstream>

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
    auto d = make_detector(kind);
    EXPECT_TRUE(d);
    Context c;
    c.parameters = &parameters;
    c.ports = &ports;
    c.coast = coast ? &*coast : nullptr;
    c.data_end_ms = data_end;
    CollectingSink sink;
    for (const auto& [mmsi, b] : vessels) {
      const auto track = track::build_track(mmsi, b.positions);
      const std::vector<store::Identity> ids;
      d->on_vessel({mmsi, &track, &ids}, c, sink);
    }
    d->finish(c, sink);
    sort_events(sink.events);
    return sink.events;
  }
};

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
  std::string subtype() {
    for (const auto& e : run.go(EventKind::gap, vessels)) {
      if (e.mmsi == 1) return e.subtype.empty() ? "-" : e.subtype;
    }
    return "none";
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

TEST(DarkPortCallDetector, HistoryRanksAVisitedPortFirst) {
  Harness r;
  r.ports = {port_at(42.05, 131.0, "seen"), port_at(41.95, 131.0, "unseen")};
  Builder b;  // visits "seen", sails off, goes dark, comes back
  b.lat = 42.05;
  b.stay(3, 0).sail_north(-20, 10).stay(3, 5).silent(16).stay(3, 5).sail_north(20, 10).stay(3, 0);
  b.sail_north(-20, 10).stay(5, 5).sail_north(20, 10).stay(3, 0);
  const auto ev = r.go(EventKind::dark_port_call, {{1, b}});
  ASSERT_EQ(ev.size(), 2U);
  const Event& first = ev[0].values.at("rank") == 1 ? ev[0] : ev[1];
  EXPECT_EQ(first.port_id, "seen");  // though "unseen" is nearer (more slack)
  EXPECT_GT((&first == &ev[0] ? ev[1] : ev[0]).values.at("slack_h"), first.values.at("slack_h"));
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
