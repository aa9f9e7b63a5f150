// Scoring against truth: near misses, dark port calls per gap, open lists, the parameter
// set read back from the events JSON, evidence kept through a JSON round trip.
#include "darkfleet/events/evaluate.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "darkfleet/events/output.hpp"

namespace darkfleet::events {
namespace {

constexpr std::int64_t k_h = 3'600'000;

// Two vessels; a meeting at 100 m for 3 h, one at 600 m for 3 h, one at 100 m for 1.5 h;
// 6 h and 3 h of loitering; dark 6.5 h and 5.9 h.
const char* const k_near_misses = R"({"start_ms":0,"end_ms":360000000,
  "vessels":[{"id":"a","mmsi":1},{"id":"b","mmsi":2}],
  "meetings":[
    {"vessels":["a","b"],"start_ms":36000000,"end_ms":46800000,"separation_m":100},
    {"vessels":["a","b"],"start_ms":72000000,"end_ms":82800000,"separation_m":600},
    {"vessels":["a","b"],"start_ms":108000000,"end_ms":113400000,"separation_m":100}],
  "loitering":[{"vessel":"a","start_ms":144000000,"end_ms":165600000},
               {"vessel":"b","start_ms":144000000,"end_ms":154800000}],
  "dark_periods":[{"vessel":"a","start_ms":200000000,"end_ms":223400000},
                  {"vessel":"b","start_ms":200000000,"end_ms":221240000}],
  "port_calls":[]})";

std::map<EventKind, int> count(const std::vector<TruthEvent>& events) {
  std::map<EventKind, int> out;
  for (const auto& e : events) ++out[e.kind];
  return out;
}

TEST(Evaluate, NearMissesAreNotTrueEvents) {
  const Truth t = parse_truth(k_near_misses);
  const auto truth = count(t.events);
  const auto near = count(t.near_misses);
  EXPECT_EQ(truth.at(EventKind::encounter), 1);
  EXPECT_EQ(near.at(EventKind::encounter), 2);  // 600 m apart; 1.5 h
  EXPECT_EQ(truth.at(EventKind::loitering), 1);
  EXPECT_EQ(near.at(EventKind::loitering), 1);  // 3 h
  EXPECT_EQ(truth.at(EventKind::gap), 1);
  EXPECT_EQ(near.at(EventKind::gap), 1);  // 5.9 h

  // the rules follow the parameters: at 700 m and 1.5 h every meeting is an encounter
  Parameters p = Parameters::gfw();
  p.set("encounter.max_distance_m=700");
  p.set("encounter.min_duration_h=1.5");
  p.set("loitering.min_duration_h=3");
  p.set("gap.min_h=5.5");
  const Truth wide = parse_truth(k_near_misses, truth_rules(p));
  EXPECT_EQ(count(wide.events).at(EventKind::encounter), 3);
  EXPECT_EQ(count(wide.events).at(EventKind::loitering), 2);
  EXPECT_EQ(count(wide.events).at(EventKind::gap), 2);
  EXPECT_TRUE(wide.near_misses.empty());
}

Event event(EventKind kind, std::uint32_t mmsi, std::int64_t start, std::int64_t end) {
  Event e;
  e.kind = kind;
  e.mmsi = mmsi;
  e.start.t_ms = start;
  e.end.t_ms = end;
  return e;
}

TEST(Evaluate, ADetectedNearMissIsAFalsePositive) {
  const Truth t = parse_truth(k_near_misses);
  Event at_600m = event(EventKind::encounter, 1, 72000000, 82800000);
  at_600m.other_mmsi = 2;
  Event real = event(EventKind::encounter, 2, 36000000, 46800000);  // either vessel first
  real.other_mmsi = 1;
  std::map<EventKind, KindScore> by;
  for (const auto& s : evaluate(t, {real, at_600m})) by[s.kind] = s;
  const KindScore& enc = by.at(EventKind::encounter);
  EXPECT_EQ(enc.near_misses, 2U);
  EXPECT_EQ(enc.near_misses_detected, 1U);
  EXPECT_DOUBLE_EQ(enc.precision, 0.5);
  EXPECT_DOUBLE_EQ(enc.recall, 1.0);
  EXPECT_EQ(by.at(EventKind::loitering).truth, 1U);  // kinds with truth are scored
  EXPECT_DOUBLE_EQ(by.at(EventKind::loitering).recall, 0.0);
}

// A candidate of the gap between the positions at `from` and `to` (open when to is none).
Event candidate(std::uint32_t mmsi, std::int64_t from, std::optional<std::int64_t> to,
                const std::string& port, int rank, std::int64_t data_end = 0) {
  Event e = event(EventKind::dark_port_call, mmsi, from + k_h, to ? *to - k_h : data_end);
  e.port_id = port;
  e.values["rank"] = rank;
  e.evidence.push_back({mmsi, 0, from, from, 1});
  if (to) e.evidence.push_back({mmsi, 1, *to, *to, 1});
  return e;
}

