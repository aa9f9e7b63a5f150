// Containers moved by ships from the stored imagery observations and an events file: the
// shared step of `darkfleet evidence voyages` and `darkfleet estimate --db`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "darkfleet/evidence/cargo.hpp"

namespace darkfleet::cli {

struct EvidenceCargo {
  std::string database;
  std::string events_file;
  evidence::CargoModel model;
  std::vector<evidence::YardSeries> series;
  std::vector<evidence::PortCall> calls;
  evidence::CargoResult result;
};

/// The evidence.toml of a case folder (with a clear error when it has none).
std::string evidence_model_path(const std::string& case_dir);

/// Reads the observations of `database`, the port visits and dark port calls of
/// `events_file` (darkfleet events -f json) and the model, and runs it. Throws
/// std::runtime_error naming what is missing or wrong.
EvidenceCargo cargo_from_evidence(const std::string& database, const std::string& events_file,
                                  const std::string& model_file,
                                  std::optional<std::uint64_t> samples,
                                  std::optional<std::uint64_t> seed);

std::string cargo_text(const EvidenceCargo& cargo);
std::string cargo_json(const EvidenceCargo& cargo);

}  // namespace darkfleet::cli
