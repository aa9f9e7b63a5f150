// Event output: GFW-API-shaped JSON, GeoJSON, CSV and KML.
#include "darkfleet/events/output.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/io/geo_writer.hpp"

namespace darkfleet::events {
namespace {

using nlohmann::json;

json point_json(const geo::LatLon& p) { return {{"lat", p.lat_deg}, {"lon", p.lon_deg}}; }

json event_json(const Event& e) {
  json j;
  j["id"] = e.id();
  j["type"] = std::string(to_string(e.kind));
  j["start"] = io::format_time_iso(e.start.t_ms);
  j["end"] = io::format_time_iso(e.end.t_ms);
  j["start_ms"] = e.start.t_ms;
  j["end_ms"] = e.end.t_ms;
  j["position"] = point_json(e.position);
  j["start_position"] = point_json(e.start.position);
  j["end_position"] = point_json(e.end.position);
  j["vessel"] = {{"ssvid", std::to_string(e.mmsi)}, {"mmsi", e.mmsi}};
  if (e.other_mmsi) {
    j["other_vessel"] = {{"ssvid", std::to_string(*e.other_mmsi)}, {"mmsi", *e.other_mmsi}};
  }
  j["open"] = e.open;
  j["confidence"] = e.confidence;
  j["subtype"] = e.subtype;
  if (!e.port_id.empty()) {
    const auto name = e.notes.find("port_name");
    j["port"] = {{"id", e.port_id}, {"name", name == e.notes.end() ? e.port_id : name->second}};
  }
  j["parameter_set"] = e.parameter_set;
  json block = json::object();
  for (const auto& [k, v] : e.values) block[k] = v;
  j[std::string(to_string(e.kind))] = block;
  json notes = json::object();
  for (const auto& [k, v] : e.notes) notes[k] = v;
  j["notes"] = notes;
  json evidence = json::array();
  for (const auto& ev : e.evidence) {
    evidence.push_back({{"mmsi", ev.mmsi},
                        {"segment", ev.segment},
                        {"from_ms", ev.from_ms},
                        {"to_ms", ev.to_ms},
                        {"positions", ev.positions}});
  }
  j["evidence"] = evidence;
  return j;
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string values_text(const Event& e) {
  std::string out;
  for (const auto& [k, v] : e.values) out += fmt::format("{}{}={:.6g}", out.empty() ? "" : ";", k, v);
  return out;
}

}  // namespace

std::optional<OutputFormat> output_format_from_name(std::string_view name) {
  if (name == "json") return OutputFormat::json;
  if (name == "geojson") return OutputFormat::geojson;
  if (name == "csv") return OutputFormat::csv;
  if (name == "kml") return OutputFormat::kml;
  return std::nullopt;
}

std::optional<OutputFormat> output_format_from_path(std::string_view path) {
  if (path.ends_with(".json")) return OutputFormat::json;  // io's table takes .json as GeoJSON
  const auto geo = io::geo_format_from_path(path);
  if (!geo) return std::nullopt;
  switch (*geo) {
    case io::GeoFormat::csv: return OutputFormat::csv;
    case io::GeoFormat::geojson: return OutputFormat::geojson;
    case io::GeoFormat::kml: return OutputFormat::kml;
    case io::GeoFormat::gpkg:
    case io::GeoFormat::fgb: return std::nullopt;
  }
  return std::nullopt;
}

void write_events(std::ostream& out, const std::vector<Event>& events, OutputFormat format,
                  const Parameters& parameters) {
  switch (format) {
    case OutputFormat::json: {
      json params = json::array();
      for (const auto& p : parameters.all()) {
        params.push_back({{"key", p.key}, {"value", p.value}, {"unit", p.unit},
                          {"source", p.source}, {"overridden", p.overridden}});
      }
      json doc;
      doc["metadata"] = {{"generator", "darkfleet events"},
                         {"parameter_set", parameters.name()},
                         {"parameters", params}};
      json entries = json::array();
      for (const auto& e : events) entries.push_back(event_json(e));
      doc["total"] = events.size();
      doc["entries"] = std::move(entries);
      out << doc.dump(1) << '\n';
      return;
    }
    case OutputFormat::geojson: {
      json features = json::array();
      for (const auto& e : events) {
        json props = event_json(e);
        json geometry;
        if (e.start.position == e.end.position) {
          geometry = {{"type", "Point"}, {"coordinates", {e.position.lon_deg, e.position.lat_deg}}};
        } else {
          geometry = {{"type", "LineString"},
                      {"coordinates",
                       {{e.start.position.lon_deg, e.start.position.lat_deg},
                        {e.end.position.lon_deg, e.end.position.lat_deg}}}};
        }
        features.push_back({{"type", "Feature"}, {"geometry", geometry}, {"properties", props}});
      }
      out << json{{"type", "FeatureCollection"}, {"features", features}}.dump() << '\n';
      return;
    }
    case OutputFormat::csv: {
      out << "id,type,mmsi,other_mmsi,start,end,duration_h,lat,lon,start_lat,start_lon,end_lat,"
             "end_lon,open,confidence,subtype,port_id,parameter_set,values\n";
      for (const auto& e : events) {
        out << fmt::format("{},{},{},{},{},{},{:.4f},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{},{:.4f},{},{},{},{}\n",
                           e.id(), to_string(e.kind), e.mmsi,
                           e.other_mmsi ? std::to_string(*e.other_mmsi) : std::string(),
                           io::format_time_iso(e.start.t_ms), io::format_time_iso(e.end.t_ms),
                           e.duration_h(), e.position.lat_deg, e.position.lon_deg,
                           e.start.position.lat_deg, e.start.position.lon_deg,
                           e.end.position.lat_deg, e.end.position.lon_deg, e.open ? "true" : "false",
                           e.confidence, csv_field(e.subtype), csv_field(e.port_id),
                           csv_field(e.parameter_set), csv_field(values_text(e)));
      }
      return;
    }
    case OutputFormat::kml: {
      out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>darkfleet events</name>\n";
      for (const auto& e : events) {
        out << fmt::format(
            "<Placemark><name>{}</name><description>{}</description><TimeSpan><begin>{}</begin>"
            "<end>{}</end></TimeSpan><Point><coordinates>{:.6f},{:.6f}</coordinates></Point>"
            "</Placemark>\n",
            io::xml_escape(fmt::format("{} {}{}", to_string(e.kind), e.mmsi,
                                   e.port_id.empty() ? "" : " " + e.port_id)),
            io::xml_escape(values_text(e)), io::format_time_iso(e.start.t_ms),
            io::format_time_iso(e.end.t_ms), e.position.lon_deg, e.position.lat_deg);
      }
      out << "</Document></kml>\n";
      return;
    }
  }
}

EventsDocument read_events_document(std::string_view text) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array()) {
    throw std::runtime_error("not a darkfleet events JSON document (no \"entries\" array)");
  }
  EventsDocument read;
  const auto meta = doc.find("metadata");
  if (meta != doc.end() && meta->is_object() && meta->contains("parameters")) {
    for (const auto& q : (*meta)["parameters"]) {
      if (!q.is_object() || !q.value("overridden", false) || !q.contains("key") || !q["value"].is_number()) continue;
      read.parameters.set(q["key"].get<std::string>() + "=" + fmt::format("{}", q["value"].get<double>()));
    }
  }
  std::vector<Event>& out = read.events;
  for (const auto& j : doc["entries"]) {
    try {
      Event e;
      const auto kind = kind_from_string(j.at("type").get<std::string>());
      if (!kind) throw std::runtime_error("unknown type " + j.at("type").dump());
      e.kind = *kind;
      e.mmsi = j.at("vessel").at("mmsi").get<std::uint32_t>();
      if (j.contains("other_vessel")) e.other_mmsi = j["other_vessel"].at("mmsi").get<std::uint32_t>();
      e.start = {j.at("start_ms").get<std::int64_t>(),
                 {j.at("start_position").at("lat").get<double>(), j["start_position"].at("lon").get<double>()}};
      e.end = {j.at("end_ms").get<std::int64_t>(),
               {j.at("end_position").at("lat").get<double>(), j["end_position"].at("lon").get<double>()}};
      e.position = {j.at("position").at("lat").get<double>(), j["position"].at("lon").get<double>()};
      e.open = j.value("open", false);
      e.confidence = j.value("confidence", 1.0);
      e.subtype = j.value("subtype", std::string());
      if (j.contains("port")) e.port_id = j["port"].at("id").get<std::string>();
      e.parameter_set = j.value("parameter_set", std::string());
      const std::string block(to_string(e.kind));
      if (j.contains(block)) {
        for (const auto& [k, v] : j[block].items()) {
          if (v.is_number()) e.values[k] = v.get<double>();
        }
      }
      if (j.contains("notes")) {
        for (const auto& [k, v] : j["notes"].items()) {
          if (v.is_string()) e.notes[k] = v.get<std::string>();
        }
      }
      for (const auto& ev : j.value("evidence", json::array())) {
        e.evidence.push_back({ev.at("mmsi").get<std::uint32_t>(), ev.at("segment").get<std::uint32_t>(),
                              ev.at("from_ms").get<std::int64_t>(), ev.at("to_ms").get<std::int64_t>(),
                              ev.at("positions").get<std::uint32_t>()});
      }
      out.push_back(std::move(e));
    } catch (const json::exception& x) {
      throw std::runtime_error(fmt::format("entry {}: {}", out.size() + 1, x.what()));
    }
  }
  return read;
}

std::vector<Event> read_events_json(std::string_view text) {
  return read_events_document(text).events;
}

}  // namespace darkfleet::events
