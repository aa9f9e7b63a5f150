// Every way German and English writers put digits on paper, and the ways that are not numbers.
#include "number_format.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace darkfleet::claims::detail {
namespace {

void expect_number(std::string_view raw, Language lang, double value, double step) {
  const auto n = parse_written_number(raw, lang);
  ASSERT_TRUE(n.has_value()) << raw;
  EXPECT_DOUBLE_EQ(n->value, value) << raw;
  EXPECT_DOUBLE_EQ(n->step, step) << raw;
}

struct NumberCase {
  std::string_view raw;
  Language lang;
  double value;
  double step;
};

void expect_numbers(std::initializer_list<NumberCase> cases) {
  for (const auto& c : cases) expect_number(c.raw, c.lang, c.value, c.step);
}

TEST(NumberFormat, PlainIntegerAndItsRoundingStep) {
  expect_numbers({
      {"64", Language::de, 64, 1},
      {"600", Language::en, 600, 100},
      {"2023", Language::de, 2023, 1},
      {"0", Language::de, 0, 1},
  });
  EXPECT_TRUE(parse_written_number("64", Language::de)->is_plain_integer);
  EXPECT_FALSE(parse_written_number("15.800", Language::de)->is_plain_integer);
}

TEST(NumberFormat, GermanDotGroupsThousands) {
  expect_numbers({
      {"15.800", Language::de, 15800, 100},
      {"16.000", Language::de, 16000, 1000},
      {"1.234.567", Language::de, 1234567, 1},
  });
}

TEST(NumberFormat, EnglishCommaGroupsThousands) {
  expect_numbers({
      {"15,800", Language::en, 15800, 100},
      {"1,234,567", Language::en, 1234567, 1},
  });
}

TEST(NumberFormat, GermanCommaAndEnglishDotMarkDecimals) {
  expect_numbers({
      {"4,2", Language::de, 4.2, 0.1},
      {"5,85", Language::de, 5.85, 0.01},
      {"4.2", Language::en, 4.2, 0.1},
      {"9.8", Language::en, 9.8, 0.1},
  });
}

TEST(NumberFormat, AmbiguousThreeDigitsFollowTheLanguage) {
  expect_numbers({
      {"15.800", Language::en, 15.8, 0.001},  // three decimals written
      {"15,800", Language::de, 15.8, 0.001},
  });
}

TEST(NumberFormat, MarksThatCannotGroupAreDecimals) {
  // Not three digits after the mark, a lone zero before it, or four digits before it.
  expect_numbers({
      {"4,25", Language::en, 4.25, 0.01},
      {"1.5", Language::de, 1.5, 0.1},
      {"0,500", Language::de, 0.5, 0.001},
      {"1234.567", Language::de, 1234.567, 0.001},
  });
}

TEST(NumberFormat, BothMarksTheLastIsDecimal) {
  expect_numbers({
      {"1.234,5", Language::de, 1234.5, 0.1},
      {"1,234.5", Language::en, 1234.5, 0.1},
  });
  // Regardless of the article's language: the writer's convention is unambiguous.
  expect_numbers({
      {"1,234.5", Language::de, 1234.5, 0.1},
      {"1.234.567,89", Language::en, 1234567.89, 0.01},
  });
}

TEST(NumberFormat, SpacesAndApostrophesOnlyGroup) {
  expect_numbers({
      {"15\u00A0800", Language::de, 15800, 100},      // no-break space
      {"15\u202F800", Language::en, 15800, 100},      // narrow no-break space
      {"15\u2009800", Language::en, 15800, 100},      // thin space
      {"1'000'000", Language::de, 1000000, 1000000},  // Swiss
      {"1\u2019000", Language::de, 1000, 1000},
      {"1\u00A0234,5", Language::de, 1234.5, 0.1},
  });
  EXPECT_FALSE(parse_written_number("15\u00A080", Language::de));  // a space cannot mark decimals
}

TEST(NumberFormat, MalformedGroupingIsNoNumber) {
  EXPECT_FALSE(parse_written_number("1.23.4", Language::de));
  EXPECT_FALSE(parse_written_number("1,2,3", Language::en));
  EXPECT_FALSE(parse_written_number("1234.567.890", Language::de));
  EXPECT_FALSE(parse_written_number("1.234,5,6", Language::de));
  EXPECT_FALSE(parse_written_number("", Language::de));
  EXPECT_FALSE(parse_written_number(".", Language::de));
}

TEST(NumberFormat, HugeDigitRunsStayFinite) {
  const std::string digits(400, '9');
  EXPECT_FALSE(parse_written_number(digits, Language::de).has_value());
  const std::string many(30, '9');
  const auto n = parse_written_number(many, Language::de);
  ASSERT_TRUE(n.has_value());
  EXPECT_GT(n->value, 1e29);
}

}  // namespace
}  // namespace darkfleet::claims::detail
