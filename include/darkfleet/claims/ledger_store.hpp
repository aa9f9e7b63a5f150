// Persistence of the claims ledger: tables `articles` and `claims` in an SQLite file.
//
// Kept behind this small class so that the DDL can move into the store module's migrations
// later without touching callers. Standard SQL, created idempotently, WAL journal.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "darkfleet/claims/check.hpp"
#include "darkfleet/claims/claim.hpp"

struct sqlite3;

namespace darkfleet::claims {

/// What the ledger knows about an article.
struct ArticleRecord {
  std::int64_t id = 0;
  std::string path;  ///< file name as given to `claims add`
  std::string publisher;
  std::string published;  ///< date as given (ISO-8601 recommended)
  std::string url;
  std::string title;
  std::string language;
  std::string content_hash;  ///< FNV-1a 64 of the bytes, hex; the same article is added once
};

/// The SQLite-backed ledger. Throws std::runtime_error (with the file name and SQLite's
/// message) when the database cannot be opened or written: such errors end a command.
class LedgerStore {
 public:
  /// Opens or creates `path` and creates the tables if they are missing.
  explicit LedgerStore(const std::string& path);
  ~LedgerStore();
  LedgerStore(const LedgerStore&) = delete;
  LedgerStore& operator=(const LedgerStore&) = delete;

  /// The id of the article with this content hash, if it is already in the ledger.
  std::optional<std::int64_t> find_article(const std::string& content_hash);
  /// Adds an article and its claims in one transaction; returns the article id.
  std::int64_t add_article(const ArticleRecord& article, const std::vector<Claim>& claims);
  /// Every article, by id.
  std::vector<ArticleRecord> articles();
  /// Every claim, by id, with its article's publisher.
  std::vector<LedgerClaim> claims();
  /// Rows of a table `estimates(name, unit, category, low, high)` if the database has one
  /// (the estimate module fills it later); empty otherwise, also for a table `estimates`
  /// without these columns. Rows with low > high or non-finite bounds are skipped.
  std::vector<Estimate> estimates();

 private:
  sqlite3* m_db = nullptr;
  std::string m_path;
};

/// FNV-1a 64-bit hash of `bytes` as 16 hex digits (identifies an article's content).
std::string content_hash(const std::string& bytes);

}  // namespace darkfleet::claims
