// The Store's private state, shared by store.cpp and batch_writer.cpp.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "darkfleet/store/store.hpp"
#include "sqlite.hpp"

namespace darkfleet::store {

struct Store::Impl {
  Impl(const std::string& file, bool ro) : db(file, ro, !ro), read_only(ro), path(file) {}
  detail::Connection db;
  bool read_only = false;
  std::string path;

  // Per-vessel reads run once per vessel, tens of thousands of times in a detector run:
  // prepared once and reset, not parsed again each time. Declared after `db`, so they are
  // finalised before it closes.
  std::optional<detail::Statement> positions_of_vessel;
  std::optional<detail::Statement> position_count_of_vessel;
  std::optional<detail::Statement> identities_of_vessel;

  /// The statement of `slot`, prepared from `sql` on first use, reset otherwise.
  detail::Statement& cached(std::optional<detail::Statement>& slot, std::string_view sql) {
    if (slot) {
      slot->reset();
    } else {
      slot.emplace(db.prepare(sql));
    }
    return *slot;
  }
};

/// Resets a cached statement when a read ends, also by an exception, so that it holds no
/// read transaction open between calls.
class ResetWhenDone {
 public:
  explicit ResetWhenDone(detail::Statement& statement) : m_statement(statement) {}
  ~ResetWhenDone() { m_statement.reset(); }
  ResetWhenDone(const ResetWhenDone&) = delete;
  ResetWhenDone& operator=(const ResetWhenDone&) = delete;

 private:
  detail::Statement& m_statement;
};

}  // namespace darkfleet::store
