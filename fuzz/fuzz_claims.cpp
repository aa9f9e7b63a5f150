// libFuzzer target: parse_article() and extract_claims() on the input, then the check.
//
// Invariants checked (a violation aborts): every claim's byte span lies inside the input and
// is not empty; quantities are finite with low <= high and a positive rounding step; the
// admitted interval contains the stated figures; the check runs on what was extracted.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "darkfleet/claims/article.hpp"
#include "darkfleet/claims/check.hpp"
#include "darkfleet/claims/extract.hpp"

namespace {

using namespace darkfleet::claims;

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto article = parse_article(bytes);
  if (!article) return 0;
  const std::vector<Claim> claims = extract_claims(*article);
  std::vector<LedgerClaim> ledger;
  for (const auto& c : claims) {
    check(c.begin_byte < c.end_byte && c.end_byte <= size);
    check(!c.text.empty() && !c.unit.empty());
    const Quantity& q = c.quantity;
    check(std::isfinite(q.low) && std::isfinite(q.high) && q.low <= q.high && q.step > 0);
    const Interval iv = admitted_interval(q);
    check(iv.low <= q.low && (q.bound == Bound::at_most || iv.high >= q.high));
    if (ledger.size() < 64) {  // the check is quadratic in the claims per group
      LedgerClaim lc;
      lc.id = static_cast<std::int64_t>(ledger.size()) + 1;
      lc.article_id = 1;
      lc.claim = c;
      ledger.push_back(std::move(lc));
    }
  }
  const auto findings = check_claims(ledger, {{"e", "rounds", "", 1e6, 2e6}});
  for (const auto& f : findings) check(!f.claim_ids.empty() && !f.message.empty());
  return 0;
}
