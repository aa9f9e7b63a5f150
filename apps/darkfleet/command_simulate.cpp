#include "command_simulate.hpp"

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "darkfleet/sim/scenario.hpp"
#include "output.hpp"
#include "progress.hpp"

namespace darkfleet::cli {

namespace fs = std::filesystem;

void SimulateCommand::setup(CLI::App& app) {
  app.footer(
      "Play a scenario file (TOML) into the AIS traffic that receivers would have heard --\n"
      "vessels on their itineraries, AIS switched off or spoofed where the scenario says,\n"
      "shore stations and satellite passes with loss, duplicates and clock jitter -- and\n"
      "write it with the ground truth: OUTDIR/traffic.nmea (or traffic.csv) and\n"
      "OUTDIR/truth.json, and when the scenario images port yards ([[imagery]]) the\n"
      "analysts' container counts as OUTDIR/imagery.geojson (for darkfleet evidence add).\n"
      "A folder as SCENARIO means its scenario.toml (scenario-full.toml\n"
      "with --full). Same scenario and seed: byte-identical output. Manual: darkfleet help\n"
      "simulate");
  app.add_option("scenario", m_scenario, "Scenario file, or a case folder")
      ->required()
      ->type_name("SCENARIO");
  app.add_option("-o,--output", m_output_dir, "Output folder (created if missing)")
      ->type_name("OUTDIR");
  app.add_option("--seed", m_options.seed, "Random seed (default 1)");
  app.add_option("-f,--format", m_format, "nmea (default) or dma-csv")
      ->check(CLI::IsMember({"nmea", "dma-csv"}));
  app.add_option("--threads", m_options.threads, "Worker threads (default 1; output is the same)")
      ->check(CLI::Range(1, 64));
  app.add_flag("--full", m_full, "With a case folder: play scenario-full.toml (the whole period)");
  app.add_flag("--check", m_check, "Only read and validate the scenario, write nothing");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace existing output files");
  app.add_flag("--no-progress", m_no_progress, "Never show the progress bar");
}

int SimulateCommand::run() {
  std::string path = m_scenario;
  if (fs::is_directory(path)) {
    path = (fs::path(path) / (m_full ? "scenario-full.toml" : "scenario.toml")).string();
  } else if (m_full) {
    throw CLI::ValidationError("--full", "needs a case folder as SCENARIO");
  }
  const sim::Scenario scenario = sim::load_scenario(path);
  if (m_check) {
    fmt::print(stderr,
               "simulate: {} is valid ({} vessels, {} meetings, {} lanes, {} shore stations)\n",
               path, scenario.vessels.size(), scenario.meetings.size(), scenario.lanes.size(),
               scenario.reception.shore.size());
    return k_exit_ok;
  }
  if (m_output_dir.empty()) throw CLI::ValidationError("-o", "an output folder is required");
  m_options.format = m_format == "dma-csv" ? sim::TrafficFormat::dma_csv : sim::TrafficFormat::nmea;
  fs::create_directories(m_output_dir);
  const fs::path traffic_path =
      fs::path(m_output_dir) /
      (m_options.format == sim::TrafficFormat::nmea ? "traffic.nmea" : "traffic.csv");
  const fs::path truth_path = fs::path(m_output_dir) / "truth.json";
  const fs::path imagery_path = fs::path(m_output_dir) / "imagery.geojson";
  for (const fs::path& p : {truth_path, imagery_path}) {
    if (!m_overwrite && fs::exists(p) && (p == truth_path || !scenario.imagery.empty())) {
      throw std::runtime_error(
          fmt::format("{} exists (use -O/--overwrite to replace it)", p.string()));
    }
  }
  Output output(traffic_path.string(), m_overwrite);
  ProgressBar progress(!m_no_progress);
  m_options.progress = [&progress](double fraction, std::uint64_t messages) {
    progress.update(static_cast<std::uint64_t>(fraction * 1e6), std::uint64_t{1000000}, messages);
  };
  sim::SimulateSinks sinks;
  sinks.traffic = [&output](std::string_view block) {
    output.buffer().append(block);
    output.write_if_full();
  };
  sinks.truth_path = truth_path.string();
  if (!scenario.imagery.empty()) sinks.imagery_path = imagery_path.string();
  const auto summary = sim::simulate(scenario, m_options, sinks);
  progress.finish();
  output.close();
  fmt::print(stderr,
             "simulate: {} ({}): {} vessels, {} transmissions ({} suppressed while AIS off), "
             "{} received, {} receptions in {} lines -> {}, {}{} (seed {})\n",
             scenario.name, scenario.label.empty() ? "simulation" : scenario.label, summary.vessels,
             summary.transmissions, summary.suppressed, summary.received, summary.receptions,
             summary.lines, traffic_path.string(), truth_path.string(),
             scenario.imagery.empty() ? "" : ", " + imagery_path.string(), m_options.seed);
  return k_exit_ok;
}

}  // namespace darkfleet::cli
