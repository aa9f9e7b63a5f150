// The ledger check: groups claims about the same quantity and says where they agree,
// disagree, changed what they count, lost their hedge or source, and how they compare with
// darkfleet's own estimates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/claims/claim.hpp"

namespace darkfleet::claims {

/// A claim as stored in the ledger: the claim plus the article it came from.
struct LedgerClaim {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  std::string publisher;  ///< of the article, for reports
  Claim claim;
};

/// One of darkfleet's own estimates: a named interval for a unit (and category).
/// Requires: low <= high.
struct Estimate {
  std::string name;
  std::string unit;
  std::string category;
  double low = 0;
  double high = 0;
};

/// What a finding says.
enum class FindingKind : std::uint8_t {
  consistent,        ///< every pair of claims in the group admits a common value
  conflicting,       ///< two claims in the group admit no common value
  changed_category,  ///< the same figure counts something else elsewhere (killed vs
                     ///< killed_or_wounded)
  lost_hedge,        ///< a hedged body figure restated without a hedge in the headline or teaser
  lost_source,  ///< an attributed body figure restated without a source in the headline or teaser
  estimate_inside,    ///< the claim lies inside one of darkfleet's estimates
  estimate_below,     ///< the claim lies below the estimate
  estimate_above,     ///< the claim lies above the estimate
  estimate_overlaps,  ///< the claim's interval straddles an end of the estimate
};

/// Stable name of a finding kind ("consistent", "conflicting", ...).
std::string_view to_string(FindingKind kind);

/// One finding about one group or a pair of claims.
struct Finding {
  FindingKind kind = FindingKind::consistent;
  std::string group;  ///< "unit" or "unit/category"
  std::vector<std::int64_t> claim_ids;
  std::string estimate;  ///< the estimate's name for estimate_* findings
  std::string message;   ///< one line a reader understands
};

/// Checks `claims` against each other and against `estimates`. Groups are keyed by unit and
/// category. Deterministic: findings come ordered by group, then claim ids.
std::vector<Finding> check_claims(const std::vector<LedgerClaim>& claims,
                                  const std::vector<Estimate>& estimates);

/// Whether two quantities admit a common value.
bool compatible(const Quantity& a, const Quantity& b);

/// The group key of a claim: "unit" or "unit/category".
std::string group_key(const Claim& claim);

}  // namespace darkfleet::claims
