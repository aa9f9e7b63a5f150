#include "darkfleet/claims/estimates.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace darkfleet::claims {
namespace {

TEST(Estimates, ArrayOrObject) {
  const auto a = parse_estimates_json(
      R"([{"name": "rounds shipped", "unit": "rounds", "low": 3.9e6, "high": 6.2e6}])");
  ASSERT_EQ(a.size(), 1U);
  EXPECT_EQ(a[0].name, "rounds shipped");
  EXPECT_EQ(a[0].category, "");
  EXPECT_DOUBLE_EQ(a[0].high, 6.2e6);
  const auto b = parse_estimates_json(
      R"({"estimates": [{"name": "k", "unit": "soldiers", "category": "killed", "low": 1, "high": 2}]})");
  ASSERT_EQ(b.size(), 1U);
  EXPECT_EQ(b[0].category, "killed");
}

TEST(Estimates, BadEntriesAreNamed) {
  try {
    parse_estimates_json(R"([{"name": "a", "unit": "u", "low": 1, "high": 2},
                             {"name": "b", "unit": "u", "low": 3, "high": 2}])");
    FAIL() << "low > high accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("entry 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_estimates_json("{"), std::runtime_error);
  EXPECT_THROW(parse_estimates_json(R"({"x": 1})"), std::runtime_error);
  EXPECT_THROW(parse_estimates_json(R"([{"name": "a", "unit": "u", "low": "1", "high": 2}])"),
               std::runtime_error);
  EXPECT_THROW(read_estimates_file("/nonexistent/estimates.json"), std::runtime_error);
}

}  // namespace
}  // namespace darkfleet::claims
