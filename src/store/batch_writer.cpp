#include "darkfleet/store/batch_writer.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <iterator>
#include <limits>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

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
  m_data.positions.push_back({mmsi, position});
  ++m_pending;
}

void BatchWriter::add_identity(Identity identity) {
  m_data.identity_reports.push_back(std::move(identity));
}

void BatchWriter::commit(std::uint64_t records_done, std::uint64_t rejects_done, bool complete) {
  wait();  // commits stay in order, one at a time
  m_pending = 0;
  if (!m_background) {
    write(m_data, records_done, rejects_done, complete);
    m_data.clear();
    return;
  }
  std::swap(m_data, m_writing);
  m_data.clear();
  m_worker = std::thread([this, records_done, rejects_done, complete] {
    try {
      write(m_writing, records_done, rejects_done, complete);
    } catch (...) {
      m_error = std::current_exception();
    }
  });
}

void BatchWriter::Pending::clear() {
  positions.clear();
  identity_reports.clear();
  rejects = {};
}

namespace {

// One chunk ready for its row: the encoded positions and the columns that index them.
struct EncodedChunk {
  std::uint32_t mmsi = 0;
  std::int64_t t_first_ms = 0;
  std::int64_t t_last_ms = 0;
  std::int64_t positions = 0;
  std::int32_t lat_min = std::numeric_limits<std::int32_t>::max();
  std::int32_t lat_max = std::numeric_limits<std::int32_t>::min();
  std::int32_t lon_min = std::numeric_limits<std::int32_t>::max();
  std::int32_t lon_max = std::numeric_limits<std::int32_t>::min();
  std::string data;
};

// What a commit adds to one vessel's row.
struct VesselSpan {
  std::uint32_t mmsi = 0;
  std::int64_t first_ms = 0;
  std::int64_t last_ms = 0;
  std::int64_t positions = 0;
};

struct Encoded {
  std::vector<EncodedChunk> chunks;
  std::vector<VesselSpan> vessels;
};

// Sorts each vessel's positions of [begin, end) (grouped by vessel), drops exact
// duplicates and encodes them as chunks.
template <typename It>
void encode_vessels(It begin, It end, Encoded& out) {
  std::vector<Position> ps;
  for (It run = begin; run != end;) {
    const std::uint32_t mmsi = run->mmsi;
    ps.clear();
    for (; run != end && run->mmsi == mmsi; ++run) ps.push_back(run->position);
    // The full order of Position, so that equal input gives equal chunks in any order.
    std::sort(ps.begin(), ps.end());
    ps.erase(std::unique(ps.begin(), ps.end()), ps.end());
    for (std::size_t start = 0; start < ps.size(); start += k_max_chunk_positions) {
      const std::size_t n = std::min(k_max_chunk_positions, ps.size() - start);
      const std::span<const Position> positions(ps.data() + start, n);
      EncodedChunk& chunk = out.chunks.emplace_back();
      chunk.mmsi = mmsi;
      chunk.t_first_ms = positions.front().t_ms;
      chunk.t_last_ms = positions.back().t_ms;
      chunk.positions = static_cast<std::int64_t>(n);
      for (const Position& p : positions) {
        chunk.lat_min = std::min(chunk.lat_min, p.lat_udeg);
        chunk.lat_max = std::max(chunk.lat_max, p.lat_udeg);
        chunk.lon_min = std::min(chunk.lon_min, p.lon_udeg);
        chunk.lon_max = std::max(chunk.lon_max, p.lon_udeg);
      }
      encode_chunk(positions, chunk.data);
    }
    if (!ps.empty()) {
      out.vessels.push_back(
          {mmsi, ps.front().t_ms, ps.back().t_ms, static_cast<std::int64_t>(ps.size())});
    }
  }
}

}  // namespace

