#include "truth_json.hpp"

#include <chrono>

#include <fmt/format.h>

namespace darkfleet::sim::detail {

std::string_view section_name(int section) {
  static constexpr std::string_view k_names[k_section_count] = {
      "vessels",          "port_calls", "voyages",   "dark_periods", "spoof_periods",
      "identity_changes", "meetings",   "loitering", "tracks",       "imagery"};
  return section >= 0 && section < k_section_count ? k_names[section] : "unknown";
}

std::string iso_time(std::int64_t t_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{t_ms}};
  const sys_days day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss time{floor<seconds>(t - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace darkfleet::sim::detail
