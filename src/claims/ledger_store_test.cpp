#include "darkfleet/claims/ledger_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "darkfleet/claims/extract.hpp"

namespace darkfleet::claims {
namespace {

namespace fs = std::filesystem;

class LedgerStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = fs::temp_directory_path() /
             ("darkfleet_ledger_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    remove_files();
  }
  void TearDown() override { remove_files(); }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(m_path.string() + suffix);
  }
  fs::path m_path;
};

TEST_F(LedgerStoreTest, RoundTripsArticlesAndClaims) {
  const auto claims = extract_from_sentence(
      "Laut KIDA sollen zwischen August 2023 und März 2025 mehr als 15.800 Container und "
      "4,2 bis 5,8 Millionen Granaten geliefert worden sein.",
      "de");
  ASSERT_EQ(claims.size(), 2U);
  ArticleRecord rec{0,
                    "a.txt",
                    "Zeitung",
                    "2025-04-15",
                    "https://example.org/a",
                    "Titel",
                    "de",
                    content_hash("bytes")};
  std::int64_t id = 0;
  {
    LedgerStore store(m_path.string());
    EXPECT_FALSE(store.find_article(rec.content_hash));
    id = store.add_article(rec, claims);
    EXPECT_EQ(store.find_article(rec.content_hash), id);
  }
  LedgerStore again(m_path.string());  // reopening runs the DDL again: idempotent
  const auto articles = again.articles();
  ASSERT_EQ(articles.size(), 1U);
  EXPECT_EQ(articles[0].publisher, "Zeitung");
  EXPECT_EQ(articles[0].url, "https://example.org/a");
  const auto stored = again.claims();
  ASSERT_EQ(stored.size(), 2U);
  EXPECT_EQ(stored[0].article_id, id);
  EXPECT_EQ(stored[0].publisher, "Zeitung");
  for (std::size_t i = 0; i < 2; ++i) {
    const Claim& a = claims[i];
    const Claim& b = stored[i].claim;
    EXPECT_EQ(a.text, b.text);
    EXPECT_EQ(a.quantity.bound, b.quantity.bound);
    EXPECT_DOUBLE_EQ(a.quantity.low, b.quantity.low);
    EXPECT_DOUBLE_EQ(a.quantity.high, b.quantity.high);
    EXPECT_DOUBLE_EQ(a.quantity.step, b.quantity.step);
    EXPECT_EQ(a.unit, b.unit);
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.hedge, b.hedge);
    ASSERT_TRUE(b.span.has_value());
    EXPECT_EQ(a.span->from, b.span->from);
    EXPECT_EQ(a.begin_byte, b.begin_byte);
  }
  EXPECT_TRUE(again.estimates().empty());
}

TEST_F(LedgerStoreTest, SameContentIsRefusedByTheSchema) {
  LedgerStore store(m_path.string());
  ArticleRecord rec;
  rec.path = "a.txt";
  rec.content_hash = content_hash("x");
  store.add_article(rec, {});
  EXPECT_THROW(store.add_article(rec, {}), std::runtime_error);
  EXPECT_EQ(store.articles().size(), 1U);  // the failed transaction left nothing behind
}

TEST_F(LedgerStoreTest, ReadsAnEstimatesTableWhenPresent) {
  { LedgerStore store(m_path.string()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(m_path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE estimates (name TEXT, unit TEXT, category TEXT, low REAL, "
                         "high REAL); INSERT INTO estimates VALUES ('rounds', 'rounds', '', "
                         "3.9e6, 6.2e6), ('broken', 'rounds', '', 5, 1);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  LedgerStore store(m_path.string());
  const auto e = store.estimates();
  ASSERT_EQ(e.size(), 1U);  // the row with low > high is skipped
  EXPECT_DOUBLE_EQ(e[0].low, 3.9e6);
}

TEST_F(LedgerStoreTest, AnEstimatesTableOfAnotherShapeIsIgnored) {
  { LedgerStore store(m_path.string()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(m_path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE estimates (id INTEGER, value REAL)", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  LedgerStore store(m_path.string());
  EXPECT_TRUE(store.estimates().empty());
}

TEST_F(LedgerStoreTest, UnusableFilesThrowWithTheirName) {
  EXPECT_THROW(LedgerStore("/nonexistent-dir/ledger.db"), std::runtime_error);
  {
    std::FILE* f = std::fopen(m_path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not an sqlite database, just text that is long enough......", f);
    std::fclose(f);
  }
  try {
    LedgerStore store(m_path.string());
    FAIL() << "a text file was accepted as a ledger";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(m_path.string()), std::string::npos);
  }
}

TEST(ContentHash, DiffersForDifferentBytes) {
  EXPECT_EQ(content_hash("abc"), content_hash("abc"));
  EXPECT_NE(content_hash("abc"), content_hash("abd"));
  EXPECT_EQ(content_hash("").size(), 16U);
}

}  // namespace
}  // namespace darkfleet::claims
