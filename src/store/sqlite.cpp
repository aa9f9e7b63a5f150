#include "sqlite.hpp"

#include <stdexcept>
#include <string>

namespace darkfleet::store::detail {

void check(sqlite3* db, int rc, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw std::runtime_error(std::string(what) + ": " + message);
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
  check(db,
        sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &m_stmt, nullptr),
        "database: preparing a statement");
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::int64_t value) {
  check(m_db, sqlite3_bind_int64(m_stmt, index, value), "database: binding");
  return *this;
}
Statement& Statement::bind(int index, double value) {
  check(m_db, sqlite3_bind_double(m_stmt, index, value), "database: binding");
  return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
  check(m_db,
        sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT),
        "database: binding");
  return *this;
}
Statement& Statement::bind_blob(int index, std::span<const char> bytes) {
  check(m_db,
        sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()),
                          SQLITE_STATIC),
        "database: binding");
  return *this;
}
Statement& Statement::bind_null(int index) {
  check(m_db, sqlite3_bind_null(m_stmt, index), "database: binding");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    sqlite3_reset(m_stmt);
    check(m_db, rc, "database");
  }
  return false;
}

void Statement::reset() { sqlite3_reset(m_stmt); }

std::string_view Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(m_stmt, index);
  const int size = sqlite3_column_bytes(m_stmt, index);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::span<const std::uint8_t> Statement::column_blob(int index) const {
  const void* data = sqlite3_column_blob(m_stmt, index);
  const int size = sqlite3_column_bytes(m_stmt, index);
  if (data == nullptr) return {};
  return {static_cast<const std::uint8_t*>(data), static_cast<std::size_t>(size)};
}

Connection::Connection(const std::string& path, bool read_only, bool create) {
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = m_db != nullptr ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    sqlite3_close(m_db);
    m_db = nullptr;
    throw std::runtime_error("cannot open database " + path + ": " + message);
  }
  // A second process (an ingest, a reader) may hold the lock for a moment: wait, do not fail.
  sqlite3_busy_timeout(m_db, 30000);
}

Connection::~Connection() { sqlite3_close(m_db); }

void Connection::exec(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    const std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw std::runtime_error("database: " + message);
  }
}

std::int64_t Connection::query_int(std::string_view sql) {
  Statement s(m_db, sql);
  return s.step() ? s.column_int(0) : 0;
}

Transaction::Transaction(Connection& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!m_done) sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  m_db.exec("COMMIT");
  m_done = true;
}

}  // namespace darkfleet::store::detail
