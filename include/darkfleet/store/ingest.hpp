// `darkfleet ingest` as a library call: one input file (NMEA or a CSV table, plain, gzip or
// zstd) into the store, idempotent and crash-safe.
//
// Idempotent: a source is known by the XXH3-128 hash of its bytes; a completed source is
// skipped. Crash-safe: positions, identities, reject counts and the source's progress
// (records and rejects consumed) are committed together every `commit_every` records, at
// points that depend only on the input; a rerun after a crash skips what was committed and
// continues, so the database ends with the same content as an uninterrupted run.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "darkfleet/core/result.hpp"
#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/store/store.hpp"

namespace darkfleet::store {

/// Records per transaction by default: each commit writes one chunk per vessel heard and
/// updates the chunk index all over, so fewer, larger commits write far less (memory: the
/// positions, 32 bytes each, and identity reports of that many records, held twice, one
/// batch filling while the other is written).
inline constexpr std::uint64_t k_default_commit_every = std::uint64_t{1} << 22;

/// How to read the inputs.
struct IngestOptions {
  /// "nmea", "dma", "noaa", "noaa2024" or "columns"; empty = detect from the first line.
  std::string format;
  /// Header names per field for the columns layout (io::parse_column_spec()).
  std::optional<std::array<std::string, io::k_csv_field_count>> columns;
  /// Receive time for NMEA messages that carry none (no tag block, trailer or $PGHP line).
  std::optional<std::int64_t> default_time_ms;
  /// Records (messages or rows) per transaction at most: the first commit comes after a
  /// quarter of it, and each next one after as many records as were committed before it
  /// (1/4, 1/4, 1/2, then whole intervals). Part of the crash-safety contract: a rerun must
  /// use the same value to end with identical chunk boundaries.
  std::uint64_t commit_every = k_default_commit_every;
};

/// Receives what a user may want to see while an ingest runs.
class IngestObserver {
 public:
  virtual ~IngestObserver() = default;
  /// A rejected line, row or message: where, its text (may be empty for a decoded
  /// message), and why.
  virtual void on_reject(std::string_view input, std::uint64_t line, std::string_view text,
                         ErrorCode reason) {
    (void)input;
    (void)line;
    (void)text;
    (void)reason;
  }
  /// Progress: bytes of the file read so far, its size if known, records so far.
  virtual void on_progress(std::uint64_t bytes, std::optional<std::uint64_t> total,
                           std::uint64_t records) {
    (void)bytes;
    (void)total;
    (void)records;
  }
};

/// What happened to one input.
struct IngestReport {
  enum class Outcome { ingested, resumed, already_ingested };
  Outcome outcome = Outcome::ingested;
  std::string format;           ///< the format read
  std::string earlier_name;     ///< already_ingested: the name it was ingested under
  std::uint64_t records = 0;    ///< messages or rows read in this run
  std::uint64_t positions = 0;  ///< positions handed to the store in this run
  std::uint64_t identities = 0;  ///< identity reports handed to the store in this run
  std::uint64_t other_messages = 0;  ///< decoded NMEA messages that carry neither
  std::array<std::uint64_t, k_error_code_count> rejects{};  ///< rejected in this run, by reason
  [[nodiscard]] std::uint64_t rejected() const;
};

/// Ingests `path` into `store`. Throws std::runtime_error when the file cannot be read,
/// its format is not recognised or not the one asked for, or nothing in the first
/// records could be read (a wrong guess), and on database errors.
IngestReport ingest_file(Store& store, const std::string& path, const IngestOptions& options,
                         IngestObserver* observer = nullptr);

/// The XXH3-128 hash of the file's bytes as 32 hex digits.
std::string hash_file(const std::string& path);

}  // namespace darkfleet::store
