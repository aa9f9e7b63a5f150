#include "command_tracks.hpp"

#include <map>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/io/geo_writer.hpp"
#include "darkfleet/store/store.hpp"
#include "registry_options.hpp"

namespace darkfleet::cli {
namespace {

using io::GeoField;
using io::GeoValue;
using io::TimeMs;

std::optional<store::BBox> bbox_option(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::istringstream in(text);
  store::BBox b;
  char c1 = 0, c2 = 0, c3 = 0;
  in >> b.min_lon_deg >> c1 >> b.min_lat_deg >> c2 >> b.max_lon_deg >> c3 >> b.max_lat_deg;
  if (!in || c1 != ',' || c2 != ',' || c3 != ',' || b.min_lon_deg > b.max_lon_deg ||
      b.min_lat_deg > b.max_lat_deg) {
    throw CLI::ValidationError("--bbox: '" + text + "' is not MINLON,MINLAT,MAXLON,MAXLAT");
  }
  return b;
}

GeoValue optional_value(std::optional<double> v) {
  return v ? GeoValue(*v) : GeoValue(std::monostate{});
}

}  // namespace

void TracksCommand::setup(CLI::App& app) {
  app.footer(
      "Rebuild clean tracks (time order, duplicates dropped, impossible jumps rejected, shared\n"
      "MMSIs split into segments) and write them as points or lines. KML carries\n"
      "TimeStamp/TimeSpan so Google Earth plays the tracks. Manual: darkfleet help tracks");
  add_db_option(app, m_db);
  app.add_option("--mmsi", m_mmsi, "Only these vessels, e.g. 211000001,367000140")->type_name("LIST");
  add_window_options(app, m_from, m_to);
  app.add_option("--bbox", m_bbox, "Only positions inside MINLON,MINLAT,MAXLON,MAXLAT")
      ->type_name("BOX");
  app.add_option("--as", m_as, "points (default) or lines (one line per segment)")
      ->check(CLI::IsMember({"points", "lines"}))
      ->type_name("KIND");
  app.add_option("-f,--format", m_format,
                 "csv, geojson, gpkg, fgb or kml (default: from the output's extension)")
      ->check(CLI::IsMember({"csv", "geojson", "gpkg", "fgb", "kml"}))
      ->type_name("FORMAT");
  app.add_option("-o,--output", m_output, "Output file; '-' is stdout (csv, geojson, kml)")
      ->required()
      ->type_name("FILE");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace the output file if it exists");
  app.add_flag("--include-noise", m_include_noise,
               "Also write noise segments (single positions no segment could take)");
  add_segmenter_options(app, m_options);
}

int TracksCommand::run() {
  const auto format = !m_format.empty() ? io::geo_format_from_name(m_format)
                                        : io::geo_format_from_path(m_output);
  if (!format) {
    throw CLI::ValidationError("-f/--format is needed: '" + m_output +
                               "' has no known extension (.csv .geojson .gpkg .fgb .kml)");
  }
  const store::Window window{time_option(m_from, "--from"), time_option(m_to, "--to")};
  const auto box = bbox_option(m_bbox);
  const bool lines = m_as == "lines";

  store::Store db(m_db, store::Store::Mode::read_only);
  std::vector<std::uint32_t> mmsis = parse_mmsi_list(m_mmsi);
  if (mmsis.empty()) mmsis = db.vessels_in(window, box);
  const auto names = latest_names(db);

  std::vector<GeoField> fields = {{"mmsi", GeoField::Type::integer},
                                  {"name", GeoField::Type::text},
                                  {"segment", GeoField::Type::integer},
                                  {"quality", GeoField::Type::text}};
  if (lines) {
    fields.push_back({"begin", GeoField::Type::time});
    fields.push_back({"end", GeoField::Type::time});
    fields.push_back({"positions", GeoField::Type::integer});
  } else {
    fields.push_back({"timestamp", GeoField::Type::time});
    fields.push_back({"sog_kn", GeoField::Type::real});
    fields.push_back({"cog_deg", GeoField::Type::real});
    fields.push_back({"heading_deg", GeoField::Type::real});
    fields.push_back({"status", GeoField::Type::integer});
  }
  io::GeoWriter writer(m_output, *format, "tracks", lines, fields, m_overwrite);

  std::uint64_t segments = 0;
  track::TrackStats totals;
  std::vector<GeoValue> values;
  std::vector<std::pair<double, double>> coords;
  for (const std::uint32_t mmsi : mmsis) {
    const track::Track t = track::build_track(mmsi, db.positions(mmsi, window), m_options);
    totals.input += t.stats.input;
    totals.exact_duplicates += t.stats.exact_duplicates;
    totals.receiver_duplicates += t.stats.receiver_duplicates;
    totals.noise += t.stats.noise;
    const auto name_it = names.find(mmsi);
    const std::string name = name_it == names.end() ? std::string() : name_it->second;
    for (const auto& s : t.segments) {
      if (s.quality == track::SegmentQuality::noise && !m_include_noise) continue;
      values = {std::int64_t{mmsi}, name, std::int64_t{s.index}, std::string(to_string(s.quality))};
      if (lines) {
        coords.clear();
        std::int64_t begin = 0;
        std::int64_t end = 0;
        for (const auto& p : s.positions) {
          if (box && !box->contains(p)) continue;
          if (coords.empty()) begin = p.t_ms;
          end = p.t_ms;
          coords.emplace_back(p.lon_deg(), p.lat_deg());
        }
        if (coords.empty()) continue;
        values.insert(values.end(), {TimeMs{begin}, TimeMs{end},
                                     static_cast<std::int64_t>(coords.size())});
        writer.add_line(coords, values);
        ++segments;
        continue;
      }
      bool any = false;
      for (const auto& p : s.positions) {
        if (box && !box->contains(p)) continue;
        values.resize(4);
        values.insert(values.end(),
                      {TimeMs{p.t_ms}, optional_value(p.sog_kn()), optional_value(p.cog_deg()),
                       optional_value(p.heading()), std::int64_t{p.status}});
        writer.add_point(p.lon_deg(), p.lat_deg(), values);
        any = true;
      }
      if (any) ++segments;
    }
  }
  writer.close();
  fmt::print(stderr,
             "tracks: {} vessels, {} segments, {} features; of {} positions {} exact and {} "
             "receiver duplicates dropped, {} impossible jumps (noise){}\n",
             mmsis.size(), segments, writer.features(), totals.input, totals.exact_duplicates,
             totals.receiver_duplicates, totals.noise, m_include_noise ? " kept" : " left out");
  return k_exit_ok;
}

}  // namespace darkfleet::cli
