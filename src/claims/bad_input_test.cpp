// Hostile input: empty, binary, garbage and enormous articles give an error code or bounded
// work, never a crash.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "darkfleet/claims/article.hpp"
#include "darkfleet/claims/extract.hpp"

namespace darkfleet::claims {
namespace {

TEST(BadInput, EmptyAndBlankArticles) {
  EXPECT_EQ(parse_article("").error(), ErrorCode::empty_article);
  EXPECT_EQ(parse_article(" \n\t\r\n").error(), ErrorCode::empty_article);
  EXPECT_EQ(parse_article("<html><head><script>1</script></head></html>").error(),
            ErrorCode::empty_article);
}

TEST(BadInput, BinaryArticles) {
  EXPECT_EQ(parse_article(std::string("PK\x03\x04\0\0", 6)).error(), ErrorCode::binary_article);
  std::string invalid(1000, '\xFF');
  EXPECT_EQ(parse_article(invalid).error(), ErrorCode::binary_article);
  // A few stray bytes in real text are tolerated.
  EXPECT_TRUE(parse_article("Mehr als 15.800 Container \xFF laut KIDA.").has_value());
}

TEST(BadInput, TooLargeIsRefusedBeforeAnyWork) {
  const std::string big(ArticleLimits{}.max_bytes + 1, 'a');
  EXPECT_EQ(parse_article(big).error(), ErrorCode::article_too_large);
  ArticleLimits small;
  small.max_bytes = 10;
  EXPECT_EQ(parse_article("more than ten bytes", ArticleFormat::automatic, small).error(),
            ErrorCode::article_too_large);
}

TEST(BadInput, RandomBytesNeverCrash) {
  std::mt19937 rng(8);
  std::uniform_int_distribution<int> byte(1, 255);
  for (int round = 0; round < 200; ++round) {
    std::string s(static_cast<std::size_t>(round * 7), ' ');
    for (auto& c : s) c = static_cast<char>(byte(rng));
    const auto a = parse_article(s);
    if (a) (void)extract_claims(*a);
  }
}

TEST(BadInput, NumberSoupAndMarkupSoupStayBounded) {
  // A large article (512 KiB) of numbers, ranges and tags without sentence ends.
  std::string soup;
  while (soup.size() < (std::size_t{512} << 10)) {
    soup += "<p>mehr als 15.800 bis 4,2\u20135,8 Millionen Container zwischen 2023 und <b>";
  }
  const auto start = std::chrono::steady_clock::now();
  const auto a = parse_article(soup);
  ASSERT_TRUE(a.has_value());
  const auto claims = extract_claims(*a);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(claims.size(), 1000U);
  EXPECT_LT(seconds, 30.0);  // linear work: well under a second in release, seconds under ASan
}

}  // namespace
}  // namespace darkfleet::claims
