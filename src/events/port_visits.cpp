// Port visits as GFW's anchorages pipeline builds them (DOMAIN.md 1.3): entry within
// port_visit.entry_distance_m, exit beyond port_visit.exit_distance_m (hysteresis), stops
// below port_visit.stop_speed_kn until above port_visit.move_speed_kn, gaps in port longer
// than port_visit.gap_h, a new visit when consecutive positions come from segments more
// than port_visit.max_inter_segment_distance_nm apart; confidence 1-4. values["stops"]
// counts the stops of a visit: a new stop needs the vessel to have moved above
// port_visit.move_speed_kn since the last one (GFW's PORT_STOP_BEGIN / PORT_STOP_END).
// Distances to a port with an area (a GeoJSON polygon) are to the polygon, 0 inside it
// (geo::distance_to_port_m).
#include <cmath>
#include <optional>

#include "darkfleet/events/detectors.hpp"
#include "sequence.hpp"

namespace darkfleet::events {
namespace detail {
namespace {

struct OpenVisit {
  const geo::Port* port = nullptr;
  const SeqPoint* first = nullptr;
  const SeqPoint* last = nullptr;  // last position within the exit distance
  bool entry = false;
  bool stop = false;
  bool gap = false;
  bool stopped = false;
  std::uint32_t stops = 0;
  std::uint32_t positions = 0;
  double lat_sum = 0;
  double lon_sum = 0;
};

int confidence_level(bool entry, bool exit, bool stop_or_gap) {
  if (!stop_or_gap) return (entry || exit) ? 1 : 0;
  if (entry && exit) return 4;
  if (entry || exit) return 3;
  return 2;
}

}  // namespace

std::vector<Event> port_visits_of(const track::Track& track, const PortIndex& ports,
                                  const Parameters& parameters, const std::string& parameter_set) {
  std::vector<Event> out;
  if (ports.empty()) return out;
  const double entry_m = parameters.get("port_visit.entry_distance_m");
  const double exit_m = parameters.get("port_visit.exit_distance_m");
  const double stop_kn = parameters.get("port_visit.stop_speed_kn");
  const double move_kn = parameters.get("port_visit.move_speed_kn");
  const double gap_h = parameters.get("port_visit.gap_h");
  const double split_nm = parameters.get("port_visit.max_inter_segment_distance_nm");
  const double buffer_h = parameters.get("port_visit.jump_buffer_h");

  // A vessel heard once in port (a moored Class A reports every 3 min, so a short
  // recording holds one report) is in port too: lone reports count, impossible jumps not.
  const std::vector<SeqPoint> seq = merged_positions(track, true, true);
  std::optional<OpenVisit> visit;
  auto close = [&](bool exit) {
    const OpenVisit& v = *visit;
    const int level = confidence_level(v.entry, exit, v.stop || v.gap);
    Event e;
    e.kind = EventKind::port_visit;
    e.mmsi = track.mmsi;
    e.start = {v.first->p->t_ms, latlon(*v.first->p)};
    e.end = {v.last->p->t_ms, latlon(*v.last->p)};
    e.position = {v.lat_sum / v.positions, v.lon_sum / v.positions};
    e.open = !exit;
    e.confidence = level / 4.0;
    e.port_id = v.port->id;
    e.parameter_set = parameter_set;
    e.values["confidence_level"] = level;
    e.values["duration_h"] = e.duration_h();
    e.values["distance_to_port_m"] = geo::distance_to_port_m(e.position, *v.port);
    e.values["stops"] = v.stops;
    e.notes["port_name"] = v.port->name;
    e.notes["entry"] = v.entry ? "true" : "false";
    e.notes["exit"] = exit ? "true" : "false";
    e.notes["stop"] = v.stop ? "true" : "false";
    e.notes["gap"] = v.gap ? "true" : "false";
    e.evidence.push_back(
        {track.mmsi, v.first->segment, v.first->p->t_ms, v.last->p->t_ms, v.positions});
    out.push_back(std::move(e));
    visit.reset();
  };

  const SeqPoint* prev = nullptr;
  for (const SeqPoint& sp : seq) {
    const store::Position& p = *sp.p;
    const geo::LatLon here = latlon(p);
    std::optional<double> speed = p.sog_kn();
    if (!speed && prev != nullptr && p.t_ms > prev->p->t_ms) {
      speed = track::distance_nm(*prev->p, p) / hours(prev->p->t_ms, p.t_ms);
    }
    if (visit && prev != nullptr && prev->segment != sp.segment &&
        track::distance_nm(*prev->p, p) > split_nm) {
      close(false);
    }
    if (visit) {
      const double d = geo::distance_to_port_m(here, *visit->port);
      // A report beyond the exit distance that its own speed cannot explain (a moored
      // vessel 20 km away minutes later) is a spoofed or wrong position: it does not end
      // the visit. Allowed: (1.1 x reported speed + 1 kn) x hypot(dt, buffer).
      if (d > exit_m && p.sog_kn()) {
        const store::Position& anchor = *visit->last->p;
        const double dt_h = hours(anchor.t_ms, p.t_ms);
        const double allowed_nm = (1.1 * *p.sog_kn() + 1.0) * std::hypot(dt_h, buffer_h);
        if (track::distance_nm(anchor, p) > allowed_nm) {
          prev = &sp;
          continue;
        }
      }
      if (d > exit_m) {
        close(true);
      } else {
        if (hours(prev->p->t_ms, p.t_ms) > gap_h) visit->gap = true;
        if (speed && *speed < stop_kn) {
          if (!visit->stopped) ++visit->stops;
          visit->stopped = true;
          visit->stop = true;
        } else if (speed && *speed > move_kn) {
          visit->stopped = false;
        }
        visit->last = &sp;
        ++visit->positions;
        visit->lat_sum += here.lat_deg;
        visit->lon_sum += here.lon_deg;
      }
    }
    if (!visit) {
      double d = 0;
      if (const geo::Port* port = ports.nearest(here, entry_m, d)) {
        visit = OpenVisit{};
        visit->port = port;
        visit->first = &sp;
        visit->last = &sp;
        visit->entry = prev != nullptr && hours(prev->p->t_ms, p.t_ms) <= gap_h;
        if (prev != nullptr && !visit->entry) visit->gap = true;  // arrived in the dark
        visit->stop = visit->stopped = speed && *speed < stop_kn;
        visit->stops = visit->stopped ? 1 : 0;
        visit->positions = 1;
        visit->lat_sum = here.lat_deg;
        visit->lon_sum = here.lon_deg;
      }
    }
    prev = &sp;
  }
  if (visit) close(false);
  return out;
}

}  // namespace detail

namespace {

class PortVisitDetector final : public Detector {
 public:
  [[nodiscard]] EventKind kind() const override { return EventKind::port_visit; }
  void on_vessel(const VesselData& vessel, const Context& context, EventSink& sink) override {
    if (!m_index || m_ports != context.ports) {
      m_index.emplace(context.ports);
      m_ports = context.ports;
    }
    const double min_level = context.parameters->get("port_visit.min_confidence");
    for (auto& e : detail::port_visits_of(*vessel.track, *m_index, *context.parameters,
                                          context.parameters->name())) {
      if (e.values["confidence_level"] >= min_level) sink.on_event(std::move(e));
    }
  }

 private:
  const std::vector<geo::Port>* m_ports = nullptr;
  std::optional<detail::PortIndex> m_index;
};

}  // namespace

std::unique_ptr<Detector> make_port_visit_detector() {
  return std::make_unique<PortVisitDetector>();
}

}  // namespace darkfleet::events
