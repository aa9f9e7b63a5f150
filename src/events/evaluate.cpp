// Scoring against simulator truth.
#include "darkfleet/events/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include <nlohmann/json.hpp>

namespace darkfleet::events {
namespace {

using nlohmann::json;

// A vessel with AIS on reports within this long of the start of the data (every 3 min at
// anchor, every 10 s under way; class B every 3 min).
constexpr std::int64_t k_first_report_ms = 10 * 60'000;

std::int64_t ms_field(const json& j, const char* key, std::int64_t fallback) {
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? fallback : it->get<std::int64_t>();
}

double overlap_ms(std::int64_t a0, std::int64_t a1, std::int64_t b0, std::int64_t b1) {
  return static_cast<double>(std::max<std::int64_t>(0, std::min(a1, b1) - std::max(a0, b0)));
}

double minutes_between(std::int64_t a, std::int64_t b) {
  return std::abs(static_cast<double>(a - b)) / 60'000.0;
}

// A detected event of a vessel truth knows, with the truth ids of its vessel(s).
struct Scored {
  const Event* event;
  std::string vessel, other;
};

std::vector<Scored> scored_events(const Truth& truth, const std::vector<Event>& events, EventKind kind,
                                  KindScore& score) {
  std::vector<Scored> out;
  for (const auto& e : events) {
    if (e.kind != kind) continue;
    if (kind == EventKind::gap && e.subtype == "identity_change") continue;
    const auto v = truth.vessel_of_mmsi.find(e.mmsi);
    if (v == truth.vessel_of_mmsi.end()) {
      ++score.unscored;
      continue;
    }
    std::string other;
    if (e.other_mmsi) {
      const auto o = truth.vessel_of_mmsi.find(*e.other_mmsi);
      if (o == truth.vessel_of_mmsi.end()) {
        ++score.unscored;
        continue;
      }
      other = o->second;
    }
    out.push_back({&e, v->second, other});
  }
  return out;
}

// The detection's vessel(s) are the true event's, either way round for a pair (other is
// empty on both sides for single-vessel kinds).
bool same_vessels(const Scored& g, const TruthEvent& t) {
  return (g.vessel == t.vessel && g.other == t.other_vessel) ||
         (g.vessel == t.other_vessel && g.other == t.vessel);
}

void add_time_error(KindScore& s, double start_min, double end_min, double& sum_start, double& sum_end) {
  sum_start += start_min;
  sum_end += end_min;
  s.max_start_error_min = std::max(s.max_start_error_min, start_min);
  s.max_end_error_min = std::max(s.max_end_error_min, end_min);
}

// Every kind but dark port calls: greedy best-overlap matching, one to one.
void score_one_to_one(KindScore& s, const std::vector<Scored>& got, const std::vector<const TruthEvent*>& want,
                      std::int64_t tol) {
  struct Pair {
    double overlap;
    std::size_t g, w;
  };
  std::vector<Pair> pairs;
  for (std::size_t g = 0; g < got.size(); ++g) {
    for (std::size_t w = 0; w < want.size(); ++w) {
      const TruthEvent& t = *want[w];
      const Event& e = *got[g].event;
      if (!same_vessels(got[g], t)) continue;
      if (!t.port.empty() && !e.port_id.empty() && t.port != e.port_id) continue;
      const double ov = overlap_ms(e.start.t_ms - tol, e.end.t_ms + tol, t.start_ms, t.end_ms + 1);
      if (ov <= 0) continue;
      pairs.push_back({ov, g, w});
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    return a.overlap != b.overlap ? a.overlap > b.overlap : (a.g != b.g ? a.g < b.g : a.w < b.w);
  });
  std::vector<bool> used_g(got.size()), used_w(want.size());
  double sum_start = 0, sum_end = 0;
  for (const auto& p : pairs) {
    if (used_g[p.g] || used_w[p.w]) continue;
    used_g[p.g] = used_w[p.w] = true;
    ++s.true_positives;
    add_time_error(s, minutes_between(got[p.g].event->start.t_ms, want[p.w]->start_ms),
                   minutes_between(got[p.g].event->end.t_ms, want[p.w]->end_ms), sum_start, sum_end);
  }
  s.detected = got.size();
  s.found = s.true_positives;
  if (s.true_positives > 0) {
    s.mean_start_error_min = sum_start / static_cast<double>(s.true_positives);
    s.mean_end_error_min = sum_end / static_cast<double>(s.true_positives);
  }
}

// Near misses of the kind, and how many of them a detection overlaps (false positives).
void count_near_misses(KindScore& s, const std::vector<Scored>& got, const std::vector<TruthEvent>& near_misses) {
  for (const auto& m : near_misses) {
    if (m.kind != s.kind) continue;
    ++s.near_misses;
    if (std::any_of(got.begin(), got.end(), [&](const Scored& g) {
          return same_vessels(g, m) && overlap_ms(g.event->start.t_ms, g.event->end.t_ms + 1, m.start_ms, m.end_ms + 1) > 0;
        })) {
      ++s.near_misses_detected;
    }
  }
}

// Dark port calls: the candidates of one gap form one detection (docs/events.md).
void score_dark_port_calls(KindScore& s, const std::vector<Scored>& got,
                           const std::vector<const TruthEvent*>& want, std::int64_t tol) {
  struct GapList {
    std::string vessel;
    std::int64_t from_ms = 0, to_ms = 0;
    std::vector<const Event*> candidates;  // in rank order
  };
  // The gap is the time between the two positions the candidates rest on.
  std::map<std::tuple<std::string, std::int64_t, std::int64_t>, GapList> lists;
  for (const auto& g : got) {
    const Event& e = *g.event;
    // (an open gap has one: its list runs to the end of the data, the same for every port)
    const std::int64_t from = e.evidence.empty() ? e.start.t_ms : e.evidence[0].to_ms;
    const std::int64_t to = e.evidence.size() >= 2 ? e.evidence[1].from_ms : e.end.t_ms;
    GapList& list = lists[{g.vessel, from, to}];
    list.vessel = g.vessel;
    list.from_ms = from;
    list.to_ms = to;
    list.candidates.push_back(&e);
  }
  auto rank_of = [](const Event* e) {
    const auto r = e->values.find("rank");
    return r == e->values.end() ? 1.0 : r->second;
  };
  std::size_t candidates = 0;
  for (auto& [key, list] : lists) {
    std::sort(list.candidates.begin(), list.candidates.end(),
              [&](const Event* a, const Event* b) { return rank_of(a) < rank_of(b); });
    candidates += list.candidates.size();
  }
  // the candidate of `list` that names the port of the true call `t`, when the gap
  // overlaps the call (widened by the tolerance); null otherwise
  auto naming = [tol](const GapList& list, const TruthEvent& t) -> const Event* {
    if (t.vessel != list.vessel || overlap_ms(list.from_ms - tol, list.to_ms + tol, t.start_ms, t.end_ms + 1) <= 0) {
      return nullptr;
    }
    for (const Event* e : list.candidates) {
      if (e->port_id == t.port) return e;
    }
    return nullptr;
  };
  for (const auto& entry : lists) {
    const GapList& list = entry.second;  // a named reference: clang < 16 cannot capture a structured binding
    if (std::any_of(want.begin(), want.end(), [&](const TruthEvent* t) { return naming(list, *t) != nullptr; })) {
      ++s.true_positives;
    }
  }
  double sum_start = 0, sum_end = 0, sum_rank = 0;
  std::uint64_t rank_1 = 0;
  for (const TruthEvent* t : want) {
    for (const auto& [key, list] : lists) {
      const Event* e = naming(list, *t);
      if (e == nullptr) continue;
      ++s.found;
      const double rank = rank_of(e);
      sum_rank += rank;
      if (rank == 1) ++rank_1;
      add_time_error(s, minutes_between(e->start.t_ms, t->start_ms), minutes_between(e->end.t_ms, t->end_ms),
                     sum_start, sum_end);
      break;
    }
  }
  s.detected = lists.size();
  if (!lists.empty()) s.mean_candidates = static_cast<double>(candidates) / static_cast<double>(lists.size());
  if (s.found > 0) {
    const auto n = static_cast<double>(s.found);
    s.mean_start_error_min = sum_start / n;
    s.mean_end_error_min = sum_end / n;
    s.mean_true_rank = sum_rank / n;
    s.true_rank_1_share = static_cast<double>(rank_1) / n;
  }
}

}  // namespace

TruthRules truth_rules(const Parameters& parameters) {
  TruthRules r;
  r.min_gap_h = parameters.get("gap.min_h");
  r.encounter_max_distance_m = parameters.get("encounter.max_distance_m");
  r.encounter_min_h = parameters.get("encounter.min_duration_h");
  r.loitering_min_h = parameters.get("loitering.min_duration_h");
  return r;
}

Truth parse_truth(std::string_view text, const TruthRules& rules) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("vessels")) {
    throw std::runtime_error("not a simulator truth.json (no \"vessels\" array)");
  }
  Truth t;
  try {
    const std::int64_t start = doc.value("start_ms", std::int64_t{0});
    t.end_ms = doc.value("end_ms", std::int64_t{0});
    for (const auto& v : doc.at("vessels")) {
      t.vessel_of_mmsi[v.at("mmsi").get<std::uint32_t>()] = v.at("id").get<std::string>();
    }
    for (const auto& c : doc.value("identity_changes", json::array())) {
      if (c.contains("mmsi") && !c["mmsi"].is_null()) {
        t.vessel_of_mmsi[c["mmsi"].get<std::uint32_t>()] = c.at("vessel").get<std::string>();
      }
    }
    std::vector<TruthEvent> dark;
    for (const auto& d : doc.value("dark_periods", json::array())) {
      TruthEvent e{EventKind::gap, d.at("vessel").get<std::string>(), "", "",
                   d.at("start_ms").get<std::int64_t>(), d.at("end_ms").get<std::int64_t>()};
      dark.push_back(e);
      if (static_cast<double>(e.end_ms - e.start_ms) < rules.min_gap_h * 3'600'000.0) {
        t.near_misses.push_back(e);
        continue;
      }
      // dark from the first report on (reports start within minutes of the data start):
      // there is no position before it, so no gap between two positions
      (e.start_ms <= start + k_first_report_ms ? t.unobservable : t.events).push_back(e);
    }
    for (const auto& c : doc.value("port_calls", json::array())) {
      TruthEvent e{EventKind::port_visit, c.at("vessel").get<std::string>(), "",
                   c.at("port").get<std::string>(), ms_field(c, "arrive_ms", start),
                   ms_field(c, "depart_ms", t.end_ms != 0 ? t.end_ms : start)};
      // a departure planned past the end of the data is, in the data, an open visit
      if (t.end_ms != 0) e.end_ms = std::min(e.end_ms, t.end_ms);
      double hidden = 0;
      bool in_unobservable = false;
      for (const auto& d : dark) {
        if (d.vessel != e.vessel) continue;
        const double ov = overlap_ms(e.start_ms, e.end_ms, d.start_ms, d.end_ms);
        hidden += ov;
        if (ov > 0 && d.start_ms <= start + k_first_report_ms) in_unobservable = true;
      }
      const double length = static_cast<double>(std::max<std::int64_t>(1, e.end_ms - e.start_ms));
      if (hidden >= 0.5 * length) {
        e.kind = EventKind::dark_port_call;
        if (in_unobservable) {
          t.unobservable.push_back(e);
          continue;
        }
      }
      t.events.push_back(e);
    }
    for (const auto& m : doc.value("meetings", json::array())) {
      const auto& vs = m.at("vessels");
      const TruthEvent e{EventKind::encounter, vs.at(0).get<std::string>(),
                         vs.at(1).get<std::string>(), "", m.at("start_ms").get<std::int64_t>(),
                         m.at("end_ms").get<std::int64_t>()};
      const bool close = m.value("separation_m", 0.0) <= rules.encounter_max_distance_m;
      const bool long_enough =
          static_cast<double>(e.end_ms - e.start_ms) >= rules.encounter_min_h * 3'600'000.0;
      (close && long_enough ? t.events : t.near_misses).push_back(e);
    }
    for (const auto& l : doc.value("loitering", json::array())) {
      const TruthEvent e{EventKind::loitering, l.at("vessel").get<std::string>(), "", "",
                         l.at("start_ms").get<std::int64_t>(), l.at("end_ms").get<std::int64_t>()};
      const bool long_enough =
          static_cast<double>(e.end_ms - e.start_ms) >= rules.loitering_min_h * 3'600'000.0;
      (long_enough ? t.events : t.near_misses).push_back(e);
    }
    for (const auto& c : doc.value("identity_changes", json::array())) {
      const auto at = c.at("at_ms").get<std::int64_t>();
      t.events.push_back({EventKind::identity, c.at("vessel").get<std::string>(), "", "", at, at});
    }
  } catch (const json::exception& x) {
    throw std::runtime_error(std::string("truth.json: ") + x.what());
  }
  return t;
}

