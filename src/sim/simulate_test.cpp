#include "darkfleet/sim/simulate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <variant>

#include "darkfleet/ais/messages.hpp"
#include "geo.hpp"
#include "test_support.hpp"

namespace darkfleet::sim {
namespace {

using test::decode_text;
using test::run;
using test::small_scenario;

const std::vector<io::DecodedMessage>& decoded(const test::Run& r, io::DecodeStats& stats) {
  static thread_local test::Collected c;
  c = decode_text(r.traffic, &stats);
  return c.messages;
}

std::optional<LatLon> position_of(const ais::Message& m) {
  if (const auto* p = std::get_if<ais::PositionReport>(&m)) return LatLon{*p->lat_deg, *p->lon_deg};
  if (const auto* b = std::get_if<ais::ClassBPosition>(&m)) return LatLon{*b->lat_deg, *b->lon_deg};
  return std::nullopt;
}

TEST(Simulate, EveryLineDecodesAndCountsAgree) {
  const auto r = run(small_scenario());
  io::DecodeStats stats;
  const auto& messages = decoded(r, stats);
  EXPECT_EQ(stats.rejected(), 0U);
  EXPECT_EQ(stats.lines, r.summary.lines);
  EXPECT_EQ(messages.size(), r.summary.receptions);
  EXPECT_GT(r.summary.received, 1000U);
  EXPECT_GT(r.summary.receptions, r.summary.received) << "overlapping receivers give duplicates";
  // Every message carries a receive time inside the scenario and a receiver.
  const Scenario s = small_scenario();
  for (const auto& m : messages) {
    ASSERT_TRUE(m.receive_time_ms.has_value());
    EXPECT_GE(*m.receive_time_ms, s.start_ms - 1000);
    EXPECT_LT(*m.receive_time_ms, s.end_ms + 1000);
    EXPECT_FALSE(m.station.view().empty());
  }
  EXPECT_EQ(r.truth["label"], s.label);
  EXPECT_TRUE(r.truth["simulation"].get<bool>());
}

TEST(Simulate, SameSeedSameBytesAlsoWithThreads) {
  const Scenario s = small_scenario();
  const auto a = run(s);
  SimulateOptions two;
  two.threads = 2;
  two.window_ms = 7 * 60 * 1000;  // other windows too: the cut must not matter
  const auto b = run(s, two);
  EXPECT_EQ(a.traffic, b.traffic);
  EXPECT_EQ(a.truth_text, b.truth_text);
  SimulateOptions other;
  other.seed = 2;
  const auto c = run(s, other);
  EXPECT_NE(a.traffic, c.traffic);
}

// No message from a vessel while truth says its AIS was off. The receive time may differ
// from the transmit time by the clock jitter (400 ms) plus the whole-second `c:` field.
TEST(Simulate, NothingIsSentWhileTruthSaysAisIsOff) {
  const Scenario s = small_scenario();
  const auto r = run(s);
  io::DecodeStats stats;
  const auto& messages = decoded(r, stats);
  std::map<std::string, std::set<std::uint32_t>> mmsis;  // vessel -> MMSIs it ever used
  for (const auto& v : s.vessels) {
    mmsis[v.id].insert(v.mmsi);
    for (const auto& c : v.identity) {
      if (c.mmsi) mmsis[v.id].insert(*c.mmsi);
    }
  }
  const auto& dark = r.truth["dark_periods"];
  ASSERT_FALSE(dark.empty());
  const std::int64_t tolerance_ms = static_cast<std::int64_t>(s.reception.jitter_ms) + 1000;
  std::size_t checked = 0;
  for (const auto& d : dark) {
    const auto& ids = mmsis[d["vessel"].get<std::string>()];
    const std::int64_t start = d["start_ms"].get<std::int64_t>() + tolerance_ms;
    const std::int64_t end = d["end_ms"].get<std::int64_t>() - tolerance_ms;
    for (const auto& m : messages) {
      if (ids.count(ais::mmsi(m.message)) == 0) continue;
      ++checked;
      EXPECT_FALSE(*m.receive_time_ms > start && *m.receive_time_ms < end)
          << "message at " << *m.receive_time_ms << " inside dark period " << d.dump();
    }
  }
  EXPECT_GT(checked, 100U) << "the dark vessel transmits outside its dark period";
  // The dark period is where the scenario put it (06:00-12:00, to within one report).
  EXPECT_NEAR(static_cast<double>(dark[0]["start_ms"].get<std::int64_t>()),
              static_cast<double>(s.vessels[0].ais[0].from_ms.value()), 10000.0);
  EXPECT_NEAR(static_cast<double>(dark[0]["end_ms"].get<std::int64_t>()),
              static_cast<double>(s.vessels[0].ais[0].to_ms.value()), 10000.0);
}

// The planted meeting: the two true tracks stay within the planted separation (5 m plus
// 1 % for the flat-earth drift) and really are side by side (not more than 10 % closer).
TEST(Simulate, MeetingsInTruthAreWithinThePlantedDistance) {
  const Scenario s = small_scenario();
  const auto r = run(s);
  ASSERT_EQ(r.truth["meetings"].size(), 1U);
  const auto& m = r.truth["meetings"][0];
  const double separation = m["separation_m"].get<double>();
  std::map<std::int64_t, LatLon> a;
  std::map<std::int64_t, LatLon> b;
  for (const auto& p : r.truth["tracks"]) {
    const std::int64_t t = p["t_ms"].get<std::int64_t>();
    if (t < m["start_ms"].get<std::int64_t>() || t > m["end_ms"].get<std::int64_t>()) continue;
    const LatLon pos{p["lat"].get<double>(), p["lon"].get<double>()};
    if (p["vessel"] == m["vessels"][0]) a[t] = pos;
    if (p["vessel"] == m["vessels"][1]) b[t] = pos;
  }
  std::size_t pairs = 0;
  for (const auto& [t, pa] : a) {
    const auto it = b.find(t);
    if (it == b.end()) continue;
    ++pairs;
    const double d = detail::distance_m(pa, it->second);
    EXPECT_LE(d, separation * 1.01 + 5.0) << "at " << t;
    EXPECT_GE(d, separation * 0.9) << "at " << t;
  }
  EXPECT_GE(pairs, 170U) << "3 h of 60-s samples";
  // Slow: both drift at the planted speed.
  for (const auto& p : r.truth["tracks"]) {
    const std::int64_t t = p["t_ms"].get<std::int64_t>();
    if (t > m["start_ms"].get<std::int64_t>() && t < m["end_ms"].get<std::int64_t>()) {
      EXPECT_LT(p["sog_kn"].get<double>(), 2.0);
    }
  }
}

// Spoofing: during the offset period the reported positions sit 20 km north of the true
// track (tolerance 1 km: 60-s truth samples of a vessel at 11 kn, plus quantisation).
TEST(Simulate, OffsetSpoofingMovesReportedPositions) {
  const Scenario s = small_scenario();
  const auto r = run(s);
  ASSERT_EQ(r.truth["spoof_periods"].size(), 1U);
  const auto& period = r.truth["spoof_periods"][0];
  std::map<std::int64_t, LatLon> truth;
  for (const auto& p : r.truth["tracks"]) {
    if (p["vessel"] == "red") truth[p["t_ms"].get<std::int64_t>()] = {p["lat"], p["lon"]};
  }
  io::DecodeStats stats;
  std::size_t checked = 0;
  for (const auto& m : decoded(r, stats)) {
    const auto pos = position_of(m.message);
    if (!pos || ais::mmsi(m.message) != 273000002U) continue;  // red after its identity change
    const std::int64_t t = *m.receive_time_ms;
    if (t < period["start_ms"].get<std::int64_t>() + 2000 ||
        t > period["end_ms"].get<std::int64_t>() - 2000)
      continue;
    const auto it = truth.lower_bound(t);
    ASSERT_NE(it, truth.end());
    const LatLon expected = detail::offset(it->second, 20000, 0);
    EXPECT_LT(detail::distance_m(*pos, expected), 1000.0);
    ++checked;
  }
  EXPECT_GT(checked, 50U);
}

TEST(Simulate, IdentityChangeShowsInTheTraffic) {
  const Scenario s = small_scenario();
  const auto r = run(s);
  const std::int64_t at = s.vessels[0].identity[0].t_ms;
  io::DecodeStats stats;
  std::size_t old_after = 0;
  std::size_t new_before = 0;
  std::set<std::string> new_names;
  for (const auto& m : decoded(r, stats)) {
    const auto mmsi = ais::mmsi(m.message);
    const std::int64_t t = *m.receive_time_ms;
    if (mmsi == 273000001U && t > at + 1000) ++old_after;
    if (mmsi == 273000002U && t < at - 1000) ++new_before;
    if (const auto* v = std::get_if<ais::StaticVoyage>(&m.message);
        v != nullptr && mmsi == 273000002U) {
      new_names.insert(std::string(v->shipname.view()));
    }
  }
  EXPECT_EQ(old_after, 0U);
  EXPECT_EQ(new_before, 0U);
  EXPECT_EQ(new_names, std::set<std::string>{"BLUE SHIP"});
  ASSERT_EQ(r.truth["identity_changes"].size(), 1U);
  EXPECT_EQ(r.truth["identity_changes"][0]["mmsi"], 273000002U);
}

TEST(Simulate, CargoAndPortCallsInTruth) {
  const auto r = run(small_scenario());
  int loaded = 0;
  int unloaded = 0;
  for (const auto& c : r.truth["port_calls"]) {
    loaded += c["loaded_20ft"].get<int>();
    unloaded += c["unloaded_20ft"].get<int>();
  }
  EXPECT_EQ(loaded, 120);
  EXPECT_EQ(unloaded, 120);
  ASSERT_EQ(r.truth["voyages"].size(), 2U);
  EXPECT_EQ(r.truth["voyages"][1]["on_board_20ft"], 120);
  EXPECT_EQ(r.truth["voyages"][1]["from"], "bravo");
  ASSERT_EQ(r.truth["loitering"].size(), 1U);
  EXPECT_EQ(r.truth["loitering"][0]["vessel"], "green");
}

// Reception statistics match the parameters. One class A vessel sailing for a day in range
// of two shore stations (loss 0.2 and 0.35) and under a satellite (a 15-min pass every
// 60 min, loss 0.6). Tolerances: 4 binomial standard deviations.
Scenario reception_scenario() {
  return parse_scenario(R"toml(
[scenario]
name = "reception"
label = "SIMULATION (test)"
start = 2024-05-01T00:00:00Z
end = 2024-05-02T00:00:00Z
[[ports]]
id = "a"
position = [42.0, 130.0]
[[ports]]
id = "b"
position = [42.3, 130.4]
[[vessels]]
id = "v"
mmsi = 273000009
name = "V"
speed_kn = 12
start_port = "a"
repeat = 100
  [[vessels.itinerary]]
  port = "b"
  [[vessels.itinerary]]
  port = "a"
[reception]
jitter_ms = 400
  [[reception.shore]]
  id = "rx-a"
  position = [42.1, 130.2]
  range_nm = 150
  loss = 0.2
  [[reception.shore]]
  id = "rx-b"
  position = [42.2, 130.1]
  range_nm = 150
  loss = 0.35
  [reception.satellite]
  id = "sat"
  revisit_min = 60
  pass_min = 15
  loss = 0.6
)toml",
                        "reception.toml");
}

void expect_binomial(std::uint64_t heard, std::uint64_t n, double p, const char* what) {
  const double sigma = std::sqrt(static_cast<double>(n) * p * (1 - p));
  EXPECT_NEAR(static_cast<double>(heard), static_cast<double>(n) * p, 4 * sigma)
      << what << ": " << heard << " of " << n << ", expected p = " << p;
}

TEST(Simulate, ReceptionStatisticsMatchTheParameters) {
  const auto r = run(reception_scenario());
  const std::uint64_t n = r.summary.transmissions;
  ASSERT_GT(n, 8000U) << "a day at 10 s plus statics";
  // Per-receiver counts from the decoded traffic.
  io::DecodeStats stats;
  std::map<std::string, std::uint64_t> per_station;
  for (const auto& m : decoded(r, stats)) per_station[std::string(m.station.view())]++;
  expect_binomial(per_station["rx-a"], n, 0.8, "rx-a");
  expect_binomial(per_station["rx-b"], n, 0.65, "rx-b");
  // The satellite hears a quarter of the time.
  EXPECT_NEAR(static_cast<double>(r.summary.satellite_candidates), 0.25 * static_cast<double>(n),
              0.01 * static_cast<double>(n));
  expect_binomial(per_station["sat"], r.summary.satellite_candidates, 0.4, "sat");
  // Duplicates: the same sentence from both shore stations, P = 0.8 * 0.65.
  std::map<std::string, std::set<std::string>> heard_by;
  std::istringstream lines(r.traffic);
  std::string line;
  std::uint64_t jittered = 0;
  std::uint64_t positions = 0;
  while (std::getline(lines, line)) {
    const auto end_tag = line.find('\\', 1);
    const std::string sentence = line.substr(end_tag + 1);
    if (sentence.rfind("!AIVDM,2,2", 0) == 0) continue;
    const auto s = line.find("s:");
    heard_by[sentence].insert(line.substr(s + 2, line.find('*') - s - 2));
  }
  std::uint64_t both = 0;
  for (const auto& [sentence, receivers] : heard_by) {
    if (receivers.count("rx-a") != 0 && receivers.count("rx-b") != 0) ++both;
  }
  expect_binomial(both, n, 0.8 * 0.65, "heard by both shore stations");
  // Clock jitter: the tag time differs from the report's UTC second by at most one second,
  // and the jitter (400 ms) does show.
  for (const auto& m : decoded(r, stats)) {
    const auto* p = std::get_if<ais::PositionReport>(&m.message);
    if (p == nullptr) continue;
    ++positions;
    const auto rx_second = static_cast<int>((*m.receive_time_ms / 1000) % 60);
    const int diff = (rx_second - p->second + 60) % 60;
    EXPECT_TRUE(diff == 0 || diff == 1 || diff == 59) << diff;
    jittered += diff != 0 ? 1 : 0;
  }
  EXPECT_GT(jittered, positions / 20);
  EXPECT_LT(jittered, positions / 2);
}

TEST(Simulate, ReportingFollowsItuIntervals) {
  // At 12 kn a class A vessel reports every 10 s: 8640 a day, plus a type 5 every 6 min.
  const auto r = run(reception_scenario());
  EXPECT_NEAR(static_cast<double>(r.summary.transmissions), 8640.0 + 240.0, 20.0);
}

TEST(Simulate, DmaCsvHasOneRowPerReceivedPositionReport) {
  const Scenario s = reception_scenario();
  SimulateOptions o;
  o.format = TrafficFormat::dma_csv;
  const auto r = run(s, o);
  std::istringstream lines(r.traffic);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line + "\n", dma_csv_header());
  std::uint64_t rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    EXPECT_EQ(std::count(line.begin(), line.end(), ','), 25) << line;
    EXPECT_NE(line.find(",Class A,273000009,"), std::string::npos) << line;
  }
  // Received position reports: all received transmissions minus the received statics.
  EXPECT_GT(rows, r.summary.received * 9 / 10);
  EXPECT_LE(rows, r.summary.received);
}

