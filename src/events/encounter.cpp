// Encounters (GFW encounters_pipeline, DOMAIN.md 1.1): every clean segment is resampled onto a
// fixed time grid (10 min) without bridging gaps over 1 h; at each grid time, vessels within
// 500 m of each other and both under 2 kn are adjacent; runs of consecutive adjacent slots of
// one pair are raw encounters; raw encounters of the same pair are merged when the next starts
// less than 4 h after the last ends; a merged encounter lasting at least 2 h whose mean
// position is at least 10 km from every watched port and not on land is an event.
//
// Points within 10 km of a watched port are dropped before pairing (as RTEC excludes near-port
// areas, DOMAIN.md 1.7): an encounter made of them would fail the port test anyway, and
// vessels moored side by side in a busy port make the number of close pairs grow with the
// square of the vessels in the port. A meeting that drifts across the 10 km line is cut at it.
//
// Memory: on_vessel() keeps only the resampled points where the vessel is slow and away
// from ports (40 bytes each), so it grows with the slow vessel-time at sea, not with the
// positions.
// Cost: finish() sorts each slot's points by (latitude band, longitude) and compares each point
// with the points of its own and the next band inside a longitude window: O(n log n) per slot
// for n points, plus the pairs actually close.
#include "darkfleet/events/encounter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <optional>
#include <vector>

#include "sequence.hpp"
#include "track_util.hpp"

namespace darkfleet::events {
namespace {

/// Raw runs shorter than this are not merged: GFW's README runs raw encounters with
/// min_encounter_time_minutes 60 before merging (DOMAIN.md 1.1). Capped by min_duration_h.
constexpr double k_min_raw_h = 1.0;
/// Metres per degree of latitude, lower bound (at the equator, WGS84), so that a band of
/// max_distance / this degrees is at least max_distance tall.
constexpr double k_min_m_per_deg_lat = 110'574.0;
/// Metres per degree of longitude at the equator, upper bound for the window.
constexpr double k_m_per_deg_lon_equator = 111'320.0;

struct Point {
  std::int64_t slot = 0;  // t_ms / resample_ms
  double lat_deg = 0;
  double lon_deg = 0;
  float speed_kn = 0;
  std::uint32_t mmsi = 0;
  std::uint32_t segment = 0;
};

struct Adjacency {
  std::uint32_t a = 0;  // smaller MMSI
  std::uint32_t b = 0;
  std::int64_t slot = 0;
  double distance_m = 0;
  const Point* pa = nullptr;
  const Point* pb = nullptr;
};

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

geo::LatLon midpoint(const Point& a, const Point& b) {
  double dlon = b.lon_deg - a.lon_deg;
  if (dlon > 180) dlon -= 360;
  if (dlon < -180) dlon += 360;
  double lon = a.lon_deg + dlon / 2;
  if (lon > 180) lon -= 360;
  if (lon < -180) lon += 360;
  return {(a.lat_deg + b.lat_deg) / 2, lon};
}

class EncounterDetector final : public Detector {
 public:
  [[nodiscard]] EventKind kind() const override { return EventKind::encounter; }

