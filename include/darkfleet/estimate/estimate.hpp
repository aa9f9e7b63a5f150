// Containers -> munitions -> value, as intervals: a Monte Carlo over every assumption of a
// case's estimate.toml (seeded, reproducible), p5 / p50 / p95 of every output, and a
// sensitivity table saying which assumption moves each answer most.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/estimate/assumptions.hpp"
#include "darkfleet/estimate/packing.hpp"

namespace darkfleet::estimate {

/// A munition the containers may carry ([[items]] in estimate.toml). Its numbers are the
/// assumptions "<id>.<field>" (see docs/estimate.md for the fields).
struct Item {
  std::string id;
  std::string name;
  bool separate_loading = false;  ///< projectile and charge in separate crates
};

/// A published figure to set beside an output ([[references]]).
struct Reference {
  std::string id;
  std::string statement;
  std::string output;  ///< the output it is compared with, e.g. "rounds_total"
  double low = 0;
  double high = 0;
  std::string unit;
  std::string source;
};

/// Everything an estimate is made of: the file's assumptions, items and references.
struct Model {
  Assumptions assumptions;
  std::vector<Item> items;
  std::vector<Reference> references;
  std::uint64_t samples = 20000;  ///< [estimate] samples, overridable
  std::uint64_t seed = 1;         ///< [estimate] seed, overridable

  /// Parses estimate.toml; throws std::runtime_error naming the file, line and problem,
  /// including an item whose assumptions are missing.
  static Model parse(std::string_view toml_text, const std::string& file);
  static Model load(const std::string& path);
};

/// p5, p50, p95 and mean of one output over the samples.
struct Interval {
  double p5 = 0;
  double p50 = 0;
  double p95 = 0;
  double mean = 0;
};

/// How strongly an assumption moves an output: Spearman's rank correlation of its sampled
/// values with the output's.
struct Sensitivity {
  std::string assumption;
  double rank_correlation = 0;
};

/// One output of the model.
struct Output {
  std::string id;  ///< e.g. "rounds_total", "rounds_per_container.152mm", "value_total_usd"
  std::string unit;
  Interval interval;
  double at_modes = 0;                   ///< the value with every assumption at its mode
  std::vector<Sensitivity> sensitivity;  ///< strongest first; only for the totals
};

/// The packing of one item with every assumption at its mode.
struct ItemPacking {
  std::string item;
  Load projectile;  ///< the item's crate (the projectile crate for separate loading)
  std::optional<Load> charge;
};

struct Result {
  std::vector<Output> outputs;
  std::vector<ItemPacking> packing;
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  [[nodiscard]] const Output& output(std::string_view id) const;
};

/// Runs the model `samples` times with random streams from `seed`; same model, samples and
/// seed give the same result. Requires samples >= 20 (for the 5 % and 95 % points).
Result run(const Model& model, std::uint64_t samples, std::uint64_t seed);

/// p5, p50, p95 and mean of `values` (at least one).
Interval interval_of(const std::vector<double>& values);

/// The q-quantile (0-1) of `values` by linear interpolation between order statistics.
double quantile(std::vector<double> values, double q);

/// A number as people read it: 4,230,000 -> "4.23 M", 2.1e10 -> "21.0 bn", 316 -> "316".
std::string human(double v);

/// Spearman's rank correlation of two equally long series (0 when either is constant).
double rank_correlation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace darkfleet::estimate
