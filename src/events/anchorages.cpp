// Anchorages from stationary clusters (GFW anchorages_pipeline, DOMAIN.md 1.3). darkfleet
// uses a latitude/longitude grid of about anchorage.cell_m instead of S2 level-14 cells.
#include "darkfleet/events/anchorages.hpp"

#include <cmath>

#include <fmt/format.h>

#include "sequence.hpp"

namespace darkfleet::events {

std::vector<StationaryPeriod> stationary_periods(const track::Track& track,
                                                 const Parameters& parameters) {
  const double radius_m = parameters.get("anchorage.stationary_radius_m");
  const double min_h = parameters.get("anchorage.stationary_min_h");
  std::vector<StationaryPeriod> out;
  for (const auto& s : track.segments) {
    if (s.quality == track::SegmentQuality::noise) continue;
    const auto& ps = s.positions;
    std::size_t i = 0;
    while (i < ps.size()) {
      const geo::LatLon anchor = detail::latlon(ps[i]);
      std::size_t j = i + 1;
      while (j < ps.size() && geo::distance_m(anchor, detail::latlon(ps[j])) <= radius_m) ++j;
      // ps[i, j) stays within the radius of ps[i]
      if (detail::hours(ps[i].t_ms, ps[j - 1].t_ms) >= min_h) {
        StationaryPeriod sp;
        sp.mmsi = track.mmsi;
        sp.start_ms = ps[i].t_ms;
        sp.end_ms = ps[j - 1].t_ms;
        double lat = 0, lon = 0;
        for (std::size_t k = i; k < j; ++k) {
          lat += ps[k].lat_deg();
          lon += ps[k].lon_deg();
        }
        const double n = static_cast<double>(j - i);
        sp.mean = {lat / n, lon / n};
        double sq = 0;
        for (std::size_t k = i; k < j; ++k) {
          const double d = geo::distance_m(sp.mean, detail::latlon(ps[k]));
          sq += d * d;
        }
        sp.rms_drift_m = std::sqrt(sq / n);
        sp.positions = static_cast<std::uint32_t>(j - i);
        out.push_back(sp);
        i = j;
      } else {
        ++i;
      }
    }
  }
  return out;
}

void AnchorageFinder::add(const track::Track& track) {
  const double cell_deg = m_parameters.get("anchorage.cell_m") / 111'000.0;
  for (const auto& sp : stationary_periods(track, m_parameters)) {
    const auto key = std::make_pair(static_cast<std::int64_t>(std::floor(sp.mean.lat_deg / cell_deg)),
                                    static_cast<std::int64_t>(std::floor(sp.mean.lon_deg / cell_deg)));
    CellStats& c = m_cells[key];
    c.vessels.insert(sp.mmsi);
    ++c.periods;
    c.lat_sum += sp.mean.lat_deg;
    c.lon_sum += sp.mean.lon_deg;
    c.hours += detail::hours(sp.start_ms, sp.end_ms);
  }
}

std::vector<Anchorage> AnchorageFinder::anchorages() const {
  const auto min_vessels = static_cast<std::size_t>(m_parameters.get("anchorage.min_vessels"));
  std::vector<Anchorage> out;
  for (const auto& [key, c] : m_cells) {
    if (c.vessels.size() < min_vessels) continue;
    Anchorage a;
    a.position = {c.lat_sum / c.periods, c.lon_sum / c.periods};
    a.id = fmt::format("anc-{:.4f}_{:.4f}", a.position.lat_deg, a.position.lon_deg);
    a.vessels = static_cast<std::uint32_t>(c.vessels.size());
    a.periods = c.periods;
    a.stationary_h = c.hours;
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<geo::Port> AnchorageFinder::as_ports() const {
  std::vector<geo::Port> out;
  for (const auto& a : anchorages()) {
    geo::Port p;
    p.id = a.id;
    p.name = a.id;
    p.position = a.position;
    p.source = "darkfleet anchorages";
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace darkfleet::events
