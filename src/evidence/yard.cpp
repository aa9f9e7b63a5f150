// Yard series per area and the port calls that explain their changes (docs/evidence.md,
// "Yard series and voyages").
#include "darkfleet/evidence/yard.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace darkfleet::evidence {

std::vector<YardSeries> yard_series(std::vector<store::Observation> observations) {
  std::map<std::string, YardSeries> by_area;
  for (auto& o : observations) {
    auto& series = by_area[o.area_id];
    series.area_id = o.area_id;
    series.observations.push_back(std::move(o));
  }
  std::vector<YardSeries> out;
  for (auto& entry : by_area) {
    auto& list = entry.second.observations;
    std::sort(list.begin(), list.end(),
              [](const store::Observation& a, const store::Observation& b) {
                return std::tie(a.acquired_ms, a.image_id, a.id) <
                       std::tie(b.acquired_ms, b.image_id, b.id);
              });
    out.push_back(std::move(entry.second));
  }
  return out;
}

std::vector<PortCall> port_calls(const std::vector<events::Event>& events) {
  std::vector<PortCall> calls;
  for (const auto& e : events) {
    if (e.kind != events::EventKind::port_visit && e.kind != events::EventKind::dark_port_call)
      continue;
    if (e.port_id.empty()) continue;
    calls.push_back({e.id(), e.kind, e.mmsi, e.port_id, e.start.t_ms, e.end.t_ms, e.confidence});
  }
  std::stable_sort(calls.begin(), calls.end(), [](const PortCall& a, const PortCall& b) {
    return std::tie(a.from_ms, a.mmsi) < std::tie(b.from_ms, b.mmsi);
  });
  return calls;
}

std::vector<YardChange> yard_changes(const YardSeries& series, const std::string& port_id,
                                     const std::vector<PortCall>& calls) {
  const auto& obs = series.observations;
  std::vector<YardChange> out;
  if (obs.size() < 2) return out;
  std::vector<const PortCall*> here;
  for (const auto& c : calls) {
    if (c.port_id == port_id) here.push_back(&c);
  }
  // The calls overlapping each interval between consecutive images, then runs of intervals
  // that share a call joined.
  const std::size_t intervals = obs.size() - 1;
  std::vector<std::vector<const PortCall*>> overlapping(intervals);
  for (std::size_t k = 0; k < intervals; ++k) {
    const std::int64_t t1 = obs[k].acquired_ms;
    const std::int64_t t2 = obs[k + 1].acquired_ms;
    for (const PortCall* c : here) {
      if (c->from_ms < t2 && c->to_ms > t1) overlapping[k].push_back(c);
    }
  }
  std::size_t k = 0;
  while (k < intervals) {
    std::size_t end = k;  // last interval of the run
    while (end + 1 < intervals) {
      const auto& a = overlapping[end];
      const auto& b = overlapping[end + 1];
      const bool shared = std::any_of(a.begin(), a.end(), [&](const PortCall* c) {
        return std::find(b.begin(), b.end(), c) != b.end();
      });
      if (!shared) break;
      ++end;
    }
    YardChange change;
    change.area_id = series.area_id;
    change.first = k;
    change.last = end + 1;
    change.from_ms = obs[change.first].acquired_ms;
    change.to_ms = obs[change.last].acquired_ms;
    change.change_20ft = obs[change.last].containers_20ft - obs[change.first].containers_20ft;
    change.change_40ft = obs[change.last].containers_40ft - obs[change.first].containers_40ft;
    for (std::size_t i = k; i <= end; ++i) {
      for (const PortCall* c : overlapping[i]) {
        const bool seen = std::any_of(change.calls.begin(), change.calls.end(),
                                      [&](const PortCall& x) { return x.event_id == c->event_id; });
        if (!seen) change.calls.push_back(*c);
      }
    }
    out.push_back(std::move(change));
    k = end + 1;
  }
  return out;
}

}  // namespace darkfleet::evidence
