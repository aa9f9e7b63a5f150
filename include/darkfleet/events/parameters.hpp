// Named detector parameters with their sources. The set "gfw" holds Global Fishing Watch's
// published defaults (../shared/docs/DOMAIN.md section 1); `--param key=value` overrides one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace darkfleet::events {

/// One parameter: a stable dotted key ("encounter.max_distance_m"), its value and unit, and
/// where the default comes from.
struct Parameter {
  std::string key;
  double value = 0;
  std::string unit;
  std::string source;
  bool overridden = false;  ///< set by the user rather than by the named set
};

/// A parameter set. Detectors read values by key; an unknown key is a programming error.
class Parameters {
 public:
  /// The named set "gfw": every detector's defaults, each with its source.
  static Parameters gfw();

  /// The value of `key`. Throws std::out_of_range for an unknown key.
  [[nodiscard]] double get(std::string_view key) const;
  /// Sets `key` from "key=value" (as `--param` gives it). Throws std::invalid_argument with
  /// a message naming the problem (unknown key, not a number, out of range).
  void set(std::string_view assignment);
  /// Adds a parameter (detectors register theirs in gfw()). Throws when the key exists.
  void add(Parameter parameter);

  /// "gfw", or "gfw+N" when N values are overridden.
  [[nodiscard]] std::string name() const;
  /// All parameters, by key.
  [[nodiscard]] const std::vector<Parameter>& all() const { return m_parameters; }

 private:
  std::string m_base = "gfw";
  std::vector<Parameter> m_parameters;  // sorted by key
};

}  // namespace darkfleet::events
