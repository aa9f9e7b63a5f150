#include "darkfleet/io/geo_writer.hpp"


#include <cstdio>
#include <filesystem>

#include <fmt/format.h>
#include <stdexcept>

#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/io/gdal_plugin.hpp"

namespace darkfleet::io {
namespace {

const char* driver_name(GeoFormat format) {
  switch (format) {
    case GeoFormat::csv: return "CSV";
    case GeoFormat::geojson: return "GeoJSON";
    case GeoFormat::gpkg: return "GPKG";
    case GeoFormat::fgb: return "FlatGeobuf";
    case GeoFormat::kml: return "KML";  // not used: see KmlFile
  }
  return "";
}

// CSV and KML get times as ISO text (GDAL's CSV writes "YYYY/MM/DD", LIBKML has no
// DateTime type); the others get real DateTime fields.
bool times_as_text(GeoFormat format) { return format == GeoFormat::csv || format == GeoFormat::kml; }

// A time as GDAL wants it: text in CSV, a UTC DateTime elsewhere.
gdal::Value gdal_time(std::int64_t t_ms, bool as_text) {
  const std::string iso = format_time_iso(t_ms);  // YYYY-MM-DDTHH:MM:SS[.mmm]Z
  if (as_text) return iso;
  gdal::DateTime t;
  t.year = std::stoi(iso.substr(0, 4));
  t.month = std::stoi(iso.substr(5, 2));
  t.day = std::stoi(iso.substr(8, 2));
  t.hour = std::stoi(iso.substr(11, 2));
  t.minute = std::stoi(iso.substr(14, 2));
  t.second = static_cast<float>(std::stod(iso.substr(17, iso.size() - 18)));
  return t;
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::optional<GeoFormat> geo_format_from_name(std::string_view name) {
  if (name == "csv") return GeoFormat::csv;
  if (name == "geojson") return GeoFormat::geojson;
  if (name == "gpkg") return GeoFormat::gpkg;
  if (name == "fgb") return GeoFormat::fgb;
  if (name == "kml") return GeoFormat::kml;
  return std::nullopt;
}

std::optional<GeoFormat> geo_format_from_path(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view ext = path.substr(dot + 1);
  if (ext == "json") return GeoFormat::geojson;
  return geo_format_from_name(ext);
}

// KML written directly: GDAL's LIBKML driver builds the whole document in memory and
// took 192 s for 8,700 points here (quadratic), and GDAL's own KML driver writes no
// TimeStamp/TimeSpan. The output follows what LIBKML writes (Schema + SimpleData), so GDAL
// and Google Earth read it alike.
class KmlFile {
 public:
  KmlFile(const std::string& path, const std::string& layer, const std::vector<GeoField>& fields)
      : m_path(path), m_fields(fields) {
    m_file = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
    if (m_file == nullptr) throw std::runtime_error("cannot create " + path);
    m_buf = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
            "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document id=\"root_doc\">\n"
            "<Schema name=\"" + escape(layer) + "\" id=\"" + escape(layer) + "\">\n";
    for (const auto& f : fields) {
      if (is_time_field(f)) continue;
      const char* type = f.type == GeoField::Type::integer ? "int"
                         : f.type == GeoField::Type::real  ? "double"
                                                           : "string";
      m_buf += "  <SimpleField name=\"" + escape(f.name) + "\" type=\"" + type + "\"/>\n";
    }
    m_buf += "</Schema>\n<Folder><name>" + escape(layer) + "</name>\n";
    m_schema = escape(layer);
  }
  ~KmlFile() {
    if (m_file != nullptr && m_file != stdout) std::fclose(m_file);
  }
  KmlFile(const KmlFile&) = delete;
  KmlFile& operator=(const KmlFile&) = delete;

  void placemark(std::span<const std::pair<double, double>> lon_lat, bool line,
                 std::span<const GeoValue> values) {
    m_buf += "  <Placemark>\n";
    std::optional<std::string> when, begin, end;
    std::string data;
    for (std::size_t i = 0; i < m_fields.size() && i < values.size(); ++i) {
      const GeoValue& v = values[i];
      if (std::holds_alternative<std::monostate>(v)) continue;
      std::string text;
      if (const auto* n = std::get_if<std::int64_t>(&v)) text = std::to_string(*n);
      if (const auto* d = std::get_if<double>(&v)) text = fmt::format("{}", *d);
      if (const auto* s = std::get_if<std::string>(&v)) text = escape(*s);
      if (const auto* t = std::get_if<TimeMs>(&v)) text = format_time_iso(t->t_ms);
      const std::string& name = m_fields[i].name;
      if (name == "timestamp") {
        when = text;
      } else if (name == "begin") {
        begin = text;
      } else if (name == "end") {
        end = text;
      } else {
        if (name == "name" && !text.empty()) m_buf += "    <name>" + text + "</name>\n";
        data += "      <SimpleData name=\"" + escape(name) + "\">" + text + "</SimpleData>\n";
      }
    }
    if (when) m_buf += "    <TimeStamp><when>" + *when + "</when></TimeStamp>\n";
    if (begin || end) {
      m_buf += "    <TimeSpan>";
      if (begin) m_buf += "<begin>" + *begin + "</begin>";
      if (end) m_buf += "<end>" + *end + "</end>";
      m_buf += "</TimeSpan>\n";
    }
    m_buf += "    <ExtendedData><SchemaData schemaUrl=\"#" + m_schema + "\">\n" + data +
             "    </SchemaData></ExtendedData>\n";
    m_buf += line ? "    <LineString><coordinates>" : "    <Point><coordinates>";
    for (std::size_t i = 0; i < lon_lat.size(); ++i) {
      fmt::format_to(std::back_inserter(m_buf), "{}{},{}", i == 0 ? "" : " ", lon_lat[i].first,
                     lon_lat[i].second);
    }
    m_buf += line ? "</coordinates></LineString>\n" : "</coordinates></Point>\n";
    m_buf += "  </Placemark>\n";
    if (m_buf.size() > (1 << 20)) flush();
  }

  void finish() {
    m_buf += "</Folder>\n</Document>\n</kml>\n";
    flush();
    if (std::fflush(m_file) != 0) throw std::runtime_error("cannot write " + m_path);
  }

 private:
  static bool is_time_field(const GeoField& f) {
    return f.name == "timestamp" || f.name == "begin" || f.name == "end";
  }
  static std::string escape(const std::string& s) { return xml_escape(s); }
  void flush() {
    if (!m_buf.empty() && std::fwrite(m_buf.data(), 1, m_buf.size(), m_file) != m_buf.size()) {
      throw std::runtime_error("cannot write " + m_path);
    }
    m_buf.clear();
  }

  std::string m_path;
  std::vector<GeoField> m_fields;
  std::FILE* m_file = nullptr;
  std::string m_buf;
  std::string m_schema;
};

struct GeoWriter::Impl {
  std::unique_ptr<KmlFile> kml;
  std::unique_ptr<gdal::Layer> layer;  // CSV, GeoJSON, GPKG, FGB: through the GDAL plugin
  GeoFormat format = GeoFormat::geojson;
  std::vector<GeoField> fields;
  std::uint64_t features = 0;
  std::vector<gdal::Value> values;  // reused per feature

  const std::vector<gdal::Value>& convert(std::span<const GeoValue> in) {
    values.clear();
    for (const GeoValue& v : in) {
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        values.emplace_back(*n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        values.emplace_back(*d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        values.emplace_back(*s);
      } else if (const auto* t = std::get_if<TimeMs>(&v)) {
        values.push_back(gdal_time(t->t_ms, times_as_text(format)));
      } else {
        values.emplace_back(std::monostate{});
      }
    }
    return values;
  }
};

GeoWriter::GeoWriter(const std::string& path, GeoFormat format, const std::string& layer_name,
                     bool lines, std::vector<GeoField> fields, bool overwrite)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->format = format;
  m_impl->fields = std::move(fields);
  const bool to_stdout = path == "-";
  if (to_stdout && (format == GeoFormat::gpkg || format == GeoFormat::fgb)) {
    throw std::runtime_error("GeoPackage and FlatGeobuf cannot be written to standard output");
  }
  if (!to_stdout && std::filesystem::exists(path)) {
    if (!overwrite) throw std::runtime_error(path + " exists (use -O/--overwrite to replace it)");
    std::filesystem::remove(path);
  }
  if (format == GeoFormat::kml) {
    m_impl->kml = std::make_unique<KmlFile>(path, layer_name, m_impl->fields);
    return;
  }
  gdal::LayerOptions options;
  options.path = to_stdout ? "/vsistdout/" : path;
  options.driver = driver_name(format);
  options.layer_name = layer_name;
  options.lines = lines;
  for (const auto& f : m_impl->fields) {
    gdal::Field::Type type = gdal::Field::Type::text;
    switch (f.type) {
      case GeoField::Type::integer: type = gdal::Field::Type::integer; break;
      case GeoField::Type::real: type = gdal::Field::Type::real; break;
      case GeoField::Type::text: type = gdal::Field::Type::text; break;
      case GeoField::Type::time:
        type = times_as_text(format) ? gdal::Field::Type::text : gdal::Field::Type::datetime;
        break;
    }
    options.fields.push_back({f.name, type});
  }
  m_impl->layer = gdal::api().create_layer(options);
}

GeoWriter::~GeoWriter() {
  try {
    close();
  } catch (...) {  // NOLINT(bugprone-empty-catch): errors were reported by an explicit close()
  }
}

void GeoWriter::add_point(double lon_deg, double lat_deg, std::span<const GeoValue> values) {
  if (m_impl->kml) {
    const std::pair<double, double> where{lon_deg, lat_deg};
    m_impl->kml->placemark({&where, 1}, false, values);
    ++m_impl->features;
    return;
  }
  m_impl->layer->add_point(lon_deg, lat_deg, m_impl->convert(values));
  ++m_impl->features;
}

void GeoWriter::add_line(std::span<const std::pair<double, double>> lon_lat,
                         std::span<const GeoValue> values) {
  if (m_impl->kml) {
    std::vector<std::pair<double, double>> points(lon_lat.begin(), lon_lat.end());
    if (points.size() == 1) points.push_back(points[0]);
    m_impl->kml->placemark(points, true, values);
    ++m_impl->features;
    return;
  }
  m_impl->layer->add_line(lon_lat, m_impl->convert(values));
  ++m_impl->features;
}

void GeoWriter::close() {
  if (m_impl == nullptr) return;
  if (m_impl->kml) {
    auto kml = std::move(m_impl->kml);
    kml->finish();
    return;
  }
  if (m_impl->layer) {
    auto layer = std::move(m_impl->layer);
    layer->close();
  }
}

std::uint64_t GeoWriter::features() const { return m_impl->features; }

}  // namespace darkfleet::io
