// Helpers the store commands share: MMSI lists, vessel names, segmenter options.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "darkfleet/events/parameters.hpp"
#include "darkfleet/store/store.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::cli {

/// Parses "211000001,367000140" (empty = no restriction). Throws CLI::ValidationError.
std::vector<std::uint32_t> parse_mmsi_list(const std::string& text);

/// Each vessel's most recently broadcast non-empty name.
std::map<std::uint32_t, std::string> latest_names(const store::Store& db);

/// The time of option `name` ("--from"), ISO 8601 UTC; none when `text` is empty. Throws
/// CLI::ValidationError.
std::optional<std::int64_t> time_option(const std::string& text, const char* name);

/// The "gfw" parameter set with each `--param key=value` applied. Throws CLI::ValidationError.
events::Parameters parameters_option(const std::vector<std::string>& assignments);

/// Declares --db FILE (the database, default darkfleet.db) on `app`.
void add_db_option(CLI::App& app, std::string& db);

/// Declares --from and --to (ISO 8601 UTC, inclusive) on `app`; parse them with time_option().
void add_window_options(CLI::App& app, std::string& from, std::string& to);

/// Declares --max-hours, --max-speed, --reported-speed-multiplier, --buffer-hours,
/// --duplicate-window and --min-good-positions on `app`, writing into `options`.
void add_segmenter_options(CLI::App& app, track::SegmenterOptions& options);

}  // namespace darkfleet::cli
