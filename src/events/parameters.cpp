// The "gfw" parameter set: every detector's defaults with the source of each value.
// Values that GFW does not publish are darkfleet's own and say so.
#include "darkfleet/events/parameters.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace darkfleet::events {
namespace {

constexpr const char* k_anchorages =
    "GlobalFishingWatch/anchorages_pipeline@099169e4d5f2 anchorage_cfg.yaml (DOMAIN.md 1.3)";
constexpr const char* k_encounters =
    "GlobalFishingWatch/encounters_pipeline@f58feedad459 (DOMAIN.md 1.1)";
constexpr const char* k_loitering = "GFW files/loitering.md, pipe-loitering@6d2c5e8fc46f (DOMAIN.md 1.2)";
constexpr const char* k_gaps = "GlobalFishingWatch/pipe-gaps@9d9426e3918f, files/gaps.md (DOMAIN.md 1.4)";
constexpr const char* k_disabling =
    "GlobalFishingWatch/AIS-disabling-high-seas ais_disabling/config.py@814305b4b562 (DOMAIN.md 1.4)";
constexpr const char* k_own = "darkfleet's own choice (docs/events.md)";

}  // namespace

Parameters Parameters::gfw() {
  Parameters p;
  // port visits and anchorages
  p.add({"port_visit.entry_distance_m", 3000, "m", k_anchorages});
  p.add({"port_visit.exit_distance_m", 4000, "m", k_anchorages});
  p.add({"port_visit.stop_speed_kn", 0.2, "kn", k_anchorages});
  p.add({"port_visit.move_speed_kn", 0.5, "kn", k_anchorages});
  p.add({"port_visit.gap_h", 4, "h", k_anchorages});
  p.add({"port_visit.min_confidence", 2, "1-4", "GFW product filter (DOMAIN.md 1.3)"});
  p.add({"port_visit.max_inter_segment_distance_nm", 60, "nm",
         "pipe_anchorages/options/port_visits_options.py (DOMAIN.md 1.3)"});
  p.add({"port_visit.jump_buffer_h", 0.5, "h",
         "darkfleet's own use of pipe-segment buffer_hours (docs/events.md, DOMAIN.md 1.5)"});
  p.add({"anchorage.cell_m", 500, "m", "S2 level 14, about 0.5 km (DOMAIN.md 1.3)"});
  p.add({"anchorage.stationary_radius_m", 500, "m", k_anchorages});
  p.add({"anchorage.stationary_min_h", 12, "h", k_anchorages});
  p.add({"anchorage.min_vessels", 20, "vessels", k_anchorages});
  // gaps, reception, likely disabling
  p.add({"gap.min_h", 6, "h", k_gaps});
  p.add({"gap.lookback_h", 12, "h", k_gaps});
  p.add({"gap.disabling_min_h", 12, "h", k_disabling});
  p.add({"gap.disabling_min_shore_nm", 50, "nm", k_disabling});
  p.add({"gap.disabling_min_cell_positions_per_day", 10, "positions/day", k_disabling});
  p.add({"gap.disabling_min_positions_before", 14, "positions", k_disabling});
  // dark port calls (no reference tool has them)
  p.add({"dark_port_call.max_speed_kn", 15, "kn", k_own});
  p.add({"dark_port_call.min_dwell_h", 6, "h", k_own});
  p.add({"dark_port_call.history_bonus_h", 12, "h", k_own});
  p.add({"dark_port_call.course_bonus_h", 6, "h", k_own});
  p.add({"dark_port_call.sailing_min_kn", 5, "kn", k_own});
  // encounters
  p.add({"encounter.max_distance_m", 500, "m", k_encounters});
  p.add({"encounter.max_speed_kn", 2, "kn", "GFW pipe-events encounter-events.sql.j2 (DOMAIN.md 1.1)"});
  p.add({"encounter.min_duration_h", 2, "h", k_encounters});
  p.add({"encounter.min_port_distance_km", 10, "km", k_encounters});
  p.add({"encounter.resample_min", 10, "min", k_encounters});
  p.add({"encounter.max_gap_h", 1, "h", k_encounters});
  p.add({"encounter.merge_gap_h", 4, "h", k_encounters});
  // loitering
  p.add({"loitering.max_speed_kn", 2, "kn", k_loitering});
  p.add({"loitering.min_duration_h", 4, "h", k_loitering});
  p.add({"loitering.min_shore_nm", 20, "nm", k_loitering});
  // identity
  p.add({"identity.max_speed_kn", 50, "kn", k_own});
  p.add({"identity.min_overlap_h", 1, "h", k_own});
  p.add({"identity.min_inland_m", 2000, "m", k_own});
  return p;
}

void Parameters::add(Parameter parameter) {
  const auto at = std::lower_bound(
      m_parameters.begin(), m_parameters.end(), parameter.key,
      [](const Parameter& p, const std::string& key) { return p.key < key; });
  if (at != m_parameters.end() && at->key == parameter.key) {
    throw std::logic_error("parameter added twice: " + parameter.key);
  }
  m_parameters.insert(at, std::move(parameter));
}

double Parameters::get(std::string_view key) const {
  const auto at = std::lower_bound(
      m_parameters.begin(), m_parameters.end(), key,
      [](const Parameter& p, std::string_view k) { return p.key < k; });
  if (at == m_parameters.end() || at->key != key) {
    throw std::out_of_range(fmt::format("unknown parameter '{}'", key));
  }
  return at->value;
}

void Parameters::set(std::string_view assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    throw std::invalid_argument(
        fmt::format("--param '{}': expected key=value, e.g. encounter.max_distance_m=600", assignment));
  }
  const std::string_view key = assignment.substr(0, eq);
  const std::string_view text = assignment.substr(eq + 1);
  const auto at = std::find_if(m_parameters.begin(), m_parameters.end(),
                               [key](const Parameter& p) { return p.key == key; });
  if (at == m_parameters.end()) {
    throw std::invalid_argument(fmt::format(
        "--param '{}': unknown parameter '{}' (darkfleet help events lists them)", assignment, key));
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0) {
    throw std::invalid_argument(
        fmt::format("--param '{}': '{}' is not a number >= 0", assignment, text));
  }
  at->value = value;
  at->overridden = true;
}

std::string Parameters::name() const {
  const auto n = std::count_if(m_parameters.begin(), m_parameters.end(),
                               [](const Parameter& p) { return p.overridden; });
  return n == 0 ? m_base : fmt::format("{}+{}", m_base, n);
}

}  // namespace darkfleet::events
