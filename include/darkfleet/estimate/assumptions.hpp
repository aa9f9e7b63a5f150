// Assumptions: every number an estimate uses, with its range, unit and source, read from a
// data file in the case (estimate.toml). Nothing the estimate needs is written in code.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace darkfleet::estimate {

/// The shape of an assumption's range.
enum class Shape : std::uint8_t {
  fixed,       ///< one value (low = mode = high)
  uniform,     ///< every value in [low, high] equally likely
  triangular,  ///< low, most likely (mode), high
  empirical,   ///< the distribution of a set of values (e.g. another Monte Carlo's samples)
};

/// Where a number comes from (MUNITIONS.md conventions).
enum class Pedigree : std::uint8_t {
  reported,    ///< taken from the cited source
  derived,     ///< arithmetic on sourced numbers (the note gives the formula)
  assumption,  ///< a modelling choice without a direct source
};

/// One number of the model.
struct Assumption {
  std::string id;  ///< e.g. "containers", "152mm.projectile_mass_kg"
  Shape shape = Shape::fixed;
  double low = 0;
  double mode = 0;
  double high = 0;
  std::string unit;
  Pedigree pedigree = Pedigree::assumption;
  std::string source;  ///< URL or owner/repo:path; required unless the pedigree is assumption
  std::string note;
  int line = 0;  ///< line in the file, for messages
  /// Shape empirical: the values, sorted (shared, so copies of a model stay cheap).
  std::shared_ptr<const std::vector<double>> values;

  /// A value drawn from the range; `u` is uniform in [0, 1).
  [[nodiscard]] double at_quantile(double u) const;
  /// An assumption distributed as `values` (at least one): low / high their extremes, mode
  /// their median; at_quantile(u) interpolates between their order statistics.
  static Assumption empirical(std::string id, std::vector<double> values, std::string unit,
                              Pedigree pedigree, std::string source, std::string note);
};

/// Uniform in [0, 1) from 53 random bits: the same on every platform for a seed.
double unit_uniform(std::mt19937_64& rng);

std::string_view to_string(Shape shape);
std::string_view to_string(Pedigree pedigree);

/// Every assumption of a file, by id.
class Assumptions {
 public:
  /// Reads the [[assumptions]] tables of `toml_text`. Each has `id`, either `value` or
  /// `low` and `high` (and `mode` for a triangular range; `shape` = "uniform" or
  /// "triangular", default triangular when a mode is given, else uniform), `unit`, `kind`
  /// ("reported", "derived", "assumption"), `source` (required unless kind is assumption)
  /// and an optional `note`. Throws std::runtime_error naming `file`, the line and the
  /// problem (missing field, low > mode > high, duplicate id, ...).
  static Assumptions parse(std::string_view toml_text, const std::string& file);
  /// Reads a file; throws std::runtime_error with the path when it cannot be read.
  static Assumptions load(const std::string& path);
  /// The assumptions `all` of `file`; throws std::runtime_error when there are none or an
  /// id is defined twice.
  static Assumptions from(std::vector<Assumption> all, const std::string& file);

  /// The assumption `id`; throws std::runtime_error naming the file when there is none.
  [[nodiscard]] const Assumption& at(std::string_view id) const;
  [[nodiscard]] bool contains(std::string_view id) const;
  [[nodiscard]] const std::vector<Assumption>& all() const { return m_all; }
  [[nodiscard]] std::size_t index_of(std::string_view id) const;
  [[nodiscard]] const std::string& file() const { return m_file; }
  /// Fixes an assumption at a value from "id=value" (--set): its range becomes that value.
  /// Throws std::invalid_argument for an unknown id or a value that is not a number.
  void set(std::string_view assignment);
  /// Puts `a` in place of the assumption with its id (keeping its place in file order);
  /// throws std::invalid_argument when there is none.
  void replace(Assumption a);

 private:
  std::vector<Assumption> m_all;  // in file order
  std::string m_file;
};

}  // namespace darkfleet::estimate
