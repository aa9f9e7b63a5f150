// Parsing `--types 1,2,3,5` / `1-3,5` lists of AIS message types.
#pragma once

#include <bitset>
#include <string_view>

namespace darkfleet::cli {

/// The set of message types named in `list` (comma-separated numbers 1..27 or ranges a-b).
/// Throws CLI::ValidationError with the offending item for anything else.
std::bitset<64> parse_type_list(std::string_view list);

}  // namespace darkfleet::cli
