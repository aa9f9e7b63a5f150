// Scoring against simulator truth.
#include "darkfleet/events/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace darkfleet::events {
namespace {

using nlohmann::json;

std::int64_t ms_field(const json& j, const char* key, std::int64_t fallback) {
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? fallback : it->get<std::int64_t>();
}

double overlap_ms(std::int64_t a0, std::int64_t a1, std::int64_t b0, std::int64_t b1) {
  return static_cast<double>(std::max<std::int64_t>(0, std::min(a1, b1) - std::max(a0, b0)));
}

}  // namespace

Truth parse_truth(std::string_view text, double min_gap_h) {
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
      if (static_cast<double>(e.end_ms - e.start_ms) >= min_gap_h * 3'600'000.0) t.events.push_back(e);
    }
    for (const auto& c : doc.value("port_calls", json::array())) {
      TruthEvent e{EventKind::port_visit, c.at("vessel").get<std::string>(), "",
                   c.at("port").get<std::string>(), ms_field(c, "arrive_ms", start),
                   ms_field(c, "depart_ms", t.end_ms != 0 ? t.end_ms : start)};
      double hidden = 0;
      for (const auto& d : dark) {
        if (d.vessel == e.vessel) hidden += overlap_ms(e.start_ms, e.end_ms, d.start_ms, d.end_ms);
      }
      const double length = static_cast<double>(std::max<std::int64_t>(1, e.end_ms - e.start_ms));
      if (hidden >= 0.5 * length) e.kind = EventKind::dark_port_call;
      t.events.push_back(e);
    }
    for (const auto& m : doc.value("meetings", json::array())) {
      const auto& vs = m.at("vessels");
      t.events.push_back({EventKind::encounter, vs.at(0).get<std::string>(),
                          vs.at(1).get<std::string>(), "", m.at("start_ms").get<std::int64_t>(),
                          m.at("end_ms").get<std::int64_t>()});
    }
    for (const auto& l : doc.value("loitering", json::array())) {
      t.events.push_back({EventKind::loitering, l.at("vessel").get<std::string>(), "", "",
                          l.at("start_ms").get<std::int64_t>(), l.at("end_ms").get<std::int64_t>()});
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
  for (const auto& e : events) kinds.insert(e.kind);
  std::vector<KindScore> out;
  for (const EventKind kind : kinds) {
    KindScore s;
    s.kind = kind;
    std::vector<const TruthEvent*> want;
    for (const auto& e : truth.events) {
      if (e.kind == kind) want.push_back(&e);
    }
    s.truth = want.size();
    struct Cand {
      const Event* e;
      std::string vessel, other;
    };
    std::vector<Cand> got;
    for (const auto& e : events) {
      if (e.kind != kind) continue;
      if (kind == EventKind::dark_port_call && e.values.count("rank") && e.values.at("rank") != 1) continue;
      if (kind == EventKind::gap && e.subtype == "identity_change") continue;
      const auto v = truth.vessel_of_mmsi.find(e.mmsi);
      if (v == truth.vessel_of_mmsi.end()) {
        ++s.unscored;
        continue;
      }
      std::string other;
      if (e.other_mmsi) {
        const auto o = truth.vessel_of_mmsi.find(*e.other_mmsi);
        if (o == truth.vessel_of_mmsi.end()) {
          ++s.unscored;
          continue;
        }
        other = o->second;
      }
      got.push_back({&e, v->second, other});
    }
    s.detected = got.size();
    // all candidate pairs by overlap, greedy best-first, one to one
    struct Pair {
      double overlap;
      std::size_t g, w;
    };
    std::vector<Pair> pairs;
    for (std::size_t g = 0; g < got.size(); ++g) {
      for (std::size_t w = 0; w < want.size(); ++w) {
        const TruthEvent& t = *want[w];
        const Event& e = *got[g].e;
        const bool same_vessels =
            (got[g].vessel == t.vessel && got[g].other == t.other_vessel) ||
            (kind == EventKind::encounter && got[g].vessel == t.other_vessel && got[g].other == t.vessel);
        if (!same_vessels) continue;
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
      const double ds = std::abs(static_cast<double>(got[p.g].e->start.t_ms - want[p.w]->start_ms)) / 60'000.0;
      const double de = std::abs(static_cast<double>(got[p.g].e->end.t_ms - want[p.w]->end_ms)) / 60'000.0;
      sum_start += ds;
      sum_end += de;
      s.max_start_error_min = std::max(s.max_start_error_min, ds);
      s.max_end_error_min = std::max(s.max_end_error_min, de);
    }
    const auto tp = static_cast<double>(s.true_positives);
    s.precision = s.detected == 0 ? 1.0 : tp / static_cast<double>(s.detected);
    s.recall = s.truth == 0 ? 1.0 : tp / static_cast<double>(s.truth);
    if (s.true_positives > 0) {
      s.mean_start_error_min = sum_start / tp;
      s.mean_end_error_min = sum_end / tp;
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace darkfleet::events
