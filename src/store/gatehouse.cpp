#include "gatehouse.hpp"

#include <array>
#include <charconv>
#include <cstdio>

#include "darkfleet/io/csv_positions.hpp"

namespace darkfleet::store::detail {

std::optional<std::int64_t> parse_gatehouse_time(std::string_view line) {
  constexpr std::string_view k_prefix = "$PGHP,1,";
  if (line.substr(0, k_prefix.size()) != k_prefix) return std::nullopt;
  line.remove_prefix(k_prefix.size());
  std::array<int, 7> v{};  // year, month, day, hour, minute, second, millisecond
  for (int& field : v) {
    const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), field);
    if (ec != std::errc() || end == line.data() + line.size() || *end != ',') return std::nullopt;
    line.remove_prefix(static_cast<std::size_t>(end - line.data()) + 1);
  }
  if (v[6] < 0 || v[6] > 999) return std::nullopt;
  char iso[32];
  const int n = std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d", v[0], v[1], v[2],
                              v[3], v[4], v[5]);
  if (n != 19) return std::nullopt;
  const auto t = io::parse_time_ms(std::string_view(iso, 19));
  if (!t) return std::nullopt;
  return *t + v[6];
}

}  // namespace darkfleet::store::detail
