// The ledger check. Claims are grouped by what they count (unit and category); two claims
// agree when their admitted intervals overlap (claim.hpp gives the bound semantics).
#include "darkfleet/claims/check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include <fmt/format.h>

namespace darkfleet::claims {
namespace {

std::string format_value(double v) {
  if (std::isinf(v)) return "inf";
  const double a = std::fabs(v);
  if (a >= 1e12) return fmt::format("{:g} trillion", v / 1e12);
  if (a >= 1e9) return fmt::format("{:g} billion", v / 1e9);
  if (a >= 1e6) return fmt::format("{:g} million", v / 1e6);
  if (a == std::floor(a)) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:g}", v);
}

std::string describe(const LedgerClaim& c) {
  std::string out = fmt::format("#{} \"{}\" ({}", c.id, c.claim.text, to_string(c.claim.placement));
  if (!c.publisher.empty()) out += ", " + c.publisher;
  return out + ")";
}

std::string span_text(const Claim& c) {
  if (!c.span) return "no period";
  return fmt::format("{}..{}", c.span->from.empty() ? "?" : c.span->from,
                     c.span->to.empty() ? "?" : c.span->to);
}

bool same_span(const Claim& a, const Claim& b) {
  if (!a.span || !b.span) return true;  // an unstated period does not contradict one
  return a.span->from == b.span->from && a.span->to == b.span->to;
}

Finding make(FindingKind kind, std::string group, std::vector<std::int64_t> ids, std::string message) {
  std::sort(ids.begin(), ids.end());
  return Finding{kind, std::move(group), std::move(ids), {}, std::move(message)};
}

void check_group(const std::string& key, const std::vector<const LedgerClaim*>& group,
                 std::vector<Finding>& out) {
  if (group.size() < 2) return;
  bool any_conflict = false;
  for (std::size_t i = 0; i < group.size(); ++i) {
    for (std::size_t j = i + 1; j < group.size(); ++j) {
      const Claim& a = group[i]->claim;
      const Claim& b = group[j]->claim;
      if (compatible(a.quantity, b.quantity)) continue;
      any_conflict = true;
      std::string message = fmt::format("{} and {} admit no common value", describe(*group[i]),
                                        describe(*group[j]));
      if (!same_span(a, b)) {
        message += fmt::format(" (different periods: {} vs {})", span_text(a), span_text(b));
      }
      out.push_back(make(FindingKind::conflicting, key, {group[i]->id, group[j]->id}, message));
    }
  }
  if (any_conflict) return;
  Interval common{0, std::numeric_limits<double>::infinity()};
  std::vector<std::int64_t> ids;
  for (const auto* c : group) {
    const Interval iv = admitted_interval(c->claim.quantity);
    common.low = std::max(common.low, iv.low);
    common.high = std::min(common.high, iv.high);
    ids.push_back(c->id);
  }
  std::string message = fmt::format("{} claims agree; values from {} to {} fit all of them",
                                    group.size(), format_value(common.low),
                                    format_value(common.high));
  // Lower bounds of different height: the lower one is the higher one rounded down.
  for (std::size_t i = 0; i < group.size(); ++i) {
    for (std::size_t j = 0; j < group.size(); ++j) {
      const Quantity& a = group[i]->claim.quantity;
      const Quantity& b = group[j]->claim.quantity;
      if (a.bound == Bound::at_least && b.bound == Bound::at_least && a.low < b.low) {
        message += fmt::format("; #{} ({}+) is a rounded-down lower bound of #{} ({}+)",
                               group[i]->id, format_value(a.low), group[j]->id,
                               format_value(b.low));
      }
    }
  }
  out.push_back(make(FindingKind::consistent, key, std::move(ids), std::move(message)));
}

void check_estimates(const std::string& key, const std::vector<const LedgerClaim*>& group,
                     const std::vector<Estimate>& estimates, std::vector<Finding>& out) {
  for (const auto& e : estimates) {
    const std::string e_key = e.category.empty() ? e.unit : e.unit + "/" + e.category;
    if (e_key != key) continue;
    for (const auto* c : group) {
      const Interval iv = admitted_interval(c->claim.quantity);
      FindingKind kind = FindingKind::estimate_overlaps;
      std::string where = "straddles";
      if (iv.low >= e.low && iv.high <= e.high) {
        kind = FindingKind::estimate_inside;
        where = "lies inside";
      } else if (iv.high < e.low) {
        kind = FindingKind::estimate_below;
        where = "lies below";
      } else if (iv.low > e.high) {
        kind = FindingKind::estimate_above;
        where = "lies above";
      }
      Finding f = make(kind, key, {c->id},
                       fmt::format("{} {} darkfleet's estimate \"{}\" ({} to {})", describe(*c),
                                   where, e.name, format_value(e.low), format_value(e.high)));
      f.estimate = e.name;
      out.push_back(std::move(f));
    }
  }
}

void check_categories(const std::vector<LedgerClaim>& claims, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < claims.size(); ++i) {
    for (std::size_t j = i + 1; j < claims.size(); ++j) {
      const Claim& a = claims[i].claim;
      const Claim& b = claims[j].claim;
      if (a.unit != b.unit || a.category.empty() || b.category.empty() ||
          a.category == b.category || !compatible(a.quantity, b.quantity)) {
        continue;
      }
      out.push_back(make(FindingKind::changed_category, a.unit, {claims[i].id, claims[j].id},
                         fmt::format("{} counts {} but {} counts {}: a similar figure changed "
                                     "what it counts",
                                     describe(claims[i]), a.category, describe(claims[j]),
                                     b.category)));
    }
  }
}

