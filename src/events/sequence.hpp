// Internal helpers shared by the detectors: a vessel's positions across segments in time
// order, and nearest-port lookups.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "darkfleet/geo/geo.hpp"
#include "darkfleet/geo/ports.hpp"
#include "darkfleet/track/segmenter.hpp"
#include "track_util.hpp"

namespace darkfleet::events::detail {

/// A position and the segment it belongs to.
struct SeqPoint {
  const store::Position* p = nullptr;
  std::uint32_t segment = 0;
};

/// True when another non-noise segment of `track` with more positions spans the whole time
/// of `s` (a spoofed stretch or a second transmitter inside the vessel's own track).
inline bool contained(const track::Track& track, const track::Segment& s) {
  if (s.positions.empty()) return true;
  for (const auto& o : track.segments) {
    if (&o == &s || o.quality == track::SegmentQuality::noise ||
        o.positions.size() <= s.positions.size())
      continue;
    if (o.positions.front().t_ms <= s.positions.front().t_ms &&
        o.positions.back().t_ms >= s.positions.back().t_ms)
      return true;
  }
  return false;
}

/// The positions of every non-noise segment of `track`, merged in time order; without the
/// segments contained in a longer one when `drop_contained`; with the lone reports among
/// the noise (lone_report()) when `keep_lone`.
inline std::vector<SeqPoint> merged_positions(const track::Track& track,
                                              bool drop_contained = false, bool keep_lone = false) {
  std::vector<SeqPoint> out;
  for (const auto& s : track.segments) {
    if (s.quality == track::SegmentQuality::noise && !(keep_lone && lone_report(track, s))) {
      continue;
    }
    if (drop_contained && contained(track, s)) continue;
    for (const auto& p : s.positions) out.push_back({&p, s.index});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SeqPoint& a, const SeqPoint& b) { return a.p->t_ms < b.p->t_ms; });
  return out;
}

inline geo::LatLon latlon(const store::Position& p) {
  return {p.lat_deg(), p.lon_deg()};
}

inline double hours(std::int64_t from_ms, std::int64_t to_ms) {
  return static_cast<double>(to_ms - from_ms) / k_ms_per_h;
}

/// Ports for "which port lies within r metres" queries. Distance to a port is
/// geo::distance_to_port_m(): to the polygon of a port with an area (0 inside), to the
/// reference point otherwise. Point ports are kept sorted by latitude; ports with an area
/// apart, with their bounding boxes.
class PortIndex {
 public:
  explicit PortIndex(const std::vector<geo::Port>* ports) {
    if (ports == nullptr) return;
    for (const geo::Port& port : *ports) {
      if (port.area) {
        m_areas.push_back(area_of(port));
      } else {
        m_items.push_back({port.position.lat_deg, &port});
      }
    }
    std::sort(m_items.begin(), m_items.end(),
              [](const Item& a, const Item& b) { return a.lat < b.lat; });
  }
  /// The nearest port within `radius_m` of `p`, or nullptr; its distance in `distance_m`.
  /// Of ports at the same distance, the last point port in latitude order, and a port with
  /// an area before any point port.
  const geo::Port* nearest(geo::LatLon p, double radius_m, double& distance_m) const {
    // 110 km is less than a degree of latitude anywhere on WGS84 (110.57 km at the equator),
    // so the band holds every port within radius_m.
    const double dlat = radius_m / 110'000.0 + 1e-6;
    auto it = std::lower_bound(m_items.begin(), m_items.end(), p.lat_deg - dlat,
                               [](const Item& a, double lat) { return a.lat < lat; });
    const geo::Port* best = nullptr;
    distance_m = radius_m;
    for (; it != m_items.end() && it->lat <= p.lat_deg + dlat; ++it) {
      // the geodesic only for ports whose longitude is near enough too
      if (!near_in_longitude(p, it->lat, it->port->position.lon_deg, it->port->position.lon_deg,
                             dlat)) {
        continue;
      }
      const double d = geo::distance_m(p, it->port->position);
      if (d <= distance_m) {
        distance_m = d;
        best = it->port;
      }
    }
    for (const Area& a : m_areas) {
      if (!a.may_be_within(p, dlat)) continue;
      const double d = geo::distance_to_polygon_m(p, *a.port->area);
      if (d <= distance_m) {
        distance_m = d;
        best = a.port;
      }
    }
    return best;
  }
  [[nodiscard]] bool empty() const { return m_items.empty() && m_areas.empty(); }

 private:
  struct Item {
    double lat;
    const geo::Port* port;
  };
  // A port with an area and the bounding box of its outer ring, degrees.
  struct Area {
    const geo::Port* port = nullptr;
    double lat_lo = 0, lat_hi = 0, lon_lo = 0, lon_hi = 0;
    // False only when `p` is certainly more than `dlat` degrees of latitude (as a distance)
    // from the box; longitudes are compared the shorter way round the globe.
    [[nodiscard]] bool may_be_within(geo::LatLon p, double dlat) const {
      if (p.lat_deg < lat_lo - dlat || p.lat_deg > lat_hi + dlat) return false;
      return near_in_longitude(p, std::max(std::abs(lat_lo), std::abs(lat_hi)), lon_lo, lon_hi,
                               dlat);
    }
  };
  // False only when `p` is certainly more than `dlat` degrees of latitude (as a distance)
  // east or west of the longitudes [lon_lo, lon_hi] of a place no further from the equator
  // than `abs_lat`; longitudes are compared the shorter way round the globe.
  static bool near_in_longitude(geo::LatLon p, double abs_lat, double lon_lo, double lon_hi,
                                double dlat) {
    constexpr double k_rad = 3.14159265358979323846 / 180.0;
    const double lat_max = std::abs(abs_lat) + dlat;
    if (lat_max >= 89.0) return true;
    const double dlon = dlat / std::cos(lat_max * k_rad);
    double off = 0;
    if (p.lon_deg < lon_lo) off = std::min(lon_lo - p.lon_deg, p.lon_deg + 360.0 - lon_hi);
    if (p.lon_deg > lon_hi) off = std::min(p.lon_deg - lon_hi, lon_lo + 360.0 - p.lon_deg);
    return off <= dlon;
  }
  static Area area_of(const geo::Port& port) {
    Area a;
    a.port = &port;
    a.lat_lo = a.lon_lo = 1e9;
    a.lat_hi = a.lon_hi = -1e9;
    for (const geo::LatLon& v : port.area->outer) {
      a.lat_lo = std::min(a.lat_lo, v.lat_deg);
      a.lat_hi = std::max(a.lat_hi, v.lat_deg);
      a.lon_lo = std::min(a.lon_lo, v.lon_deg);
      a.lon_hi = std::max(a.lon_hi, v.lon_deg);
    }
    return a;
  }
  std::vector<Item> m_items;
  std::vector<Area> m_areas;
};

}  // namespace darkfleet::events::detail

#include "darkfleet/events/event.hpp"
#include "darkfleet/events/parameters.hpp"

namespace darkfleet::events::detail {

/// The port visits of one vessel (port_visits.cpp), whatever their confidence; the
/// confidence level 1-4 is in values["confidence_level"].
std::vector<Event> port_visits_of(const track::Track& track, const PortIndex& ports,
                                  const Parameters& parameters, const std::string& parameter_set);

}  // namespace darkfleet::events::detail
