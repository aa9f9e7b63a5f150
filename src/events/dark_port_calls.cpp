// Dark port calls: for every AIS gap, each watched port the vessel could have called at —
// dist(start, port) + dist(port, end) <= dark_port_call.max_speed_kn x (gap duration -
// dark_port_call.min_dwell_h); for an open gap (the data ends in it), each port it could
// have reached before the data ends. A closed gap that the direct passage at the vessel's
// own sailing speed fills (less than min_dwell_h to spare) hid no call and has no candidates.
// Candidates of one gap are ranked by score = slack (hours to spare) +
// dark_port_call.history_bonus_h when the vessel visited that port in its visible track
// (other than right before or after the gap) + course bonus; a port the vessel was seen
// leaving before the gap and reaching after it ranks last. For a port with an area the
// distances are to its nearest point (a lower bound on the sailing, so no possible call is
// ruled out); the event's position stays the reference point. A gap during which the
// vessel's IMO number appears on another MMSI (it went on under a new identity) has none.
#include <algorithm>
#include <cmath>
#include <vector>

#include "darkfleet/events/detectors.hpp"
#include "imo_sightings.hpp"
#include "sequence.hpp"

namespace darkfleet::events {
namespace {

using detail::latlon;

// Cosine of the angle between the reported course at `p` and the bearing to `port`
// (`toward`), or from `port` (!toward); 0 when no course was reported or p is at the port.
double course_fit(const store::Position& p, geo::LatLon port, bool toward) {
  const auto cog = p.cog_deg();
  if (!cog || geo::distance_m(latlon(p), port) < 1000) return 0;
  constexpr double k_rad = 3.14159265358979323846 / 180.0;
  const double lat1 = p.lat_deg() * k_rad, lat2 = port.lat_deg * k_rad;
  const double dlon = (port.lon_deg - p.lon_deg()) * k_rad;
  const double bearing = std::atan2(
      std::sin(dlon) * std::cos(lat2),
      std::cos(lat1) * std::sin(lat2) - std::sin(lat1) * std::cos(lat2) * std::cos(dlon));
  const double c = std::cos(bearing - *cog * k_rad);
  return toward ? c : -c;
}

// Fewer sailing reports than this say nothing about a vessel's speed.
constexpr std::size_t k_min_sailing_reports = 10;

// The speed the vessel sails at: the 90th percentile of its reported speeds above
// `min_kn` (a good day, so that the direct passage is not made to look slower than it
// was), at most `max_kn`; `max_kn` when it reported too few.
double sailing_speed_kn(const track::Track& track, double min_kn, double max_kn) {
  std::vector<double> speeds;
  for (const auto& segment : track.segments) {
    if (segment.quality == track::SegmentQuality::noise) continue;
    for (const auto& p : segment.positions) {
      const auto sog = p.sog_kn();
      if (sog && *sog > min_kn) speeds.push_back(*sog);
    }
  }
  if (speeds.size() < k_min_sailing_reports) return max_kn;
  const auto k = static_cast<std::size_t>(0.9 * static_cast<double>(speeds.size() - 1));
  std::nth_element(speeds.begin(), speeds.begin() + static_cast<std::ptrdiff_t>(k), speeds.end());
  return std::min(speeds[k], max_kn);
}

class DarkPortCallDetector final : public Detector {
 public:
  [[nodiscard]] EventKind kind() const override { return EventKind::dark_port_call; }

