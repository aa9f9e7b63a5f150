#include "reception.hpp"

#include <algorithm>
#include <cmath>

#include "geo.hpp"

namespace darkfleet::sim::detail {

namespace {

int cell_index(int lat_cell, int lon_cell) {
  lon_cell = ((lon_cell % 360) + 360) % 360;
  return lat_cell * 360 + lon_cell;
}

}  // namespace

ReceptionModel::ReceptionModel(const Reception& r, std::int64_t start_ms)
    : m_cells(180 * 360), m_start_ms(start_ms), m_jitter_ms(r.jitter_ms) {
  for (const auto& st : r.shore) {
    const auto index = static_cast<std::uint32_t>(m_ids.size());
    m_ids.push_back(st.id);
    m_position.push_back(st.position);
    m_cos_lat.push_back(std::cos(st.position.lat_deg * k_deg));
    const double range_deg = st.range_nm * k_m_per_nm / (k_earth_radius_m * k_deg);
    m_range2_deg.push_back(range_deg * range_deg);
    m_loss.push_back(st.loss.value_or(r.loss));
    // Every cell the station's range can reach (a bounding box in degrees).
    const double dlat = st.range_nm / 60.0;
    const double c =
        std::max(0.05, std::cos(std::min(89.0, std::fabs(st.position.lat_deg) + dlat) * k_deg));
    const double dlon = std::min(180.0, dlat / c);
    const int lat0 = std::max(0, static_cast<int>(std::floor(st.position.lat_deg - dlat + 90)));
    const int lat1 = std::min(179, static_cast<int>(std::floor(st.position.lat_deg + dlat + 90)));
    const int lon0 = static_cast<int>(std::floor(st.position.lon_deg - dlon + 180));
    const int lon1 = static_cast<int>(std::floor(st.position.lon_deg + dlon + 180));
    for (int la = lat0; la <= lat1; ++la) {
      for (int lo = lon0; lo <= std::min(lon1, lon0 + 359); ++lo) {
        m_cells[static_cast<std::size_t>(cell_index(la, lo))].push_back(index);
      }
    }
  }
  if (r.satellite.enabled) {
    m_satellite = static_cast<std::uint32_t>(m_ids.size());
    m_ids.push_back(r.satellite.id);
    m_position.push_back({});
    m_cos_lat.push_back(1);
    m_range2_deg.push_back(0);
    m_loss.push_back(r.satellite.loss);
    m_revisit_ms = static_cast<std::int64_t>(r.satellite.revisit_min * 60000.0);
    m_pass_ms = static_cast<std::int64_t>(r.satellite.pass_min * 60000.0);
    m_phase_ms = static_cast<std::int64_t>(r.satellite.phase_min * 60000.0);
  }
}

bool ReceptionModel::in_pass(std::int64_t t_ms) const {
  if (m_satellite == UINT32_MAX || m_revisit_ms <= 0) return false;
  std::int64_t into = (t_ms - m_start_ms - m_phase_ms) % m_revisit_ms;
  if (into < 0) into += m_revisit_ms;
  return into < m_pass_ms;
}

void ReceptionModel::candidates(const LatLon& p, std::int64_t t_ms,
                                std::vector<std::uint32_t>& out) const {
  const int la = std::clamp(static_cast<int>(std::floor(p.lat_deg + 90)), 0, 179);
  const int lo = static_cast<int>(std::floor(p.lon_deg + 180));
  for (const std::uint32_t r : m_cells[static_cast<std::size_t>(cell_index(la, lo))]) {
    const double north = p.lat_deg - m_position[r].lat_deg;
    const double east = lon_delta(m_position[r].lon_deg, p.lon_deg) * m_cos_lat[r];
    if (north * north + east * east <= m_range2_deg[r]) out.push_back(r);
  }
  if (in_pass(t_ms)) out.push_back(m_satellite);
}

std::int64_t ReceptionModel::jitter_ms(Rng& rng) const {
  if (m_jitter_ms <= 0) return 0;
  return static_cast<std::int64_t>(std::llround(rng.uniform(-m_jitter_ms, m_jitter_ms)));
}

}  // namespace darkfleet::sim::detail
