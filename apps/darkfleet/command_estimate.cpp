#include "command_estimate.hpp"

#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "cargo_evidence.hpp"
#include "darkfleet/estimate/estimate.hpp"
#include "estimate_report.hpp"
#include "output.hpp"

namespace darkfleet::cli {

void EstimateCommand::setup(CLI::App& app) {
  app.footer(
      "Turn the case's container count into munitions (3D packing, weight limits) and value,\n"
      "as p5 / p50 / p95 intervals from a seeded Monte Carlo over every assumption in\n"
      "CASE/estimate.toml, each with its source; set beside the published figures, with the\n"
      "assumptions that move each answer most. With --db and --events the containers come\n"
      "from the imagery evidence instead (darkfleet evidence voyages): the counted total's\n"
      "samples replace the file's 'containers'. Manual: darkfleet help estimate");
  auto* where =
      app.add_option("--case", m_case, "Case folder holding estimate.toml")->type_name("DIR");
  app.add_option("--model", m_model, "An estimate.toml file (instead of --case)")
      ->type_name("FILE")
      ->excludes(where);
  auto* db = app.add_option("--db", m_db, "Take the containers from this database's imagery "
                                          "observations (needs --events)")
                  ->type_name("FILE");
  app.add_option("--events", m_events, "Events of the case (darkfleet events -f json), for --db")
      ->type_name("FILE.json")
      ->needs(db);
  app.add_option("--evidence-model", m_evidence_model,
                 "The evidence.toml for --db (default: the case's)")
      ->type_name("FILE")
      ->needs(db);
  app.add_option("--samples", m_samples, "Monte Carlo samples (default: the file's, else 20000)")
      ->check(CLI::Range(std::uint64_t{20}, std::uint64_t{100'000'000}))
      ->type_name("N");
  app.add_option("--seed", m_seed, "Random seed (default: the file's, else 1)")->type_name("N");
  app.add_option("--set", m_set, "Fix an assumption at a value, ID=VALUE (repeatable)")
      ->type_name("ID=VALUE");
  app.add_option("-f,--format", m_format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  app.add_option("-o,--output", m_output, "Output file; '-' is stdout (default)")
      ->type_name("FILE");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace the output file if it exists");
}

int EstimateCommand::run() {
  if (m_case.empty() && m_model.empty()) {
    throw CLI::ValidationError("--case DIR or --model FILE is needed");
  }
  std::string file = m_model;
  if (file.empty()) {
    file = (std::filesystem::path(m_case) / "estimate.toml").string();
    if (!std::filesystem::exists(file)) {
      throw std::runtime_error(
          fmt::format("{}: the case has no estimate.toml (docs/estimate.md)", m_case));
    }
  }
  estimate::Model model = estimate::Model::load(file);
  if (!m_db.empty()) {
    if (m_events.empty()) throw CLI::ValidationError("--db needs --events FILE.json");
    if (m_evidence_model.empty() && m_case.empty()) {
      throw CLI::ValidationError("--db with --model needs --evidence-model FILE");
    }
    const std::string evidence_model =
        m_evidence_model.empty() ? evidence_model_path(m_case) : m_evidence_model;
    const auto cargo = cargo_from_evidence(m_db, m_events, evidence_model, m_samples, m_seed);
    if (cargo.result.counted_changes(cargo.model.counted) == 0) {
      throw std::runtime_error(fmt::format(
          "{}: no yard change at a {} area is tied to a port call of {}, so the evidence gives "
          "no containers (darkfleet evidence voyages shows the changes)",
          m_db, evidence::to_string(cargo.model.counted), m_events));
    }
    model.assumptions.replace(evidence::containers_assumption(cargo.result, cargo.model, m_db));
  }
  for (const std::string& assignment : m_set) model.assumptions.set(assignment);
  const estimate::Result result =
      estimate::run(model, m_samples.value_or(model.samples), m_seed.value_or(model.seed));
  Output out(m_output, m_overwrite);
  out.buffer() = m_format == "json" ? estimate_json(model, result) : estimate_text(model, result);
  out.close();
  return k_exit_ok;
}

}  // namespace darkfleet::cli
