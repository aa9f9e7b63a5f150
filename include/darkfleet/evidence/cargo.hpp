// Containers moved by ships, from yard counts: each change of a yard tied to the calls that
// overlap it, corrected for land traffic, with the analysts' counting error, as Monte Carlo
// intervals; per voyage and in total. The case's evidence.toml holds every number used.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/estimate/assumptions.hpp"
#include "darkfleet/estimate/estimate.hpp"
#include "darkfleet/evidence/yard.hpp"

namespace darkfleet::evidence {

/// A port area of the case ([[areas]] in evidence.toml).
struct Area {
  std::string id;       ///< the observations' area_id
  std::string port_id;  ///< the events' port id (default: id)
  AreaRole role = AreaRole::other;
  int line = 0;
};

/// How yard counts become containers moved (evidence.toml; docs/evidence.md gives the file).
struct CargoModel {
  std::vector<Area> areas;
  /// count_error.relative, count_error.absolute, and land_flow_per_day.<area> for every
  /// origin and destination area; each with its range and source.
  estimate::Assumptions assumptions;
  AreaRole counted = AreaRole::origin;  ///< whose moves are the shipments: loads or unloads
  std::uint64_t samples = 20000;
  std::uint64_t seed = 1;

  /// Parses evidence.toml; throws std::runtime_error naming the file, line and problem
  /// (an unknown role, an area defined twice, an origin or destination without its land
  /// flow, a missing counting error, ...).
  static CargoModel parse(std::string_view toml_text, const std::string& file);
  static CargoModel load(const std::string& path);
  /// The area with `id`, or nullptr.
  [[nodiscard]] const Area* area(std::string_view id) const;
};

std::string_view to_string(AreaRole role);

/// One yard change with its estimate: containers the ships overlapping it loaded (origin),
/// unloaded (destination) or moved net (other areas; negative = out of the yard).
struct ChangeEstimate {
  YardChange change;
  AreaRole role = AreaRole::other;
  std::int64_t first_observation = 0;  ///< store ids of the two observations it rests on
  std::int64_t last_observation = 0;
  std::string first_image;
  std::string last_image;
  estimate::Interval containers;
  [[nodiscard]] bool attributed() const { return !change.calls.empty(); }
};

/// A vessel's loading call at an origin and its next unloading call at a destination.
struct Voyage {
  std::uint32_t mmsi = 0;
  std::size_t loading = 0;               ///< index into CargoResult::changes
  std::string loading_call;              ///< its event id
  std::optional<std::size_t> unloading;  ///< none when no later destination call was seen
  std::string unloading_call;
  bool shared = false;  ///< a change holds other calls too: its containers are theirs as well
};

struct CargoResult {
  std::vector<ChangeEstimate> changes;  ///< by area, then time
  estimate::Interval loaded;            ///< at origins, changes with calls
  estimate::Interval unloaded;          ///< at destinations, changes with calls
  std::vector<double> loaded_samples;
  std::vector<double> unloaded_samples;
  std::vector<Voyage> voyages;
  std::vector<std::string> areas_not_in_model;  ///< observed, but not in evidence.toml
  std::size_t observations = 0;                 ///< of the model's areas
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  /// The changes tied to calls at the areas of `role` (what a total of that role adds up).
  [[nodiscard]] std::size_t counted_changes(AreaRole role) const;
  /// The samples of the model's counted total (loaded or unloaded).
  [[nodiscard]] const std::vector<double>& counted_samples(AreaRole counted) const;
};

/// Runs the model over `series` and `calls` `samples` times (>= 20) from `seed`; the same
/// inputs give the same result.
CargoResult estimate_cargo(const std::vector<YardSeries>& series,
                           const std::vector<PortCall>& calls, const CargoModel& model,
                           std::uint64_t samples, std::uint64_t seed);

/// The assumption "containers" an estimate.toml can take from evidence: the counted total's
/// samples (pedigree derived), with the observations it rests on in its note.
estimate::Assumption containers_assumption(const CargoResult& result, const CargoModel& model,
                                           const std::string& database);

}  // namespace darkfleet::evidence
