// Clean tracks from one vessel's raw positions: time order, duplicates removed, impossible
// jumps rejected, and an MMSI shared by several transmitters (or spoofed) split into
// segments that each stay physically plausible.
//
// The defaults follow Global Fishing Watch's segmenter (pipe-segment, see
// src/track/README.md for the rules and where darkfleet differs).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "darkfleet/store/position.hpp"

namespace darkfleet::track {

/// Segmenter parameters; names and defaults follow GFW's pipe-segment where it has one.
struct SegmenterOptions {
  /// A gap longer than this always starts a new segment (GFW max_hours).
  double max_hours = 24.0;
  /// Fastest plausible speed over ground when the vessel does not report a higher one, kn
  /// (GFW max_speed).
  double max_speed_kn = 30.0;
  /// A vessel may move this much faster than the speed it reports (GFW
  /// reported_speed_multiplier).
  double reported_speed_multiplier = 1.1;
  /// Time noise added to every interval, h: the allowed distance grows with
  /// hypot(dt, buffer_hours) (GFW buffer_hours).
  double buffer_hours = 0.5;
  /// Two reports with the same position, speed, course, heading and status this close in
  /// time are one broadcast heard by several receivers, s (darkfleet's own rule).
  double duplicate_window_s = 10.0;
  /// A segment with fewer positions is "short" (GFW's noise filter keeps > 10 positions).
  std::size_t min_good_positions = 11;
  /// Segments kept open at once; when more are needed, the one silent longest is closed.
  std::size_t max_open_segments = 8;
};

/// How far a segment can be trusted.
enum class SegmentQuality : std::uint8_t {
  good,                   ///< long enough, alone in its time span
  overlapping,            ///< long enough, but another segment of the MMSI runs at the same time
  short_segment,          ///< fewer than min_good_positions, alone in its time span
  overlapping_and_short,  ///< short and inside another segment's time span (GFW's name)
  noise,                  ///< a single position no segment could take: an impossible jump
};

/// The stable name of a quality ("good", "overlapping", "short", "overlapping_and_short",
/// "noise").
std::string_view to_string(SegmentQuality quality);

/// A physically plausible run of positions of one MMSI.
struct Segment {
  std::uint32_t index = 0;  ///< 0-based, in order of the first position
  SegmentQuality quality = SegmentQuality::good;
  std::vector<store::Position> positions;  ///< in time order
};

/// Counts of what cleaning did.
struct TrackStats {
  std::uint64_t input = 0;                ///< positions handed in
  std::uint64_t exact_duplicates = 0;     ///< dropped: equal in every field
  std::uint64_t receiver_duplicates = 0;  ///< dropped: same report heard again within the window
  std::uint64_t noise = 0;                ///< positions in noise segments
};

/// One vessel's clean track.
struct Track {
  std::uint32_t mmsi = 0;
  std::vector<Segment> segments;  ///< by first position time
  TrackStats stats;
};

/// Builds the track of `mmsi` from `positions` in any order.
Track build_track(std::uint32_t mmsi, std::vector<store::Position> positions,
                  const SegmenterOptions& options = {});

/// Great-circle distance between two positions, nautical miles (haversine on a sphere of
/// radius 3440.065 nm; within 0.5 % of the WGS84 geodesic).
double distance_nm(const store::Position& a, const store::Position& b);

}  // namespace darkfleet::track
