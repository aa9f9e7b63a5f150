// Pieces of truth.json: the section names and small JSON helpers shared by the planner and
// the simulator (times as ISO-8601 UTC plus Unix ms, escaped strings).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace darkfleet::sim::detail {

/// The arrays of truth.json, in the order they are written.
enum TruthSection : int {
  k_vessels,
  k_port_calls,
  k_voyages,
  k_dark_periods,
  k_spoof_periods,
  k_identity_changes,
  k_meetings,
  k_loitering,
  k_tracks,
  k_imagery,
  k_section_count
};

/// The JSON key of `section`.
std::string_view section_name(int section);

/// `t_ms` as "2024-01-22T06:00:00Z" (milliseconds dropped).
std::string iso_time(std::int64_t t_ms);

/// `text` as a quoted, escaped JSON string.
std::string json_string(std::string_view text);

}  // namespace darkfleet::sim::detail
