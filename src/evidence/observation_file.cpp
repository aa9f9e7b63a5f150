// Reading and checking an evidence file. Every problem is collected, so that an analyst
// fixes a file in one pass; a file with any problem adds nothing.
#include "darkfleet/evidence/observation_file.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "darkfleet/io/csv_positions.hpp"

namespace darkfleet::evidence {
namespace {

using nlohmann::json;

/// Names GeoJSON files use for WGS84 longitude/latitude (RFC 7946 and the 2008 draft).
bool is_wgs84(const std::string& name) {
  return name == "urn:ogc:def:crs:OGC:1.3:CRS84" || name == "urn:ogc:def:crs:OGC::CRS84" ||
         name == "EPSG:4326" || name == "urn:ogc:def:crs:EPSG::4326" || name == "CRS84";
}

class Checker {
 public:
  explicit Checker(std::vector<std::string>& problems) : m_problems(problems) {}

  void problem(int feature, const std::string& what) {
    m_problems.push_back(feature < 0 ? what : fmt::format("feature {}: {}", feature, what));
  }

  std::string text(const json& p, const char* key, int f, bool required) {
    if (!p.contains(key) || p[key].is_null()) {
      if (required) problem(f, fmt::format("'{}' is missing", key));
      return {};
    }
    if (!p[key].is_string() || (required && p[key].get<std::string>().empty())) {
      problem(f, fmt::format("'{}' must be a non-empty string", key));
      return {};
    }
    return p[key].get<std::string>();
  }

  std::optional<double> number(const json& p, const char* key, int f, bool required) {
    if (!p.contains(key) || p[key].is_null()) {
      if (required) problem(f, fmt::format("'{}' is missing", key));
      return std::nullopt;
    }
    if (!p[key].is_number()) {
      problem(f, fmt::format("'{}' must be a number, not {}", key, p[key].dump()));
      return std::nullopt;
    }
    return p[key].get<double>();
  }

  /// A count: a whole number >= 0 (or > 0 when `positive`).
  std::optional<std::int64_t> count(const json& p, const char* key, int f, bool positive = false) {
    const auto v = number(p, key, f, false);
    if (!v) return std::nullopt;
    if (*v != std::floor(*v) || *v < (positive ? 1 : 0) || *v > 1e9) {
      problem(f, fmt::format("'{}' must be a whole number {} (got {})", key,
                             positive ? "> 0" : ">= 0", p[key].dump()));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*v);
  }

  /// The centre of a Point or Polygon in WGS84; false (with a problem) otherwise.
  bool centre(const json& geometry, int f, double& lat, double& lon) {
    if (!geometry.is_object() || !geometry.contains("type") || !geometry.contains("coordinates")) {
      problem(f, "geometry is missing (a Point or Polygon of the area)");
      return false;
    }
    const std::string type =
        geometry["type"].is_string() ? geometry["type"].get<std::string>() : "";
    std::vector<json> vertices;
    const json& c = geometry["coordinates"];
    if (type == "Point") {
      vertices.push_back(c);
    } else if (type == "Polygon" && c.is_array() && !c.empty() && c[0].is_array()) {
      for (const auto& v : c[0]) vertices.push_back(v);
      if (vertices.size() > 1) vertices.pop_back();  // the closing vertex repeats the first
    } else {
      problem(
          f, fmt::format("geometry must be a Point or Polygon, not {}", type.empty() ? "?" : type));
      return false;
    }
    double lat_sum = 0, lon_sum = 0;
    for (const json& v : vertices) {
      if (!v.is_array() || v.size() < 2 || !v[0].is_number() || !v[1].is_number()) {
        problem(f, "geometry has a position that is not [longitude, latitude]");
        return false;
      }
      const double x = v[0].get<double>();
      const double y = v[1].get<double>();
      if (!(std::abs(x) <= 180 && std::abs(y) <= 90)) {
        problem(f, fmt::format("coordinates [{}, {}] are not longitude/latitude: is the file in a "
                               "projected CRS? darkfleet needs WGS84 (EPSG:4326)",
                               x, y));
        return false;
      }
      lon_sum += x;
      lat_sum += y;
    }
    if (vertices.empty()) {
      problem(f, "geometry has no positions");
      return false;
    }
    lat = lat_sum / static_cast<double>(vertices.size());
    lon = lon_sum / static_cast<double>(vertices.size());
    return true;
  }

