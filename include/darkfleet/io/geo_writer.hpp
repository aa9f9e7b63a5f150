// Vector files through GDAL/OGR: CSV, GeoJSON, GeoPackage, FlatGeobuf and KML, one layer of
// points or line strings in WGS84 (EPSG:4326, lon/lat order) with typed attributes.
//
// Time attributes are UTC: DateTime fields in GeoJSON, GeoPackage and FlatGeobuf; ISO 8601
// text ending in Z in CSV and KML. KML is written by darkfleet itself (GDAL's LIBKML driver
// is quadratic in the feature count), in LIBKML's layout: fields named `timestamp`, `begin`
// and `end` become <TimeStamp>/<TimeSpan>, so Google Earth's time slider plays them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace darkfleet::io {

/// A vector format darkfleet writes.
enum class GeoFormat : std::uint8_t { csv, geojson, gpkg, fgb, kml };

/// `s` with XML's special characters (& < > ") as entities.
std::string xml_escape(std::string_view s);

/// The format called `name` ("csv", "geojson", "gpkg", "fgb", "kml").
std::optional<GeoFormat> geo_format_from_name(std::string_view name);
/// The format a file name's extension implies (.csv, .geojson/.json, .gpkg, .fgb, .kml).
std::optional<GeoFormat> geo_format_from_path(std::string_view path);

/// An attribute column.
struct GeoField {
  enum class Type : std::uint8_t { integer, real, text, time };  ///< integer: 32-bit
  std::string name;
  Type type = Type::text;
};

/// A time attribute value, Unix ms.
struct TimeMs {
  std::int64_t t_ms = 0;
};
/// An attribute value; monostate = null.
using GeoValue = std::variant<std::monostate, std::int64_t, double, std::string, TimeMs>;

/// Writes one layer. Throws std::runtime_error (with GDAL's message) when the file cannot
/// be created or written.
class GeoWriter {
 public:
  /// Creates `path` ("-" = standard output, for csv, geojson and kml). An existing file is
  /// replaced only with `overwrite`.
  GeoWriter(const std::string& path, GeoFormat format, const std::string& layer_name,
            bool lines, std::vector<GeoField> fields, bool overwrite);
  ~GeoWriter();
  GeoWriter(const GeoWriter&) = delete;
  GeoWriter& operator=(const GeoWriter&) = delete;

  /// Adds a point feature. Requires: values.size() == number of fields.
  void add_point(double lon_deg, double lat_deg, std::span<const GeoValue> values);
  /// Adds a line feature through `lon_lat` (at least 2 points; 1 point repeats it).
  void add_line(std::span<const std::pair<double, double>> lon_lat,
                std::span<const GeoValue> values);
  /// Finishes the file; throws on error. The destructor closes silently if not called.
  void close();
  /// Features written so far.
  [[nodiscard]] std::uint64_t features() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace darkfleet::io
