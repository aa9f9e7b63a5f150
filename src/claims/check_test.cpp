#include "darkfleet/claims/check.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "darkfleet/claims/extract.hpp"

namespace darkfleet::claims {
namespace {

// A ledger claim read from one sentence (the rules under test are the checks, but going
// through the extractor keeps the quantities realistic).
LedgerClaim from_text(std::int64_t id, std::int64_t article, std::string_view text,
                      std::string_view lang, Placement placement = Placement::body) {
  const auto claims = extract_from_sentence(text, lang);
  EXPECT_EQ(claims.size(), 1U) << text;
  LedgerClaim lc;
  lc.id = id;
  lc.article_id = article;
  if (!claims.empty()) lc.claim = claims.front();
  lc.claim.placement = placement;
  return lc;
}

std::vector<Finding> of_kind(const std::vector<Finding>& all, FindingKind kind) {
  std::vector<Finding> out;
  for (const auto& f : all) {
    if (f.kind == kind) out.push_back(f);
  }
  return out;
}

TEST(AdmittedInterval, BoundSemantics) {
  const Interval exact = admitted_interval({Bound::exact, 15800, 15800, 100});
  EXPECT_DOUBLE_EQ(exact.low, 15750);
  EXPECT_DOUBLE_EQ(exact.high, 15850);
  const Interval about = admitted_interval({Bound::about, 16000, 16000, 1000});
  EXPECT_DOUBLE_EQ(about.low, 14400);
  EXPECT_DOUBLE_EQ(about.high, 17600);
  const Interval least = admitted_interval({Bound::at_least, 15000, 15000, 1000});
  EXPECT_DOUBLE_EQ(least.low, 15000);
  EXPECT_TRUE(std::isinf(least.high));
  const Interval most = admitted_interval({Bound::at_most, 5000, 5000, 1000});
  EXPECT_DOUBLE_EQ(most.low, 0);
  EXPECT_DOUBLE_EQ(most.high, 5000);
  const Interval range = admitted_interval({Bound::between, 4.2e6, 5.8e6, 1e5});
  EXPECT_DOUBLE_EQ(range.low, 4.15e6);
  EXPECT_DOUBLE_EQ(range.high, 5.85e6);
}

TEST(Check, RoundedLowerBoundIsConsistent) {
  const std::vector<LedgerClaim> claims = {
      from_text(1, 1, "mehr als 15.000 Container", "de"),
      from_text(2, 2, "mehr als 15.800 Container", "de"),
      from_text(3, 3, "some 16,000 containers", "en"),
  };
  const auto findings = check_claims(claims, {});
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].kind, FindingKind::consistent);
  EXPECT_EQ(findings[0].group, "containers");
  EXPECT_EQ(findings[0].claim_ids, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_NE(findings[0].message.find("rounded-down lower bound"), std::string::npos);
}

TEST(Check, DisjointRangesConflict) {
  const std::vector<LedgerClaim> claims = {
      from_text(1, 1, "4,2 bis 5,8 Millionen Granaten", "de"),
      from_text(2, 2, "more than 12 million shells", "en"),
      from_text(3, 3, "5 million munitions", "en"),
  };
  const auto findings = check_claims(claims, {});
  // #1 and #3 agree; #2 disagrees with both: one conflict between the two clusters.
  const auto conflicts = of_kind(findings, FindingKind::conflicting);
  ASSERT_EQ(conflicts.size(), 1U);
  EXPECT_EQ(conflicts[0].claim_ids, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_NE(conflicts[0].message.find("2 disagreeing pairs"), std::string::npos);
  const auto agree = of_kind(findings, FindingKind::consistent);
  ASSERT_EQ(agree.size(), 1U);
  EXPECT_EQ(agree[0].claim_ids, (std::vector<std::int64_t>{1, 3}));
}

TEST(Check, ConflictNamesDifferentPeriods) {
  const std::vector<LedgerClaim> claims = {
      from_text(1, 1, "zwischen August 2023 und März 2025 rund 16.000 Container", "de"),
      from_text(2, 2, "about 28,000 containers by July 2025", "en"),
  };
  const auto conflicts = of_kind(check_claims(claims, {}), FindingKind::conflicting);
  ASSERT_EQ(conflicts.size(), 1U);
  EXPECT_NE(conflicts[0].message.find("different periods: 2023-08..2025-03 vs ?..2025-07"),
            std::string::npos)
      << conflicts[0].message;
}

TEST(Check, ChangedCategoryKilledVersusKilledOrWounded) {
  const std::vector<LedgerClaim> claims = {
      from_text(1, 1, "4.000 bis 5.000 Soldaten sollen gefallen oder verletzt worden sein", "de"),
      from_text(2, 1, "Bis zu 5.000 Soldaten gefallen", "de", Placement::teaser),
      from_text(3, 2, "600 killed", "en"),
  };
  const auto changed = of_kind(check_claims(claims, {}), FindingKind::changed_category);
  ASSERT_EQ(changed.size(), 1U);
  EXPECT_EQ(changed[0].claim_ids, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(changed[0].group, "soldiers");
}

TEST(Check, LostHedgeAndSourceInTheHeadline) {
  const std::vector<LedgerClaim> claims = {
      from_text(1, 7,
                "Laut Geheimdienst sollen angeblich 5 Millionen Granaten geliefert worden sein",
                "de"),
      from_text(2, 7, "5 Millionen Granaten", "de", Placement::headline),
      from_text(3, 8, "5 Millionen Granaten", "de", Placement::headline),  // another article
  };
  const auto findings = check_claims(claims, {});
  const auto hedge = of_kind(findings, FindingKind::lost_hedge);
  ASSERT_EQ(hedge.size(), 1U);
  EXPECT_EQ(hedge[0].claim_ids, (std::vector<std::int64_t>{1, 2}));
  EXPECT_NE(hedge[0].message.find("angeblich"), std::string::npos);
  const auto source = of_kind(findings, FindingKind::lost_source);
  ASSERT_EQ(source.size(), 1U);
  EXPECT_NE(source[0].message.find("Geheimdienst"), std::string::npos);
}

TEST(Check, HedgedHeadlineKeepsItsHedge) {
  const std::vector<LedgerClaim> claims = {
      from_text(1, 1, "Nordkorea soll 5 Millionen Granaten geliefert haben", "de"),
      from_text(2, 1, "Angeblich 5 Millionen Granaten", "de", Placement::headline),
  };
  EXPECT_TRUE(of_kind(check_claims(claims, {}), FindingKind::lost_hedge).empty());
}

TEST(Check, ComparesWithEstimates) {
  const std::vector<LedgerClaim> claims = {
      from_text(1, 1, "4,2 bis 5,8 Millionen Granaten", "de"),
      from_text(2, 2, "more than 12 million shells", "en"),
      from_text(3, 3, "up to 1.5 million shells", "en"),
      from_text(4, 4, "about 5 million shells", "en"),
  };
  const std::vector<Estimate> estimates = {{"munitions shipped", "rounds", "", 3.9e6, 6.2e6},
                                           {"other unit", "containers", "", 1, 2}};
  const auto findings = check_claims(claims, estimates);
  const auto inside = of_kind(findings, FindingKind::estimate_inside);
  const auto above = of_kind(findings, FindingKind::estimate_above);
  const auto below = of_kind(findings, FindingKind::estimate_below);
  ASSERT_EQ(inside.size(), 2U);
  EXPECT_EQ(inside[0].claim_ids, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(inside[1].claim_ids, (std::vector<std::int64_t>{4}));
  ASSERT_EQ(above.size(), 1U);
  EXPECT_EQ(above[0].claim_ids, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(above[0].estimate, "munitions shipped");
  ASSERT_EQ(below.size(), 1U);
  EXPECT_EQ(below[0].claim_ids, (std::vector<std::int64_t>{3}));
}

TEST(Check, EstimateStraddled) {
  const std::vector<LedgerClaim> claims = {from_text(1, 1, "4-8 million rounds", "en")};
  const auto f = check_claims(claims, {{"e", "rounds", "", 3.9e6, 6.2e6}});
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].kind, FindingKind::estimate_overlaps);
}

TEST(Check, EmptyLedgerHasNoFindings) {
  EXPECT_TRUE(check_claims({}, {}).empty());
}

}  // namespace
}  // namespace darkfleet::claims
