// darkfleet's embedded database: one SQLite file in WAL mode holding the sources that were
// ingested, the vessel registry with its identity history, and positions in compressed
// per-vessel chunks. Schema and choices: docs/adr/0002-store-schema.md.
//
// One writer at a time (SQLite's rule); any number of readers, also while a write runs.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "darkfleet/core/result.hpp"
#include "darkfleet/store/observation.hpp"
#include "darkfleet/store/position.hpp"

namespace darkfleet::store {

/// The schema version this build writes (PRAGMA user_version).
inline constexpr int k_schema_version = 3;

/// An ingested input, as recorded in the `sources` table.
struct SourceInfo {
  std::int64_t id = 0;
  std::string name;            ///< path as given on the command line
  std::uint64_t size_bytes = 0;  ///< size on disk (compressed size for .gz/.zst)
  std::string content_hash;    ///< XXH3-128 of the bytes on disk, 32 hex digits
  std::string format;          ///< nmea, dma, noaa, noaa2024, columns
  bool complete = false;       ///< false while (or after an interrupted) ingest
  std::uint64_t records_done = 0;  ///< messages/rows consumed at the last commit
  std::uint64_t rejects_done = 0;  ///< rejected lines/rows/messages at the last commit
  std::uint64_t positions = 0;     ///< positions stored from this source
  std::array<std::uint64_t, k_error_code_count> rejects{};  ///< rejected, by reason
};

/// Static and voyage data of a vessel as broadcast over one period.
struct Identity {
  std::uint32_t mmsi = 0;
  std::string name;         ///< empty when not broadcast
  std::string call_sign;    ///< empty when not broadcast
  std::uint32_t imo = 0;    ///< 0 = not broadcast
  std::uint16_t ship_type = 0;  ///< AIS ship and cargo type; 0 = not available
  std::uint16_t length_m = 0;   ///< overall length, m; 0 = not available
  std::uint16_t width_m = 0;    ///< beam, m; 0 = not available
  std::uint16_t draught_dm = 0;  ///< draught, 0.1 m; 0 = not available
  std::string destination;  ///< empty when not broadcast
  std::int64_t first_seen_ms = 0;  ///< earliest report with exactly these values
  std::int64_t last_seen_ms = 0;   ///< latest report with exactly these values
  std::uint64_t reports = 0;       ///< reports with exactly these values
};

/// A vessel (an MMSI) in the registry.
struct VesselInfo {
  std::uint32_t mmsi = 0;
  std::int64_t first_seen_ms = 0;  ///< earliest position or identity report
  std::int64_t last_seen_ms = 0;   ///< latest position or identity report
  std::uint64_t positions = 0;     ///< stored positions (before track cleaning)
};

/// A query window; empty members do not restrict.
struct Window {
  std::optional<std::int64_t> from_ms;  ///< inclusive
  std::optional<std::int64_t> to_ms;    ///< inclusive
};

/// A longitude/latitude box, degrees; min_lon > max_lon is not supported (no antimeridian).
struct BBox {
  double min_lon_deg = -180;
  double min_lat_deg = -90;
  double max_lon_deg = 180;
  double max_lat_deg = 90;
  /// True when `p` lies inside the box (edges included).
  [[nodiscard]] bool contains(const Position& p) const {
    return p.lon_deg() >= min_lon_deg && p.lon_deg() <= max_lon_deg &&
           p.lat_deg() >= min_lat_deg && p.lat_deg() <= max_lat_deg;
  }
};

/// Summary numbers of a database, for reports and tests.
struct StoreSummary {
  std::uint64_t sources = 0;
  std::uint64_t vessels = 0;
  std::uint64_t identities = 0;
  std::uint64_t chunks = 0;
  std::uint64_t positions = 0;
  std::uint64_t chunk_bytes = 0;  ///< bytes of chunk BLOBs (the encoded positions)
};

class BatchWriter;

/// An open database. Opening for writing creates the file and migrates the schema. One
/// thread at a time may use a Store, also its const reads (they reuse prepared statements);
/// threads that read side by side open a Store each.
class Store {
 public:
  enum class Mode { read_only, read_write };
  /// Opens `path`. Throws std::runtime_error when the file cannot be opened, is not a
  /// darkfleet database, or was written by a newer darkfleet (schema version too high).
  Store(const std::string& path, Mode mode);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  /// The schema version of the open file.
  [[nodiscard]] int schema_version() const;
  /// The file it was opened from, as given.
  [[nodiscard]] const std::string& path() const;

  /// The source whose bytes hash to `content_hash`, if it was ever (partly) ingested.
  [[nodiscard]] std::optional<SourceInfo> find_source(const std::string& content_hash) const;
  /// Every source, in ingest order.
  [[nodiscard]] std::vector<SourceInfo> sources() const;
  /// Records a new, not yet complete source and returns its id.
  std::int64_t add_source(const std::string& name, std::uint64_t size_bytes,
                          const std::string& content_hash, const std::string& format);

  /// Removes a source that has nothing stored yet (an ingest that failed at once).
  void remove_source(std::int64_t id);

  /// All vessels, by MMSI.
  [[nodiscard]] std::vector<VesselInfo> vessels() const;
  /// The MMSIs with stored positions inside `window` and `box` (judged by each chunk's
  /// time span and bounding box, so a vessel may have none strictly inside), ascending.
  [[nodiscard]] std::vector<std::uint32_t> vessels_in(const Window& window,
                                                      const std::optional<BBox>& box) const;
  /// The identity history of `mmsi` (all vessels when empty), by MMSI then first seen.
  [[nodiscard]] std::vector<Identity> identities(std::optional<std::uint32_t> mmsi) const;
  /// The stored positions of `mmsi` inside `window`, sorted (operator<), exact duplicates
  /// kept. Throws when a chunk is corrupt.
  [[nodiscard]] std::vector<Position> positions(std::uint32_t mmsi, const Window& window) const;
  /// The same into `out` (cleared first, its capacity reused: repeated reads into one
  /// vector do not allocate or fault in fresh pages).
  void positions(std::uint32_t mmsi, const Window& window, std::vector<Position>& out) const;
  /// Counts of everything stored.
  [[nodiscard]] StoreSummary summary() const;

  /// Adds the observations of one evidence file (src/store/observations.cpp) in one
  /// transaction. Returns false, storing nothing, when a file with `content_hash` was added
  /// before.
  bool add_observations(const std::string& path, const std::string& content_hash,
                        const std::vector<Observation>& observations);
  /// The observations of `area_id` (all when empty), by area, acquisition time and id.
  [[nodiscard]] std::vector<Observation> observations(const std::string& area_id = {}) const;

 private:
  friend class BatchWriter;
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace darkfleet::store
