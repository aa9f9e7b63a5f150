// Gathers a report: the detectors over the whole database, the vessels worth following, the
// tracks the map draws, the yard evidence and the estimate.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <set>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "darkfleet/events/detectors.hpp"
#include "darkfleet/report/report.hpp"
#include "thin.hpp"

namespace darkfleet::report {
namespace {

constexpr double k_ms_per_day = 86'400'000.0;

// Why a vessel is worth following, from what the detectors found: dark port calls first
// (the case's question), then gaps that look intentional, then meetings at sea.
std::vector<WatchedVessel> choose_watched(const std::vector<events::Event>& events,
                                          const Inputs& inputs) {
  std::vector<WatchedVessel> out;
  if (!inputs.watch.empty()) {
    for (const std::uint32_t mmsi : inputs.watch) {
      WatchedVessel v;
      v.mmsi = mmsi;
      v.reason = "asked for (--watch)";
      out.push_back(std::move(v));
    }
    return out;
  }
  struct Score {
    int dark_calls = 0;
    int disabling_gaps = 0;
    int encounters = 0;
    std::set<std::string> ports;
  };
  std::map<std::uint32_t, Score> scores;
  for (const auto& e : events) {
    if (e.kind == events::EventKind::dark_port_call) {
      auto& s = scores[e.mmsi];
      ++s.dark_calls;
      s.ports.insert(e.port_id);
    } else if (e.kind == events::EventKind::gap && e.subtype == "likely_disabling") {
      ++scores[e.mmsi].disabling_gaps;
    } else if (e.kind == events::EventKind::encounter) {
      ++scores[e.mmsi].encounters;
      if (e.other_mmsi) ++scores[*e.other_mmsi].encounters;
    }
  }
  std::vector<std::pair<std::uint32_t, Score>> ranked(scores.begin(), scores.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    const auto key = [](const Score& s) {
      return std::tuple(s.dark_calls, s.disabling_gaps, s.encounters);
    };
    return key(a.second) > key(b.second);
  });
  // Encounters alone (often ships waiting side by side at an anchorage) make a vessel worth
  // following only when nothing darker was found.
  const bool any_dark = !ranked.empty() &&
                        (ranked.front().second.dark_calls > 0 || ranked.front().second.disabling_gaps > 0);
  for (const auto& [mmsi, s] : ranked) {
    if (out.size() >= inputs.max_watched) break;
    if (any_dark && s.dark_calls == 0 && s.disabling_gaps == 0) break;
    WatchedVessel v;
    v.mmsi = mmsi;
    if (s.dark_calls > 0) {
      std::string ports;
      for (const auto& p : s.ports) ports += (ports.empty() ? "" : ", ") + p;
      v.reason = fmt::format("{} dark port call candidate{} ({})", s.dark_calls,
                             s.dark_calls == 1 ? "" : "s", ports);
    } else if (s.disabling_gaps > 0) {
      v.reason = fmt::format("{} gap{} with AIS likely switched off", s.disabling_gaps,
                             s.disabling_gaps == 1 ? "" : "s");
    } else {
      v.reason = fmt::format("{} encounter{} at sea", s.encounters, s.encounters == 1 ? "" : "s");
    }
    out.push_back(std::move(v));
  }
  return out;
}

// The data's span of the vessel minus its gaps: when its AIS was heard.
std::vector<Span> heard_spans(std::int64_t first_ms, std::int64_t last_ms, std::uint32_t mmsi,
                              const std::vector<events::Event>& events) {
  std::vector<Span> gaps;
  for (const auto& e : events) {
    if (e.kind == events::EventKind::gap && e.mmsi == mmsi) {
      gaps.push_back({e.start.t_ms, e.end.t_ms});
    }
  }
  std::sort(gaps.begin(), gaps.end(),
            [](const Span& a, const Span& b) { return a.from_ms < b.from_ms; });
  std::vector<Span> heard;
  std::int64_t t = first_ms;
  for (const Span& g : gaps) {
    if (g.from_ms > t) heard.push_back({t, std::min(g.from_ms, last_ms)});
    t = std::max(t, g.to_ms);
  }
  if (t < last_ms) heard.push_back({t, last_ms});
  return heard;
}

TrackLine track_line(const track::Track& track, bool watched, std::size_t max_points) {
  TrackLine line;
  line.mmsi = track.mmsi;
  line.watched = watched;
  for (const auto& segment : track.segments) {
    if (segment.quality == track::SegmentQuality::noise) continue;
    std::vector<geo::LatLon> points;
    points.reserve(segment.positions.size());
    for (const auto& p : segment.positions) points.push_back({p.lat_deg(), p.lon_deg()});
    line.parts.push_back(thin_polyline(points, max_points));
  }
  return line;
}

void add_cleaning(track::TrackStats& total, const track::TrackStats& s) {
  total.input += s.input;
  total.exact_duplicates += s.exact_duplicates;
  total.receiver_duplicates += s.receiver_duplicates;
  total.noise += s.noise;
}

// The box the map shows: the watched ports, the watched vessels' tracks and their events;
// the drawn tracks when nothing is watched. Padded, and at least a degree each way.
store::BBox map_box(const Report& r) {
  double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
  const auto take = [&](geo::LatLon p) {
    min_lat = std::min(min_lat, p.lat_deg);
    max_lat = std::max(max_lat, p.lat_deg);
    min_lon = std::min(min_lon, p.lon_deg);
    max_lon = std::max(max_lon, p.lon_deg);
  };
  for (const auto& p : r.ports) take(p.position);
  bool any_watched = false;
  for (const auto& t : r.tracks) {
    if (!t.watched) continue;
    for (const auto& part : t.parts) {
      for (const auto& p : part) take(p);
      any_watched = any_watched || !part.empty();
    }
  }
  if (!any_watched && r.ports.empty()) {
    for (const auto& t : r.tracks) {
      for (const auto& part : t.parts) {
        for (const auto& p : part) take(p);
      }
    }
  }
  if (min_lat > max_lat) return {};
  double pad_lat = std::max(0.5, (max_lat - min_lat) * 0.08);
  double pad_lon = std::max(0.5, (max_lon - min_lon) * 0.08);
  // The page is wider than tall: widen a tall box (or heighten a flat one) about its middle
  // to between 10:7 and 5:2 on the map, so the drawing fills the page's width.
  const double cos_mid = std::cos((min_lat + max_lat) / 2 * std::numbers::pi / 180);
  const double w = (max_lon - min_lon + 2 * pad_lon) * cos_mid;
  const double h = max_lat - min_lat + 2 * pad_lat;
  if (w / h < 10.0 / 7.0) pad_lon += (h * 10.0 / 7.0 - w) / cos_mid / 2;
  if (w / h > 5.0 / 2.0) pad_lat += (w * 2.0 / 5.0 - h) / 2;
  return {std::max(-180.0, min_lon - pad_lon), std::max(-85.0, min_lat - pad_lat),
          std::min(180.0, max_lon + pad_lon), std::min(85.0, max_lat + pad_lat)};
}

// Land around the box, for drawing: vertices outside a margin around the box are moved onto
// the margin's edge (which changes nothing inside the box, where the map is looked at), and
// vertices closer than about a pixel to the last one kept are dropped.
std::vector<geo::Polygon> land_in(const geo::Coast& coast, const store::BBox& box) {
  const double margin_lon = (box.max_lon_deg - box.min_lon_deg) * 0.1;
  const double margin_lat = (box.max_lat_deg - box.min_lat_deg) * 0.1;
  const store::BBox clip{box.min_lon_deg - margin_lon, box.min_lat_deg - margin_lat,
                         box.max_lon_deg + margin_lon, box.max_lat_deg + margin_lat};
  const double step_deg = (box.max_lon_deg - box.min_lon_deg) / 1000.0;
  const auto clamped = [&clip, step_deg](const geo::Ring& ring) {
    geo::Ring out;
    out.reserve(ring.size());
    for (const auto& p : ring) {
      out.push_back({std::clamp(p.lat_deg, clip.min_lat_deg, clip.max_lat_deg),
                     std::clamp(p.lon_deg, clip.min_lon_deg, clip.max_lon_deg)});
    }
    return thin_ring(out, step_deg);
  };
  std::vector<geo::Polygon> out;
  for (const auto& polygon : coast.polygons()) {
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
    for (const auto& p : polygon.outer) {
      min_lat = std::min(min_lat, p.lat_deg);
      max_lat = std::max(max_lat, p.lat_deg);
      min_lon = std::min(min_lon, p.lon_deg);
      max_lon = std::max(max_lon, p.lon_deg);
    }
    if (max_lon < box.min_lon_deg || min_lon > box.max_lon_deg || max_lat < box.min_lat_deg ||
        min_lat > box.max_lat_deg) {
      continue;
    }
    geo::Polygon drawn;
    drawn.outer = clamped(polygon.outer);
    for (const auto& hole : polygon.holes) {
      auto h = clamped(hole);
      if (h.size() >= 3) drawn.holes.push_back(std::move(h));
    }
    if (drawn.outer.size() >= 3) out.push_back(std::move(drawn));
  }
  return out;
}

std::string latest_name(const store::Store& db, std::uint32_t mmsi) {
  std::string name;
  std::int64_t latest = 0;
  for (const auto& id : db.identities(mmsi)) {
    if (!id.name.empty() && id.last_seen_ms >= latest) {
      name = id.name;
      latest = id.last_seen_ms;
    }
  }
  return name;
}

}  // namespace

