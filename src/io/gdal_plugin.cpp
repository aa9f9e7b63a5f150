// libdarkfleet_gdal.so: everything darkfleet does with GDAL/OGR, behind darkfleet/io/gdal_plugin.hpp.
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <mutex>
#include <stdexcept>
#include <string>

#include "darkfleet/io/gdal_plugin.hpp"

namespace darkfleet::io::gdal {
namespace {

std::runtime_error gdal_error(const std::string& what) {
  const char* message = CPLGetLastErrorMsg();
  return std::runtime_error(what + (message != nullptr && *message != '\0'
                                        ? std::string(": ") + message
                                        : std::string()));
}

void register_drivers() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

class OgrLayer final : public Layer {
 public:
  explicit OgrLayer(const LayerOptions& options) : m_path(options.path), m_fields(options.fields) {
    register_drivers();
    CPLErrorReset();
    GDALDriverH driver = GDALGetDriverByName(options.driver.c_str());
    if (driver == nullptr) throw std::runtime_error("GDAL has no " + options.driver + " driver");
    m_dataset = GDALCreate(driver, m_path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (m_dataset == nullptr) throw gdal_error("cannot create " + m_path);
    m_srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(m_srs, 4326);
    OSRSetAxisMappingStrategy(m_srs, OAMS_TRADITIONAL_GIS_ORDER);
    char** layer_options = nullptr;
    if (options.driver == "CSV") {
      layer_options = CSLSetNameValue(layer_options, "GEOMETRY", options.lines ? "AS_WKT" : "AS_XY");
      layer_options = CSLSetNameValue(layer_options, "STRING_QUOTING", "IF_NEEDED");
    }
    if (options.driver == "GeoJSON") layer_options = CSLSetNameValue(layer_options, "RFC7946", "YES");
    m_layer = GDALDatasetCreateLayer(m_dataset, options.layer_name.c_str(), m_srs,
                                     options.lines ? wkbLineString : wkbPoint, layer_options);
    CSLDestroy(layer_options);
    if (m_layer == nullptr) throw gdal_error("cannot create a layer in " + m_path);
    for (const auto& f : m_fields) {
      OGRFieldType type = OFTString;
      switch (f.type) {
        case Field::Type::integer: type = OFTInteger; break;
        case Field::Type::real: type = OFTReal; break;
        case Field::Type::text: type = OFTString; break;
        case Field::Type::datetime: type = OFTDateTime; break;
      }
      OGRFieldDefnH defn = OGR_Fld_Create(f.name.c_str(), type);
      const OGRErr err = OGR_L_CreateField(m_layer, defn, TRUE);
      OGR_Fld_Destroy(defn);
      if (err != OGRERR_NONE) throw gdal_error("cannot add field " + f.name + " to " + m_path);
    }
    // Large transactions make GeoPackage fast.
    if (options.driver == "GPKG") {
      m_in_transaction = GDALDatasetStartTransaction(m_dataset, FALSE) == OGRERR_NONE;
    }
  }

  ~OgrLayer() override {
    if (m_dataset != nullptr) GDALClose(m_dataset);
    if (m_srs != nullptr) OSRDestroySpatialReference(m_srs);
  }
  OgrLayer(const OgrLayer&) = delete;
  OgrLayer& operator=(const OgrLayer&) = delete;

  void add_point(double lon_deg, double lat_deg, std::span<const Value> values) override {
    OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(m_layer));
    OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(point, 0, lon_deg, lat_deg);
    OGR_F_SetGeometryDirectly(feature, point);
    set_values(feature, values);
    write(feature);
  }

  void add_line(std::span<const std::pair<double, double>> lon_lat,
                std::span<const Value> values) override {
    OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(m_layer));
    OGRGeometryH line = OGR_G_CreateGeometry(wkbLineString);
    for (const auto& [lon, lat] : lon_lat) OGR_G_AddPoint_2D(line, lon, lat);
    if (lon_lat.size() == 1) OGR_G_AddPoint_2D(line, lon_lat[0].first, lon_lat[0].second);
    OGR_F_SetGeometryDirectly(feature, line);
    set_values(feature, values);
    write(feature);
  }

  void close() override {
    if (m_dataset == nullptr) return;
    if (m_in_transaction) GDALDatasetCommitTransaction(m_dataset);
    CPLErrorReset();
    GDALClose(m_dataset);
    m_dataset = nullptr;
    OSRDestroySpatialReference(m_srs);
    m_srs = nullptr;
    if (CPLGetLastErrorType() >= CE_Failure) throw gdal_error("cannot finish " + m_path);
  }

