#include "tokenizer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sentences.hpp"

namespace darkfleet::claims::detail {
namespace {

TEST(Tokenizer, WordsNumbersAndPunctuationWithOffsets) {
  const std::string text = "Mehr als 15.800 Container.";
  const auto t = tokenize(text);
  ASSERT_EQ(t.size(), 5U);
  EXPECT_EQ(t[0].folded, "mehr");
  EXPECT_TRUE(t[0].capitalized);
  EXPECT_EQ(t[2].kind, TokenKind::number);
  EXPECT_EQ(t[2].folded, "15.800");
  EXPECT_EQ(text.substr(t[2].begin, t[2].end - t[2].begin), "15.800");
  EXPECT_EQ(t[4].kind, TokenKind::punct);
  EXPECT_EQ(t[4].folded, ".");
}

TEST(Tokenizer, FoldsCaseAndNormalisesUnicode) {
  // Upper case, decomposed umlaut (u + U+0308) and sharp s all fold to one form.
  const auto a = tokenize("ÜBER");
  const auto b = tokenize("u\u0308ber");
  const auto c = tokenize("über");
  ASSERT_EQ(a.size(), 1U);
  ASSERT_EQ(b.size(), 1U);
  EXPECT_EQ(a[0].folded, c[0].folded);
  EXPECT_EQ(b[0].folded, c[0].folded);
  EXPECT_EQ(fold("Größe"), fold("GRÖSSE"));
}

std::vector<std::string> folded(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(text)) out.push_back(t.folded);
  return out;
}

using Words = std::vector<std::string>;

TEST(Tokenizer, DashesFoldToHyphenAndNumbersEndBeforeThem) {
  EXPECT_EQ(folded("4,2\u20135,8"), (Words{"4,2", "-", "5,8"}));
  EXPECT_EQ(folded("4\u2014 6"), (Words{"4", "-", "6"}));
}

TEST(Tokenizer, TrailingSeparatorIsPunctuation) {
  EXPECT_EQ(folded("2023, 15.800."), (Words{"2023", ",", "15.800", "."}));
}

TEST(Tokenizer, InvalidUtf8SeparatesTokens) {
  const auto t = tokenize(
      "abc\xFF\xFE"
      "def");
  EXPECT_EQ(folded("abc\xFF\xFE"
                   "def"),
            (Words{"abc", "def"}));
  ASSERT_EQ(t.size(), 2U);
  EXPECT_EQ(t[1].begin, 5U);
}

TEST(Sentences, AbbreviationsAndOrdinalsDoNotEndASentence) {
  const auto t = tokenize("Am 12. März lieferte es ca. 5 Mio. Granaten. Danach kam nichts.");
  const auto s = split_sentences(t);
  ASSERT_EQ(s.size(), 2U);
  EXPECT_EQ(t[s[1].begin].folded, "danach");
}

TEST(Sentences, OverlongRunsAreCut) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "wort ";
  const auto s = split_sentences(tokenize(text));
  ASSERT_GE(s.size(), 5U);
  for (const auto& r : s) EXPECT_LE(r.end - r.begin, k_max_sentence_tokens);
}

}  // namespace
}  // namespace darkfleet::claims::detail
