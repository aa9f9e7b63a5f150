// The report as JSON: the same sections as the HTML page, as data (docs/report.md).
#include <sstream>

#include <nlohmann/json.hpp>

#include "darkfleet/events/output.hpp"
#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/report/report.hpp"

namespace darkfleet::report {
namespace {

using nlohmann::json;

json interval_json(const estimate::Interval& i) {
  return {{"p5", i.p5}, {"p50", i.p50}, {"p95", i.p95}, {"mean", i.mean}};
}

json sources_json(const Report& r) {
  json out = json::array();
  for (const auto& s : r.sources) {
    json rejects = json::object();
    std::uint64_t rejected = 0;
    for (std::size_t k = 0; k < s.rejects.size(); ++k) {
      if (s.rejects[k] == 0) continue;
      rejects[std::string(to_string(static_cast<ErrorCode>(k)))] = s.rejects[k];
      rejected += s.rejects[k];
    }
    out.push_back({{"name", s.name},
                   {"format", s.format},
                   {"size_bytes", s.size_bytes},
                   {"content_hash", s.content_hash},
                   {"complete", s.complete},
                   {"records", s.records_done},
                   {"positions", s.positions},
                   {"rejected", rejected},
                   {"rejected_by_reason", std::move(rejects)}});
  }
  return out;
}

json data_quality_json(const Report& r) {
  return {{"sources", sources_json(r)},
          {"vessels", r.store.vessels},
          {"identities", r.store.identities},
          {"positions", r.store.positions},
          {"observations", r.observations},
          {"positions_per_vessel_day", r.positions_per_vessel_day},
          {"cleaning",
           {{"positions_read", r.cleaning.input},
            {"exact_duplicates", r.cleaning.exact_duplicates},
            {"receiver_duplicates", r.cleaning.receiver_duplicates},
            {"noise", r.cleaning.noise}}}};
}

json point_json(geo::LatLon p) { return json::array({p.lon_deg, p.lat_deg}); }

json map_json(const Report& r) {
  json ports = json::array();
  for (const auto& p : r.ports) {
    ports.push_back({{"id", p.id}, {"name", p.name}, {"country", p.country},
                     {"position", point_json(p.position)}});
  }
  json tracks = json::array();
  for (const auto& t : r.tracks) {
    json parts = json::array();
    for (const auto& part : t.parts) {
      json line = json::array();
      for (const auto& p : part) line.push_back(point_json(p));
      parts.push_back(std::move(line));
    }
    tracks.push_back({{"mmsi", t.mmsi}, {"watched", t.watched}, {"parts", std::move(parts)}});
  }
  return {{"box", {r.map_box.min_lon_deg, r.map_box.min_lat_deg, r.map_box.max_lon_deg,
                   r.map_box.max_lat_deg}},
          {"ports", std::move(ports)},
          {"tracks", std::move(tracks)},
          {"vessels_not_drawn", r.vessels_not_drawn},
          {"land_polygons", r.land.size()}};
}

json watched_json(const Report& r) {
  json out = json::array();
  for (const auto& w : r.watched) {
    json heard = json::array();
    for (const auto& s : w.heard) {
      heard.push_back({{"from", io::format_time_iso(s.from_ms)}, {"to", io::format_time_iso(s.to_ms)}});
    }
    out.push_back({{"mmsi", w.mmsi},
                   {"name", w.name},
                   {"reason", w.reason},
                   {"positions", w.positions},
                   {"first_seen", w.positions ? json(io::format_time_iso(w.first_ms)) : json()},
                   {"last_seen", w.positions ? json(io::format_time_iso(w.last_ms)) : json()},
                   {"first_seen_ms", w.positions ? json(w.first_ms) : json()},
                   {"last_seen_ms", w.positions ? json(w.last_ms) : json()},
                   {"ais_heard", std::move(heard)}});
  }
  return out;
}

json assumption_json(const estimate::Assumption& a) {
  return {{"id", a.id},          {"shape", std::string(to_string(a.shape))},
          {"low", a.low},        {"mode", a.mode},
          {"high", a.high},      {"unit", a.unit},
          {"pedigree", std::string(to_string(a.pedigree))},
          {"source", a.source},  {"note", a.note}};
}

json assumptions_json(const estimate::Assumptions& all) {
  json out = json::array();
  for (const auto& a : all.all()) out.push_back(assumption_json(a));
  return out;
}

json cargo_json(const CargoSection& c) {
  json changes = json::array();
  for (const auto& ch : c.result.changes) {
    json calls = json::array();
    for (const auto& call : ch.change.calls) {
      calls.push_back({{"event_id", call.event_id},
                       {"kind", std::string(events::to_string(call.kind))},
                       {"mmsi", call.mmsi},
                       {"confidence", call.confidence}});
    }
    changes.push_back({{"area_id", ch.change.area_id},
                       {"role", std::string(evidence::to_string(ch.role))},
                       {"from", io::format_time_iso(ch.change.from_ms)},
                       {"to", io::format_time_iso(ch.change.to_ms)},
                       {"first_image", ch.first_image},
                       {"last_image", ch.last_image},
                       {"counted_change_20ft", ch.change.change_20ft},
                       {"counted_change_40ft", ch.change.change_40ft},
                       {"calls", std::move(calls)},
                       {"containers", interval_json(ch.containers)}});
  }
  json voyages = json::array();
  for (const auto& v : c.result.voyages) {
    voyages.push_back({{"mmsi", v.mmsi},
                       {"loading_call", v.loading_call},
                       {"unloading_call", v.unloading_call},
                       {"containers", interval_json(c.result.changes[v.loading].containers)},
                       {"shared", v.shared}});
  }
  return {{"counted", std::string(evidence::to_string(c.model.counted))},
          {"observations", c.result.observations},
          {"samples", c.result.samples},
          {"seed", c.result.seed},
          {"loaded", interval_json(c.result.loaded)},
          {"unloaded", interval_json(c.result.unloaded)},
          {"changes", std::move(changes)},
          {"voyages", std::move(voyages)},
          {"areas_not_in_model", c.result.areas_not_in_model},
          {"assumptions", assumptions_json(c.model.assumptions)}};
}

json estimate_json(const EstimateSection& e) {
  json outputs = json::array();
  for (const auto& o : e.result.outputs) {
    json sensitivity = json::array();
    for (const auto& s : o.sensitivity) {
      sensitivity.push_back({{"assumption", s.assumption}, {"rank_correlation", s.rank_correlation}});
    }
    outputs.push_back({{"id", o.id},
                       {"unit", o.unit},
                       {"interval", interval_json(o.interval)},
                       {"at_modes", o.at_modes},
                       {"sensitivity", std::move(sensitivity)}});
  }
  json references = json::array();
  for (const auto& ref : e.model.references) {
    references.push_back({{"id", ref.id}, {"statement", ref.statement}, {"output", ref.output},
                          {"low", ref.low}, {"high", ref.high}, {"unit", ref.unit},
                          {"source", ref.source}});
  }
  return {{"containers_from_evidence", e.containers_from_evidence},
          {"samples", e.result.samples},
          {"seed", e.result.seed},
          {"outputs", std::move(outputs)},
          {"assumptions", assumptions_json(e.model.assumptions)},
          {"references", std::move(references)}};
}

}  // namespace

void write_json(std::ostream& out, const Report& r) {
  std::ostringstream events_text;
  events::write_events(events_text, r.events, events::OutputFormat::json, r.parameters);

  json doc = {
      {"report",
       {{"format", "darkfleet-report"},
        {"version", 1},
        {"generated_by", r.generated_by},
        {"fingerprint", r.fingerprint},
        {"case", {{"id", r.case_info.id}, {"title", r.case_info.title}, {"label", r.case_info.label}}},
        {"database", r.database},
        {"parameter_set", r.parameters.name()},
        {"data_from", io::format_time_iso(r.data_from_ms)},
        {"data_to", io::format_time_iso(r.data_to_ms)}}},
      {"data_quality", data_quality_json(r)},
      {"map", map_json(r)},
      {"watched", watched_json(r)},
      {"events", json::parse(events_text.str())},
      {"evidence", r.cargo ? cargo_json(*r.cargo) : json()},
      {"estimate", r.estimate ? estimate_json(*r.estimate) : json()},
      {"notes", r.notes}};
  out << doc.dump(1) << '\n';
}

}  // namespace darkfleet::report
