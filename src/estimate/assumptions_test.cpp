#include "darkfleet/estimate/assumptions.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace darkfleet::estimate {
namespace {

/// The message parse() throws for `text`, or "" when it does not throw.
std::string error_of(const std::string& text) {
  try {
    Assumptions::parse(text, "estimate.toml");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(Assumptions, FixedUniformAndTriangular) {
  const auto a = Assumptions::parse(R"(
[[assumptions]]
id = "mass"
value = 43.56
unit = "kg"
kind = "reported"
source = "owner/repo:path"

[[assumptions]]
id = "share"
low = 0.6
high = 1.0
unit = "1"
kind = "assumption"

[[assumptions]]
id = "payload"
low = 18.0
mode = 21.8
high = 28.2
unit = "t"
kind = "derived"
source = "MUNITIONS.md 1.2"
note = "rated gross - tare"
)",
                                    "estimate.toml");
  ASSERT_EQ(a.all().size(), 3U);
  EXPECT_EQ(a.at("mass").shape, Shape::fixed);
  EXPECT_DOUBLE_EQ(a.at("mass").at_quantile(0.9), 43.56);
  EXPECT_EQ(a.at("share").shape, Shape::uniform);
  EXPECT_DOUBLE_EQ(a.at("share").at_quantile(0.25), 0.7);
  const Assumption& p = a.at("payload");
  EXPECT_EQ(p.shape, Shape::triangular);
  EXPECT_EQ(p.pedigree, Pedigree::derived);
  EXPECT_EQ(p.line, 16);
  EXPECT_DOUBLE_EQ(p.at_quantile(0), 18.0);
  EXPECT_DOUBLE_EQ(p.at_quantile(1), 28.2);
  // the CDF at the mode is (mode - low) / (high - low)
  EXPECT_NEAR(p.at_quantile((21.8 - 18.0) / (28.2 - 18.0)), 21.8, 1e-12);
  EXPECT_EQ(a.index_of("share"), 1U);
  EXPECT_THROW((void)a.at("nothing"), std::runtime_error);
}

TEST(Assumptions, DrawsAreTheSameForASeed) {
  std::mt19937_64 a(7);
  std::mt19937_64 b(7);
  for (int i = 0; i < 100; ++i) {
    const double u = unit_uniform(a);
    EXPECT_EQ(u, unit_uniform(b));
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

TEST(Assumptions, BadFilesSayWhatIsWrongAndWhere) {
  const std::string head = "[[assumptions]]\nid = \"x\"\nunit = \"kg\"\n";
  EXPECT_NE(error_of(head + "kind = \"reported\"\nvalue = 1\n").find("source is missing"),
            std::string::npos);
  EXPECT_NE(error_of(head + "kind = \"guess\"\nvalue = 1\n").find("kind 'guess'"),
            std::string::npos);
  EXPECT_NE(error_of(head + "kind = \"assumption\"\nlow = 2\nmode = 1\nhigh = 3\n")
                .find("low <= mode <= high"),
            std::string::npos);
  EXPECT_NE(
      error_of(head + "kind = \"assumption\"\nlow = 3\nhigh = 2\n").find("low <= mode <= high"),
      std::string::npos);
  EXPECT_NE(error_of(head + "kind = \"assumption\"\nvalue = 1\nlow = 0\n").find("either value"),
            std::string::npos);
  EXPECT_NE(error_of(head + "kind = \"assumption\"\nlow = 1\n").find("needs value"),
            std::string::npos);
  EXPECT_NE(error_of(head + "kind = \"assumption\"\nvalue = \"ten\"\n").find("must be a number"),
            std::string::npos);
  EXPECT_NE(error_of(head + "kind = \"assumption\"\nvalue = 1\n" + head +
                     "kind = \"assumption\"\nvalue = 2\n")
                .find("defined twice (first on line 1)"),
            std::string::npos);
  EXPECT_NE(error_of("[[assumptions]]\nid = \"x\"\nkind = \"assumption\"\nvalue = 1\n")
                .find("unit is missing"),
            std::string::npos);
  EXPECT_NE(error_of("title = 1\n").find("no [[assumptions]]"), std::string::npos);
  const std::string broken = error_of("[[assumptions]\n");
  EXPECT_EQ(broken.rfind("estimate.toml:1:", 0), 0U) << broken;
}

TEST(Assumptions, EmpiricalFollowsItsValues) {
  const auto a = Assumption::empirical("containers", {30, 10, 20, 40}, "containers",
                                       Pedigree::derived, "evidence", "");
  EXPECT_EQ(a.shape, Shape::empirical);
  EXPECT_DOUBLE_EQ(a.low, 10);
  EXPECT_DOUBLE_EQ(a.high, 40);
  EXPECT_DOUBLE_EQ(a.mode, 25);  // the median of 10 20 30 40
  EXPECT_DOUBLE_EQ(a.at_quantile(0), 10);
  EXPECT_DOUBLE_EQ(a.at_quantile(1.0 / 3), 20);
  EXPECT_DOUBLE_EQ(a.at_quantile(0.5), 25);
  EXPECT_DOUBLE_EQ(a.at_quantile(1), 40);
  EXPECT_THROW(Assumption::empirical("x", {}, "1", Pedigree::derived, "", ""),
               std::invalid_argument);
}

TEST(Assumptions, ReplaceKeepsThePlaceAndRefusesUnknownIds) {
  auto all = Assumptions::parse(R"(
[[assumptions]]
id = "a"
value = 1
unit = "1"
kind = "assumption"

[[assumptions]]
id = "containers"
low = 15800
high = 16000
unit = "containers"
kind = "assumption"
)", "estimate.toml");
  all.replace(Assumption::empirical("containers", {100, 200}, "containers", Pedigree::derived,
                                    "evidence", ""));
  EXPECT_EQ(all.index_of("containers"), 1U);
  EXPECT_EQ(all.at("containers").shape, Shape::empirical);
  EXPECT_EQ(all.at("containers").line, 8);
  EXPECT_DOUBLE_EQ(all.at("containers").at_quantile(0.5), 150);
  EXPECT_THROW(all.replace(Assumption::empirical("b", {1}, "1", Pedigree::derived, "", "")),
               std::invalid_argument);
}

}  // namespace
}  // namespace darkfleet::estimate