std::vector<KindScore> evaluate(const Truth& truth, const std::vector<Event>& events,
                                double tolerance_h) {
  const auto tol = static_cast<std::int64_t>(tolerance_h * 3'600'000.0);
  std::set<EventKind> kinds;
  for (const auto& e : truth.events) kinds.insert(e.kind);
  for (const auto& e : truth.near_misses) kinds.insert(e.kind);
  for (const auto& e : truth.unobservable) kinds.insert(e.kind);
  for (const auto& e : events) kinds.insert(e.kind);
  std::vector<KindScore> out;
  for (const EventKind kind : kinds) {
    KindScore s;
    s.kind = kind;
    std::vector<const TruthEvent*> want;
    for (const auto& e : truth.events) {
      if (e.kind == kind) want.push_back(&e);
    }
    for (const auto& e : truth.unobservable) {
      if (e.kind == kind) ++s.unobservable;
    }
    s.truth = want.size();
    const auto got = scored_events(truth, events, kind, s);
    count_near_misses(s, got, truth.near_misses);
    if (kind == EventKind::dark_port_call) {
      score_dark_port_calls(s, got, want, tol);
    } else {
      score_one_to_one(s, got, want, tol);
    }
    s.precision = s.detected == 0 ? 1.0 : static_cast<double>(s.true_positives) / static_cast<double>(s.detected);
    s.recall = s.truth == 0 ? 1.0 : static_cast<double>(s.found) / static_cast<double>(s.truth);
    out.push_back(s);
  }
  return out;
}

}  // namespace darkfleet::events
