#include "report_case.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "ports_option.hpp"
#include "registry_options.hpp"

namespace darkfleet::cli {

void add_report_options(CLI::App& app, ReportOptions& options) {
  app.add_option("--ports", options.ports,
                 "Watched ports: case.toml, WPI CSV or GeoJSON (default: the case's)")
      ->type_name("FILE");
  app.add_option("--coast", options.coast,
                 "Land polygons (default: the coastline scripts/setup installs)")
      ->type_name("FILE");
  app.add_flag("--no-coast", options.no_coast, "Run without a coastline (no land on the map)");
  app.add_option("--param", options.params, "Override an event parameter, key=value (repeatable)")
      ->type_name("KEY=VALUE");
  app.add_option("--watch", options.watch,
                 "Follow these vessels (default: those with dark port calls, gaps with AIS "
                 "likely off, or encounters)")
      ->delimiter(',')
      ->type_name("MMSI,...");
  add_segmenter_options(app, options.segmenter);
}

std::unique_ptr<LoadedCase> load_case(const ReportOptions& options, const std::string& database) {
  auto loaded = std::make_unique<LoadedCase>();
  report::Inputs& in = loaded->inputs;
  in.database = database;
  in.generated_by = std::string("darkfleet ") + DARKFLEET_VERSION;
  in.watch = options.watch;
  in.segmenter = options.segmenter;
  loaded->parameters = parameters_option(options.params);
  in.parameters = &loaded->parameters;

  const std::filesystem::path dir(options.case_dir);
  const auto case_file = [&](const char* name) -> std::string {
    if (options.case_dir.empty()) return {};
    const auto path = dir / name;
    return std::filesystem::exists(path) ? path.string() : std::string();
  };
  const std::string case_toml = case_file("case.toml");
  if (!case_toml.empty()) {
    in.case_info = report::load_case_info(case_toml);
    loaded->files.push_back(case_toml);
  } else {
    in.case_info.id = std::filesystem::path(database).stem().string();
    in.case_info.title = "darkfleet report: " + in.case_info.id;
  }
  const std::string ports = !options.ports.empty() ? options.ports : case_toml;
  if (!ports.empty()) {
    in.ports = load_watched_ports(ports);
    loaded->files.push_back(ports);
  }
  if (const auto file = case_file("evidence.toml"); !file.empty()) {
    loaded->cargo_model = evidence::CargoModel::load(file);
    in.cargo_model = &*loaded->cargo_model;
    loaded->files.push_back(file);
  }
  if (const auto file = case_file("estimate.toml"); !file.empty()) {
    loaded->estimate_model = estimate::Model::load(file);
    in.estimate_model = &*loaded->estimate_model;
    loaded->files.push_back(file);
  }
  if (!options.coast.empty()) {
    loaded->files.push_back(options.coast);
  } else if (!options.no_coast && std::filesystem::exists(geo::Coast::default_path())) {
    loaded->files.push_back(geo::Coast::default_path());
  }
  return loaded;
}

void load_coast(LoadedCase& loaded, const ReportOptions& options) {
  if (!options.coast.empty()) {
    loaded.coast = geo::Coast::load(options.coast);
  } else if (!options.no_coast) {
    try {
      loaded.coast = geo::Coast::load_default();
    } catch (const std::exception& e) {
      fmt::print(stderr, "report: no coastline ({}); the map has no land and no gap is marked "
                         "likely_disabling (--no-coast silences this)\n", e.what());
    }
  }
  loaded.inputs.coast = loaded.coast ? &*loaded.coast : nullptr;
}

}  // namespace darkfleet::cli
