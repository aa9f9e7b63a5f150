// What `darkfleet analyze` and `darkfleet report` share: the options that say what a report
// is made from (the case folder, ports, coastline, parameters, watched vessels) and their
// loading into report::Inputs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "darkfleet/report/report.hpp"

namespace darkfleet::cli {

struct ReportOptions {
  std::string case_dir;
  std::string ports;
  std::string coast;
  bool no_coast = false;
  std::vector<std::string> params;
  std::vector<std::uint32_t> watch;
  track::SegmenterOptions segmenter;
};

/// Declares --ports, --coast, --no-coast, --param, --watch and the segmenter options.
void add_report_options(CLI::App& app, ReportOptions& options);

/// Everything loaded, with report::Inputs pointing into it (so it must not be copied).
struct LoadedCase {
  events::Parameters parameters = events::Parameters::gfw();
  std::optional<geo::Coast> coast;
  std::optional<evidence::CargoModel> cargo_model;
  std::optional<estimate::Model> estimate_model;
  std::vector<std::string> files;  ///< the files read, for the fingerprint
  report::Inputs inputs;
};

/// Reads the case folder (case.toml's [case] and ports, evidence.toml, estimate.toml, each
/// when present), the ports and the parameters; the coastline's file is named in `files`
/// but read by load_coast() (it takes longest, and an up-to-date report needs none). Throws
/// std::runtime_error naming the file that is wrong.
std::unique_ptr<LoadedCase> load_case(const ReportOptions& options, const std::string& database);

/// Reads the coastline (--coast, else the installed one; none with --no-coast, or with a
/// warning when none is installed).
void load_coast(LoadedCase& loaded, const ReportOptions& options);

}  // namespace darkfleet::cli
