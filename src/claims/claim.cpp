#include "darkfleet/claims/claim.hpp"

#include <algorithm>
#include <limits>

namespace darkfleet::claims {

std::string_view to_string(Bound bound) {
  switch (bound) {
    case Bound::exact: return "exact";
    case Bound::about: return "about";
    case Bound::at_least: return "at_least";
    case Bound::at_most: return "at_most";
    case Bound::between: return "between";
  }
  return "exact";
}

std::optional<Bound> parse_bound(std::string_view name) {
  for (const Bound b :
       {Bound::exact, Bound::about, Bound::at_least, Bound::at_most, Bound::between}) {
    if (to_string(b) == name) return b;
  }
  return std::nullopt;
}

std::string_view to_string(Placement placement) {
  switch (placement) {
    case Placement::headline: return "headline";
    case Placement::teaser: return "teaser";
    case Placement::body: return "body";
  }
  return "body";
}

std::optional<Placement> parse_placement(std::string_view name) {
  for (const Placement p : {Placement::headline, Placement::teaser, Placement::body}) {
    if (to_string(p) == name) return p;
  }
  return std::nullopt;
}

Interval admitted_interval(const Quantity& q) {
  // "About" allows 10 % either way, or the rounding step if that is wider.
  constexpr double k_about_fraction = 0.10;
  const double half_step = q.step / 2;
  switch (q.bound) {
    case Bound::exact: return {q.low - half_step, q.high + half_step};
    case Bound::about: {
      const double margin = std::max(half_step, k_about_fraction * q.low);
      return {q.low - margin, q.high + margin};
    }
    case Bound::at_least: return {q.low, std::numeric_limits<double>::infinity()};
    case Bound::at_most: return {0, q.high};
    case Bound::between: return {q.low - half_step, q.high + half_step};
  }
  return {q.low, q.high};
}

}  // namespace darkfleet::claims