TEST(Evaluate, DarkPortCallsAreScoredPerGap) {
  // a is dark 10-100 h and calls at rajin then dunai in it; b is dark 10-40 h and calls
  // nowhere; a's last call, at zhoushan, begins in the dark at the end of the data
  const std::string truth_json = R"({"start_ms":0,"end_ms":720000000,
    "vessels":[{"id":"a","mmsi":1},{"id":"b","mmsi":2}],
    "dark_periods":[{"vessel":"a","start_ms":36000000,"end_ms":360000000},
                    {"vessel":"b","start_ms":36000000,"end_ms":144000000},
                    {"vessel":"a","start_ms":540000000,"end_ms":720000000}],
    "port_calls":[{"vessel":"a","port":"rajin","arrive_ms":72000000,"depart_ms":144000000},
                  {"vessel":"a","port":"dunai","arrive_ms":216000000,"depart_ms":288000000},
                  {"vessel":"a","port":"zhoushan","arrive_ms":612000000,"depart_ms":900000000}]})";
  const Truth t = parse_truth(truth_json);
  EXPECT_EQ(count(t.events).at(EventKind::dark_port_call), 3);
  const std::int64_t a_from = 36000000, a_to = 360000000;
  const std::vector<Event> found = {
      candidate(1, a_from, a_to, "vladivostok", 1), candidate(1, a_from, a_to, "rajin", 2),
      candidate(1, a_from, a_to, "dunai", 3),
      candidate(2, 36000000, 144000000, "rajin", 1),  // b called nowhere: a false list
      candidate(1, 540000000, std::nullopt, "busan", 1, 720000000),
      candidate(1, 540000000, std::nullopt, "zhoushan", 2, 720000000)};
  KindScore s;
  for (const auto& k : evaluate(t, found)) {
    if (k.kind == EventKind::dark_port_call) s = k;
  }
  EXPECT_EQ(s.detected, 3U);  // three gaps, not six candidates
  EXPECT_EQ(s.true_positives, 2U);
  EXPECT_EQ(s.found, 3U);
  EXPECT_DOUBLE_EQ(s.precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.mean_candidates, 2.0);
  EXPECT_DOUBLE_EQ(s.mean_true_rank, (2 + 3 + 2) / 3.0);
  EXPECT_DOUBLE_EQ(s.true_rank_1_share, 0.0);
}

TEST(Evaluate, DarkPeriodsFromTheFirstReportAreUnobservable) {
  // dark from the start of the data: no position before it, so no gap to find
  const std::string truth_json = R"({"start_ms":0,"end_ms":360000000,
    "vessels":[{"id":"a","mmsi":1}],
    "dark_periods":[{"vessel":"a","start_ms":1000,"end_ms":100000000}],
    "port_calls":[{"vessel":"a","port":"rajin","arrive_ms":36000000,"depart_ms":72000000}]})";
  const Truth t = parse_truth(truth_json);
  EXPECT_TRUE(t.events.empty());
  EXPECT_EQ(t.unobservable.size(), 2U);  // the gap and the dark call in it
  const auto scores = evaluate(t, {});
  ASSERT_EQ(scores.size(), 2U);  // gap and dark_port_call, both reported
  for (const auto& s : scores) {
    EXPECT_EQ(s.truth, 0U);
    EXPECT_EQ(s.unobservable, 1U) << to_string(s.kind);
  }
}

TEST(Evaluate, PlannedDeparturesPastTheDataEndAreCutAtIt) {
  const std::string truth_json = R"({"start_ms":0,"end_ms":100000000,
    "vessels":[{"id":"a","mmsi":1}],
    "port_calls":[{"vessel":"a","port":"p","arrive_ms":90000000,"depart_ms":200000000}]})";
  const Truth t = parse_truth(truth_json);
  ASSERT_EQ(t.events.size(), 1U);
  EXPECT_EQ(t.events[0].end_ms, 100000000);
}

TEST(Evaluate, TheEventsJsonCarriesItsParameterSetAndEvidence) {
  Parameters p = Parameters::gfw();
  p.set("encounter.max_distance_m=650");
  Event e = candidate(1, 1000, 50000, "rajin", 1);
  std::ostringstream json;
  write_events(json, {e}, OutputFormat::json, p);
  const EventsDocument read = read_events_document(json.str());
  const Parameters& back = read.parameters;
  EXPECT_DOUBLE_EQ(back.get("encounter.max_distance_m"), 650);
  EXPECT_DOUBLE_EQ(truth_rules(back).encounter_max_distance_m, 650);
  EXPECT_DOUBLE_EQ(back.get("gap.min_h"), 6);
  // no metadata (another tool's file): the gfw set
  EXPECT_DOUBLE_EQ(read_events_document(R"({"entries":[]})").parameters.get("encounter.max_distance_m"), 500);
  const auto& events = read.events;
  ASSERT_EQ(events.size(), 1U);
  ASSERT_EQ(events[0].evidence.size(), 2U);
  EXPECT_EQ(events[0].evidence[0].to_ms, 1000);
  EXPECT_EQ(events[0].evidence[1].from_ms, 50000);
  EXPECT_EQ(events[0].evidence[1].segment, 1U);
}

}  // namespace
}  // namespace darkfleet::events
