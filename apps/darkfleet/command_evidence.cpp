#include "command_evidence.hpp"

#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cargo_evidence.hpp"
#include "darkfleet/evidence/observation_file.hpp"
#include "darkfleet/evidence/yard.hpp"
#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/store/ingest.hpp"
#include "darkfleet/store/store.hpp"
#include "output.hpp"
#include "text_file.hpp"

namespace darkfleet::cli {
void EvidenceCommand::setup(CLI::App& app) {
  app.footer(
      "Container counts that analysts read from satellite images of port areas, with the\n"
      "image, time, provider, resolution, confidence and analyst, kept in the database.\n"
      "Fields: docs/evidence.md. Manual: darkfleet help evidence");
  app.require_subcommand(1);
  m_add = app.add_subcommand("add", "Check an observations file (GeoJSON) and store it");
  m_add->footer(
      "FILE is a GeoJSON FeatureCollection in WGS84, one Feature per area and image. Every\n"
      "problem is listed with its feature and field, and a file with any problem adds\n"
      "nothing. The same bytes are added once.");
  m_add->add_option("file", m_file, "Observations (GeoJSON)")
      ->required()
      ->type_name("FILE.geojson");
  m_list = app.add_subcommand("list", "Show the stored observations by area and time");
  m_list->add_option("--area", m_area, "Only this area")->type_name("ID");
  m_list->add_option("-f,--format", m_format, "text (default) or json (one object per line)")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  m_series = app.add_subcommand("series", "Each area's containers image by image, with the changes");
  m_series->add_option("--area", m_area, "Only this area")->type_name("ID");
  m_voyages = app.add_subcommand(
      "voyages", "Containers loaded and unloaded per voyage, from yard changes and port calls");
  m_voyages->footer(
      "Each change of a yard between two images is tied to the port visits and dark port\n"
      "calls of EVENTS that overlap it, corrected for land traffic, and turned into the\n"
      "containers the ships loaded (origin areas) or unloaded (destination areas): p5 / p50 /\n"
      "p95 of a Monte Carlo over the analysts' counting error and the land traffic, with\n"
      "the images each number rests on. The areas and ranges are the case's evidence.toml.");
  m_voyages->add_option("--events", m_events, "Events of the case (darkfleet events -f json)")
      ->required()
      ->type_name("FILE.json");
  auto* where =
      m_voyages->add_option("--case", m_case, "Case folder holding evidence.toml")->type_name("DIR");
  m_voyages->add_option("--model", m_model, "An evidence.toml file (instead of --case)")
      ->type_name("FILE")
      ->excludes(where);
  m_voyages->add_option("--samples", m_samples, "Monte Carlo samples (default: the file's, else 20000)")
      ->check(CLI::Range(std::uint64_t{20}, std::uint64_t{100'000'000}))
      ->type_name("N");
  m_voyages->add_option("--seed", m_seed, "Random seed (default: the file's, else 1)")->type_name("N");
  m_voyages->add_option("-f,--format", m_format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  m_voyages->add_option("-o,--output", m_output, "Output file; '-' is stdout (default)")
      ->type_name("FILE");
  m_voyages->add_flag("-O,--overwrite", m_overwrite, "Replace the output file if it exists");
  for (CLI::App* sub : {m_add, m_list, m_series, m_voyages}) {
    sub->add_option("--db", m_db, "Database file (created if missing; default darkfleet.db)")
        ->type_name("FILE");
  }
}

int EvidenceCommand::run() {
  if (m_add->parsed()) {
    const auto observations = evidence::parse_observation_file(read_text_file(m_file), m_file);
    store::Store db(m_db, store::Store::Mode::read_write);
    const std::string name = std::filesystem::path(m_file).filename().string();
    if (!db.add_observations(name, store::hash_file(m_file), observations)) {
      fmt::print(stderr, "evidence: {} was added before; nothing new\n", m_file);
      return k_exit_ok;
    }
    std::int64_t c20 = 0, c40 = 0;
    for (const auto& o : observations) {
      c20 += o.containers_20ft;
      c40 += o.containers_40ft;
    }
    fmt::print(stderr, "evidence: {}: {} observations ({} x 20 ft, {} x 40 ft) added to {}\n",
               m_file, observations.size(), c20, c40, m_db);
    return k_exit_ok;
  }
  if (m_series->parsed()) return series();
  if (m_voyages->parsed()) return voyages();
  const store::Store db(m_db, store::Store::Mode::read_only);
  const auto observations = db.observations(m_area);
  for (const auto& o : observations) {
    if (m_format == "json") {
      fmt::print("{}\n", nlohmann::json{{"id", o.id},
                                        {"area_id", o.area_id},
                                        {"image_id", o.image_id},
                                        {"acquired", io::format_time_iso(o.acquired_ms)},
                                        {"provider", o.provider},
                                        {"sensor", o.sensor},
                                        {"resolution_m", o.resolution_m},
                                        {"containers_20ft", o.containers_20ft},
                                        {"containers_40ft", o.containers_40ft},
                                        {"confidence", o.confidence},
                                        {"analyst", o.analyst},
                                        {"note", o.note},
                                        {"stacks", nlohmann::json::parse(o.stacks_json)},
                                        {"lat", o.lat_deg},
                                        {"lon", o.lon_deg},
                                        {"file", o.file},
                                        {"feature", o.feature}}
                             .dump());
    } else {
      fmt::print(
          "#{:<4} {:<14} {}  {:>5} x 20ft {:>5} x 40ft  conf {:.2f}  {} {} {:.1f} m  {}  {}:{}\n",
          o.id, o.area_id, io::format_time_iso(o.acquired_ms), o.containers_20ft, o.containers_40ft,
          o.confidence, o.provider, o.image_id, o.resolution_m, o.analyst, o.file, o.feature);
    }
  }
  if (observations.empty())
    fmt::print(stderr, "evidence: no observations{}\n", m_area.empty() ? "" : " of " + m_area);
  return k_exit_ok;
}

int EvidenceCommand::series() const {
  const store::Store db(m_db, store::Store::Mode::read_only);
  const auto all = evidence::yard_series(db.observations(m_area));
  for (const auto& series : all) {
    fmt::print("{} ({} images)\n", series.area_id, series.observations.size());
    const store::Observation* before = nullptr;
    for (const auto& o : series.observations) {
      std::string change;
      if (before != nullptr) {
        change = fmt::format("{:+6} {:+6}", o.containers_20ft - before->containers_20ft,
                             o.containers_40ft - before->containers_40ft);
      }
      fmt::print("  {}  {:>6} x 20ft {:>6} x 40ft  {:<13}  conf {:.2f}  {}\n",
                 io::format_time_iso(o.acquired_ms), o.containers_20ft, o.containers_40ft, change,
                 o.confidence, o.image_id);
      before = &o;
    }
  }
  if (all.empty())
    fmt::print(stderr, "evidence: no observations{}\n", m_area.empty() ? "" : " of " + m_area);
  return k_exit_ok;
}

int EvidenceCommand::voyages() const {
  if (m_case.empty() && m_model.empty()) {
    throw CLI::ValidationError("--case DIR or --model FILE is needed (the case's evidence.toml)");
  }
  const std::string model = m_model.empty() ? evidence_model_path(m_case) : m_model;
  const auto cargo = cargo_from_evidence(m_db, m_events, model, m_samples, m_seed);
  Output out(m_output, m_overwrite);
  out.buffer() = m_format == "json" ? cargo_json(cargo) : cargo_text(cargo);
  out.close();
  return k_exit_ok;
}

}  // namespace darkfleet::cli
