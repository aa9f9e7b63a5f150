// The report's drawings as inline SVG, made on the server side so the page needs no script,
// no tiles and no network.
#pragma once

#include <string>

#include "darkfleet/report/report.hpp"

namespace darkfleet::report {

/// The map: land, ports, every drawn track (watched vessels in colour), the watched vessels'
/// gaps (dashed, from the last position before to the first after), dark port call
/// candidates, encounters and loitering.
std::string map_svg(const Report& report);

/// One row per watched vessel over the data's span: AIS heard, gaps, port visits, dark port
/// call candidates and encounters, with a day axis.
std::string timeline_svg(const Report& report);

}  // namespace darkfleet::report