 private:
  std::vector<std::string>& m_problems;
};

/// The containers of the stacks (rows x bays x tiers each), by size; "" or the problem.
bool stack_counts(const json& stacks, int f, Checker& check, std::int64_t& c20, std::int64_t& c40) {
  if (!stacks.is_array()) {
    check.problem(f, "'stacks' must be an array of {size, rows, bays, tiers}");
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < stacks.size(); ++i) {
    const json& s = stacks[i];
    if (!s.is_object()) {
      check.problem(f, fmt::format("stacks[{}] must be an object", i));
      ok = false;
      continue;
    }
    const auto size = check.count(s, "size", f, true);
    const auto rows = check.count(s, "rows", f, true);
    const auto bays = check.count(s, "bays", f, true);
    const auto tiers = check.count(s, "tiers", f, true);
    if (!s.contains("size") || !s.contains("rows") || !s.contains("bays") || !s.contains("tiers")) {
      check.problem(f, fmt::format("stacks[{}] needs size, rows, bays and tiers", i));
      ok = false;
      continue;
    }
    if (!size || !rows || !bays || !tiers) {
      ok = false;
      continue;
    }
    if (*size != 20 && *size != 40) {
      check.problem(f, fmt::format("stacks[{}]: size must be 20 or 40 (ft), not {}", i, *size));
      ok = false;
      continue;
    }
    (*size == 20 ? c20 : c40) += *rows * *bays * *tiers;
  }
  return ok;
}

}  // namespace

std::vector<store::Observation> parse_observation_file(std::string_view geojson,
                                                       const std::string& file) {
  json doc = json::parse(geojson, nullptr, false);
  if (doc.is_discarded()) throw std::runtime_error(fmt::format("{}: not valid JSON", file));
  std::vector<std::string> problems;
  Checker check(problems);
  if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" ||
      !doc.contains("features") || !doc["features"].is_array()) {
    throw std::runtime_error(fmt::format("{}: not a GeoJSON FeatureCollection", file));
  }
  if (doc.contains("crs")) {
    const json& crs = doc["crs"];
    const std::string name =
        crs.is_object() && crs.contains("properties") && crs["properties"].is_object()
            ? crs["properties"].value("name", "")
            : "";
    if (!is_wgs84(name)) {
      throw std::runtime_error(
          fmt::format("{}: wrong CRS '{}': darkfleet evidence needs WGS84 longitude/latitude "
                      "(EPSG:4326, RFC 7946); "
                      "reproject it, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson",
                      file, name.empty() ? crs.dump() : name));
    }
  }
  std::vector<store::Observation> out;
  const json& features = doc["features"];
  if (features.empty()) throw std::runtime_error(fmt::format("{}: the file has no features", file));
  for (std::size_t i = 0; i < features.size(); ++i) {
    const int f = static_cast<int>(i);
    const json& feature = features[i];
    if (!feature.is_object() || !feature.contains("properties") ||
        !feature["properties"].is_object()) {
      check.problem(f, "not a Feature with properties");
      continue;
    }
    const json& p = feature["properties"];
    const std::size_t before = problems.size();
    store::Observation o;
    o.file = file;
    o.feature = f;
    o.area_id = check.text(p, "area_id", f, true);
    o.image_id = check.text(p, "image_id", f, true);
    o.provider = check.text(p, "provider", f, true);
    o.sensor = check.text(p, "sensor", f, false);
    o.analyst = check.text(p, "analyst", f, true);
    o.note = check.text(p, "note", f, false);
    const std::string acquired = check.text(p, "acquired", f, true);
    if (!acquired.empty()) {
      const auto t = io::parse_time_ms(acquired);
      if (!t) {
        check.problem(
            f, fmt::format("'acquired' {} is not an ISO 8601 UTC time (2024-03-01T02:15:00Z)",
                           p["acquired"].dump()));
      } else {
        o.acquired_ms = *t;
      }
    }
    if (const auto r = check.number(p, "resolution_m", f, true); r && !(*r > 0)) {
      check.problem(f, fmt::format("'resolution_m' must be > 0 (got {})", *r));
    } else if (r) {
      o.resolution_m = *r;
    }
    if (const auto c = check.number(p, "confidence", f, true); c && !(*c >= 0 && *c <= 1)) {
      check.problem(f, fmt::format("'confidence' must be between 0 and 1 (got {})", *c));
    } else if (c) {
      o.confidence = *c;
    }
    const auto c20 = check.count(p, "containers_20ft", f);
    const auto c40 = check.count(p, "containers_40ft", f);
    const bool has_counts = p.contains("containers_20ft") || p.contains("containers_40ft");
    if (p.contains("stacks")) {
      std::int64_t s20 = 0, s40 = 0;
      if (stack_counts(p["stacks"], f, check, s20, s40)) {
        if (has_counts && (c20.value_or(0) != s20 || c40.value_or(0) != s40)) {
          check.problem(
              f,
              fmt::format("the counts ({} x 20 ft, {} x 40 ft) disagree with the stacks ({}, {})",
                          c20.value_or(0), c40.value_or(0), s20, s40));
        }
        o.containers_20ft = s20;
        o.containers_40ft = s40;
        o.stacks_json = p["stacks"].dump();
      }
    } else if (!has_counts) {
      check.problem(f, "give containers_20ft / containers_40ft or stacks");
    } else {
      o.containers_20ft = c20.value_or(0);
      o.containers_40ft = c40.value_or(0);
    }
    if (!check.centre(feature.contains("geometry") ? feature["geometry"] : json(), f, o.lat_deg,
                      o.lon_deg)) {
      continue;
    }
    o.geometry_json = feature["geometry"].dump();
    if (problems.size() == before) out.push_back(std::move(o));
  }
  if (!problems.empty()) {
    std::string list;
    for (std::size_t k = 0; k < std::min<std::size_t>(problems.size(), 20); ++k)
      list += "\n  " + problems[k];
    if (problems.size() > 20) list += fmt::format("\n  ... and {} more", problems.size() - 20);
    throw std::runtime_error(fmt::format("{}: {} problem{}, nothing added:{}", file,
                                         problems.size(), problems.size() == 1 ? "" : "s", list));
  }
  return out;
}

}  // namespace darkfleet::evidence
