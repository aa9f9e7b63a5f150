// A thin RAII layer over the SQLite C API: a connection, prepared statements, transactions.
// Failures throw std::runtime_error with SQLite's message: a database error ends a command.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace darkfleet::store::detail {

/// Throws std::runtime_error("what: <sqlite message>") when `rc` is not one of the OK codes.
void check(sqlite3* db, int rc, std::string_view what);

/// A prepared statement; bind() by 1-based index, step(), read columns, reset().
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) {
    other.m_stmt = nullptr;
  }

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::span<const char> bytes);
  Statement& bind_null(int index);
  /// Steps once; returns true while there is a row.
  bool step();
  /// Steps to completion (for statements without rows).
  void run() {
    while (step()) {
    }
    reset();
  }
  /// Resets for the next execution (bindings are kept).
  void reset();

  [[nodiscard]] std::int64_t column_int(int index) const {
    return sqlite3_column_int64(m_stmt, index);
  }
  [[nodiscard]] double column_double(int index) const {
    return sqlite3_column_double(m_stmt, index);
  }
  [[nodiscard]] std::string_view column_text(int index) const;
  [[nodiscard]] std::span<const std::uint8_t> column_blob(int index) const;
  [[nodiscard]] bool column_is_null(int index) const {
    return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
  }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

/// An open database connection.
class Connection {
 public:
  /// Opens (and with `create`, creates) the database file at `path`.
  Connection(const std::string& path, bool read_only, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one or more SQL statements without results.
  void exec(std::string_view sql);
  /// Prepares `sql`.
  Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
  /// The first column of the first row of `sql` as an integer (0 when there is no row).
  std::int64_t query_int(std::string_view sql);
  [[nodiscard]] sqlite3* handle() const { return m_db; }

 private:
  sqlite3* m_db = nullptr;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted (an exception).
class Transaction {
 public:
  explicit Transaction(Connection& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& m_db;
  bool m_done = false;
};

}  // namespace darkfleet::store::detail
