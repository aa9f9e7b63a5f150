// Collects what an ingest produces between two commits and writes it in one transaction
// together with the source's progress, so that a crash leaves either all of it or none.
#pragma once

#include <array>
#include <cstdint>
#include <exception>
#include <map>
#include <thread>
#include <tuple>
#include <vector>

#include "darkfleet/core/result.hpp"
#include "darkfleet/store/position.hpp"
#include "darkfleet/store/store.hpp"

namespace darkfleet::store {

/// Positions per chunk at most: large enough for zstd to find the repetition, small
/// enough that reading a time window decodes little it does not need.
inline constexpr std::size_t k_max_chunk_positions = 8192;

class BatchWriter {
 public:
  /// Writes for source `source_id` of `store`; the store must outlive the writer. With
  /// `background`, commit() hands its work to a thread and returns at once, so that the
  /// caller reads the next records meanwhile; commits still happen one after the other,
  /// in order. The store must then not be used by others until wait().
  BatchWriter(Store& store, std::int64_t source_id, bool background = false);
  ~BatchWriter();
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  /// Adds a position of vessel `mmsi`. Requires: 1 <= mmsi <= 999999999.
  void add_position(std::uint32_t mmsi, const Position& position);
  /// Adds one identity report; its first_seen_ms is the report time (last_seen_ms and
  /// reports are ignored).
  void add_identity(Identity identity);
  /// Counts one rejected record.
  void add_reject(ErrorCode reason) { ++m_data.rejects[static_cast<std::size_t>(reason)]; }

  /// Positions waiting for the next commit.
  [[nodiscard]] std::size_t pending_positions() const { return m_pending; }

  /// Writes everything pending, and records that the source is consumed up to
  /// `records_done` records and `rejects_done` rejects (and is `complete`), in one
  /// transaction. Each vessel's positions are sorted and exact duplicates dropped.
  /// Throws std::runtime_error on a database error (nothing is written then).
  void commit(std::uint64_t records_done, std::uint64_t rejects_done, bool complete);

  /// Waits for a background commit; rethrows its error.
  void wait();
  /// Waits for a background commit and forgets its error (when unwinding another one).
  void wait_quietly() noexcept;

 private:
  using IdentityKey = std::tuple<std::uint32_t, std::string, std::string, std::uint32_t,
                                 std::uint16_t, std::uint16_t, std::uint16_t, std::uint16_t,
                                 std::string>;
  struct Seen {
    std::int64_t first_ms;
    std::int64_t last_ms;
    std::uint64_t reports;
  };

  struct VesselPosition {
    std::uint32_t mmsi;
    Position position;
  };
  struct Pending {
    // Appended in arrival order and grouped by vessel when written, in the background: a
    // map from vessel to its positions cost a cache miss or two per message on the reading
    // thread, more than decoding the message. Kept from commit to commit, emptied, so its
    // memory is allocated once.
    std::vector<VesselPosition> positions;
    // As they came; folded by value in the background commit (a map lookup per report cost
    // the reading thread as much again as the positions).
    std::vector<Identity> identity_reports;
    std::array<std::uint64_t, k_error_code_count> rejects{};
    /// Empties it for the next commit.
    void clear();
  };
  void write(Pending& data, std::uint64_t records_done, std::uint64_t rejects_done,
             bool complete);

  Store& m_store;
  std::int64_t m_source_id;
  bool m_background;
  Pending m_data;     // filled by add_*()
  Pending m_writing;  // written by the background commit; then the next m_data
  std::size_t m_pending = 0;
  std::thread m_worker;
  std::exception_ptr m_error;
};

}  // namespace darkfleet::store