// A headline or teaser figure that restates a body figure of the same article.
void check_restatements(const std::vector<LedgerClaim>& claims, std::vector<Finding>& out) {
  for (const auto& shown : claims) {
    if (shown.claim.placement == Placement::body) continue;
    bool hedge_reported = false;
    bool source_reported = false;
    for (const auto& body : claims) {
      if (body.article_id != shown.article_id || body.claim.placement != Placement::body ||
          body.claim.unit != shown.claim.unit ||
          !compatible(body.claim.quantity, shown.claim.quantity)) {
        continue;
      }
      if (!hedge_reported && !body.claim.hedge.empty() && shown.claim.hedge.empty()) {
        hedge_reported = true;
        out.push_back(make(FindingKind::lost_hedge, group_key(shown.claim), {shown.id, body.id},
                           fmt::format("{} states as fact what {} hedges (\"{}\")",
                                       describe(shown), describe(body), body.claim.hedge)));
      }
      if (!source_reported && !body.claim.source.empty() && shown.claim.source.empty()) {
        source_reported = true;
        out.push_back(make(FindingKind::lost_source, group_key(shown.claim), {shown.id, body.id},
                           fmt::format("{} drops the source of {} (\"{}\")", describe(shown),
                                       describe(body), body.claim.source)));
      }
    }
  }
}

}  // namespace

std::string_view to_string(FindingKind kind) {
  switch (kind) {
    case FindingKind::consistent: return "consistent";
    case FindingKind::conflicting: return "conflicting";
    case FindingKind::changed_category: return "changed_category";
    case FindingKind::lost_hedge: return "lost_hedge";
    case FindingKind::lost_source: return "lost_source";
    case FindingKind::estimate_inside: return "estimate_inside";
    case FindingKind::estimate_below: return "estimate_below";
    case FindingKind::estimate_above: return "estimate_above";
    case FindingKind::estimate_overlaps: return "estimate_overlaps";
  }
  return "consistent";
}

std::string group_key(const Claim& claim) {
  return claim.category.empty() ? claim.unit : claim.unit + "/" + claim.category;
}

bool compatible(const Quantity& a, const Quantity& b) {
  const Interval ia = admitted_interval(a);
  const Interval ib = admitted_interval(b);
  return ia.low <= ib.high && ib.low <= ia.high;
}

std::vector<Finding> check_claims(const std::vector<LedgerClaim>& claims,
                                  const std::vector<Estimate>& estimates) {
  std::map<std::string, std::vector<const LedgerClaim*>> groups;
  for (const auto& c : claims) groups[group_key(c.claim)].push_back(&c);
  std::vector<Finding> out;
  for (const auto& [key, group] : groups) {
    check_group(key, group, out);
    check_estimates(key, group, estimates, out);
  }
  check_categories(claims, out);
  check_restatements(claims, out);
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.group, a.kind, a.claim_ids) < std::tie(b.group, b.kind, b.claim_ids);
  });
  return out;
}

}  // namespace darkfleet::claims
