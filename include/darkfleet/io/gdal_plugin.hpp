// The interface between darkfleet and its GDAL plugin, libdarkfleet_gdal.so.
//
// GDAL is loaded with dlopen() on first use instead of being linked into darkfleet: GDAL
// and its hundred-odd libraries are bound at load time (BIND_NOW), which cost every command
// 40 ms of start-up here, more than decoding a 100 MB file takes. Only the commands that
// write or read OGR formats pay it now, and only when they do. Both sides are built from
// this header by the same compiler in the same build, so C++ types cross the boundary.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace darkfleet::io::gdal {

/// Bumped whenever this header changes; the loader refuses a plugin of another version.
inline constexpr int k_api_version = 1;

/// A UTC date and time as GDAL's DateTime fields take it.
struct DateTime {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  float second = 0;
};

/// A field value; monostate = null.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, DateTime>;

/// An attribute column.
struct Field {
  enum class Type : std::uint8_t { integer, real, text, datetime };
  std::string name;
  Type type = Type::text;
};

/// What create_layer() makes.
struct LayerOptions {
  std::string path;        ///< file, or "/vsistdout/"
  std::string driver;      ///< GDAL driver name: CSV, GeoJSON, GPKG, FlatGeobuf
  std::string layer_name;
  bool lines = false;      ///< line strings rather than points
  std::vector<Field> fields;
};

/// One layer being written. Methods throw std::runtime_error with GDAL's message.
class Layer {
 public:
  virtual ~Layer() = default;
  virtual void add_point(double lon_deg, double lat_deg, std::span<const Value> values) = 0;
  virtual void add_line(std::span<const std::pair<double, double>> lon_lat,
                        std::span<const Value> values) = 0;
  /// Finishes the file; the destructor closes silently when this was not called.
  virtual void close() = 0;
};

/// A polygon as rings of (lon, lat): the outer ring first, then its holes.
using PolygonRings = std::vector<std::vector<std::pair<double, double>>>;

/// The plugin's entry points.
struct Api {
  int version = k_api_version;
  std::unique_ptr<Layer> (*create_layer)(const LayerOptions& options) = nullptr;
  /// Every polygon (multipolygons split) of the first layer of `path`; throws when the file
  /// cannot be read.
  std::vector<PolygonRings> (*read_polygons)(const std::string& path) = nullptr;
};

/// The loaded plugin. Throws std::runtime_error, saying where it looked, when it is missing
/// or of another version. Searched: only $DARKFLEET_GDAL_PLUGIN when it is set; otherwise
/// libdarkfleet_gdal.so beside the running executable, then ../lib/darkfleet/ from it, then
/// where this build wrote it (so that tests and benchmarks in the build tree find it).
const Api& api();

}  // namespace darkfleet::io::gdal

/// The symbol the loader looks up in the plugin.
extern "C" const darkfleet::io::gdal::Api* darkfleet_gdal_api();
