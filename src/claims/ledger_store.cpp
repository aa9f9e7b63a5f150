// The ledger in the project's database. Its tables (`articles`, `claims`) are part of the
// store's schema (src/store/schema.cpp, migration v2), so one file holds positions, events
// and claims, and whichever command touches a file first creates the whole schema.
#include "darkfleet/claims/ledger_store.hpp"

#include <sqlite3.h>

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "darkfleet/store/store.hpp"

namespace darkfleet::claims {
namespace {


// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const std::string& path) : m_db(db), m_path(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(fmt::format("{}: {}", path, sqlite3_errmsg(db)));
    }
  }
  ~Statement() { sqlite3_finalize(m_stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, const std::string& s) {
    sqlite3_bind_text(m_stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, double v) { sqlite3_bind_double(m_stmt, i, v); }
  void bind(int i, std::int64_t v) { sqlite3_bind_int64(m_stmt, i, v); }
  void bind_null(int i) { sqlite3_bind_null(m_stmt, i); }

  /// Steps once; true while there is a row.
  bool step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(fmt::format("{}: {}", m_path, sqlite3_errmsg(m_db)));
  }
  void reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
  }

  std::string text(int col) {
    const auto* p = sqlite3_column_text(m_stmt, col);
    return p == nullptr ? std::string{} : std::string(reinterpret_cast<const char*>(p));
  }
  bool is_null(int col) { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
  double real(int col) { return sqlite3_column_double(m_stmt, col); }
  std::int64_t integer(int col) { return sqlite3_column_int64(m_stmt, col); }

 private:
  sqlite3* m_db;
  std::string m_path;
  sqlite3_stmt* m_stmt = nullptr;
};

}  // namespace

LedgerStore::LedgerStore(const std::string& path) : m_path(path) {
  // Creates the file or migrates its schema (throws for a file that is not a darkfleet
  // database, or one written by a newer darkfleet).
  { const store::Store schema(path, store::Store::Mode::read_write); }
  if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string why = m_db != nullptr ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw std::runtime_error(fmt::format("{}: cannot open the ledger database: {}", path, why));
  }
  sqlite3_busy_timeout(m_db, 5000);
  char* error = nullptr;
  const std::string setup = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;";
  if (sqlite3_exec(m_db, setup.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_close(m_db);
    m_db = nullptr;
    throw std::runtime_error(fmt::format("{}: not a usable ledger database: {}", path, why));
  }
}

LedgerStore::~LedgerStore() {
  sqlite3_close(m_db);
}

std::optional<std::int64_t> LedgerStore::find_article(const std::string& hash) {
  Statement s(m_db, "SELECT id FROM articles WHERE content_hash = ?", m_path);
  s.bind(1, hash);
  if (s.step()) return s.integer(0);
  return std::nullopt;
}

std::int64_t LedgerStore::add_article(const ArticleRecord& a, const std::vector<Claim>& claims) {
  auto exec = [this](const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string why = error != nullptr ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error(fmt::format("{}: {}", m_path, why));
    }
  };
  exec("BEGIN IMMEDIATE");
  try {
    Statement ins(m_db,
                  "INSERT INTO articles (path, publisher, published, url, title, language, "
                  "content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  m_path);
    ins.bind(1, a.path);
    ins.bind(2, a.publisher);
    ins.bind(3, a.published);
    ins.bind(4, a.url);
    ins.bind(5, a.title);
    ins.bind(6, a.language);
    ins.bind(7, a.content_hash);
    ins.step();
    const std::int64_t article_id = sqlite3_last_insert_rowid(m_db);
    Statement c(
        m_db,
        "INSERT INTO claims (article_id, placement, begin_byte, end_byte, text, bound, low, "
        "high, step, unit, category, span_from, span_to, source, hedge, sentence) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        m_path);
    for (const auto& claim : claims) {
      c.reset();
      c.bind(1, article_id);
      c.bind(2, std::string(to_string(claim.placement)));
      c.bind(3, static_cast<std::int64_t>(claim.begin_byte));
      c.bind(4, static_cast<std::int64_t>(claim.end_byte));
      c.bind(5, claim.text);
      c.bind(6, std::string(to_string(claim.quantity.bound)));
      c.bind(7, claim.quantity.low);
      c.bind(8, claim.quantity.high);
      c.bind(9, claim.quantity.step);
      c.bind(10, claim.unit);
      c.bind(11, claim.category);
      if (claim.span) {
        c.bind(12, claim.span->from);
        c.bind(13, claim.span->to);
      } else {
        c.bind_null(12);
        c.bind_null(13);
      }
      c.bind(14, claim.source);
      c.bind(15, claim.hedge);
      c.bind(16, claim.sentence);
      c.step();
    }
    exec("COMMIT");
    return article_id;
  } catch (...) {
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<ArticleRecord> LedgerStore::articles() {
  Statement s(m_db,
              "SELECT id, path, publisher, published, url, title, language, content_hash "
              "FROM articles ORDER BY id",
              m_path);
  std::vector<ArticleRecord> out;
  while (s.step()) {
    out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                   s.text(7)});
  }
  return out;
}

std::vector<LedgerClaim> LedgerStore::claims() {
  Statement s(m_db,
              "SELECT c.id, c.article_id, a.publisher, c.placement, c.begin_byte, c.end_byte, "
              "c.text, c.bound, c.low, c.high, c.step, c.unit, c.category, c.span_from, "
              "c.span_to, c.source, c.hedge, c.sentence FROM claims c JOIN articles a ON "
              "a.id = c.article_id ORDER BY c.id",
              m_path);
  std::vector<LedgerClaim> out;
  while (s.step()) {
    LedgerClaim lc;
    lc.id = s.integer(0);
    lc.article_id = s.integer(1);
    lc.publisher = s.text(2);
    Claim& c = lc.claim;
    c.placement = parse_placement(s.text(3)).value_or(Placement::body);
    c.begin_byte = static_cast<std::size_t>(s.integer(4));
    c.end_byte = static_cast<std::size_t>(s.integer(5));
    c.text = s.text(6);
    c.quantity.bound = parse_bound(s.text(7)).value_or(Bound::exact);
    c.quantity.low = s.real(8);
    c.quantity.high = s.real(9);
    c.quantity.step = s.real(10);
    c.unit = s.text(11);
    c.category = s.text(12);
    if (!s.is_null(13) || !s.is_null(14)) c.span = TimeSpan{s.text(13), s.text(14)};
    c.source = s.text(15);
    c.hedge = s.text(16);
    c.sentence = s.text(17);
    out.push_back(std::move(lc));
  }
  return out;
}

std::vector<Estimate> LedgerStore::estimates() {
  {
    Statement exists(
        m_db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'estimates'", m_path);
    if (!exists.step()) return {};
  }
  // A table of another shape (the estimate module may define its own) is not ours to read.
  const char* sql = "SELECT name, unit, category, low, high FROM estimates ORDER BY name";
  sqlite3_stmt* probe = nullptr;
  const int rc = sqlite3_prepare_v2(m_db, sql, -1, &probe, nullptr);
  sqlite3_finalize(probe);
  if (rc != SQLITE_OK) return {};
  Statement s(m_db, sql, m_path);
  std::vector<Estimate> out;
  while (s.step()) {
    Estimate e{s.text(0), s.text(1), s.text(2), s.real(3), s.real(4)};
    if (std::isfinite(e.low) && std::isfinite(e.high) && e.low <= e.high) out.push_back(e);
  }
  return out;
}

std::string content_hash(const std::string& bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace darkfleet::claims
