// The detector registry and the runner that streams vessels from a store through them.
#include <algorithm>

#include "darkfleet/events/detectors.hpp"
#include "darkfleet/events/encounter.hpp"
#include "darkfleet/events/identity.hpp"
#include "darkfleet/events/loitering.hpp"

namespace darkfleet::events {

std::unique_ptr<Detector> make_port_visit_detector();
std::unique_ptr<Detector> make_gap_detector();
std::unique_ptr<Detector> make_dark_port_call_detector();

std::unique_ptr<Detector> make_detector(EventKind kind) {
  switch (kind) {
    case EventKind::port_visit: return make_port_visit_detector();
    case EventKind::gap: return make_gap_detector();
    case EventKind::dark_port_call: return make_dark_port_call_detector();
    case EventKind::encounter: return make_encounter_detector();
    case EventKind::loitering: return make_loitering_detector();
    case EventKind::identity: return make_identity_detector();
  }
  return nullptr;
}

std::vector<EventKind> available_kinds() {
  std::vector<EventKind> out;
  for (const EventKind k : {EventKind::port_visit, EventKind::gap, EventKind::dark_port_call,
                            EventKind::encounter, EventKind::loitering, EventKind::identity}) {
    if (make_detector(k)) out.push_back(k);
  }
  return out;
}

namespace {

class CountingSink final : public EventSink {
 public:
  CountingSink(EventSink& inner, RunStats& stats) : m_inner(inner), m_stats(stats) {}
  void on_event(Event event) override {
    ++m_stats.events[event.kind];
    m_inner.on_event(std::move(event));
  }

 private:
  EventSink& m_inner;
  RunStats& m_stats;
};

}  // namespace

RunStats run_detectors(const store::Store& db, const std::vector<EventKind>& kinds,
                       Context context, const store::Window& window, EventSink& sink,
                       const track::SegmenterOptions& segmenter) {
  RunStats stats;
  std::vector<std::unique_ptr<Detector>> detectors;
  for (const EventKind k : kinds) {
    if (auto d = make_detector(k)) {
      detectors.push_back(std::move(d));
    } else {
      stats.missing.push_back(k);
    }
  }
  const Parameters defaults = Parameters::gfw();
  if (context.parameters == nullptr) context.parameters = &defaults;
  const auto mmsis = db.vessels_in(window, std::nullopt);
  if (!context.data_end_ms) {
    if (window.to_ms) {
      context.data_end_ms = window.to_ms;
    } else {
      std::int64_t last = 0;
      for (const auto& v : db.vessels()) last = std::max(last, v.last_seen_ms);
      if (last != 0) context.data_end_ms = last;
    }
  }
  CountingSink counting(sink, stats);
  std::vector<store::Position> positions;
  for (const std::uint32_t mmsi : mmsis) {
    db.positions(mmsi, window, positions);
    stats.positions += positions.size();
    const track::Track t = track::build_track(mmsi, positions, segmenter);
    const auto identities = db.identities(mmsi);
    const VesselData vessel{mmsi, &t, &identities};
    for (auto& d : detectors) d->on_vessel(vessel, context, counting);
    ++stats.vessels;
  }
  for (auto& d : detectors) d->finish(context, counting);
  return stats;
}

void sort_events(std::vector<Event>& events) {
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.start.t_ms != b.start.t_ms) return a.start.t_ms < b.start.t_ms;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.mmsi != b.mmsi) return a.mmsi < b.mmsi;
    const double ra = a.values.count("rank") ? a.values.at("rank") : 0;
    const double rb = b.values.count("rank") ? b.values.at("rank") : 0;
    if (ra != rb) return ra < rb;
    return a.port_id < b.port_id;
  });
}

}  // namespace darkfleet::events
