// Ports from a case file (TOML), the World Port Index CSV (Pub. 150, "UpdatedPub150.csv")
// or GeoJSON. The format is told from the content: '{' starts GeoJSON, a header with
// "World Port Index Number" is the WPI, anything else is read as TOML with [[ports]].
#include "darkfleet/geo/ports.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <toml++/toml.h>
#include <nlohmann/json.hpp>

namespace darkfleet::geo {
namespace {

[[noreturn]] void fail(const std::string& path, std::size_t line, const std::string& what) {
  throw std::runtime_error(path + ":" + std::to_string(line) + ": " + what);
}

std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

bool valid(LatLon p) {
  return std::isfinite(p.lat_deg) && std::isfinite(p.lon_deg) && std::abs(p.lat_deg) <= 90 &&
         std::abs(p.lon_deg) <= 180;
}

// --- World Port Index CSV ------------------------------------------------------------------

// Splits one CSV record (RFC 4180 quotes; no newlines inside fields in the WPI).
std::vector<std::string> split_csv(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        fields.back() += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.emplace_back();
    } else if (ch != '\r') {
      fields.back() += ch;
    }
  }
  return fields;
}

std::string trim(std::string s) {
  const auto not_space = [](unsigned char ch) { return std::isspace(ch) == 0; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

double parse_degrees(const std::string& text, const std::string& path, std::size_t line,
                     const char* what) {
  const std::string t = trim(text);
  char* end = nullptr;
  const double value = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size())
    fail(path, line, std::string("bad ") + what + " '" + t + "'");
  return value;
}

std::vector<Port> read_wpi(std::istream& in, const std::string& path) {
  std::string line;
  std::getline(in, line);
  if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
  const std::vector<std::string> header = split_csv(line);
  const auto column = [&](std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      fail(path, 1, "World Port Index header lacks '" + std::string(name) + "'");
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t c_id = column("World Port Index Number");
  const std::size_t c_name = column("Main Port Name");
  const std::size_t c_country = column("Country Code");
  const std::size_t c_lat = column("Latitude");
  const std::size_t c_lon = column("Longitude");
  const std::size_t needed = std::max({c_id, c_name, c_country, c_lat, c_lon}) + 1;
  std::vector<Port> ports;
  const std::string source = file_name(path);
  for (std::size_t n = 2; std::getline(in, line); ++n) {
    if (trim(line).empty()) continue;
    const std::vector<std::string> f = split_csv(line);
    if (f.size() < needed) {
      fail(path, n,
           "expected " + std::to_string(header.size()) + " fields, found " +
               std::to_string(f.size()));
    }
    Port port;
    port.id = trim(f[c_id]);
    port.name = trim(f[c_name]);
    port.country = trim(f[c_country]);
    port.position = {parse_degrees(f[c_lat], path, n, "latitude"),
                     parse_degrees(f[c_lon], path, n, "longitude")};
    if (port.id.empty()) fail(path, n, "empty World Port Index Number");
    if (!valid(port.position)) fail(path, n, "position out of range");
    port.source = source;
    ports.push_back(std::move(port));
  }
  return ports;
}

// --- case file (TOML) ----------------------------------------------------------------------

std::vector<Port> read_case(const std::string& text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    fail(path, static_cast<std::size_t>(e.source().begin.line),
         "not a case file, World Port Index CSV or GeoJSON: " + std::string(e.description()));
  }
  const toml::array* tables = root["ports"].as_array();
  if (tables == nullptr) fail(path, 1, "no [[ports]] tables");
  std::vector<Port> ports;
  const std::string source = file_name(path);
  for (const toml::node& node : *tables) {
    const auto line = static_cast<std::size_t>(node.source().begin.line);
    const toml::table* t = node.as_table();
    if (t == nullptr) fail(path, line, "ports must be tables ([[ports]])");
    Port port;
    port.id = (*t)["id"].value_or(std::string());
    port.name = (*t)["name"].value_or(port.id);
    port.country = (*t)["country"].value_or(std::string());
    if (port.id.empty()) fail(path, line, "port without id");
    const toml::array* position = (*t)["position"].as_array();
    if (position == nullptr || position->size() != 2 || !(*position)[0].is_number() ||
        !(*position)[1].is_number()) {
      fail(path, line, "port '" + port.id + "': position must be [lat, lon]");
    }
    port.position = {(*position)[0].value_or(0.0), (*position)[1].value_or(0.0)};
    if (!valid(port.position)) fail(path, line, "port '" + port.id + "': position out of range");
    port.source = source;
    ports.push_back(std::move(port));
  }
  return ports;
}

// --- GeoJSON -------------------------------------------------------------------------------

std::size_t line_of_offset(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// The line on which each element of the top-level "features" array starts (JSON values
// carry no positions; the text is scanned once more). Requires: `text` parsed as JSON.
std::vector<std::size_t> feature_lines(const std::string& text) {
  std::vector<std::size_t> lines;
  std::size_t line = 1;
  int depth = 0;
  int array_depth = -1;  // depth inside the "features" array, once found
  bool in_string = false;
  std::string last_key;
  std::string current;
  bool expect_element = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '\n') ++line;
    if (in_string) {
      if (ch == '\\') {
        if (i + 1 < text.size()) current += text[++i];
      } else if (ch == '"') {
        in_string = false;
        last_key = current;
      } else {
        current += ch;
      }
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(ch)) != 0) continue;
    if (expect_element && ch != ']') {
      lines.push_back(line);
      expect_element = false;
    }
    switch (ch) {
      case '"':
        in_string = true;
        current.clear();
        break;
      case '{':
      case '[':
        ++depth;
        if (ch == '[' && depth == 2 && array_depth < 0 && last_key == "features") {
          array_depth = depth;
          expect_element = true;
        }
        break;
      case '}':
      case ']':
        if (depth == array_depth && ch == ']') return lines;
        --depth;
        break;
      case ',':
        if (depth == array_depth) expect_element = true;
        break;
      default: break;
    }
  }
  return lines;
}

