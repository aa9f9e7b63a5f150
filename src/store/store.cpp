#include "darkfleet/store/store.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "darkfleet/store/chunk_codec.hpp"
#include "schema.hpp"
#include "store_impl.hpp"

namespace darkfleet::store {
namespace {

// Every reason name -> its code, for reading source_rejects back.
std::optional<ErrorCode> reason_from_name(std::string_view name) {
  for (std::size_t i = 0; i < k_error_code_count; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    if (to_string(code) == name) return code;
  }
  return std::nullopt;
}

void migrate(detail::Connection& db, const std::string& path) {
  const auto version = static_cast<int>(db.query_int("PRAGMA user_version"));
  if (version > k_schema_version) {
    throw std::runtime_error(fmt::format(
        "{}: database schema version {} is newer than this darkfleet understands ({})", path,
        version, k_schema_version));
  }
  if (version == k_schema_version) return;
  if (version == 0 && db.query_int("SELECT count(*) FROM sqlite_schema") > 0) {
    throw std::runtime_error(path + ": not a darkfleet database (it has tables but no version)");
  }
  detail::Transaction tx(db);
  const auto steps = detail::migrations();
  for (auto v = static_cast<std::size_t>(version); v < steps.size(); ++v) db.exec(steps[v]);
  db.exec(fmt::format("PRAGMA user_version = {}", k_schema_version));
  tx.commit();
}

void check_or_migrate(detail::Connection& db, const std::string& path, bool read_only) {
  if (!read_only) {
    // WAL: readers never block the writer nor the writer the readers. synchronous=NORMAL
    // under WAL keeps the file consistent after a crash of the process (kill -9); only a
    // power cut can lose the last commits, never corrupt the file.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    migrate(db, path);
    return;
  }
  const auto version = static_cast<int>(db.query_int("PRAGMA user_version"));
  if (version == 0 || version > k_schema_version) {
    throw std::runtime_error(fmt::format(
        "{}: not a darkfleet database this version can read (schema version {})", path, version));
  }
}

}  // namespace

Store::Store(const std::string& path, Mode mode) {
  const bool read_only = mode == Mode::read_only;
  if (read_only && !std::filesystem::exists(path)) {
    throw std::runtime_error("no database at " + path + " (run darkfleet ingest first)");
  }
  m_impl = std::make_unique<Impl>(path, read_only);
  try {
    check_or_migrate(m_impl->db, path, read_only);
  } catch (const std::runtime_error& e) {
    // SQLite's own messages ("file is not a database") do not say which file.
    const std::string_view what = e.what();
    if (what.find(path) != std::string_view::npos) throw;
    throw std::runtime_error(fmt::format("{}: {}", path, what));
  }
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;

const std::string& Store::path() const {
  return m_impl->path;
}
Store& Store::operator=(Store&&) noexcept = default;

int Store::schema_version() const {
  return static_cast<int>(m_impl->db.query_int("PRAGMA user_version"));
}

namespace {

constexpr std::string_view k_source_columns =
    "id, name, size_bytes, content_hash, format, complete, records_done, rejects_done, positions";

SourceInfo read_source(detail::Connection& db, detail::Statement& s) {
  SourceInfo info;
  info.id = s.column_int(0);
  info.name = s.column_text(1);
  info.size_bytes = static_cast<std::uint64_t>(s.column_int(2));
  info.content_hash = s.column_text(3);
  info.format = s.column_text(4);
  info.complete = s.column_int(5) != 0;
  info.records_done = static_cast<std::uint64_t>(s.column_int(6));
  info.rejects_done = static_cast<std::uint64_t>(s.column_int(7));
  info.positions = static_cast<std::uint64_t>(s.column_int(8));
  auto rejects = db.prepare("SELECT reason, count FROM source_rejects WHERE source_id = ?");
  rejects.bind(1, info.id);
  while (rejects.step()) {
    if (const auto code = reason_from_name(rejects.column_text(0))) {
      info.rejects[static_cast<std::size_t>(*code)] =
          static_cast<std::uint64_t>(rejects.column_int(1));
    }
  }
  return info;
}

}  // namespace

std::optional<SourceInfo> Store::find_source(const std::string& content_hash) const {
  auto s = m_impl->db.prepare(
      fmt::format("SELECT {} FROM sources WHERE content_hash = ?", k_source_columns));
  s.bind(1, content_hash);
  if (!s.step()) return std::nullopt;
  return read_source(m_impl->db, s);
}

std::vector<SourceInfo> Store::sources() const {
  auto s = m_impl->db.prepare(fmt::format("SELECT {} FROM sources ORDER BY id", k_source_columns));
  std::vector<SourceInfo> out;
  while (s.step()) out.push_back(read_source(m_impl->db, s));
  return out;
}

std::int64_t Store::add_source(const std::string& name, std::uint64_t size_bytes,
                               const std::string& content_hash, const std::string& format) {
  auto s = m_impl->db.prepare(
      "INSERT INTO sources (name, size_bytes, content_hash, format) VALUES (?, ?, ?, ?)");
  s.bind(1, name).bind(2, static_cast<std::int64_t>(size_bytes)).bind(3, content_hash);
  s.bind(4, format).run();
  return sqlite3_last_insert_rowid(m_impl->db.handle());
}

void Store::remove_source(std::int64_t id) {
  detail::Transaction tx(m_impl->db);
  auto rejects = m_impl->db.prepare("DELETE FROM source_rejects WHERE source_id = ?");
  rejects.bind(1, id).run();
  auto source = m_impl->db.prepare("DELETE FROM sources WHERE id = ?");
  source.bind(1, id).run();
  tx.commit();
}

std::vector<VesselInfo> Store::vessels() const {
  auto s = m_impl->db.prepare(
      "SELECT mmsi, first_seen_ms, last_seen_ms, positions FROM vessels ORDER BY mmsi");
  std::vector<VesselInfo> out;
  while (s.step()) {
    out.push_back({static_cast<std::uint32_t>(s.column_int(0)), s.column_int(1), s.column_int(2),
                   static_cast<std::uint64_t>(s.column_int(3))});
  }
  return out;
}

std::vector<std::uint32_t> Store::vessels_in(const Window& window,
                                            const std::optional<BBox>& box) const {
  auto s = m_impl->db.prepare(
      "SELECT DISTINCT mmsi FROM position_chunks WHERE t_last_ms >= ? AND t_first_ms <= ? "
      "AND lat_max_udeg >= ? AND lat_min_udeg <= ? AND lon_max_udeg >= ? AND lon_min_udeg <= ? "
      "ORDER BY mmsi");
  const BBox b = box.value_or(BBox{});
  const auto udeg = [](double deg) { return static_cast<std::int64_t>(std::floor(deg * 1e6)); };
  s.bind(1, window.from_ms.value_or(INT64_MIN)).bind(2, window.to_ms.value_or(INT64_MAX));
  s.bind(3, udeg(b.min_lat_deg)).bind(4, udeg(b.max_lat_deg) + 1);
  s.bind(5, udeg(b.min_lon_deg)).bind(6, udeg(b.max_lon_deg) + 1);
  std::vector<std::uint32_t> out;
  while (s.step()) out.push_back(static_cast<std::uint32_t>(s.column_int(0)));
  return out;
}

std::vector<Identity> Store::identities(std::optional<std::uint32_t> mmsi) const {
  // Two statements, not "?1 IS NULL OR mmsi = ?1": the OR keeps SQLite from using the
  // (mmsi, ...) index, and a per-vessel read would scan every identity of the store.
  constexpr std::string_view columns =
      "SELECT mmsi, name, call_sign, imo, ship_type, length_m, width_m, draught_dm, destination, "
      "first_seen_ms, last_seen_ms, reports FROM identities ";
  std::optional<detail::Statement> all;
  const std::string sql =
      fmt::format("{}{}ORDER BY mmsi, first_seen_ms, id", columns, mmsi ? "WHERE mmsi = ?1 " : "");
  detail::Statement& s = mmsi ? m_impl->cached(m_impl->identities_of_vessel, sql)
                              : all.emplace(m_impl->db.prepare(sql));
  const ResetWhenDone done(s);
  if (mmsi) s.bind(1, std::int64_t{*mmsi});
  std::vector<Identity> out;
  while (s.step()) {
    Identity id;
    id.mmsi = static_cast<std::uint32_t>(s.column_int(0));
    id.name = s.column_text(1);
    id.call_sign = s.column_text(2);
    id.imo = static_cast<std::uint32_t>(s.column_int(3));
    id.ship_type = static_cast<std::uint16_t>(s.column_int(4));
    id.length_m = static_cast<std::uint16_t>(s.column_int(5));
    id.width_m = static_cast<std::uint16_t>(s.column_int(6));
    id.draught_dm = static_cast<std::uint16_t>(s.column_int(7));
    id.destination = s.column_text(8);
    id.first_seen_ms = s.column_int(9);
    id.last_seen_ms = s.column_int(10);
    id.reports = static_cast<std::uint64_t>(s.column_int(11));
    out.push_back(std::move(id));
  }
  return out;
}

std::vector<Position> Store::positions(std::uint32_t mmsi, const Window& window) const {
  std::vector<Position> out;
  positions(mmsi, window, out);
  return out;
}

void Store::positions(std::uint32_t mmsi, const Window& window, std::vector<Position>& out) const {
  out.clear();
  const std::int64_t from = window.from_ms.value_or(INT64_MIN);
  const std::int64_t to = window.to_ms.value_or(INT64_MAX);
  {
    auto& count =
        m_impl->cached(m_impl->position_count_of_vessel,
                       "SELECT coalesce(sum(positions), 0) FROM position_chunks WHERE mmsi = ? AND "
                       "t_last_ms >= ? AND t_first_ms <= ?");
    const ResetWhenDone done(count);
    count.bind(1, std::int64_t{mmsi}).bind(2, from).bind(3, to);
    if (count.step()) out.reserve(static_cast<std::size_t>(count.column_int(0)));
  }
  auto& s = m_impl->cached(
      m_impl->positions_of_vessel,
      "SELECT data FROM position_chunks WHERE mmsi = ? AND t_last_ms >= ? AND t_first_ms <= ? "
      "ORDER BY t_first_ms, id");
  const ResetWhenDone done(s);
  s.bind(1, std::int64_t{mmsi}).bind(2, from).bind(3, to);
  bool sorted = true;
  while (s.step()) {
    const std::size_t before = out.size();
    const auto n = decode_chunk(s.column_blob(0), out);
    if (!n) throw std::runtime_error(fmt::format("corrupt position chunk for MMSI {}", mmsi));
    if (before > 0 && before < out.size() && out[before] < out[before - 1]) sorted = false;
  }
  if (window.from_ms || window.to_ms) {
    std::erase_if(out, [&](const Position& p) { return p.t_ms < from || p.t_ms > to; });
  }
  // Chunks of different commits may overlap in time (unordered input): merge them.
  if (!sorted) std::sort(out.begin(), out.end());
}

StoreSummary Store::summary() const {
  auto& db = m_impl->db;
  StoreSummary s;
  s.sources = static_cast<std::uint64_t>(db.query_int("SELECT count(*) FROM sources"));
  s.vessels = static_cast<std::uint64_t>(db.query_int("SELECT count(*) FROM vessels"));
  s.identities = static_cast<std::uint64_t>(db.query_int("SELECT count(*) FROM identities"));
  s.chunks = static_cast<std::uint64_t>(db.query_int("SELECT count(*) FROM position_chunks"));
  s.positions = static_cast<std::uint64_t>(
      db.query_int("SELECT coalesce(sum(positions), 0) FROM position_chunks"));
  s.chunk_bytes = static_cast<std::uint64_t>(
      db.query_int("SELECT coalesce(sum(length(data)), 0) FROM position_chunks"));
  return s;
}

}  // namespace darkfleet::store
