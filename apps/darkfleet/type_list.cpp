#include "type_list.hpp"

#include <charconv>
#include <string>

#include <CLI/CLI.hpp>

namespace darkfleet::cli {
namespace {

int parse_type(std::string_view text, std::string_view item) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 27) {
    throw CLI::ValidationError("--types", "'" + std::string(item) +
                                              "' is not a message type 1..27 or a range a-b");
  }
  return value;
}

}  // namespace

std::bitset<64> parse_type_list(std::string_view list) {
  std::bitset<64> types;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    const std::size_t dash = item.find('-');
    const int first = parse_type(item.substr(0, dash), item);
    const int last = dash == std::string_view::npos ? first : parse_type(item.substr(dash + 1), item);
    if (last < first) throw CLI::ValidationError("--types", "empty range '" + std::string(item) + "'");
    for (int t = first; t <= last; ++t) types.set(static_cast<std::size_t>(t));
  }
  if (types.none()) throw CLI::ValidationError("--types", "no message type given");
  return types;
}

}  // namespace darkfleet::cli
