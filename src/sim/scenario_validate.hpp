// Cross-checks of a parsed scenario: references between ports, vessels and meetings,
// unique ids and MMSIs, reachable meetings (by building every plan once).
#pragma once

#include "darkfleet/sim/scenario.hpp"

namespace darkfleet::sim {

/// Throws ScenarioError (with the line of the offending entry) when `scenario` is not
/// consistent.
void validate_scenario(const Scenario& scenario);

}  // namespace darkfleet::sim
