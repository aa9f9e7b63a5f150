// The store's tables (docs/adr/0002-store-schema.md says why they look like this).
// Standard SQL where it exists, so that the same DDL runs on PostgreSQL/PostGIS with only
// the BLOB type renamed (bytea). Times are Unix ms in INTEGER columns; no SQLite-only types.
#include "schema.hpp"

#include <array>

namespace darkfleet::store::detail {
namespace {

constexpr std::string_view k_v1 = R"sql(
CREATE TABLE sources (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL,
  size_bytes    INTEGER NOT NULL,
  content_hash  TEXT    NOT NULL UNIQUE,
  format        TEXT    NOT NULL,
  complete      INTEGER NOT NULL DEFAULT 0,
  records_done  INTEGER NOT NULL DEFAULT 0,
  rejects_done  INTEGER NOT NULL DEFAULT 0,
  positions     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE source_rejects (
  source_id  INTEGER NOT NULL REFERENCES sources(id),
  reason     TEXT    NOT NULL,
  count      INTEGER NOT NULL,
  PRIMARY KEY (source_id, reason)
);
CREATE TABLE vessels (
  mmsi           INTEGER PRIMARY KEY,
  first_seen_ms  INTEGER NOT NULL,
  last_seen_ms   INTEGER NOT NULL,
  positions      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE identities (
  id             INTEGER PRIMARY KEY,
  mmsi           INTEGER NOT NULL REFERENCES vessels(mmsi),
  name           TEXT    NOT NULL DEFAULT '',
  call_sign      TEXT    NOT NULL DEFAULT '',
  imo            INTEGER NOT NULL DEFAULT 0,
  ship_type      INTEGER NOT NULL DEFAULT 0,
  length_m       INTEGER NOT NULL DEFAULT 0,
  width_m        INTEGER NOT NULL DEFAULT 0,
  draught_dm     INTEGER NOT NULL DEFAULT 0,
  destination    TEXT    NOT NULL DEFAULT '',
  first_seen_ms  INTEGER NOT NULL,
  last_seen_ms   INTEGER NOT NULL,
  reports        INTEGER NOT NULL,
  UNIQUE (mmsi, name, call_sign, imo, ship_type, length_m, width_m, draught_dm, destination)
);
CREATE TABLE position_chunks (
  id           INTEGER PRIMARY KEY,
  mmsi         INTEGER NOT NULL REFERENCES vessels(mmsi),
  source_id    INTEGER NOT NULL REFERENCES sources(id),
  t_first_ms   INTEGER NOT NULL,
  t_last_ms    INTEGER NOT NULL,
  positions    INTEGER NOT NULL,
  lat_min_udeg INTEGER NOT NULL,
  lat_max_udeg INTEGER NOT NULL,
  lon_min_udeg INTEGER NOT NULL,
  lon_max_udeg INTEGER NOT NULL,
  data         BLOB    NOT NULL
);
CREATE INDEX position_chunks_by_vessel_time ON position_chunks (mmsi, t_first_ms);
)sql";

// v2: the claims ledger (darkfleet claims): articles and the numeric claims found in them.
// Quantities are kept as stated (low, high, step, bound), so the bound rules can change
// without a migration.
constexpr std::string_view k_v2 = R"sql(
CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,
  path         TEXT NOT NULL,
  publisher    TEXT NOT NULL DEFAULT '',
  published    TEXT NOT NULL DEFAULT '',
  url          TEXT NOT NULL DEFAULT '',
  title        TEXT NOT NULL DEFAULT '',
  language     TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL UNIQUE
);
CREATE TABLE claims (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  placement  TEXT NOT NULL,
  begin_byte INTEGER NOT NULL,
  end_byte   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  bound      TEXT NOT NULL,
  low        REAL NOT NULL,
  high       REAL NOT NULL,
  step       REAL NOT NULL,
  unit       TEXT NOT NULL,
  category   TEXT NOT NULL DEFAULT '',
  span_from  TEXT,
  span_to    TEXT,
  source     TEXT NOT NULL DEFAULT '',
  hedge      TEXT NOT NULL DEFAULT '',
  sentence   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX claims_by_article ON claims (article_id);
CREATE INDEX claims_by_unit ON claims (unit, category);
)sql";

// v3: imagery evidence (darkfleet evidence): the files added and the observations in them.
constexpr std::string_view k_v3 = R"sql(
CREATE TABLE evidence_files (
  id           INTEGER PRIMARY KEY,
  path         TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  observations INTEGER NOT NULL
);
CREATE TABLE observations (
  id              INTEGER PRIMARY KEY,
  file_id         INTEGER NOT NULL REFERENCES evidence_files(id),
  feature         INTEGER NOT NULL,
  area_id         TEXT NOT NULL,
  image_id        TEXT NOT NULL,
  acquired_ms     INTEGER NOT NULL,
  provider        TEXT NOT NULL,
  sensor          TEXT NOT NULL DEFAULT '',
  resolution_m    REAL NOT NULL,
  containers_20ft INTEGER NOT NULL,
  containers_40ft INTEGER NOT NULL,
  confidence      REAL NOT NULL,
  analyst         TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  stacks          TEXT NOT NULL DEFAULT '[]',
  lat_deg         REAL NOT NULL,
  lon_deg         REAL NOT NULL,
  geometry        TEXT NOT NULL
);
CREATE INDEX observations_by_area_time ON observations (area_id, acquired_ms);
)sql";

constexpr std::array<std::string_view, 3> k_migrations = {k_v1, k_v2, k_v3};

}  // namespace

std::span<const std::string_view> migrations() { return k_migrations; }

}  // namespace darkfleet::store::detail
