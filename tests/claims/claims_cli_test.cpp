// `darkfleet claims` end to end: the real binary on the fixture articles, a fresh ledger per
// test, exit codes and messages a user sees.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "binary_runner.hpp"

namespace {

namespace fs = std::filesystem;

using darkfleet::test::RunResult;

class ClaimsCli : public darkfleet::test::BinaryTest {
 protected:
  ClaimsCli() : BinaryTest(DARKFLEET_BINARY, "darkfleet_claims_cli_") {}

  static std::string article(const std::string& name) {
    return std::string("'") + DARKFLEET_CLAIMS_ARTICLES + "/" + name + "'";
  }
};

TEST_F(ClaimsCli, AddListCheck) {
  RunResult r =
      run("claims add " + article("de_nachrichten_munition.txt") +
          " --db ledger.db --publisher Tagesblatt --date 2025-04-16 --url https://example.org/a");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("9 claims"), std::string::npos) << r.err;
  r = run("claims add " + article("de_boulevard.html") + " --db ledger.db --publisher Boulevard");
  ASSERT_EQ(r.exit_code, 0) << r.err;

  r = run("claims list --db ledger.db --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["id"], n + 1);
    EXPECT_TRUE(j.contains("bound") && j.contains("unit") && j.contains("text"));
    ++n;
  }
  EXPECT_EQ(n, 16);

  r = run("claims check --db ledger.db");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("[changed_category] soldiers:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[lost_hedge] rounds:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[conflicting] rounds:"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("16 claims, 0 estimates"), std::string::npos) << r.err;
}

TEST_F(ClaimsCli, CheckWithEstimatesFile) {
  ASSERT_EQ(run("claims add " + article("en_thinktank_brief.html") + " --db l.db").exit_code, 0);
  const RunResult r =
      run("claims check --db l.db -f json --estimates " + article("estimates.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  bool above = false;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    if (j["kind"] == "estimate_above" && j["group"] == "rounds") above = true;
  }
  EXPECT_TRUE(above) << r.out;
}

TEST_F(ClaimsCli, SameArticleTwiceIsAddedOnce) {
  ASSERT_EQ(run("claims add " + article("en_wire_report.txt") + " --db l.db").exit_code, 0);
  const RunResult again = run("claims add " + article("en_wire_report.txt") + " --db l.db");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find("already in the ledger as article 1"), std::string::npos) << again.err;
}

TEST_F(ClaimsCli, ExtractNeedsNoLedger) {
  const RunResult r = run("claims extract " + article("en_wire_report.txt"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"more than 15,800 containers\""), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(m_dir / "darkfleet.db"));
}

TEST_F(ClaimsCli, BadArticlesGiveOneClearError) {
  std::ofstream(m_dir / "empty.txt").close();
  std::ofstream(m_dir / "huge.txt").close();
  std::ofstream(m_dir / "binary.bin", std::ios::binary) << std::string(
      "\x7f"
      "ELF\0\0\0",
      7);
  {
    std::ofstream big(m_dir / "big.txt", std::ios::binary);
    const std::string line(1023, 'x');
    for (int i = 0; i < 2048; ++i) big << line << '\n';  // 2 MiB
  }
  // 50 MB (sparse): refused after reading the first 16 MiB + 1 bytes.
  fs::resize_file(m_dir / "huge.txt", 0);
  fs::resize_file(m_dir / "huge.txt", std::uintmax_t{50} << 20);
  RunResult r = run("claims extract huge.txt");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("huge.txt: article_too_large"), std::string::npos) << r.err;
  r = run("claims add empty.txt --db l.db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("empty.txt: empty_article"), std::string::npos) << r.err;
  r = run("claims add binary.bin --db l.db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("binary_article"), std::string::npos) << r.err;
  r = run("claims extract big.txt --max-bytes 1000000");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("article_too_large"), std::string::npos) << r.err;
  r = run("claims add missing.txt --db l.db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing.txt: cannot open"), std::string::npos) << r.err;
  r = run("claims check --db l.db --estimates missing.json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing.json"), std::string::npos) << r.err;
}

TEST_F(ClaimsCli, UsageErrors) {
  EXPECT_EQ(run("claims").exit_code, 2);
  EXPECT_EQ(run("claims add").exit_code, 2);
  EXPECT_EQ(run("claims list --format xml").exit_code, 2);
  const RunResult help = run("claims --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("check"), std::string::npos);
  const RunResult man = run("help claims");
  EXPECT_EQ(man.exit_code, 0);
  EXPECT_NE(man.out.find("# darkfleet-claims(1)"), std::string::npos);
}

}  // namespace