Ring ring_of(const nlohmann::json& coordinates) {
  Ring ring;
  for (const auto& c : coordinates) {
    ring.push_back({c.at(1).get<double>(), c.at(0).get<double>()});
  }
  if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
  return ring;
}

// Signed planar area (deg^2) and centroid of a ring.
double ring_area(const Ring& ring, LatLon* centroid) {
  double a2 = 0;
  double cx = 0;
  double cy = 0;
  const LatLon o = ring.front();  // relative coordinates for precision
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const double x0 = ring[j].lon_deg - o.lon_deg;
    const double y0 = ring[j].lat_deg - o.lat_deg;
    const double x1 = ring[i].lon_deg - o.lon_deg;
    const double y1 = ring[i].lat_deg - o.lat_deg;
    const double cross = x0 * y1 - x1 * y0;
    a2 += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (centroid != nullptr && a2 != 0) {
    *centroid = {o.lat_deg + cy / (3 * a2), o.lon_deg + cx / (3 * a2)};
  }
  return a2 / 2;
}

std::string text_of(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  if (j.is_number()) return nlohmann::json(j).dump();
  return {};
}

std::vector<Port> read_geojson(const std::string& text, const std::string& path) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    fail(path, line_of_offset(text, e.byte), std::string("bad JSON: ") + e.what());
  }
  if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" ||
      !doc.contains("features") || !doc["features"].is_array()) {
    fail(path, 1, "not a GeoJSON FeatureCollection");
  }
  std::vector<Port> ports;
  const std::string source = file_name(path);
  const std::vector<std::size_t> lines = feature_lines(text);
  std::size_t index = 0;
  for (const auto& feature : doc["features"]) {
    const std::string where =
        (index < lines.size() ? std::to_string(lines[index]) + ": " : std::string()) + "feature " +
        std::to_string(index);
    ++index;
    try {
      const nlohmann::json none = nlohmann::json::object();
      const auto& props = feature.contains("properties") && feature["properties"].is_object()
                              ? feature["properties"]
                              : none;
      Port port;
      for (const char* key : {"id", "port_id", "wpi_number"}) {
        if (port.id.empty() && props.contains(key)) port.id = text_of(props[key]);
      }
      if (port.id.empty() && feature.contains("id")) port.id = text_of(feature["id"]);
      for (const char* key : {"name", "Name", "port_name"}) {
        if (port.name.empty() && props.contains(key)) port.name = text_of(props[key]);
      }
      for (const char* key : {"country", "Country"}) {
        if (port.country.empty() && props.contains(key)) port.country = text_of(props[key]);
      }
      if (port.id.empty()) port.id = !port.name.empty() ? port.name : std::to_string(index - 1);
      const auto& geometry = feature.at("geometry");
      const std::string type = geometry.at("type").get<std::string>();
      const auto& coordinates = geometry.at("coordinates");
      if (type == "Point") {
        port.position = {coordinates.at(1).get<double>(), coordinates.at(0).get<double>()};
      } else if (type == "Polygon" || type == "MultiPolygon") {
        // The largest polygon is the port area; its centroid the position.
        const nlohmann::json polygons =
            type == "Polygon" ? nlohmann::json::array({coordinates}) : coordinates;
        double best = -1;
        for (const auto& rings : polygons) {
          Polygon polygon;
          polygon.outer = ring_of(rings.at(0));
          for (std::size_t i = 1; i < rings.size(); ++i) polygon.holes.push_back(ring_of(rings[i]));
          const auto check = [](const Ring& ring, const char* what) {
            if (ring.size() < 3)
              throw std::runtime_error(std::string(what) + " with under 3 vertices");
            for (const LatLon& v : ring) {
              if (!valid(v)) throw std::runtime_error("polygon vertex out of range");
            }
          };
          check(polygon.outer, "polygon");
          for (const Ring& hole : polygon.holes) check(hole, "hole");
          LatLon centroid = polygon.outer.front();
          const double area = std::abs(ring_area(polygon.outer, &centroid));
          if (area < 1e-12) throw std::runtime_error("polygon with zero area");  // deg^2
          if (area > best) {
            best = area;
            port.position = centroid;
            port.area = std::move(polygon);
          }
        }
        if (best < 0) throw std::runtime_error("empty MultiPolygon");
      } else {
        throw std::runtime_error("geometry " + type + " is neither a point nor a polygon");
      }
      if (!valid(port.position)) throw std::runtime_error("position out of range");
      port.source = source;
      ports.push_back(std::move(port));
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(path + ":" + where + ": " + e.what());
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(path + ":" + where + ": " + e.what());
    }
  }
  return ports;
}

}  // namespace

std::vector<Port> load_ports(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) throw std::runtime_error(path + ": empty file");
  if (text[first] == '{') return read_geojson(text, path);
  const std::string_view first_line = std::string_view(text).substr(0, text.find('\n'));
  if (first_line.find("World Port Index Number") != std::string_view::npos) {
    std::istringstream lines(text);
    return read_wpi(lines, path);
  }
  return read_case(text, path);
}

double distance_to_port_m(LatLon p, const Port& port) {
  return port.area ? distance_to_polygon_m(p, *port.area) : distance_m(p, port.position);
}

}  // namespace darkfleet::geo
