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

Finding make(FindingKind kind, std::string group, std::vector<std::int64_t> ids,
             std::string message) {
  std::sort(ids.begin(), ids.end());
  return Finding{kind, std::move(group), std::move(ids), {}, std::move(message)};
}

// Claims of a group split into clusters whose members all agree with each other (greedy, in
// id order: a claim joins the first cluster it agrees with entirely).
std::vector<std::vector<const LedgerClaim*>> agreeing_clusters(
    const std::vector<const LedgerClaim*>& group) {
  std::vector<std::vector<const LedgerClaim*>> clusters;
  for (const auto* c : group) {
    bool placed = false;
    for (auto& cluster : clusters) {
      const bool fits = std::all_of(cluster.begin(), cluster.end(), [c](const LedgerClaim* m) {
        return compatible(m->claim.quantity, c->claim.quantity);
      });
      if (fits) {
        cluster.push_back(c);
        placed = true;
        break;
      }
    }
    if (!placed) clusters.push_back({c});
  }
  return clusters;
}

void report_agreement(const std::string& key, const std::vector<const LedgerClaim*>& cluster,
                      std::vector<Finding>& out) {
  Interval common{0, std::numeric_limits<double>::infinity()};
  std::vector<std::int64_t> ids;
  for (const auto* c : cluster) {
    const Interval iv = admitted_interval(c->claim.quantity);
    common.low = std::max(common.low, iv.low);
    common.high = std::min(common.high, iv.high);
    ids.push_back(c->id);
  }
  std::string message =
      fmt::format("{} claims agree; values from {} to {} fit all of them", cluster.size(),
                  format_value(common.low), format_value(common.high));
  // Lower bounds of different height: the lower one is the higher one rounded down.
  for (const auto* a : cluster) {
    for (const auto* b : cluster) {
      const Quantity& qa = a->claim.quantity;
      const Quantity& qb = b->claim.quantity;
      if (qa.bound == Bound::at_least && qb.bound == Bound::at_least && qa.low < qb.low) {
        message += fmt::format("; #{} ({}+) is a rounded-down lower bound of #{} ({}+)", a->id,
                               format_value(qa.low), b->id, format_value(qb.low));
      }
    }
  }
  out.push_back(make(FindingKind::consistent, key, std::move(ids), std::move(message)));
}

// One finding per pair of clusters that disagree, naming the first disagreeing pair.
void report_conflict(const std::string& key, const std::vector<const LedgerClaim*>& a,
                     const std::vector<const LedgerClaim*>& b, std::vector<Finding>& out) {
  std::vector<std::int64_t> ids;
  std::size_t pairs = 0;
  const LedgerClaim* first_a = nullptr;
  const LedgerClaim* first_b = nullptr;
  for (const auto* x : a) {
    for (const auto* y : b) {
      if (compatible(x->claim.quantity, y->claim.quantity)) continue;
      if (pairs++ == 0) {
        first_a = x;
        first_b = y;
      }
      ids.push_back(x->id);
      ids.push_back(y->id);
    }
  }
  if (pairs == 0) return;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string message =
      fmt::format("{} and {} admit no common value", describe(*first_a), describe(*first_b));
  if (!same_span(first_a->claim, first_b->claim)) {
    message += fmt::format(" (different periods: {} vs {})", span_text(first_a->claim),
                           span_text(first_b->claim));
  }
  if (pairs > 1) message += fmt::format("; {} disagreeing pairs in all", pairs);
  out.push_back(make(FindingKind::conflicting, key, std::move(ids), std::move(message)));
}

void check_group(const std::string& key, const std::vector<const LedgerClaim*>& group,
                 std::vector<Finding>& out) {
  const auto clusters = agreeing_clusters(group);
  for (const auto& cluster : clusters) {
    if (cluster.size() >= 2) report_agreement(key, cluster, out);
  }
  for (std::size_t i = 0; i < clusters.size(); ++i) {
    for (std::size_t j = i + 1; j < clusters.size(); ++j) {
      report_conflict(key, clusters[i], clusters[j], out);
    }
  }
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

// Whether two quantities state nearly the same number (within 10 %): "bis zu 5.000" restates
// "4.000 bis 5.000", but "bis zu 5.000" does not restate "600", although both admit 600.
bool similar_figures(const Quantity& a, const Quantity& b) {
  constexpr double k_tolerance = 0.10;
  for (const double x : {a.low, a.high}) {
    for (const double y : {b.low, b.high}) {
      if (std::fabs(x - y) <= k_tolerance * std::max(std::fabs(x), std::fabs(y))) return true;
    }
  }
  return false;
}

void check_categories(const std::vector<LedgerClaim>& claims, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < claims.size(); ++i) {
    for (std::size_t j = i + 1; j < claims.size(); ++j) {
      const Claim& a = claims[i].claim;
      const Claim& b = claims[j].claim;
      if (a.unit != b.unit || a.category.empty() || b.category.empty() ||
          a.category == b.category || !compatible(a.quantity, b.quantity) ||
          !similar_figures(a.quantity, b.quantity)) {
        continue;
      }
      out.push_back(
          make(FindingKind::changed_category, a.unit, {claims[i].id, claims[j].id},
               fmt::format("{} counts {} but {} counts {}: a similar figure changed "
                           "what it counts",
                           describe(claims[i]), a.category, describe(claims[j]), b.category)));
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
                           fmt::format("{} states as fact what {} hedges (\"{}\")", describe(shown),
                                       describe(body), body.claim.hedge)));
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
