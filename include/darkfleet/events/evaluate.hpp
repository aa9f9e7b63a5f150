// Scoring detected events against the simulator's truth.json: precision, recall and
// start/end time errors per kind.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/events/event.hpp"
#include "darkfleet/events/parameters.hpp"

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
  /// True events no detector could see in the data: dark periods that begin with the data
  /// (no position before them, so no gap between two positions), and the port calls inside
  /// them. Counted apart, not scored.
  std::vector<TruthEvent> unobservable;
  /// Planted events just outside a definition (a 600 m or a 1.5 h meeting, 3 h of
  /// loitering, a 5.9 h dark period): not true events, so a detection of one is a false
  /// positive. Counted per kind.
  std::vector<TruthEvent> near_misses;
  std::int64_t end_ms = 0;
};

/// The definitions truth is read with, so that a planted event counts only when the
/// detectors' parameters say it should (defaults: the `gfw` set).
struct TruthRules {
  double min_gap_h = 6.0;                    ///< gap.min_h
  double encounter_max_distance_m = 500.0;   ///< encounter.max_distance_m
  double encounter_min_h = 2.0;              ///< encounter.min_duration_h
  double loitering_min_h = 4.0;              ///< loitering.min_duration_h
};

/// The rules of `parameters` (the set the events were detected with).
TruthRules truth_rules(const Parameters& parameters);

/// Reads truth.json (src/sim/truth_writer.cpp writes it). Port calls become port visits
/// unless AIS was off for at least half of the call, in which case they are dark port calls;
/// dark periods of at least `rules.min_gap_h` become gaps; meetings at most
/// `encounter_max_distance_m` apart lasting at least `encounter_min_h` become encounters;
/// loitering of at least `loitering_min_h` counts. The rest of those go to `near_misses`.
/// Dark periods that begin at the start of the data, and the dark port calls inside them,
/// go to `unobservable`. Throws std::runtime_error when the text is not a truth document.
Truth parse_truth(std::string_view text, const TruthRules& rules = {});

/// The score of one kind.
struct KindScore {
  EventKind kind = EventKind::gap;
  std::uint64_t truth = 0;             ///< true events
  std::uint64_t detected = 0;          ///< detected events of truth vessels (scored)
  std::uint64_t unscored = 0;          ///< detected events of vessels truth does not list
  std::uint64_t unobservable = 0;      ///< true events no detector could see (not scored)
  std::uint64_t near_misses = 0;       ///< planted events just outside the definition
  std::uint64_t near_misses_detected = 0;  ///< detections overlapping a near miss (false positives)
  std::uint64_t true_positives = 0;    ///< detected events matching a true one
  std::uint64_t found = 0;             ///< true events matched by a detected one
  double precision = 0;                ///< true_positives / detected (1 when none detected)
  double recall = 0;                   ///< found / truth (1 when no truth)
  double mean_start_error_min = 0;     ///< over matches, |detected - true| start
  double mean_end_error_min = 0;
  double max_start_error_min = 0;
  double max_end_error_min = 0;
  // Dark port calls only: how sharp the candidate lists are.
  double mean_candidates = 0;     ///< candidate ports per scored gap
  double mean_true_rank = 0;      ///< rank of the true port among its gap's candidates
  double true_rank_1_share = 0;   ///< share of found calls whose port was ranked first
};

/// Scores `events` against `truth`, kind by kind (only kinds present in either). A
/// detected event matches a true one of the same kind, vessel (and port, other vessel)
/// whose interval overlaps it, widened by `tolerance_h` on both sides, one to one. Gaps
/// marked "identity_change" (the vessel went on under another MMSI) are not scored as gaps.
///
/// Dark port calls are scored per gap, because one gap can hide several calls (Rajin, then
/// Dunai) and the detector answers "which ports could it have reached" with a ranked list:
/// a detection is one gap's candidate list, a true positive when the vessel really called at
/// one of its ports during the gap; a true call is found when the list of a gap overlapping
/// it names its port. The rank of the true port is reported, not thresholded.
std::vector<KindScore> evaluate(const Truth& truth, const std::vector<Event>& events,
                                double tolerance_h = 1.0);

}  // namespace darkfleet::events
