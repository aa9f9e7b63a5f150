// Synthetic AIS traffic for demos, tests and benchmarks: vessels on straight legs in a box,
// reporting at ITU-R M.1371 rates, encoded with darkfleet's own AIS encoder.
//
// This is a placeholder for the scenario simulator (`darkfleet simulate`): it plants no
// behaviour and has no reception model, but it is deterministic for a seed and produces
// realistic message mixes (class A 1/3/5, class B 18/24, base stations 4, aids 21).
// Everything it writes is synthetic; nothing describes a real ship.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace darkfleet::sim {

/// What to generate.
struct DemoTrafficOptions {
  int vessels = 200;              ///< moving vessels (80 % class A, 20 % class B)
  double duration_h = 2.0;        ///< simulated hours
  std::uint64_t seed = 1;         ///< same seed, same options -> byte-identical output
  std::int64_t start_ms = 1693526400000;  ///< 2023-09-01T00:00:00Z, Unix ms
  double south_deg = 34.0;        ///< box the vessels sail in (default: Sea of Japan)
  double north_deg = 44.0;
  double west_deg = 129.0;
  double east_deg = 141.0;
  int base_stations = 3;          ///< type 4 every 10 s each
  int aids_to_navigation = 5;     ///< type 21 every 3 min each
};

/// Counts of what was written.
struct DemoTrafficSummary {
  std::uint64_t messages = 0;
  std::uint64_t lines = 0;
  std::uint64_t messages_by_type[28] = {};
};

/// Generates the traffic in time order as NMEA lines with tag blocks
/// (`\s:<receiver>,c:<unix seconds>*hh\!AIVDM,...`), handing each block of lines to `sink`.
DemoTrafficSummary generate_demo_traffic(const DemoTrafficOptions& options,
                                         const std::function<void(const std::string&)>& sink);

}  // namespace darkfleet::sim
