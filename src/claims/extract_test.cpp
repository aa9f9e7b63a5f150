// Extraction rules one at a time: bounds, scales, number words, units, categories, periods,
// sources, hedges, spans. The fixture articles in tests/claims/ check them in combination.
#include "darkfleet/claims/extract.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>

namespace darkfleet::claims {
namespace {

Claim only_claim(std::string_view text, std::string_view lang) {
  const auto claims = extract_from_sentence(text, lang);
  EXPECT_EQ(claims.size(), 1U) << text;
  return claims.empty() ? Claim{} : claims.front();
}

void expect_quantity(const Claim& c, Bound bound, double low, double high, std::string_view unit) {
  EXPECT_EQ(c.quantity.bound, bound) << c.text;
  EXPECT_DOUBLE_EQ(c.quantity.low, low) << c.text;
  EXPECT_DOUBLE_EQ(c.quantity.high, high) << c.text;
  EXPECT_EQ(c.unit, unit) << c.text;
}

// One row per case: a name, the text, its language, and the quantity the extractor must read.
struct QuantityCase {
  const char* name;
  std::string_view text;
  std::string_view lang;
  Bound bound;
  double low;
  double high;
  std::string_view unit;
};

// Every number format and bound phrase, one named test case each.
const QuantityCase k_quantity_cases[] = {
    {"AtLeastPhrases1", "Es waren mehr als 15.000 Container.", "de", Bound::at_least, 15000, 15000,
     "containers"},
    {"AtLeastPhrases2", "Es waren über 15.800 Container.", "de", Bound::at_least, 15800, 15800,
     "containers"},
    {"AtLeastPhrases3", "It moved more than 15,800 containers.", "en", Bound::at_least, 15800,
     15800, "containers"},
    {"AtLeastPhrases4", "at least 64 deliveries", "en", Bound::at_least, 64, 64, "deliveries"},
    {"AtLeastPhrases5", "15.000 Container oder mehr", "de", Bound::at_least, 15000, 15000,
     "containers"},
    {"AtMostPhrases1", "Bis zu 5.000 Soldaten", "de", Bound::at_most, 5000, 5000, "soldiers"},
    {"AtMostPhrases2", "up to 4.8 million shells", "en", Bound::at_most, 4.8e6, 4.8e6, "rounds"},
    // "no more than" must not read as "more than".
    {"AtMostPhrases3", "no more than 600 soldiers", "en", Bound::at_most, 600, 600, "soldiers"},
    {"AtMostPhrases4", "weniger als 10.000 Granaten", "de", Bound::at_most, 10000, 10000, "rounds"},
    {"AboutPhrases1", "rund 16.000 Container", "de", Bound::about, 16000, 16000, "containers"},
    {"AboutPhrases2", "ca. 7.000 Container", "de", Bound::about, 7000, 7000, "containers"},
    {"AboutPhrases3", "some 16,000 containers", "en", Bound::about, 16000, 16000, "containers"},
    {"RangesWithBisAndDashes1", "4.000 bis 5.000 Soldaten", "de", Bound::between, 4000, 5000,
     "soldiers"},
    {"RangesWithBisAndDashes2", "4,2 bis 5,8 Millionen Schuss", "de", Bound::between, 4.2e6, 5.8e6,
     "rounds"},
    {"RangesWithBisAndDashes3", "4,2\u20135,8 Mio. Granaten", "de", Bound::between, 4.2e6, 5.8e6,
     "rounds"},
    {"RangesWithBisAndDashes4", "4-6 million rounds", "en", Bound::between, 4e6, 6e6, "rounds"},
    {"RangesWithBisAndDashes5", "from 4.2 to 5.8 million rounds", "en", Bound::between, 4.2e6,
     5.8e6, "rounds"},
    {"ScaleWords1", "20 Milliarden US-Dollar", "de", Bound::exact, 20e9, 20e9, "usd"},
    {"ScaleWords2", "US$20 bn", "en", Bound::exact, 20e9, 20e9, "usd"},
    {"ScaleWords3", "$20bn", "en", Bound::exact, 20e9, 20e9, "usd"},
    {"ScaleWords4", "$200m", "en", Bound::exact, 200e6, 200e6, "usd"},
    {"ScaleWords5", "20 Mrd. Dollar", "de", Bound::exact, 20e9, 20e9, "usd"},
    {"ScaleWords6", "1,5 Millionen Granaten", "de", Bound::exact, 1.5e6, 1.5e6, "rounds"},
    {"ScaleWords7", "74 Tausend Tonnen", "de", Bound::exact, 74e3, 74e3, "tonnes"},
    {"ScaleWords8", "74 thousand tonnes", "en", Bound::exact, 74e3, 74e3, "tonnes"},
    // German "Billion" is 10^12, English "billion" 10^9.
    {"ScaleWords9", "8 Billionen Won", "de", Bound::exact, 8e12, 8e12, "krw"},
    {"ScaleWords10", "8 trillion won", "en", Bound::exact, 8e12, 8e12, "krw"},
    {"ScaleWords11", "1.7 billion dollars", "en", Bound::exact, 1.7e9, 1.7e9, "usd"},
    {"CurrencyRangeWithSymbol1", "$5.6\u20139.8 bn", "en", Bound::between, 5.6e9, 9.8e9, "usd"},
    {"CurrencyRangeWithSymbol2", "between $1.7bn and $5.5bn", "en", Bound::between, 1.7e9, 5.5e9,
     "usd"},
    {"CurrencyRangeWithSymbol3", "3,6 Millionen Euro", "de", Bound::exact, 3.6e6, 3.6e6, "eur"},
    {"NumberWords1", "vier Schiffe", "de", Bound::exact, 4, 4, "ships"},
    {"NumberWords2", "four ships", "en", Bound::exact, 4, 4, "ships"},
    {"NumberWords3", "eine Million Granaten", "de", Bound::exact, 1e6, 1e6, "rounds"},
    {"NumberWords4", "zwei Millionen Granaten", "de", Bound::exact, 2e6, 2e6, "rounds"},
    {"NumberWords5", "half a million shells", "en", Bound::exact, 0.5e6, 0.5e6, "rounds"},
    {"NumberWords6", "eine halbe Million Granaten", "de", Bound::exact, 0.5e6, 0.5e6, "rounds"},
    {"PercentAndRates1", "60 Prozent", "de", Bound::exact, 60, 60, "percent"},
    {"PercentAndRates2", "mehr als 75 %", "de", Bound::at_least, 75, 75, "percent"},
    {"PercentAndRates3", "150,000 shells per month", "en", Bound::exact, 150000, 150000,
     "rounds/month"},
    {"ExactEnglishGrouping", "North Korea shipped 15,800 containers.", "en", Bound::exact, 15800,
     15800, "containers"},
    {"NoBreakSpaceGrouping", "15\u00A0800 Container", "de", Bound::exact, 15800, 15800,
     "containers"},
    {"NarrowNoBreakSpaceGrouping", "15\u202F800 containers", "en", Bound::exact, 15800, 15800,
     "containers"},
    {"ApostropheGrouping", "1'000 Soldaten", "de", Bound::exact, 1000, 1000, "soldiers"},
    {"GroupedWithDecimalDe", "1.234,5 Tonnen", "de", Bound::exact, 1234.5, 1234.5, "tonnes"},
    {"GroupedWithDecimalEn", "1,234.5 tonnes", "en", Bound::exact, 1234.5, 1234.5, "tonnes"},
    {"GermanDecimalScale", "4,2 Millionen Schuss", "de", Bound::exact, 4.2e6, 4.2e6, "rounds"},
    {"EnglishDecimalScale", "4.2 million rounds", "en", Bound::exact, 4.2e6, 4.2e6, "rounds"},
    {"UpperCaseBound", "ÜBER 15.800 CONTAINER", "de", Bound::at_least, 15800, 15800, "containers"},
    {"DecomposedUmlautBound", "u\u0308ber 15.800 Container", "de", Bound::at_least, 15800, 15800,
     "containers"},
    {"MindestensBound", "mindestens 64 Lieferungen", "de", Bound::at_least, 64, 64, "deliveries"},
    {"HoechstensBound", "höchstens 600 Soldaten", "de", Bound::at_most, 600, 600, "soldiers"},
    {"EtwaBound", "etwa 11.000 Soldaten", "de", Bound::about, 11000, 11000, "soldiers"},
    {"ApproximatelyBound", "approximately 16,000 containers", "en", Bound::about, 16000, 16000,
     "containers"},
    {"ZwischenUndRange", "zwischen 4.000 und 5.000 Soldaten", "de", Bound::between, 4000, 5000,
     "soldiers"},
    {"VonBisRange", "von 266 bis 367 Granaten", "de", Bound::between, 266, 367, "rounds"},
    // German compounds: the last part names what is counted.
    {"CompoundHeadDeliveries", "64 Munitionslieferungen", "de", Bound::exact, 64, 64, "deliveries"},
    {"CompoundHeadShips", "vier Containerschiffe", "de", Bound::exact, 4, 4, "ships"},
    {"CompoundHeadRounds", "1,5 Millionen Artilleriegranaten", "de", Bound::exact, 1.5e6, 1.5e6,
     "rounds"},
    {"CompoundPrefixRounds", "5 Millionen Munitionseinheiten", "de", Bound::exact, 5e6, 5e6,
     "rounds"},
};

class QuantityRule : public ::testing::TestWithParam<QuantityCase> {};

TEST_P(QuantityRule, ReadsTheQuantity) {
  const QuantityCase& c = GetParam();
  expect_quantity(only_claim(c.text, c.lang), c.bound, c.low, c.high, c.unit);
}

INSTANTIATE_TEST_SUITE_P(Extract, QuantityRule, ::testing::ValuesIn(k_quantity_cases),
                         [](const ::testing::TestParamInfo<QuantityCase>& p) {
                           return std::string(p.param.name);
                         });

TEST(Extract, ExactGermanGrouping) {
  const Claim c = only_claim("Nordkorea lieferte 15.800 Container.", "de");
  expect_quantity(c, Bound::exact, 15800, 15800, "containers");
  EXPECT_DOUBLE_EQ(c.quantity.step, 100);
  EXPECT_EQ(c.text, "15.800 Container");
}

TEST(Extract, AboutPhrases) {
  const Claim est = only_claim("an estimated 5 million munitions", "en");
  expect_quantity(est, Bound::about, 5e6, 5e6, "rounds");
  EXPECT_EQ(est.hedge, "estimated");
}

TEST(Extract, RangesWithBetween) {
  const Claim en = only_claim("between 4.2 and 5.8 million rounds", "en");
  expect_quantity(en, Bound::between, 4.2e6, 5.8e6, "rounds");
  EXPECT_EQ(en.text, "between 4.2 and 5.8 million rounds");
  expect_quantity(only_claim("zwischen 4,2 und 5,8 Millionen Granaten", "de"), Bound::between,
                  4.2e6, 5.8e6, "rounds");
}

TEST(Extract, NumberWords) {
  // An article without a scale is not a number: "ein Schiff" is no claim.
  EXPECT_TRUE(extract_from_sentence("ein Schiff lief aus", "de").empty());
}

TEST(Extract, CasualtyCategoriesStayApart) {
  const Claim both = only_claim(
      "4.000 bis 5.000 nordkoreanische Soldaten sollen gefallen oder verletzt worden sein.", "de");
  expect_quantity(both, Bound::between, 4000, 5000, "soldiers");
  EXPECT_EQ(both.category, "killed_or_wounded");
  EXPECT_EQ(both.hedge, "sollen");
  const Claim killed = only_claim("Bis zu 5.000 Soldaten gefallen", "de");
  EXPECT_EQ(killed.category, "killed");
  EXPECT_EQ(only_claim("600 killed", "en").category, "killed");
  EXPECT_EQ(only_claim("600 Gefallene", "de").unit, "soldiers");
  EXPECT_EQ(only_claim("4,700 casualties", "en").category, "killed_or_wounded");
  EXPECT_EQ(only_claim("about 4,000 killed or wounded", "en").category, "killed_or_wounded");
  EXPECT_EQ(only_claim("2.000 Verwundete", "de").category, "wounded");
  EXPECT_EQ(only_claim("4.000 Tote und Verletzte", "de").category, "killed_or_wounded");
  EXPECT_EQ(only_claim("11.000 Soldaten entsandt", "de").category, "");
}

TEST(Extract, TwoFiguresTwoCategories) {
  const auto claims = extract_from_sentence("600 killed and 4,100 wounded", "en");
  ASSERT_EQ(claims.size(), 2U);
  EXPECT_EQ(claims[0].category, "killed");
  EXPECT_EQ(claims[1].category, "wounded");
}

TEST(Extract, TimeSpans) {
  const Claim de =
      only_claim("Zwischen August 2023 und März 2025 lieferte Nordkorea 15.800 Container.", "de");
  ASSERT_TRUE(de.span.has_value());
  EXPECT_EQ(de.span->from, "2023-08");
  EXPECT_EQ(de.span->to, "2025-03");
  const Claim en = only_claim("64 deliveries from Sep 2023 to March 2025", "en");
  ASSERT_TRUE(en.span.has_value());
  EXPECT_EQ(en.span->from, "2023-09");
  EXPECT_EQ(en.span->to, "2025-03");
  const Claim since = only_claim("more than 13,000 containers since mid-2022", "en");
  ASSERT_TRUE(since.span.has_value());
  EXPECT_EQ(since.span->from, "2022");
  EXPECT_EQ(since.span->to, "");
  const Claim dash = only_claim("Aug 2023 \u2013 Mar 2025: 64 Lieferungen", "de");
  ASSERT_TRUE(dash.span.has_value());
  EXPECT_EQ(dash.span->from, "2023-08");
}

TEST(Extract, DatesAndYearsAreNotClaims) {
  EXPECT_TRUE(extract_from_sentence("Am 12. März 2024 lief die Lady R aus.", "de").empty());
  EXPECT_TRUE(extract_from_sentence("On March 12, 2024 the Lady R left.", "en").empty());
  EXPECT_TRUE(extract_from_sentence("Im Jahr 2024 geschah das.", "de").empty());
}

TEST(Extract, LabelsAndCalibresAreNotClaims) {
  const auto claims = extract_from_sentence("3 million 152 mm rounds and the Maia-1", "en");
  ASSERT_EQ(claims.size(), 1U);
  expect_quantity(claims[0], Bound::exact, 3e6, 3e6, "rounds");
  expect_quantity(only_claim("15.800 20-Fuß-Container", "de"), Bound::exact, 15800, 15800,
                  "containers");
  EXPECT_TRUE(extract_from_sentence("Resolution 2270 gilt.", "de").empty());
}

TEST(Extract, UnitNamedBeforeTheFigure) {
  const Claim en = only_claim(
      "South Korean officials earlier put the number of containers at about 7,000 as of March "
      "2024.",
      "en");
  EXPECT_EQ(en.unit, "containers");
  EXPECT_EQ(en.quantity.bound, Bound::about);
  EXPECT_EQ(en.text, "about 7,000");
  EXPECT_EQ(en.source, "South Korean officials");
  ASSERT_TRUE(en.span.has_value());
  EXPECT_EQ(en.span->to, "2024-03");
  EXPECT_EQ(only_claim("Die Zahl der Container stieg auf rund 7.000.", "de").unit, "containers");
}

TEST(Extract, NumbersWithoutUnitAreNotClaims) {
  EXPECT_TRUE(extract_from_sentence("Kapitel 3 und Seite 12 und die Zahl 42.", "de").empty());
}

TEST(Extract, SourcesAtSentenceStart) {
  EXPECT_EQ(
      only_claim("Laut KIDA verdiente Nordkorea mehr als 20 Milliarden US-Dollar.", "de").source,
      "KIDA");
  EXPECT_EQ(only_claim("According to the Open Source Centre, North Korea shipped 15,800 "
                       "containers.",
                       "en")
                .source,
            "Open Source Centre");
  EXPECT_EQ(only_claim("Wie eine Untersuchung des Open Source Centre zeigt, lieferte Nordkorea "
                       "15.800 Container.",
                       "de")
                .source,
            "Open Source Centre");
  EXPECT_EQ(only_claim("A study by the Korea Institute for Defense Analyses shows that North "
                       "Korea earned $20bn.",
                       "en")
                .source,
            "Korea Institute for Defense Analyses");
  EXPECT_EQ(only_claim("Nach Angaben des südkoreanischen Verteidigungsministeriums gingen "
                       "6.700 Container nach Russland.",
                       "de")
                .source,
            "südkoreanischen Verteidigungsministeriums");
}

TEST(Extract, SourcesAtSentenceEnd) {
  EXPECT_EQ(only_claim("Nordkorea lieferte 15.800 Container, berichten südkoreanische "
                       "Geheimdienste.",
                       "de")
                .source,
            "südkoreanische Geheimdienste");
  EXPECT_EQ(only_claim("North Korea sent 64 shipments, Reuters reported.", "en").source, "Reuters");
  EXPECT_EQ(only_claim("About 600 soldiers were killed, the spy agency said.", "en").source,
            "spy agency");
  EXPECT_EQ(only_claim("Rund 600 Soldaten sind gefallen, so der Geheimdienst NIS.", "de").source,
            "Geheimdienst NIS");
}

TEST(Extract, SourceInTheNextSentence) {
  Article article;
  article.language = "de";
  Block block;
  block.text =
      "Angeblich hat Nordkorea rund 12 Millionen Granaten geliefert. Das berichtet der "
      "südkoreanische Militärgeheimdienst. Danach kamen 64 Lieferungen. Das ist viel.";
  article.blocks.push_back(block);
  const auto claims = extract_claims(article);
  ASSERT_EQ(claims.size(), 2U);
  EXPECT_EQ(claims[0].source, "südkoreanische Militärgeheimdienst");
  EXPECT_EQ(claims[1].source, "");  // "Das ist viel." attributes nothing
}

TEST(Extract, HedgesAreKeptAsWritten) {
  EXPECT_EQ(only_claim("Angeblich wurden 5 Millionen Granaten geliefert.", "de").hedge,
            "Angeblich");
  EXPECT_EQ(only_claim("North Korea reportedly shipped 5 million shells.", "en").hedge,
            "reportedly");
  EXPECT_EQ(only_claim("It allegedly sent 10,000 troops.", "en").hedge, "allegedly");
  EXPECT_EQ(only_claim("Nordkorea lieferte 15.800 Container.", "de").hedge, "");
}

TEST(Extract, SpanIsTheExactText) {
  const std::string text = "Demnach sollen mehr als 15.800 Container verschifft worden sein.";
  const Claim c = only_claim(text, "de");
  EXPECT_EQ(c.text, "mehr als 15.800 Container");
  EXPECT_EQ(text.substr(c.begin_byte, c.end_byte - c.begin_byte), c.text);
}

TEST(Extract, OverflowingFiguresAreDropped) {
  // 300 digits times 10^12 is not a finite double: no claim rather than an infinite one.
  const std::string huge = std::string(300, '9') + " Billionen Won";
  EXPECT_TRUE(extract_from_sentence(huge, "de").empty());
  const std::string range = "1 bis " + std::string(300, '9') + " Billionen Won";
  for (const auto& c : extract_from_sentence(range, "de")) {
    EXPECT_TRUE(std::isfinite(c.quantity.low) && std::isfinite(c.quantity.high));
  }
}

}  // namespace
}  // namespace darkfleet::claims
