// Helpers the store commands share: MMSI lists, vessel names, segmenter options.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "darkfleet/store/store.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::cli {

/// Parses "211000001,367000140" (empty = no restriction). Throws CLI::ValidationError.
std::vector<std::uint32_t> parse_mmsi_list(const std::string& text);

/// Each vessel's most recently broadcast non-empty name.
std::map<std::uint32_t, std::string> latest_names(const store::Store& db);

/// Declares --max-hours, --max-speed, --reported-speed-multiplier, --buffer-hours,
/// --duplicate-window and --min-good-positions on `app`, writing into `options`.
void add_segmenter_options(CLI::App& app, track::SegmenterOptions& options);

}  // namespace darkfleet::cli