void BatchWriter::write(Pending& data, std::uint64_t records_done, std::uint64_t rejects_done,
                        bool complete) {
  // Vessels in MMSI order, so that row ids come out the same whatever the input order.
  auto& all = data.positions;
  std::sort(all.begin(), all.end(),
            [](const VesselPosition& a, const VesselPosition& b) { return a.mmsi < b.mmsi; });
  // Encoding (zstd) is most of a commit's work: the first half of the vessels on a thread of
  // their own, the second half here. The rows are then written in MMSI order as before.
  auto middle = all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2);
  while (middle != all.begin() && middle != all.end() && std::prev(middle)->mmsi == middle->mmsi) {
    ++middle;
  }
  std::array<Encoded, 2> halves;
  std::exception_ptr first_half_error;
  {
    std::thread first_half([&] {
      try {
        encode_vessels(all.begin(), middle, halves[0]);
      } catch (...) {
        first_half_error = std::current_exception();
      }
    });
    try {
      encode_vessels(middle, all.end(), halves[1]);
    } catch (...) {
      first_half.join();
      throw;
    }
    first_half.join();
  }
  if (first_half_error) std::rethrow_exception(first_half_error);

  auto& db = m_store.m_impl->db;
  detail::Transaction tx(db);
  auto upsert_vessel = db.prepare(
      "INSERT INTO vessels (mmsi, first_seen_ms, last_seen_ms, positions) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (mmsi) DO UPDATE SET first_seen_ms = min(first_seen_ms, ?2), "
      "last_seen_ms = max(last_seen_ms, ?3), positions = positions + ?4");
  auto insert_chunk = db.prepare(
      "INSERT INTO position_chunks (mmsi, source_id, t_first_ms, t_last_ms, positions, "
      "lat_min_udeg, lat_max_udeg, lon_min_udeg, lon_max_udeg, data) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::uint64_t stored = 0;
  for (const Encoded& half : halves) {
    // Chunks first, then the vessels' rows, as one vessel at a time did: the same row ids.
    std::size_t next_vessel = 0;
    const auto upsert_until = [&](std::uint32_t before_mmsi) {
      for (; next_vessel < half.vessels.size() && half.vessels[next_vessel].mmsi < before_mmsi;
           ++next_vessel) {
        const VesselSpan& v = half.vessels[next_vessel];
        upsert_vessel.bind(1, std::int64_t{v.mmsi}).bind(2, v.first_ms).bind(3, v.last_ms);
        upsert_vessel.bind(4, v.positions).run();
        stored += static_cast<std::uint64_t>(v.positions);
      }
    };
    for (const EncodedChunk& c : half.chunks) {
      upsert_until(c.mmsi);
      insert_chunk.bind(1, std::int64_t{c.mmsi}).bind(2, m_source_id);
      insert_chunk.bind(3, c.t_first_ms).bind(4, c.t_last_ms).bind(5, c.positions);
      insert_chunk.bind(6, std::int64_t{c.lat_min}).bind(7, std::int64_t{c.lat_max});
      insert_chunk.bind(8, std::int64_t{c.lon_min}).bind(9, std::int64_t{c.lon_max});
      insert_chunk.bind_blob(10, c.data).run();
    }
    upsert_until(std::numeric_limits<std::uint32_t>::max());
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
  // Reports of the same identity folded into one row: first and last seen, how often.
  std::map<IdentityKey, Seen> identities;
  for (Identity& id : data.identity_reports) {
    const auto [it, inserted] = identities.try_emplace(
        IdentityKey{id.mmsi, std::move(id.name), std::move(id.call_sign), id.imo, id.ship_type,
                    id.length_m, id.width_m, id.draught_dm, std::move(id.destination)},
        Seen{id.first_seen_ms, id.first_seen_ms, 1});
    if (!inserted) {
      it->second.first_ms = std::min(it->second.first_ms, id.first_seen_ms);
      it->second.last_ms = std::max(it->second.last_ms, id.first_seen_ms);
      ++it->second.reports;
    }
  }
  for (const auto& [key, seen] : identities) {
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
