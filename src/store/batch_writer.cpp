#include "darkfleet/store/batch_writer.hpp"

#include <algorithm>
#include <limits>
#include <memory>

#include "darkfleet/store/chunk_codec.hpp"
#include "store_impl.hpp"

namespace darkfleet::store {

BatchWriter::BatchWriter(Store& store, std::int64_t source_id, bool background)
    : m_store(store), m_source_id(source_id), m_background(background) {}

BatchWriter::~BatchWriter() { wait_quietly(); }

void BatchWriter::wait() {
  if (m_worker.joinable()) m_worker.join();
  if (m_error) {
    const std::exception_ptr error = m_error;
    m_error = nullptr;
    std::rethrow_exception(error);
  }
}

void BatchWriter::wait_quietly() noexcept {
  if (m_worker.joinable()) m_worker.join();
  m_error = nullptr;
}

void BatchWriter::add_position(std::uint32_t mmsi, const Position& position) {
  m_data.positions[mmsi].push_back(position);
  ++m_pending;
}

void BatchWriter::add_identity(const Identity& id) {
  const IdentityKey key{id.mmsi,     id.name,    id.call_sign,  id.imo,        id.ship_type,
                        id.length_m, id.width_m, id.draught_dm, id.destination};
  const auto [it, inserted] = m_data.identities.try_emplace(key, Seen{id.first_seen_ms, id.first_seen_ms, 1});
  if (!inserted) {
    it->second.first_ms = std::min(it->second.first_ms, id.first_seen_ms);
    it->second.last_ms = std::max(it->second.last_ms, id.first_seen_ms);
    ++it->second.reports;
  }
}

void BatchWriter::commit(std::uint64_t records_done, std::uint64_t rejects_done, bool complete) {
  wait();  // commits stay in order, one at a time
  if (!m_background) {
    write(m_data, records_done, rejects_done, complete);
    m_data = Pending{};
    m_pending = 0;
    return;
  }
  auto job = std::make_shared<Pending>(std::move(m_data));
  m_data = Pending{};
  m_pending = 0;
  m_worker = std::thread([this, job, records_done, rejects_done, complete] {
    try {
      write(*job, records_done, rejects_done, complete);
    } catch (...) {
      m_error = std::current_exception();
    }
  });
}

void BatchWriter::write(Pending& data, std::uint64_t records_done, std::uint64_t rejects_done,
                        bool complete) {
  auto& db = m_store.m_impl->db;
  detail::Transaction tx(db);

  // Vessels in MMSI order, so that row ids come out the same whatever the hash map did.
  std::vector<std::uint32_t> mmsis;
  mmsis.reserve(data.positions.size());
  for (const auto& entry : data.positions) mmsis.push_back(entry.first);
  std::sort(mmsis.begin(), mmsis.end());

  auto upsert_vessel = db.prepare(
      "INSERT INTO vessels (mmsi, first_seen_ms, last_seen_ms, positions) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (mmsi) DO UPDATE SET first_seen_ms = min(first_seen_ms, ?2), "
      "last_seen_ms = max(last_seen_ms, ?3), positions = positions + ?4");
  auto insert_chunk = db.prepare(
      "INSERT INTO position_chunks (mmsi, source_id, t_first_ms, t_last_ms, positions, "
      "lat_min_udeg, lat_max_udeg, lon_min_udeg, lon_max_udeg, data) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::string blob;
  std::uint64_t stored = 0;
  for (const std::uint32_t mmsi : mmsis) {
    auto& ps = data.positions[mmsi];
    std::sort(ps.begin(), ps.end());
    ps.erase(std::unique(ps.begin(), ps.end()), ps.end());
    for (std::size_t start = 0; start < ps.size(); start += k_max_chunk_positions) {
      const std::size_t n = std::min(k_max_chunk_positions, ps.size() - start);
      const std::span<const Position> chunk(ps.data() + start, n);
      std::int32_t lat_min = std::numeric_limits<std::int32_t>::max();
      std::int32_t lat_max = std::numeric_limits<std::int32_t>::min();
      std::int32_t lon_min = lat_min;
      std::int32_t lon_max = lat_max;
      for (const Position& p : chunk) {
        lat_min = std::min(lat_min, p.lat_udeg);
        lat_max = std::max(lat_max, p.lat_udeg);
        lon_min = std::min(lon_min, p.lon_udeg);
        lon_max = std::max(lon_max, p.lon_udeg);
      }
      blob.clear();
      encode_chunk(chunk, blob);
      insert_chunk.bind(1, std::int64_t{mmsi}).bind(2, m_source_id);
      insert_chunk.bind(3, chunk.front().t_ms).bind(4, chunk.back().t_ms);
      insert_chunk.bind(5, static_cast<std::int64_t>(n));
      insert_chunk.bind(6, std::int64_t{lat_min}).bind(7, std::int64_t{lat_max});
      insert_chunk.bind(8, std::int64_t{lon_min}).bind(9, std::int64_t{lon_max});
      insert_chunk.bind_blob(10, blob).run();
    }
    if (!ps.empty()) {
      upsert_vessel.bind(1, std::int64_t{mmsi}).bind(2, ps.front().t_ms).bind(3, ps.back().t_ms);
      upsert_vessel.bind(4, static_cast<std::int64_t>(ps.size())).run();
      stored += ps.size();
    }
  }

  auto upsert_identity = db.prepare(
      "INSERT INTO identities (mmsi, name, call_sign, imo, ship_type, length_m, width_m, "
      "draught_dm, destination, first_seen_ms, last_seen_ms, reports) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
      "ON CONFLICT (mmsi, name, call_sign, imo, ship_type, length_m, width_m, draught_dm, "
      "destination) DO UPDATE SET first_seen_ms = min(first_seen_ms, ?10), "
      "last_seen_ms = max(last_seen_ms, ?11), reports = reports + ?12");
  auto touch_vessel = db.prepare(
      "INSERT INTO vessels (mmsi, first_seen_ms, last_seen_ms) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (mmsi) DO UPDATE SET first_seen_ms = min(first_seen_ms, ?2), "
      "last_seen_ms = max(last_seen_ms, ?3)");
  for (const auto& [key, seen] : data.identities) {
    const auto& [mmsi, name, call_sign, imo, ship_type, length, width, draught, destination] = key;
    touch_vessel.bind(1, std::int64_t{mmsi}).bind(2, seen.first_ms).bind(3, seen.last_ms).run();
    upsert_identity.bind(1, std::int64_t{mmsi}).bind(2, name).bind(3, call_sign);
    upsert_identity.bind(4, std::int64_t{imo}).bind(5, std::int64_t{ship_type});
    upsert_identity.bind(6, std::int64_t{length}).bind(7, std::int64_t{width});
    upsert_identity.bind(8, std::int64_t{draught}).bind(9, destination);
    upsert_identity.bind(10, seen.first_ms).bind(11, seen.last_ms);
    upsert_identity.bind(12, static_cast<std::int64_t>(seen.reports)).run();
  }

  auto upsert_reject = db.prepare(
      "INSERT INTO source_rejects (source_id, reason, count) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (source_id, reason) DO UPDATE SET count = count + ?3");
  for (std::size_t i = 0; i < k_error_code_count; ++i) {
    if (data.rejects[i] == 0) continue;
    upsert_reject.bind(1, m_source_id).bind(2, to_string(static_cast<ErrorCode>(i)));
    upsert_reject.bind(3, static_cast<std::int64_t>(data.rejects[i])).run();
  }

  auto progress = db.prepare(
      "UPDATE sources SET records_done = ?, rejects_done = ?, complete = ?, "
      "positions = positions + ? WHERE id = ?");
  progress.bind(1, static_cast<std::int64_t>(records_done));
  progress.bind(2, static_cast<std::int64_t>(rejects_done));
  progress.bind(3, std::int64_t{complete ? 1 : 0}).bind(4, static_cast<std::int64_t>(stored));
  progress.bind(5, m_source_id).run();
  tx.commit();
}

}  // namespace darkfleet::store
