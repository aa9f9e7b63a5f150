#include "darkfleet/track/segmenter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace darkfleet::track {
namespace {

constexpr double k_earth_radius_nm = 3440.065;
constexpr double k_pi = 3.14159265358979323846;
constexpr double k_rad = k_pi / 180.0;
constexpr double k_ms_per_hour = 3'600'000.0;

bool same_report(const store::Position& a, const store::Position& b) {
  return a.lat_udeg == b.lat_udeg && a.lon_udeg == b.lon_udeg && a.sog_dkn == b.sog_dkn &&
         a.cog_ddeg == b.cog_ddeg && a.heading_deg == b.heading_deg && a.status == b.status;
}

// Where `from` would be after `hours` at its reported speed and course (itself when it
// reports neither), as a position with only lat/lon meaningful.
store::Position dead_reckon(const store::Position& from, double hours) {
  const auto sog = from.sog_kn();
  const auto cog = from.cog_deg();
  if (!sog || !cog || hours <= 0.0) return from;
  const double dist_rad = *sog * hours / k_earth_radius_nm;
  const double lat1 = from.lat_deg() * k_rad;
  const double lon1 = from.lon_deg() * k_rad;
  const double course = *cog * k_rad;
  const double lat2 = std::asin(std::sin(lat1) * std::cos(dist_rad) +
                                std::cos(lat1) * std::sin(dist_rad) * std::cos(course));
  const double lon2 = lon1 + std::atan2(std::sin(course) * std::sin(dist_rad) * std::cos(lat1),
                                        std::cos(dist_rad) - std::sin(lat1) * std::sin(lat2));
  store::Position out = from;
  out.lat_udeg = static_cast<std::int32_t>(std::lround(lat2 / k_rad * 1e6));
  double lon_deg = lon2 / k_rad;
  if (lon_deg > 180) lon_deg -= 360;
  if (lon_deg < -180) lon_deg += 360;
  out.lon_udeg = static_cast<std::int32_t>(std::lround(lon_deg * 1e6));
  return out;
}

struct Open {
  std::size_t segment;  // index into the output
  store::Position last;
};

// How badly `p` fits after `last`: discrepancy / allowed discrepancy; > 1 = does not fit.
double cost(const store::Position& last, const store::Position& p, const SegmenterOptions& o) {
  const double hours = static_cast<double>(p.t_ms - last.t_ms) / k_ms_per_hour;
  if (hours > o.max_hours) return std::numeric_limits<double>::infinity();
  const double discrepancy = distance_nm(dead_reckon(last, hours), p);
  const double reported = std::max(last.sog_kn().value_or(0.0), p.sog_kn().value_or(0.0));
  const double speed_kn = std::max(o.max_speed_kn, o.reported_speed_multiplier * reported);
  const double allowed = speed_kn * std::hypot(hours, o.buffer_hours);
  return discrepancy / allowed;
}

}  // namespace

std::string_view to_string(SegmentQuality quality) {
  switch (quality) {
    case SegmentQuality::good: return "good";
    case SegmentQuality::overlapping: return "overlapping";
    case SegmentQuality::short_segment: return "short";
    case SegmentQuality::overlapping_and_short: return "overlapping_and_short";
    case SegmentQuality::noise: return "noise";
  }
  return "unknown";
}

double distance_nm(const store::Position& a, const store::Position& b) {
  const double lat1 = a.lat_deg() * k_rad;
  const double lat2 = b.lat_deg() * k_rad;
  const double dlat = lat2 - lat1;
  const double dlon = (b.lon_deg() - a.lon_deg()) * k_rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * k_earth_radius_nm * std::asin(std::min(1.0, std::sqrt(h)));
}

Track build_track(std::uint32_t mmsi, std::vector<store::Position> ps,
                  const SegmenterOptions& o) {
  Track track;
  track.mmsi = mmsi;
  track.stats.input = ps.size();
  std::sort(ps.begin(), ps.end());
  const auto unique_end = std::unique(ps.begin(), ps.end());
  track.stats.exact_duplicates = static_cast<std::uint64_t>(ps.end() - unique_end);
  ps.erase(unique_end, ps.end());

  // Receiver duplicates: the same report again within the window (any receiver's clock).
  const auto window_ms = static_cast<std::int64_t>(o.duplicate_window_s * 1000.0);
  std::vector<store::Position> kept;
  kept.reserve(ps.size());
  for (const auto& p : ps) {
    bool dup = false;
    for (auto it = kept.rbegin(); it != kept.rend() && p.t_ms - it->t_ms <= window_ms; ++it) {
      if (same_report(*it, p)) {
        dup = true;
        break;
      }
    }
    if (dup) {
      ++track.stats.receiver_duplicates;
    } else {
      kept.push_back(p);
    }
  }

  // Each position joins the open segment it fits best, or starts a new one.
  std::vector<Open> open;
  for (const auto& p : kept) {
    std::erase_if(open, [&](const Open& s) {
      return static_cast<double>(p.t_ms - s.last.t_ms) / k_ms_per_hour > o.max_hours;
    });
    double best = 1.0;
    Open* chosen = nullptr;
    for (auto& s : open) {
      const double c = cost(s.last, p, o);
      if (c <= best) {
        best = c;
        chosen = &s;
      }
    }
    if (chosen == nullptr) {
      if (open.size() >= std::max<std::size_t>(1, o.max_open_segments)) {
        const auto oldest = std::min_element(open.begin(), open.end(), [](const Open& a, const Open& b) {
          return a.last.t_ms < b.last.t_ms;
        });
        open.erase(oldest);
      }
      Segment segment;
      segment.index = static_cast<std::uint32_t>(track.segments.size());
      track.segments.push_back(std::move(segment));
      open.push_back({track.segments.size() - 1, p});
      chosen = &open.back();
    }
    track.segments[chosen->segment].positions.push_back(p);
    chosen->last = p;
  }

  // Quality: single positions are noise; then short and overlap flags.
  for (auto& s : track.segments) {
    if (s.positions.size() == 1) {
      s.quality = SegmentQuality::noise;
      ++track.stats.noise;
    }
  }
  for (auto& s : track.segments) {
    if (s.quality == SegmentQuality::noise) continue;
    const std::int64_t begin = s.positions.front().t_ms;
    const std::int64_t end = s.positions.back().t_ms;
    bool overlaps = false;
    for (const auto& other : track.segments) {
      if (&other == &s || other.quality == SegmentQuality::noise) continue;
      if (other.positions.front().t_ms < end && begin < other.positions.back().t_ms) {
        overlaps = true;
        break;
      }
    }
    const bool is_short = s.positions.size() < o.min_good_positions;
    s.quality = overlaps ? (is_short ? SegmentQuality::overlapping_and_short
                                     : SegmentQuality::overlapping)
                         : (is_short ? SegmentQuality::short_segment : SegmentQuality::good);
  }
  return track;
}

}  // namespace darkfleet::track
