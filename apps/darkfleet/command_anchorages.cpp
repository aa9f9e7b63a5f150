#include "command_anchorages.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "darkfleet/events/anchorages.hpp"
#include "output.hpp"
#include "registry_options.hpp"

namespace darkfleet::cli {

void AnchoragesCommand::setup(CLI::App& app) {
  app.footer(
      "Find anchorages in the data: grid cells where at least anchorage.min_vessels vessels\n"
      "stayed within anchorage.stationary_radius_m for anchorage.stationary_min_h (GFW's\n"
      "method). The GeoJSON output works as --ports for darkfleet events. Manual: darkfleet help anchorages");
  add_db_option(app, m_db);
  add_window_options(app, m_from, m_to);
  app.add_option("--param", m_params, "Override an anchorage.* parameter, key=value (repeatable)")
      ->type_name("KEY=VALUE");
  app.add_option("-f,--format", m_format, "csv (default) or geojson")
      ->check(CLI::IsMember({"csv", "geojson"}))
      ->type_name("FORMAT");
  app.add_option("-o,--output", m_output, "Output file; '-' (default) is stdout")->type_name("FILE");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace the output file if it exists");
  add_segmenter_options(app, m_options);
}

int AnchoragesCommand::run() {
  events::Parameters parameters = parameters_option(m_params);
  const store::Window window{time_option(m_from, "--from"), time_option(m_to, "--to")};
  store::Store db(m_db, store::Store::Mode::read_only);
  events::AnchorageFinder finder(parameters);
  const auto mmsis = db.vessels_in(window, std::nullopt);
  std::vector<store::Position> positions;
  for (const std::uint32_t mmsi : mmsis) {
    db.positions(mmsi, window, positions);
    finder.add(track::build_track(mmsi, positions, m_options));
  }
  const auto found = finder.anchorages();
  Output out(m_output, m_overwrite);
  if (m_format == "csv") {
    out.buffer() += "id,lat,lon,vessels,periods,stationary_h\n";
    for (const auto& a : found) {
      out.buffer() += fmt::format("{},{:.6f},{:.6f},{},{},{:.2f}\n", a.id, a.position.lat_deg,
                                  a.position.lon_deg, a.vessels, a.periods, a.stationary_h);
    }
  } else {
    nlohmann::json features = nlohmann::json::array();
    for (const auto& a : found) {
      features.push_back(
          {{"type", "Feature"},
           {"id", a.id},
           {"geometry", {{"type", "Point"}, {"coordinates", {a.position.lon_deg, a.position.lat_deg}}}},
           {"properties",
            {{"id", a.id}, {"name", a.id}, {"vessels", a.vessels}, {"periods", a.periods},
             {"stationary_h", a.stationary_h}}}});
    }
    out.buffer() += nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump(1);
    out.buffer() += '\n';
  }
  out.close();
  fmt::print(stderr, "anchorages: {} vessels, {} anchorages (>= {} vessels each)\n", mmsis.size(),
             found.size(), parameters.get("anchorage.min_vessels"));
  return k_exit_ok;
}

}  // namespace darkfleet::cli