TEST(Simulate, BackgroundPlansStayBounded) {
  // A long run of background traffic: the truth holds no background tracks by default,
  // and the lane vessels keep moving between their ports the whole time.
  Scenario s = small_scenario();
  s.vessels.clear();
  s.meetings.clear();
  s.end_ms = s.start_ms + 4LL * 86400000;
  const auto r = run(s);
  EXPECT_EQ(r.truth["tracks"].size(), 0U);
  io::DecodeStats stats;
  std::map<std::uint32_t, std::int64_t> last_seen;
  for (const auto& m : decoded(r, stats)) last_seen[ais::mmsi(m.message)] = *m.receive_time_ms;
  EXPECT_EQ(last_seen.size(), 12U);
  for (const auto& [mmsi, t] : last_seen) EXPECT_GT(t, s.end_ms - 6 * 3600000LL) << mmsi;
}

}  // namespace
}  // namespace darkfleet::sim

namespace darkfleet::sim {
namespace {

// With [truth] background_tracks, background vessels are listed and their port calls are
// in truth: every lane vessel of a 4-day run calls at one of its lane's two ports.
TEST(Simulate, BackgroundPortCallsInTruthWhenAsked) {
  Scenario s = small_scenario();
  s.truth.background_tracks = true;
  s.truth.track_sample_s = 3600;
  s.end_ms = s.start_ms + 4LL * 86400000;
  const auto r = test::run(s);
  std::set<std::string> background;
  for (const auto& v : r.truth["vessels"]) {
    if (v["background"].get<bool>()) background.insert(v["id"].get<std::string>());
  }
  EXPECT_EQ(background.size(), 12U);
  std::set<std::string> calling;
  for (const auto& c : r.truth["port_calls"]) {
    const std::string vessel = c["vessel"];
    if (background.count(vessel) == 0) continue;
    calling.insert(vessel);
    EXPECT_TRUE(c["port"] == "alpha" || c["port"] == "bravo") << c.dump();
    EXPECT_LT(c["arrive_ms"].get<std::int64_t>(), c["depart_ms"].get<std::int64_t>());
  }
  EXPECT_EQ(calling.size(), 6U) << "the six lane vessels";
}

// Two ships sharing one MMSI: after the change, that MMSI is heard from two places at once,
// more than 50 km apart (the ships sail 110 km apart).
TEST(Simulate, TwoShipsCanShareAnMmsi) {
  const Scenario s = parse_scenario(R"toml(
[scenario]
name = "shared"
label = "SIMULATION (test)"
start = 2024-05-01T00:00:00Z
end = 2024-05-01T06:00:00Z
[[vessels]]
id = "a"
mmsi = 273000011
name = "A"
start_point = [42.0, 130.0]
  [[vessels.itinerary]]
  point = [42.0, 131.0]
[[vessels]]
id = "b"
mmsi = 273000012
name = "B"
start_point = [43.0, 130.0]
  [[vessels.itinerary]]
  point = [43.0, 131.0]
  [[vessels.identity]]
  at = 2024-05-01T03:00:00Z
  mmsi = 273000011
[reception]
loss = 0
  [[reception.shore]]
  id = "rx"
  position = [42.5, 130.5]
  range_nm = 150
)toml",
                                    "shared.toml");
  const auto r = test::run(s);
  io::DecodeStats stats;
  const auto c = decode_text(r.traffic, &stats);
  double min_lat = 90;
  double max_lat = -90;
  std::size_t old_mmsi_after = 0;
  for (const auto& m : c.messages) {
    const auto* p = std::get_if<ais::PositionReport>(&m.message);
    if (p == nullptr || *m.receive_time_ms < s.vessels[1].identity[0].t_ms + 1000) continue;
    if (p->header.mmsi == 273000012U) ++old_mmsi_after;
    if (p->header.mmsi != 273000011U) continue;
    min_lat = std::min(min_lat, *p->lat_deg);
    max_lat = std::max(max_lat, *p->lat_deg);
  }
  EXPECT_EQ(old_mmsi_after, 0U);
  EXPECT_GT(detail::distance_m({min_lat, 130.5}, {max_lat, 130.5}), 50000.0);
}

}  // namespace
}  // namespace darkfleet::sim
