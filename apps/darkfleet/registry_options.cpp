#include "registry_options.hpp"

#include <charconv>
#include <stdexcept>

#include "darkfleet/io/csv_positions.hpp"

namespace darkfleet::cli {

std::vector<std::uint32_t> parse_mmsi_list(const std::string& text) {
  std::vector<std::uint32_t> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::uint32_t mmsi = 0;
    const auto [end, ec] = std::from_chars(text.data() + start, text.data() + comma, mmsi);
    if (ec != std::errc() || end != text.data() + comma || mmsi < 1 || mmsi > 999999999) {
      throw CLI::ValidationError("--mmsi: '" + text.substr(start, comma - start) +
                                 "' is not an MMSI (1..999999999)");
    }
    out.push_back(mmsi);
    start = comma + 1;
  }
  return out;
}

std::map<std::uint32_t, std::string> latest_names(const store::Store& db) {
  std::map<std::uint32_t, std::pair<std::int64_t, std::string>> best;
  for (const auto& id : db.identities(std::nullopt)) {
    if (id.name.empty()) continue;
    auto& slot = best[id.mmsi];
    if (slot.second.empty() || id.last_seen_ms > slot.first) slot = {id.last_seen_ms, id.name};
  }
  std::map<std::uint32_t, std::string> out;
  for (auto& [mmsi, entry] : best) out[mmsi] = std::move(entry.second);
  return out;
}

void add_segmenter_options(CLI::App& app, track::SegmenterOptions& o) {
  app.add_option("--max-hours", o.max_hours, "Longest gap inside a segment, h (default 24)")
      ->check(CLI::PositiveNumber);
  app.add_option("--max-speed", o.max_speed_kn, "Fastest plausible speed, kn (default 30)")
      ->check(CLI::PositiveNumber);
  app.add_option("--reported-speed-multiplier", o.reported_speed_multiplier,
                 "Allowed excess over the reported speed (default 1.1)")
      ->check(CLI::PositiveNumber);
  app.add_option("--buffer-hours", o.buffer_hours,
                 "Time noise added to every interval, h (default 0.5)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--duplicate-window", o.duplicate_window_s,
                 "Same report within this many s is a receiver duplicate (default 10)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--min-good-positions", o.min_good_positions,
                 "Segments with fewer positions are 'short' (default 11)");
}

std::optional<std::int64_t> time_option(const std::string& text, const char* name) {
  if (text.empty()) return std::nullopt;
  const auto t = io::parse_time_ms(text);
  if (!t) throw CLI::ValidationError(std::string(name) + ": '" + text + "' is not an ISO 8601 UTC time");
  return *t;
}

events::Parameters parameters_option(const std::vector<std::string>& assignments) {
  events::Parameters parameters = events::Parameters::gfw();
  for (const auto& a : assignments) {
    try {
      parameters.set(a);
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError(e.what());
    }
  }
  return parameters;
}

void add_db_option(CLI::App& app, std::string& db) {
  app.add_option("--db", db, "Database file (default darkfleet.db)")->type_name("FILE");
}

void add_window_options(CLI::App& app, std::string& from, std::string& to) {
  app.add_option("--from", from, "Start time, ISO 8601 UTC (inclusive)")->type_name("TIME");
  app.add_option("--to", to, "End time, ISO 8601 UTC (inclusive)")->type_name("TIME");
}

}  // namespace darkfleet::cli