Report build_report(const store::Store& db, const Inputs& inputs) {
  if (inputs.parameters == nullptr) throw std::invalid_argument("build_report: no parameters");
  Report r;
  r.case_info = inputs.case_info;
  r.database = inputs.database;
  r.generated_by = inputs.generated_by;
  r.fingerprint = inputs.fingerprint;
  r.parameters = *inputs.parameters;
  r.store = db.summary();
  r.sources = db.sources();
  r.ports = inputs.ports;
  if (r.store.positions == 0) {
    throw std::runtime_error(inputs.database + " holds no positions (darkfleet ingest FILE --db " +
                             inputs.database + ")");
  }

  const auto vessels = db.vessels();
  double vessel_days = 0;
  std::uint64_t positions = 0;
  r.data_from_ms = std::numeric_limits<std::int64_t>::max();
  r.data_to_ms = std::numeric_limits<std::int64_t>::min();
  for (const auto& v : vessels) {
    if (v.positions == 0) continue;
    r.data_from_ms = std::min(r.data_from_ms, v.first_seen_ms);
    r.data_to_ms = std::max(r.data_to_ms, v.last_seen_ms);
    vessel_days += std::max(1.0, static_cast<double>(v.last_seen_ms - v.first_seen_ms) / k_ms_per_day);
    positions += v.positions;
  }
  r.positions_per_vessel_day = vessel_days > 0 ? static_cast<double>(positions) / vessel_days : 0;

  events::Context context;
  context.parameters = inputs.parameters;
  context.coast = inputs.coast;
  context.ports = &inputs.ports;
  events::CollectingSink sink;
  const auto stats =
      events::run_detectors(db, events::available_kinds(), context, {}, sink, inputs.segmenter);
  (void)stats;
  events::sort_events(sink.events);
  r.events = std::move(sink.events);
  if (inputs.coast == nullptr) {
    r.notes.push_back(
        "No coastline: distances from shore are unknown, no gap is marked likely_disabling "
        "and the map has no land (run scripts/setup).");
  }
  if (inputs.ports.empty()) {
    r.notes.push_back("No watched ports: no port visits or dark port calls (give the case's "
                      "case.toml or --ports).");
  }

  r.watched = choose_watched(r.events, inputs);
  std::set<std::uint32_t> watched_ids;
  for (auto& w : r.watched) {
    watched_ids.insert(w.mmsi);
    auto track = track::build_track(w.mmsi, db.positions(w.mmsi, {}), inputs.segmenter);
    add_cleaning(r.cleaning, track.stats);
    w.name = latest_name(db, w.mmsi);
    w.first_ms = std::numeric_limits<std::int64_t>::max();
    w.last_ms = std::numeric_limits<std::int64_t>::min();
    for (const auto& s : track.segments) {
      if (s.quality == track::SegmentQuality::noise || s.positions.empty()) continue;
      w.positions += s.positions.size();
      w.first_ms = std::min(w.first_ms, s.positions.front().t_ms);
      w.last_ms = std::max(w.last_ms, s.positions.back().t_ms);
    }
    if (w.positions == 0) {
      w.first_ms = w.last_ms = 0;
    } else {
      w.heard = heard_spans(w.first_ms, w.last_ms, w.mmsi, r.events);
    }
    r.tracks.push_back(track_line(track, true, 2000));
  }

  // Other vessels, evenly over the MMSIs, so a dense day still shows its lanes.
  std::vector<std::uint32_t> others;
  for (const auto& v : vessels) {
    if (v.positions > 0 && watched_ids.count(v.mmsi) == 0) others.push_back(v.mmsi);
  }
  const std::size_t drawn = std::min(others.size(), inputs.max_background_tracks);
  std::vector<store::Position> buffer;
  for (std::size_t i = 0; i < drawn; ++i) {
    const std::uint32_t mmsi = others[i * others.size() / drawn];
    db.positions(mmsi, {}, buffer);
    const auto track = track::build_track(mmsi, buffer, inputs.segmenter);
    add_cleaning(r.cleaning, track.stats);
    r.tracks.push_back(track_line(track, false, 200));
  }
  r.vessels_not_drawn = others.size() - drawn;

  r.map_box = map_box(r);
  if (inputs.coast != nullptr) r.land = land_in(*inputs.coast, r.map_box);

  r.observations = db.observations().size();
  if (inputs.cargo_model != nullptr && r.observations > 0) {
    CargoSection cargo;
    cargo.model = *inputs.cargo_model;
    cargo.result = evidence::estimate_cargo(evidence::yard_series(db.observations()),
                                            evidence::port_calls(r.events), cargo.model,
                                            cargo.model.samples, cargo.model.seed);
    r.cargo = std::move(cargo);
  } else if (inputs.cargo_model != nullptr) {
    r.notes.push_back("No imagery observations in the database: no containers from the yards "
                      "(add a GeoJSON of counts, docs/evidence.md).");
  }

  if (inputs.estimate_model != nullptr) {
    EstimateSection section;
    section.model = *inputs.estimate_model;
    if (r.cargo && r.cargo->result.counted_changes(r.cargo->model.counted) > 0) {
      section.model.assumptions.replace(
          evidence::containers_assumption(r.cargo->result, r.cargo->model, inputs.database));
      section.containers_from_evidence = true;
    } else {
      r.notes.push_back("The estimate takes its containers from estimate.toml (the reported "
                        "count): no yard change is tied to a port call.");
    }
    section.result =
        estimate::run(section.model, section.model.samples, section.model.seed);
    r.estimate = std::move(section);
  }
  return r;
}

}  // namespace darkfleet::report
