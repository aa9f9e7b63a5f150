// Scoring detected events against the simulator's truth.json: precision, recall and
// start/end time errors per kind.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/events/event.hpp"

namespace darkfleet::events {

/// One true event from truth.json.
struct TruthEvent {
  EventKind kind = EventKind::gap;
  std::string vessel;        ///< scenario vessel id
  std::string other_vessel;  ///< meetings
  std::string port;          ///< port calls
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
};

/// What truth.json says, reduced to what scoring needs.
struct Truth {
  std::map<std::uint32_t, std::string> vessel_of_mmsi;  ///< every MMSI a truth vessel used
  std::vector<TruthEvent> events;
  std::int64_t end_ms = 0;
};

/// Reads truth.json (src/sim/truth_writer.cpp writes it). Port calls become port visits
/// unless AIS was off for at least half of the call, in which case they are dark port calls;
/// dark periods of at least `min_gap_h` become gaps. Throws std::runtime_error when the
/// text is not a truth document.
Truth parse_truth(std::string_view text, double min_gap_h = 6.0);

/// The score of one kind.
struct KindScore {
  EventKind kind = EventKind::gap;
  std::uint64_t truth = 0;             ///< true events
  std::uint64_t detected = 0;          ///< detected events of truth vessels (scored)
  std::uint64_t unscored = 0;          ///< detected events of vessels truth does not list
  std::uint64_t true_positives = 0;    ///< detected events matching a true one (1:1)
  double precision = 0;                ///< true_positives / detected (1 when none detected)
  double recall = 0;                   ///< true_positives / truth (1 when no truth)
  double mean_start_error_min = 0;     ///< over matches, |detected - true| start
  double mean_end_error_min = 0;
  double max_start_error_min = 0;
  double max_end_error_min = 0;
};

/// Scores `events` against `truth`, kind by kind (only kinds present in either). A
/// detected event matches a true one of the same kind, vessel (and port, other vessel)
/// whose interval overlaps it, widened by `tolerance_h` on both sides. Dark port calls are
/// scored on their rank-1 candidate (values["rank"] == 1); gaps marked "identity_change"
/// (the vessel went on under another MMSI) are not scored as gaps.
std::vector<KindScore> evaluate(const Truth& truth, const std::vector<Event>& events,
                                double tolerance_h = 1.0);

}  // namespace darkfleet::events
