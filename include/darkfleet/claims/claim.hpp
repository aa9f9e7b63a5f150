// A numeric claim found in an article: the figure as an interval with bound semantics, what it
// counts, the period it covers, who says it, how hedged it is, and where it stands.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace darkfleet::claims {

/// How a stated figure bounds the true quantity.
enum class Bound : std::uint8_t {
  exact,     ///< "15.800 Container": the figure as stated (rounding tolerance applies)
  about,     ///< "etwa", "rund", "about", "some", "an estimated": the figure +-10 %
  at_least,  ///< "mehr als", "über", "mindestens", "more than", "at least": [figure, inf)
  at_most,   ///< "bis zu", "höchstens", "up to", "as many as", "fewer than": [0, figure]
  between,   ///< "4.000 bis 5.000", "zwischen 4,2 und 5,8 Millionen", "4-6 million"
};

/// Stable lower-case name of a bound ("exact", "about", "at_least", "at_most", "between").
std::string_view to_string(Bound bound);
/// Parses a name written by to_string(Bound); nullopt for anything else.
std::optional<Bound> parse_bound(std::string_view name);

/// Where in an article a claim stands. Headlines and teasers are what most readers see.
enum class Placement : std::uint8_t { headline, teaser, body };

/// Stable name of a placement ("headline", "teaser", "body").
std::string_view to_string(Placement placement);
/// Parses a name written by to_string(Placement); nullopt for anything else.
std::optional<Placement> parse_placement(std::string_view name);

/// A stated figure. `low` and `high` are the numbers as written, scales applied
/// ("4,2 bis 5,8 Millionen" -> 4.2e6 and 5.8e6); for a single figure low == high.
/// `step` is the rounding step the writer used (15.800 -> 100, 16.000 -> 1000, 4,2 Mio. ->
/// 100000): a figure stands for anything that rounds to it.
struct Quantity {
  Bound bound = Bound::exact;
  double low = 0;
  double high = 0;
  double step = 1;
};

/// The interval of true values a quantity admits. `high` is +infinity for at_least.
struct Interval {
  double low = 0;
  double high = 0;
};

/// The values compatible with `q` under its bound semantics (see src/claims/README.md):
/// exact [v - step/2, v + step/2]; about v +- max(step/2, 10 %); at_least [v, inf);
/// at_most [0, v]; between [low - step/2, high + step/2].
Interval admitted_interval(const Quantity& q);

/// A period a claim covers, as ISO-8601 prefixes ("2023-08", "2025"); empty when open.
struct TimeSpan {
  std::string from;
  std::string to;
};

/// One numeric claim.
struct Claim {
  Quantity quantity;
  /// What is counted, canonical: "containers", "rounds", "rockets", "missiles", "soldiers",
  /// "deliveries", "ships", "usd", "eur", "krw", "rub", "tonnes", "percent"; a "/month" suffix
  /// marks rates ("150.000 Granaten pro Monat").
  std::string unit;
  /// A qualifier of the unit: "killed", "wounded", "killed_or_wounded", or empty.
  std::string category;
  std::optional<TimeSpan> span;
  /// Who says it ("KIDA", "Open Source Centre"), as written; empty when unattributed.
  std::string source;
  /// The hedge words, as written and comma-separated ("angeblich", "reportedly"); empty if none.
  std::string hedge;
  Placement placement = Placement::body;
  /// Byte offsets [begin, end) of the claim's text in the article file as read.
  std::size_t begin_byte = 0;
  std::size_t end_byte = 0;
  /// The claim's text (HTML entities decoded), e.g. "mehr als 15.800 Container".
  std::string text;
  /// The sentence the claim stands in, whitespace collapsed (for reports).
  std::string sentence;
};

}  // namespace darkfleet::claims