  void on_vessel(const VesselData& vessel, const Context& context, EventSink& sink) override {
    (void)sink;  // lists wait for finish(): every vessel's IMO numbers are known then
    const std::vector<std::uint32_t> imos = m_imos.add(vessel);
    if (context.ports == nullptr || context.ports->empty()) return;
    if (!m_index || m_ports != context.ports) {
      m_index.emplace(context.ports);
      m_ports = context.ports;
    }
    const Parameters& prm = *context.parameters;
    const double max_kn = prm.get("dark_port_call.max_speed_kn");
    const double dwell_h = prm.get("dark_port_call.min_dwell_h");
    const double bonus_h = prm.get("dark_port_call.history_bonus_h");
    const double course_h = prm.get("dark_port_call.course_bonus_h");
    const auto gaps = find_gaps(*vessel.track, prm.get("gap.min_h"), prm.get("gap.lookback_h"),
                                context.data_end_ms);
    if (gaps.empty()) return;
    const double sailing_kn =
        sailing_speed_kn(*vessel.track, prm.get("dark_port_call.sailing_min_kn"), max_kn);
    std::vector<Event> visits_seen;
    for (auto& v : detail::port_visits_of(*vessel.track, *m_index, prm, prm.name())) {
      if (v.values["confidence_level"] >= prm.get("port_visit.min_confidence"))
        visits_seen.push_back(std::move(v));
    }
    for (const Gap& g : gaps) {
      // the vessel's port history, without the visits just before and just after the gap
      // (those ports are where it came from and went to in sight, not evidence of a call)
      const Event* before = nullptr;
      const Event* after = nullptr;
      for (const auto& v : visits_seen) {
        if (v.end.t_ms <= g.before.t_ms && (before == nullptr || v.end.t_ms > before->end.t_ms))
          before = &v;
        if (v.start.t_ms >= g.end_ms && (after == nullptr || v.start.t_ms < after->start.t_ms))
          after = &v;
      }
      std::map<std::string, int> history;
      for (const auto& v : visits_seen) {
        if (&v != before && &v != after) ++history[v.port_id];
      }
      const geo::LatLon a = latlon(g.before);
      const std::optional<geo::LatLon> b =
          g.after ? std::optional<geo::LatLon>(latlon(*g.after)) : std::nullopt;
      const double dur_h = detail::hours(g.before.t_ms, g.end_ms);
      // an open gap needs only the way in before the data ends; a closed one the way in,
      // the dwell and the way out
      const double budget_h = b ? dur_h - dwell_h : dur_h;
      if (budget_h <= 0) continue;
      double hidden_h = dur_h;
      if (b) {
        hidden_h = dur_h - geo::distance_m(a, *b) / geo::k_m_per_nm / sailing_kn;
        if (hidden_h < dwell_h) continue;  // it sailed the whole time
      }
      // seen leaving this port before the gap and reaching it after: a call there would
      // mean leaving it twice, so it ranks after every other candidate
      std::string round_trip;
      if (before != nullptr && after != nullptr && before->port_id == after->port_id) {
        round_trip = before->port_id;
      }
      std::vector<Event> candidates;
      for (const geo::Port& port : *context.ports) {
        // to the port's area when it has one (the nearest point of it, 0 from inside)
        const double d1 = geo::distance_to_port_m(a, port) / geo::k_m_per_nm;
        const double d2 = b ? geo::distance_to_port_m(*b, port) / geo::k_m_per_nm : 0.0;
        const double slack_h = budget_h - (d1 + d2) / max_kn;
        if (slack_h < 0) continue;
        const auto hist = history.find(port.id);
        const int visits = hist == history.end() ? 0 : hist->second;
        const double course = b ? course_fit(g.before, port.position, true) * 0.5 +
                                      course_fit(*g.after, port.position, false) * 0.5
                                : course_fit(g.before, port.position, true);
        Event e;
        e.kind = EventKind::dark_port_call;
        e.mmsi = vessel.mmsi;
        // the window in which the vessel could have been in port: from the earliest arrival
        // to the latest departure at dark_port_call.max_speed_kn (the end of the data for
        // an open gap)
        e.start = {g.before.t_ms + static_cast<std::int64_t>(d1 / max_kn * detail::k_ms_per_h),
                   port.position};
        e.end = {g.end_ms - static_cast<std::int64_t>(d2 / max_kn * detail::k_ms_per_h),
                 port.position};
        e.open = !b;
        e.values["gap_start_lat"] = a.lat_deg;
        e.values["gap_start_lon"] = a.lon_deg;
        if (b) {
          e.values["gap_end_lat"] = b->lat_deg;
          e.values["gap_end_lon"] = b->lon_deg;
          e.values["distance_out_nm"] = d2;
        }
        e.position = port.position;
        e.port_id = port.id;
        e.parameter_set = prm.name();
        e.values["slack_h"] = slack_h;
        e.values["gap_duration_h"] = dur_h;
        e.values["hidden_h"] = hidden_h;
        e.values["sailing_speed_kn"] = sailing_kn;
        e.values["distance_in_nm"] = d1;
        e.values["earliest_arrival_h"] = d1 / max_kn;
        e.values["port_visits_seen"] = visits;
        e.values["course_fit"] = course;
        e.values["round_trip_port"] = port.id == round_trip ? 1 : 0;
        e.values["score"] = slack_h + (visits > 0 ? bonus_h : 0.0) + course_h * course;
        e.notes["port_name"] = port.name;
        e.evidence.push_back({vessel.mmsi, g.before_segment, g.before.t_ms, g.before.t_ms, 1});
        if (g.after) {
          e.evidence.push_back({vessel.mmsi, g.after_segment, g.after->t_ms, g.after->t_ms, 1});
        }
        candidates.push_back(std::move(e));
      }
      std::sort(candidates.begin(), candidates.end(), [](const Event& x, const Event& y) {
        const double rx = x.values.at("round_trip_port"), ry = y.values.at("round_trip_port");
        const double sx = x.values.at("score"), sy = y.values.at("score");
        if (rx != ry) return rx < ry;
        return sx != sy ? sx > sy : x.port_id < y.port_id;
      });
      if (!candidates.empty()) {
        m_held.push_back({vessel.mmsi, imos, g.before.t_ms, g.end_ms, std::move(candidates)});
      }
    }
  }

  void finish(const Context& context, EventSink& sink) override {
    (void)context;
    for (auto& h : m_held) {
      // the vessel went on under another MMSI (its IMO number appeared there): not dark
      if (m_imos.new_mmsi(h.mmsi, h.imos, h.from_ms, h.to_ms)) continue;
      const double n = static_cast<double>(h.candidates.size());
      for (std::size_t i = 0; i < h.candidates.size(); ++i) {
        Event& e = h.candidates[i];
        e.values["rank"] = static_cast<double>(i + 1);
        e.values["candidates"] = n;
        e.confidence = 1.0 / n;  // a uniform prior over the reachable ports
        sink.on_event(std::move(e));
      }
    }
    m_held.clear();
  }

 private:
  const std::vector<geo::Port>* m_ports = nullptr;
  std::optional<detail::PortIndex> m_index;
  detail::ImoSightings m_imos;
  struct Held {  // one gap's candidates, in rank order
    std::uint32_t mmsi;
    std::vector<std::uint32_t> imos;
    std::int64_t from_ms, to_ms;
    std::vector<Event> candidates;
  };
  std::vector<Held> m_held;
};

}  // namespace

std::unique_ptr<Detector> make_dark_port_call_detector() {
  return std::make_unique<DarkPortCallDetector>();
}

}  // namespace darkfleet::events