 private:
  void set_values(OGRFeatureH feature, std::span<const Value> values) const {
    for (std::size_t i = 0; i < m_fields.size() && i < values.size(); ++i) {
      const int index = static_cast<int>(i);
      const Value& v = values[i];
      if (std::holds_alternative<std::monostate>(v)) {
        OGR_F_SetFieldNull(feature, index);
      } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
        OGR_F_SetFieldInteger64(feature, index, *n);  // GDAL narrows to the 32-bit field
      } else if (const auto* d = std::get_if<double>(&v)) {
        OGR_F_SetFieldDouble(feature, index, *d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        OGR_F_SetFieldString(feature, index, s->c_str());
      } else if (const auto* t = std::get_if<DateTime>(&v)) {
        OGR_F_SetFieldDateTimeEx(feature, index, t->year, t->month, t->day, t->hour, t->minute,
                                 t->second, 100);  // 100 = UTC
      }
    }
  }

  void write(OGRFeatureH feature) {
    if (OGR_L_CreateFeature(m_layer, feature) != OGRERR_NONE) {
      OGR_F_Destroy(feature);
      throw gdal_error(m_path + ": cannot write a feature");
    }
    OGR_F_Destroy(feature);
    ++m_features;
    // Commit now and then to bound the journal.
    if (m_in_transaction && m_features % 100000 == 0) {
      GDALDatasetCommitTransaction(m_dataset);
      GDALDatasetStartTransaction(m_dataset, FALSE);
    }
  }

  std::string m_path;
  std::vector<Field> m_fields;
  GDALDatasetH m_dataset = nullptr;
  OGRLayerH m_layer = nullptr;
  OGRSpatialReferenceH m_srs = nullptr;
  std::uint64_t m_features = 0;
  bool m_in_transaction = false;
};

std::unique_ptr<Layer> create_layer(const LayerOptions& options) {
  return std::make_unique<OgrLayer>(options);
}

// Appends the rings of polygon `polygon` to `out`.
void add_polygon(OGRGeometryH polygon, std::vector<PolygonRings>& out) {
  PolygonRings rings;
  for (int r = 0; r < OGR_G_GetGeometryCount(polygon); ++r) {
    OGRGeometryH ring = OGR_G_GetGeometryRef(polygon, r);
    std::vector<std::pair<double, double>> points;
    const int n = OGR_G_GetPointCount(ring);
    points.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) points.emplace_back(OGR_G_GetX(ring, i), OGR_G_GetY(ring, i));
    rings.push_back(std::move(points));
  }
  if (!rings.empty()) out.push_back(std::move(rings));
}

// Appends every polygon in `geometry` (also inside multipolygons and collections).
void collect_polygons(OGRGeometryH geometry, std::vector<PolygonRings>& out) {
  switch (wkbFlatten(OGR_G_GetGeometryType(geometry))) {
    case wkbPolygon: add_polygon(geometry, out); break;
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (int i = 0; i < OGR_G_GetGeometryCount(geometry); ++i) {
        collect_polygons(OGR_G_GetGeometryRef(geometry, i), out);
      }
      break;
    default: break;
  }
}

std::vector<PolygonRings> read_polygons(const std::string& path) {
  register_drivers();
  CPLErrorReset();
  GDALDatasetH dataset = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                    nullptr, nullptr);
  if (dataset == nullptr) throw gdal_error(path + ": not a vector file GDAL can read");
  std::vector<PolygonRings> out;
  OGRLayerH layer = GDALDatasetGetLayerCount(dataset) > 0 ? GDALDatasetGetLayer(dataset, 0) : nullptr;
  if (layer != nullptr) {
    OGR_L_ResetReading(layer);
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
      OGRGeometryH geometry = OGR_F_GetGeometryRef(feature);
      if (geometry != nullptr) {
        collect_polygons(geometry, out);
      }
      OGR_F_Destroy(feature);
    }
  }
  GDALClose(dataset);
  return out;
}

const Api k_api{k_api_version, &create_layer, &read_polygons};

}  // namespace
}  // namespace darkfleet::io::gdal

extern "C" __attribute__((visibility("default"))) const darkfleet::io::gdal::Api* darkfleet_gdal_api() {
  return &darkfleet::io::gdal::k_api;
}
