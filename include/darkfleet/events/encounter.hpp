// Encounters: two vessels of any type side by side (GFW: within 500 m, both under 2 kn, for
// at least 2 h, at least 10 km from a watched port, not on land). docs/events.md has the rule.
#pragma once

#include <memory>

#include "darkfleet/events/detector.hpp"

namespace darkfleet::events {

/// The encounter detector. on_vessel() resamples each clean segment onto the
/// `encounter.resample_min` grid (no bridging of gaps over `encounter.max_gap_h`) and keeps
/// the slow resampled points (40 bytes each); finish() pairs them with a latitude-band
/// sweep per time slot (n log n) and emits the merged encounters.
std::unique_ptr<Detector> make_encounter_detector();

}  // namespace darkfleet::events
