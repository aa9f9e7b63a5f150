// Reads the digits of one number as German or English writers group and mark them:
// "15.800" / "15,800" / "15 800", "4,2" / "4.2", "1.234.567,89" / "1,234,567.89".
#pragma once

#include <optional>
#include <string_view>

namespace darkfleet::claims::detail {

/// The language whose conventions decide an ambiguous number: "15.800" is 15800 in German
/// and 15.8 in English.
enum class Language { de, en };

/// A number as written: its value and the rounding step of its last significant digit
/// ("15.800" -> 15800 step 100; "4,2" -> 4.2 step 0.1; "64" -> step 1).
struct WrittenNumber {
  double value = 0;
  double step = 1;
  bool is_plain_integer = false;  ///< digits only, no separator ("2023", "64")
  int digits = 0;                 ///< count of digits
};

/// Parses `raw` (ASCII digits and the separators the tokenizer keeps in a number).
/// Rules (src/claims/README.md): several separators of one kind group digits; with both '.'
/// and ',' the last one is the decimal mark; a single '.' or ',' followed by other than three
/// digits (or after a lone 0) is a decimal mark; followed by exactly three digits it groups in
/// the language that groups with it (de '.', en ','), otherwise it is a decimal mark.
/// Spaces and apostrophes only group. Groups after the first must have three digits;
/// nullopt when they do not ("1.23.4") or the value is not finite.
std::optional<WrittenNumber> parse_written_number(std::string_view raw, Language language);

}  // namespace darkfleet::claims::detail
