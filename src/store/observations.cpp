// The evidence tables (schema v3): imagery observations of port areas, per file added.
#include <fmt/format.h>

#include "darkfleet/store/store.hpp"
#include "store_impl.hpp"

namespace darkfleet::store {

bool Store::add_observations(const std::string& path, const std::string& content_hash,
                             const std::vector<Observation>& observations) {
  auto& db = m_impl->db;
  detail::Transaction tx(db);
  auto seen = db.prepare("SELECT id FROM evidence_files WHERE content_hash = ?");
  seen.bind(1, content_hash);
  if (seen.step()) return false;  // rolled back: nothing written
  auto file =
      db.prepare("INSERT INTO evidence_files (path, content_hash, observations) VALUES (?, ?, ?)");
  file.bind(1, path)
      .bind(2, content_hash)
      .bind(3, static_cast<std::int64_t>(observations.size()))
      .run();
  const std::int64_t file_id = sqlite3_last_insert_rowid(db.handle());
  auto row = db.prepare(
      "INSERT INTO observations (file_id, feature, area_id, image_id, acquired_ms, provider, "
      "sensor, "
      "resolution_m, containers_20ft, containers_40ft, confidence, analyst, note, stacks, lat_deg, "
      "lon_deg, geometry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const Observation& o : observations) {
    row.bind(1, file_id).bind(2, std::int64_t{o.feature}).bind(3, o.area_id).bind(4, o.image_id);
    row.bind(5, o.acquired_ms).bind(6, o.provider).bind(7, o.sensor).bind(8, o.resolution_m);
    row.bind(9, o.containers_20ft).bind(10, o.containers_40ft).bind(11, o.confidence);
    row.bind(12, o.analyst).bind(13, o.note).bind(14, o.stacks_json.empty() ? "[]" : o.stacks_json);
    row.bind(15, o.lat_deg).bind(16, o.lon_deg).bind(17, o.geometry_json);
    row.run();
  }
  tx.commit();
  return true;
}

std::vector<Observation> Store::observations(const std::string& area_id) const {
  if (schema_version() < 3) return {};  // a file opened read-only before evidence existed
  auto s = m_impl->db.prepare(fmt::format(
      "SELECT o.id, o.area_id, o.image_id, o.acquired_ms, o.provider, o.sensor, o.resolution_m, "
      "o.containers_20ft, o.containers_40ft, o.confidence, o.analyst, o.note, o.stacks, o.lat_deg, "
      "o.lon_deg, o.geometry, f.path, o.feature FROM observations o JOIN evidence_files f ON "
      "f.id = o.file_id {}ORDER BY o.area_id, o.acquired_ms, o.id",
      area_id.empty() ? "" : "WHERE o.area_id = ?1 "));
  if (!area_id.empty()) s.bind(1, area_id);
  std::vector<Observation> out;
  while (s.step()) {
    Observation o;
    o.id = s.column_int(0);
    o.area_id = s.column_text(1);
    o.image_id = s.column_text(2);
    o.acquired_ms = s.column_int(3);
    o.provider = s.column_text(4);
    o.sensor = s.column_text(5);
    o.resolution_m = s.column_double(6);
    o.containers_20ft = s.column_int(7);
    o.containers_40ft = s.column_int(8);
    o.confidence = s.column_double(9);
    o.analyst = s.column_text(10);
    o.note = s.column_text(11);
    o.stacks_json = s.column_text(12);
    o.lat_deg = s.column_double(13);
    o.lon_deg = s.column_double(14);
    o.geometry_json = s.column_text(15);
    o.file = s.column_text(16);
    o.feature = static_cast<int>(s.column_int(17));
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace darkfleet::store
