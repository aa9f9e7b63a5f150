// AIS reporting intervals, ITU-R M.1371-5 Annex 1 Table 1 (autonomous mode, ship not
// changing course; the faster "changing course" rates are not modelled), and the interval
// of static messages (type 5 / type 24: every 6 min).
#pragma once

#include <cstdint>

#include "darkfleet/sim/scenario.hpp"

namespace darkfleet::sim::detail {

inline constexpr std::int64_t k_static_interval_ms = 6 * 60 * 1000;

/// Milliseconds to the next position report of a vessel of `ais_class` at `sog_kn` with
/// navigation status `status` (1 at anchor, 5 moored).
inline std::int64_t report_interval_ms(AisClass ais_class, double sog_kn, std::uint8_t status) {
  if (ais_class == AisClass::b) return sog_kn > 2.0 ? 30000 : 180000;  // class B "CS"
  if ((status == 1 || status == 5) && sog_kn <= 3.0) return 180000;
  if (sog_kn <= 14.0) return 10000;
  if (sog_kn <= 23.0) return 6000;
  return 2000;
}

}  // namespace darkfleet::sim::detail