  void on_vessel(const VesselData& vessel, const Context& context, EventSink& sink) override {
    (void)sink;
    if (vessel.track == nullptr) return;
    const Parameters& p = detail::parameters_of(context);
    const auto resample_ms =
        static_cast<std::int64_t>(std::llround(p.get("encounter.resample_min") * 60'000.0));
    const double max_gap_ms = p.get("encounter.max_gap_h") * detail::k_ms_per_h;
    const double max_speed_kn = p.get("encounter.max_speed_kn");
    if (resample_ms <= 0) return;
    if (!m_ports) m_ports.emplace(context.ports);
    m_min_port_m = p.get("encounter.min_port_distance_km") * 1000.0;
    for (const track::Segment& segment : vessel.track->segments) {
      if (segment.quality == track::SegmentQuality::noise ||
          segment.quality == track::SegmentQuality::overlapping_and_short) {
        continue;
      }
      resample(vessel.mmsi, segment, resample_ms, max_gap_ms, max_speed_kn);
    }
  }

  void finish(const Context& context, EventSink& sink) override {
    const Parameters& p = detail::parameters_of(context);
    const auto resample_ms =
        static_cast<std::int64_t>(std::llround(p.get("encounter.resample_min") * 60'000.0));
    if (resample_ms <= 0 || m_points.empty()) return;
    std::vector<Adjacency> adjacent = find_adjacent(p.get("encounter.max_distance_m"));
    std::sort(adjacent.begin(), adjacent.end(), [](const Adjacency& x, const Adjacency& y) {
      if (x.a != y.a) return x.a < y.a;
      if (x.b != y.b) return x.b < y.b;
      return x.slot < y.slot;
    });
    emit_encounters(adjacent, resample_ms, p, context, sink);
    m_points.clear();
    m_points.shrink_to_fit();
  }

 private:
  void resample(std::uint32_t mmsi, const track::Segment& segment, std::int64_t resample_ms,
                double max_gap_ms, double max_speed_kn) {
    const auto& positions = segment.positions;
    if (positions.empty()) return;
    const std::int64_t first = positions.front().t_ms;
    const std::int64_t last = positions.back().t_ms;
    // Grid times in [first, last]; for each, the first position at or after it (p1) and the
    // one before (p0): the point is interpolated between them, its speed is their implied one.
    std::int64_t slot = first / resample_ms + (first % resample_ms > 0 ? 1 : 0);  // ceil
    std::size_t i = 0;
    for (; slot * resample_ms <= last; ++slot) {
      const std::int64_t t = slot * resample_ms;
      while (i < positions.size() && positions[i].t_ms < t) ++i;
      if (i >= positions.size()) break;
      const store::Position& p1 = positions[i];
      const store::Position& p0 = i > 0 ? positions[i - 1] : p1;
      const auto dt_ms = static_cast<double>(p1.t_ms - p0.t_ms);
      if (dt_ms > max_gap_ms) continue;  // GFW: no interpolation across long gaps
      double speed_kn = 0;
      if (dt_ms > 0) {
        speed_kn = track::distance_nm(p0, p1) / (dt_ms / detail::k_ms_per_h);
      } else if (const auto sog = p1.sog_kn()) {
        speed_kn = *sog;
      }
      if (!(speed_kn < max_speed_kn)) continue;  // only slow points can meet; keeps memory down
      const double f = dt_ms > 0 ? static_cast<double>(t - p0.t_ms) / dt_ms : 1.0;
      double dlon = p1.lon_deg() - p0.lon_deg();
      if (dlon > 180) dlon -= 360;
      if (dlon < -180) dlon += 360;
      double lon = p0.lon_deg() + f * dlon;
      if (lon > 180) lon -= 360;
      if (lon < -180) lon += 360;
      const double lat = p0.lat_deg() + f * (p1.lat_deg() - p0.lat_deg());
      if (near_port({lat, lon})) continue;
      m_points.push_back({slot, lat, lon, static_cast<float>(speed_kn), mmsi, segment.index});
    }
  }

  /// True when `p` is closer than encounter.min_port_distance_km to a watched port (to its
  /// area when it has one).
  [[nodiscard]] bool near_port(geo::LatLon p) const {
    double d = 0;
    return m_min_port_m > 0 && m_ports && m_ports->nearest(p, m_min_port_m, d) != nullptr &&
           d < m_min_port_m;
  }

  std::vector<Adjacency> find_adjacent(double max_distance_m) {
    const double band_deg = std::max(max_distance_m, 1.0) / k_min_m_per_deg_lat;
    auto band_of = [band_deg](double lat) {
      return static_cast<std::int64_t>(std::floor(lat / band_deg));
    };
    std::sort(m_points.begin(), m_points.end(), [&](const Point& x, const Point& y) {
      if (x.slot != y.slot) return x.slot < y.slot;
      const auto bx = band_of(x.lat_deg);
      const auto by = band_of(y.lat_deg);
      if (bx != by) return bx < by;
      return x.lon_deg < y.lon_deg;
    });
    std::vector<Adjacency> adjacent;
    std::size_t slot_begin = 0;
    while (slot_begin < m_points.size()) {
      std::size_t slot_end = slot_begin;
      while (slot_end < m_points.size() && m_points[slot_end].slot == m_points[slot_begin].slot)
        ++slot_end;
      for (std::size_t i = slot_begin; i < slot_end; ++i) {
        const Point& pi = m_points[i];
        const std::int64_t band = band_of(pi.lat_deg);
        const double max_abs_lat = std::min(89.0, std::abs(pi.lat_deg) + 2 * band_deg);
        const double window_deg =
            max_distance_m /
            (k_m_per_deg_lon_equator * std::cos(max_abs_lat * std::numbers::pi / 180.0)) * 1.01;
        // Same band: the points after i within the window. Next band: the window around i.
        for (std::size_t j = i + 1; j < slot_end && band_of(m_points[j].lat_deg) == band; ++j) {
          if (m_points[j].lon_deg - pi.lon_deg > window_deg) break;
          consider(pi, m_points[j], max_distance_m, adjacent);
        }
        const auto next_band_begin = std::partition_point(
            m_points.begin() + static_cast<std::ptrdiff_t>(i),
            m_points.begin() + static_cast<std::ptrdiff_t>(slot_end), [&](const Point& q) {
              const auto bq = band_of(q.lat_deg);
              return bq < band + 1 || (bq == band + 1 && q.lon_deg < pi.lon_deg - window_deg);
            });
        for (auto it = next_band_begin;
             it != m_points.begin() + static_cast<std::ptrdiff_t>(slot_end); ++it) {
          if (band_of(it->lat_deg) != band + 1 || it->lon_deg - pi.lon_deg > window_deg) break;
          consider(pi, *it, max_distance_m, adjacent);
        }
      }
      slot_begin = slot_end;
    }
    return adjacent;
  }

  static void consider(const Point& x, const Point& y, double max_distance_m,
                       std::vector<Adjacency>& out) {
    if (x.mmsi == y.mmsi) return;
    const double d = geo::distance_m({x.lat_deg, x.lon_deg}, {y.lat_deg, y.lon_deg});
    if (d > max_distance_m) return;
    if (x.mmsi < y.mmsi) {
      out.push_back({x.mmsi, y.mmsi, x.slot, d, &x, &y});
    } else {
      out.push_back({y.mmsi, x.mmsi, x.slot, d, &y, &x});
    }
  }

  /// Runs of consecutive slots per pair, merged within merge_gap_h, filtered and emitted.
  void emit_encounters(const std::vector<Adjacency>& adjacent, std::int64_t resample_ms,
                       const Parameters& p, const Context& context, EventSink& sink) const {
    const double min_duration_h = p.get("encounter.min_duration_h");
    const double merge_gap_ms = p.get("encounter.merge_gap_h") * detail::k_ms_per_h;
    const double min_raw_ms = std::min(k_min_raw_h, min_duration_h) * detail::k_ms_per_h;
    std::size_t pair_begin = 0;
    while (pair_begin < adjacent.size()) {
      std::size_t pair_end = pair_begin;
      while (pair_end < adjacent.size() && adjacent[pair_end].a == adjacent[pair_begin].a &&
             adjacent[pair_end].b == adjacent[pair_begin].b) {
        ++pair_end;
      }
      // Raw runs: consecutive slots (a one-vessel duplicate slot, from overlapping segments,
      // keeps the run going).
      std::vector<std::pair<std::size_t, std::size_t>> runs;
      for (std::size_t i = pair_begin; i < pair_end;) {
        std::size_t j = i + 1;
        while (j < pair_end && adjacent[j].slot - adjacent[j - 1].slot <= 1) ++j;
        if (static_cast<double>((adjacent[j - 1].slot - adjacent[i].slot) * resample_ms) >=
            min_raw_ms) {
          runs.emplace_back(i, j);
        }
        i = j;
      }
      // Merge runs of the pair whose gap is under merge_gap_h.
      for (std::size_t r = 0; r < runs.size();) {
        std::size_t s = r + 1;
        while (s < runs.size() && static_cast<double>((adjacent[runs[s].first].slot -
                                                       adjacent[runs[s - 1].second - 1].slot) *
                                                      resample_ms) < merge_gap_ms) {
          ++s;
        }
        emit_one(adjacent, runs[r].first, runs[s - 1].second, resample_ms, min_duration_h, p,
                 context, sink);
        r = s;
      }
      pair_begin = pair_end;
    }
  }

  void emit_one(const std::vector<Adjacency>& adjacent, std::size_t begin, std::size_t end,
                std::int64_t resample_ms, double min_duration_h, const Parameters& p,
                const Context& context, EventSink& sink) const {
    const Adjacency& first = adjacent[begin];
    const Adjacency& last = adjacent[end - 1];
    const double duration_h =
        static_cast<double>((last.slot - first.slot) * resample_ms) / detail::k_ms_per_h;
    if (duration_h < min_duration_h) return;
    // Mean position: latitude mean, longitude circular mean (GFW compute_encounters.py).
    double lat_sum = 0;
    double sin_sum = 0;
    double cos_sum = 0;
    std::vector<double> distances;
    std::vector<double> speeds;
    std::vector<Evidence> evidence;
    auto add_evidence = [&evidence](const Point& point, std::int64_t t_ms) {
      for (Evidence& e : evidence) {
        if (e.mmsi == point.mmsi && e.segment == point.segment) {
          e.from_ms = std::min(e.from_ms, t_ms);
          e.to_ms = std::max(e.to_ms, t_ms);
          ++e.positions;
          return;
        }
      }
      evidence.push_back({point.mmsi, point.segment, t_ms, t_ms, 1});
    };
    for (std::size_t i = begin; i < end; ++i) {
      const Adjacency& a = adjacent[i];
      const geo::LatLon mid = midpoint(*a.pa, *a.pb);
      lat_sum += mid.lat_deg;
      sin_sum += std::sin(mid.lon_deg * std::numbers::pi / 180.0);
      cos_sum += std::cos(mid.lon_deg * std::numbers::pi / 180.0);
      distances.push_back(a.distance_m);
      speeds.push_back(static_cast<double>(a.pa->speed_kn));
      speeds.push_back(static_cast<double>(a.pb->speed_kn));
      add_evidence(*a.pa, a.slot * resample_ms);
      add_evidence(*a.pb, a.slot * resample_ms);
    }
    const auto n = static_cast<double>(end - begin);
    const geo::LatLon mean{lat_sum / n, std::atan2(sin_sum, cos_sum) * 180.0 / std::numbers::pi};
    // Points beside a port were never paired, but the mean of points on either side of a
    // port can still fall near it.
    if (near_port(mean)) return;
    if (context.coast != nullptr && context.coast->on_land(mean)) return;

    Event event;
    event.kind = EventKind::encounter;
    event.mmsi = first.a;
    event.other_mmsi = first.b;
    event.start = {first.slot * resample_ms, midpoint(*first.pa, *first.pb)};
    event.end = {last.slot * resample_ms, midpoint(*last.pa, *last.pb)};
    event.position = mean;
    event.parameter_set = p.name();
    event.values["duration_h"] = duration_h;
    event.values["median_distance_m"] = median(std::move(distances));
    event.values["median_speed_kn"] = median(std::move(speeds));
    std::uint32_t count_a = 0;
    std::uint32_t count_b = 0;
    for (const Evidence& e : evidence) (e.mmsi == first.a ? count_a : count_b) += e.positions;
    event.values["vessel_1_point_count"] = count_a;
    event.values["vessel_2_point_count"] = count_b;
    std::sort(evidence.begin(), evidence.end(), [](const Evidence& x, const Evidence& y) {
      return x.mmsi != y.mmsi ? x.mmsi < y.mmsi : x.from_ms < y.from_ms;
    });
    event.evidence = std::move(evidence);
    if (context.data_end_ms && event.end.t_ms + resample_ms > *context.data_end_ms)
      event.open = true;
    sink.on_event(std::move(event));
  }

  std::vector<Point> m_points;
  std::optional<detail::PortIndex> m_ports;  // built from the first vessel's context
  double m_min_port_m = 0;
};

}  // namespace

std::unique_ptr<Detector> make_encounter_detector() {
  return std::make_unique<EncounterDetector>();
}

}  // namespace darkfleet::events
