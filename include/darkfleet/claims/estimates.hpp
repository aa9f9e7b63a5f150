// darkfleet's own estimates as the claims check sees them: named intervals per unit.
//
// The estimate module comes later; until then estimates are read from a JSON file
// (`darkfleet claims check --estimates FILE`) or an `estimates` table in the ledger database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/claims/check.hpp"

namespace darkfleet::claims {

/// Parses estimates from JSON: an array of objects, or {"estimates": [...]}, each
/// {"name": str, "unit": str, "category": str (optional), "low": num, "high": num}.
/// Throws std::runtime_error naming the first bad entry (low > high, missing fields, ...).
std::vector<Estimate> parse_estimates_json(std::string_view json_text);

/// Reads and parses an estimates file; throws std::runtime_error with the path on failure.
std::vector<Estimate> read_estimates_file(const std::string& path);

}  // namespace darkfleet::claims
