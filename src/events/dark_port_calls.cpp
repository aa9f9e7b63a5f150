// Dark port calls: for every closed AIS gap, each watched port the vessel could have called
// at — dist(start, port) + dist(port, end) <= dark_port_call.max_speed_kn x (gap duration -
// dark_port_call.min_dwell_h). Candidates of one gap are ranked by score = slack (hours to
// spare) + dark_port_call.history_bonus_h when the vessel visited that port in its visible
// track; rank 1 is the most likely port.
#include <algorithm>

#include "darkfleet/events/detectors.hpp"
#include "sequence.hpp"

namespace darkfleet::events {
namespace {

using detail::latlon;

class DarkPortCallDetector final : public Detector {
 public:
  [[nodiscard]] EventKind kind() const override { return EventKind::dark_port_call; }

  void on_vessel(const VesselData& vessel, const Context& context, EventSink& sink) override {
    if (context.ports == nullptr || context.ports->empty()) return;
    if (!m_index || m_ports != context.ports) {
      m_index.emplace(context.ports);
      m_ports = context.ports;
    }
    const Parameters& prm = *context.parameters;
    const double max_kn = prm.get("dark_port_call.max_speed_kn");
    const double dwell_h = prm.get("dark_port_call.min_dwell_h");
    const double bonus_h = prm.get("dark_port_call.history_bonus_h");
    const auto gaps = find_gaps(*vessel.track, prm.get("gap.min_h"), prm.get("gap.lookback_h"),
                                std::nullopt);
    if (gaps.empty()) return;
    std::map<std::string, int> history;
    for (const auto& v : detail::port_visits_of(*vessel.track, *m_index, prm, prm.name())) {
      ++history[v.port_id];
    }
    for (const Gap& g : gaps) {
      const geo::LatLon a = latlon(g.before);
      const geo::LatLon b = latlon(*g.after);
      const double dur_h = detail::hours(g.before.t_ms, g.end_ms);
      const double budget_h = dur_h - dwell_h;
      if (budget_h <= 0) continue;
      std::vector<Event> candidates;
      for (const geo::Port& port : *context.ports) {
        const double d1 = geo::distance_m(a, port.position) / geo::k_m_per_nm;
        const double d2 = geo::distance_m(port.position, b) / geo::k_m_per_nm;
        const double slack_h = budget_h - (d1 + d2) / max_kn;
        if (slack_h < 0) continue;
        const auto hist = history.find(port.id);
        const int visits = hist == history.end() ? 0 : hist->second;
        Event e;
        e.kind = EventKind::dark_port_call;
        e.mmsi = vessel.mmsi;
        e.start = {g.before.t_ms, a};
        e.end = {g.end_ms, b};
        e.position = port.position;
        e.port_id = port.id;
        e.parameter_set = prm.name();
        e.values["slack_h"] = slack_h;
        e.values["gap_duration_h"] = dur_h;
        e.values["distance_in_nm"] = d1;
        e.values["distance_out_nm"] = d2;
        e.values["earliest_arrival_h"] = d1 / max_kn;
        e.values["port_visits_seen"] = visits;
        e.values["score"] = slack_h + (visits > 0 ? bonus_h : 0.0);
        e.notes["port_name"] = port.name;
        e.evidence.push_back({vessel.mmsi, g.before_segment, g.before.t_ms, g.before.t_ms, 1});
        e.evidence.push_back({vessel.mmsi, g.after_segment, g.after->t_ms, g.after->t_ms, 1});
        candidates.push_back(std::move(e));
      }
      std::sort(candidates.begin(), candidates.end(), [](const Event& x, const Event& y) {
        const double sx = x.values.at("score"), sy = y.values.at("score");
        return sx != sy ? sx > sy : x.port_id < y.port_id;
      });
      const double n = static_cast<double>(candidates.size());
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        Event& e = candidates[i];
        e.values["rank"] = static_cast<double>(i + 1);
        e.values["candidates"] = n;
        e.confidence = 1.0 / n;  // a uniform prior over the reachable ports
        sink.on_event(std::move(e));
      }
    }
  }

 private:
  const std::vector<geo::Port>* m_ports = nullptr;
  std::optional<detail::PortIndex> m_index;
};

}  // namespace

std::unique_ptr<Detector> make_dark_port_call_detector() {
  return std::make_unique<DarkPortCallDetector>();
}

}  // namespace darkfleet::events
