#include "command_events.hpp"

#include <sstream>

#include <fmt/format.h>

#include "darkfleet/events/detectors.hpp"
#include "darkfleet/events/output.hpp"
#include "output.hpp"
#include "ports_option.hpp"
#include "registry_options.hpp"

namespace darkfleet::cli {
namespace {

std::vector<events::EventKind> parse_kinds(const std::string& text) {
  if (text.empty()) return events::available_kinds();
  std::vector<events::EventKind> out;
  std::stringstream in(text);
  std::string name;
  while (std::getline(in, name, ',')) {
    const auto k = events::kind_from_string(name);
    if (!k) {
      throw CLI::ValidationError(
          "--kinds: unknown kind '" + name +
          "' (port_visit, gap, dark_port_call, encounter, loitering, identity)");
    }
    out.push_back(*k);
  }
  return out;
}

}  // namespace

void EventsCommand::setup(CLI::App& app) {
  app.footer(
      "Detect port visits, AIS gaps (with likely intentional disabling) and dark port calls\n"
      "(and, where built, encounters, loitering and identity events). Manual: darkfleet help events");
  add_db_option(app, m_db);
  app.add_option("--kinds", m_kinds, "Comma-separated kinds (default: every kind this build has)")
      ->type_name("LIST");
  app.add_option("--from", m_from, "Start time, ISO 8601 UTC (inclusive)")->type_name("TIME");
  app.add_option("--to", m_to, "End time, ISO 8601 UTC (inclusive); also the end of open events")
      ->type_name("TIME");
  app.add_option("--ports", m_ports, "Watched ports: case.toml, WPI CSV or GeoJSON")->type_name("FILE");
  app.add_option("--coast", m_coast, "Land polygons (default: the coastline scripts/setup installs)")
      ->type_name("FILE");
  app.add_flag("--no-coast", m_no_coast, "Run without a coastline (distance from shore unknown)");
  app.add_option("--param", m_params, "Override a parameter, key=value (repeatable)")
      ->type_name("KEY=VALUE");
  app.add_flag("--list-parameters", m_list_parameters,
               "Print the parameter set (key, value, unit, source) and exit");
  app.add_option("-f,--format", m_format, "json, geojson, csv or kml (default: from -o's extension)")
      ->check(CLI::IsMember({"json", "geojson", "csv", "kml"}))
      ->type_name("FORMAT");
  app.add_option("-o,--output", m_output, "Output file; '-' is stdout")->type_name("FILE");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace the output file if it exists");
  add_segmenter_options(app, m_options);
}

int EventsCommand::run() {
  events::Parameters parameters = parameters_option(m_params);
  if (m_list_parameters) {
    for (const auto& p : parameters.all()) {
      fmt::print("{}\t{}\t{}\t{}\n", p.key, p.value, p.unit, p.source);
    }
    return k_exit_ok;
  }
  if (m_output.empty()) throw CLI::ValidationError("-o/--output is required");
  const auto format = !m_format.empty() ? events::output_format_from_name(m_format)
                                        : events::output_format_from_path(m_output);
  if (!format) {
    throw CLI::ValidationError("-f/--format is needed: '" + m_output +
                               "' has no known extension (.json .geojson .csv .kml)");
  }
  const auto kinds = parse_kinds(m_kinds);
  const store::Window window{time_option(m_from, "--from"), time_option(m_to, "--to")};

  std::vector<geo::Port> ports;
  if (!m_ports.empty()) ports = load_watched_ports(m_ports);
  std::optional<geo::Coast> coast;
  if (!m_coast.empty()) {
    coast = geo::Coast::load(m_coast);
  } else if (!m_no_coast) {
    try {
      coast = geo::Coast::load_default();
    } catch (const std::exception& e) {
      fmt::print(stderr, "events: no coastline ({}); distances from shore are unknown and no gap "
                         "is marked likely_disabling (--no-coast silences this)\n", e.what());
    }
  }

  store::Store db(m_db, store::Store::Mode::read_only);
  events::Context context;
  context.parameters = &parameters;
  context.coast = coast ? &*coast : nullptr;
  context.ports = &ports;
  events::CollectingSink sink;
  const auto stats = events::run_detectors(db, kinds, context, window, sink, m_options);
  events::sort_events(sink.events);

  Output out(m_output, m_overwrite);
  std::ostringstream text;
  events::write_events(text, sink.events, *format, parameters);
  out.buffer() = text.str();
  out.close();

  for (const auto k : stats.missing) {
    fmt::print(stderr, "events: no {} detector in this build; none reported\n", events::to_string(k));
  }
  std::string counts;
  for (const auto& [k, n] : stats.events) counts += fmt::format(", {} {}", n, events::to_string(k));
  fmt::print(stderr, "events: {} vessels, {} positions, {} ports, parameters {}{}\n", stats.vessels,
             stats.positions, ports.size(), parameters.name(), counts);
  return k_exit_ok;
}

}  // namespace darkfleet::cli
