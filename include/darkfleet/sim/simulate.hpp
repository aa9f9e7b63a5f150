// Playing a scenario: true tracks -> AIS transmissions at ITU-R M.1371 rates -> reception
// (shore stations in range, satellite passes, loss, duplicates, clock jitter) -> NMEA with
// tag blocks or DMA-style CSV, plus the ground truth (truth.json).
//
// Deterministic: the same scenario, seed and format give byte-identical traffic and truth,
// whatever the number of threads (each vessel has its own random stream; output is merged
// in (time, vessel, sequence) order). Memory does not grow with the duration: time is
// played in windows, and only the current window's output is held.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "darkfleet/sim/scenario.hpp"

namespace darkfleet::sim {

/// Traffic output formats.
enum class TrafficFormat : std::uint8_t {
  nmea,     ///< `\c:<unix s>,s:<receiver>*hh\!AIVDM,...` one line per sentence and receiver
  dma_csv,  ///< Danish Maritime Authority CSV, one row per received position report
};

/// How to play.
struct SimulateOptions {
  std::uint64_t seed = 1;
  int threads = 1;  ///< worker threads (output does not depend on it)
  TrafficFormat format = TrafficFormat::nmea;
  std::int64_t window_ms = 5 * 60 * 1000;  ///< simulated time played per step
  /// Called after each window with the fraction of simulated time done and the messages
  /// written so far (progress bars). May be empty.
  std::function<void(double fraction, std::uint64_t messages)> progress;
};

/// What was played.
struct SimulateSummary {
  std::uint64_t vessels = 0;        ///< scenario + background vessels
  std::uint64_t transmissions = 0;  ///< messages the vessels sent (AIS on)
  std::uint64_t suppressed = 0;     ///< reports not sent because AIS was off
  std::uint64_t received = 0;       ///< transmissions heard by at least one receiver
  std::uint64_t receptions = 0;     ///< (message, receiver) pairs written; > received = duplicates
  std::uint64_t lines = 0;          ///< output lines (sentences or CSV rows)
  std::uint64_t shore_candidates = 0;      ///< (message, shore station in range) pairs
  std::uint64_t shore_heard = 0;           ///< of those, heard (1 - loss)
  std::uint64_t satellite_candidates = 0;  ///< messages sent during a satellite pass
  std::uint64_t satellite_heard = 0;
};

/// Where the output goes. `traffic` receives blocks of output text in order;
/// `truth_path` is the file truth.json is written to (section parts are staged beside it).
struct SimulateSinks {
  std::function<void(std::string_view)> traffic;
  std::string truth_path;
  /// Where the [[imagery]] observations go (GeoJSON for darkfleet evidence add); empty:
  /// not written (truth.json still holds them).
  std::string imagery_path;
};

/// Plays `scenario`. Throws ScenarioError for plans that cannot be built and
/// std::runtime_error when the truth file cannot be written.
SimulateSummary simulate(const Scenario& scenario, const SimulateOptions& options,
                         const SimulateSinks& sinks);

/// The DMA CSV header line (with '\n'), as in the Danish Maritime Authority's AIS exports.
std::string_view dma_csv_header();

}  // namespace darkfleet::sim
