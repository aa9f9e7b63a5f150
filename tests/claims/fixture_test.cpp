// The hand-written articles in articles/: each must yield exactly its expected claims
// (NAME.expected.json), and the four together exactly the findings in findings.expected.json.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "darkfleet/claims/article.hpp"
#include "darkfleet/claims/check.hpp"
#include "darkfleet/claims/estimates.hpp"
#include "darkfleet/claims/extract.hpp"

namespace darkfleet::claims {
namespace {

const std::string k_dir = DARKFLEET_CLAIMS_ARTICLES;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string stem(const std::string& file) {
  return file.substr(0, file.rfind('.'));
}

std::vector<Claim> extract_file(const std::string& file, Article* article_out = nullptr) {
  const auto article = parse_article(slurp(k_dir + "/" + file));
  EXPECT_TRUE(article.has_value()) << file;
  if (!article) return {};
  if (article_out != nullptr) *article_out = *article;
  return extract_claims(*article);
}

class ArticleFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ArticleFixture, YieldsExactlyTheExpectedClaims) {
  const std::string file = GetParam();
  const std::string bytes = slurp(k_dir + "/" + file);
  Article article;
  const auto claims = extract_file(file, &article);
  const auto expected = nlohmann::json::parse(slurp(k_dir + "/" + stem(file) + ".expected.json"));
  EXPECT_EQ(article.language, expected["language"].get<std::string>());
  EXPECT_EQ(article.title, expected["title"].get<std::string>());
  const auto& want = expected["claims"];
  ASSERT_EQ(claims.size(), want.size()) << file;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const Claim& c = claims[i];
    const auto& w = want[i];
    SCOPED_TRACE(file + " claim " + std::to_string(i) + ": " + c.text);
    EXPECT_EQ(c.text, w["text"].get<std::string>());
    EXPECT_EQ(to_string(c.placement), w["placement"].get<std::string>());
    EXPECT_EQ(to_string(c.quantity.bound), w["bound"].get<std::string>());
    EXPECT_DOUBLE_EQ(c.quantity.low, w["low"].get<double>());
    EXPECT_DOUBLE_EQ(c.quantity.high, w["high"].get<double>());
    EXPECT_EQ(c.unit, w["unit"].get<std::string>());
    EXPECT_EQ(c.category, w.value("category", ""));
    EXPECT_EQ(c.source, w.value("source", ""));
    EXPECT_EQ(c.hedge, w.value("hedge", ""));
    EXPECT_EQ(c.span.has_value(), w.contains("from"));
    if (c.span && w.contains("from")) {
      EXPECT_EQ(c.span->from, w["from"].get<std::string>());
      EXPECT_EQ(c.span->to, w["to"].get<std::string>());
    }
    // The span points at the claim in the file: verbatim in text files, entity-encoded in HTML.
    ASSERT_LT(c.begin_byte, c.end_byte);
    ASSERT_LE(c.end_byte, bytes.size());
    if (!article.html) {
      EXPECT_EQ(bytes.substr(c.begin_byte, c.end_byte - c.begin_byte), c.text);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Claims, ArticleFixture,
                         ::testing::Values("de_nachrichten_munition.txt", "en_wire_report.txt",
                                           "de_boulevard.html", "en_thinktank_brief.html"),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           return stem(p.param);
                         });

using FindingKey = std::tuple<std::string, std::string, std::vector<std::string>>;

std::string show(const FindingKey& k) {
  std::string s = std::get<0>(k) + " " + std::get<1>(k) + ":";
  for (const auto& r : std::get<2>(k)) s += " " + r;
  return s;
}

TEST(ClaimsFixtures, LedgerOfAllArticlesGivesTheExpectedFindings) {
  const auto expected = nlohmann::json::parse(slurp(k_dir + "/findings.expected.json"));
  std::vector<LedgerClaim> ledger;
  std::map<std::int64_t, std::string> ref_of_id;
  std::int64_t article_id = 0;
  for (const auto& file_json : expected["articles"]) {
    const std::string file = file_json.get<std::string>();
    ++article_id;
    const auto claims = extract_file(file);
    for (std::size_t i = 0; i < claims.size(); ++i) {
      LedgerClaim lc;
      lc.id = static_cast<std::int64_t>(ledger.size()) + 1;
      lc.article_id = article_id;
      lc.claim = claims[i];
      ref_of_id[lc.id] = stem(file) + "#" + std::to_string(i);
      ledger.push_back(std::move(lc));
    }
  }
  const auto estimates = read_estimates_file(k_dir + "/estimates.json");
  std::multiset<FindingKey> got;
  for (const auto& f : check_claims(ledger, estimates)) {
    std::vector<std::string> refs;
    for (const auto id : f.claim_ids) refs.push_back(ref_of_id.at(id));
    std::sort(refs.begin(), refs.end());
    got.insert({std::string(to_string(f.kind)), f.group, refs});
    EXPECT_FALSE(f.message.empty());
  }
  std::multiset<FindingKey> want;
  for (const auto& f : expected["findings"]) {
    auto refs = f["claims"].get<std::vector<std::string>>();
    std::sort(refs.begin(), refs.end());
    want.insert({f["kind"].get<std::string>(), f["group"].get<std::string>(), refs});
  }
  for (const auto& k : want) {
    EXPECT_EQ(got.count(k), want.count(k)) << "expected finding: " << show(k);
  }
  for (const auto& k : got) {
    EXPECT_EQ(want.count(k), got.count(k)) << "unexpected finding: " << show(k);
  }
}

}  // namespace
}  // namespace darkfleet::claims
