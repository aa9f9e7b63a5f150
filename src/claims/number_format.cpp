#include "number_format.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace darkfleet::claims::detail {
namespace {

// One run of digits and the separator that follows it ('\0' for the last run).
struct DigitRun {
  std::string digits;
  char separator_after = '\0';  // '.', ',' or 'g' (a grouping-only space or apostrophe)
};

std::vector<DigitRun> split_runs(std::string_view raw) {
  std::vector<DigitRun> runs(1);
  std::size_t i = 0;
  while (i < raw.size()) {
    const auto ch = static_cast<unsigned char>(raw[i]);
    if (ch >= '0' && ch <= '9') {
      runs.back().digits.push_back(static_cast<char>(ch));
      ++i;
      continue;
    }
    char kind = 'g';
    std::size_t width = 1;
    if (ch == '.' || ch == ',') {
      kind = static_cast<char>(ch);
    } else if (ch == 0xC2) {
      width = 2;  // U+00A0
    } else if (ch == 0xE2) {
      width = 3;  // U+2009, U+2019, U+202F
    }
    runs.back().separator_after = kind;
    runs.emplace_back();
    i += width;
  }
  return runs;
}

double digits_value(const std::string& digits) {
  double v = 0;
  for (const char d : digits) v = v * 10 + (d - '0');
  return v;
}

}  // namespace

std::optional<WrittenNumber> parse_written_number(std::string_view raw, Language language) {
  const std::vector<DigitRun> runs = split_runs(raw);
  for (const auto& run : runs) {
    if (run.digits.empty()) return std::nullopt;
  }
  WrittenNumber out;
  for (const auto& run : runs) out.digits += static_cast<int>(run.digits.size());
  if (runs.size() == 1) {
    out.is_plain_integer = true;
  }

  // Which separator (if any) is the decimal mark: index of the run after it.
  std::size_t decimal_run = runs.size();
  std::size_t dots = 0;
  std::size_t commas = 0;
  for (std::size_t r = 0; r + 1 < runs.size(); ++r) {
    dots += runs[r].separator_after == '.';
    commas += runs[r].separator_after == ',';
  }
  const char last_sep = runs.size() > 1 ? runs[runs.size() - 2].separator_after : '\0';
  if (dots > 0 && commas > 0) {
    // Both marks: the last separator is the decimal mark and must be the only one of its kind.
    if ((last_sep == '.' && dots != 1) || (last_sep == ',' && commas != 1)) return std::nullopt;
    decimal_run = runs.size() - 1;
  } else if (dots + commas == 1 && (last_sep == '.' || last_sep == ',')) {
    const std::string& after = runs.back().digits;
    const bool lone_zero = runs.size() == 2 && runs.front().digits == "0";
    const bool groups_here = (language == Language::de) == (last_sep == '.');
    if (after.size() != 3 || lone_zero || !groups_here || runs.front().digits.size() > 3) {
      decimal_run = runs.size() - 1;
    }
  }
  // Grouped runs: the first has 1-3 digits, the others exactly 3.
  for (std::size_t r = 0; r < decimal_run; ++r) {
    if (decimal_run > 1 && r == 0 && runs[r].digits.size() > 3) return std::nullopt;
    if (r > 0 && runs[r].digits.size() != 3) return std::nullopt;
  }
  if (decimal_run < runs.size() && runs[decimal_run - 1].separator_after == 'g') {
    return std::nullopt;  // a space cannot mark decimals
  }

  std::string integer;
  for (std::size_t r = 0; r < decimal_run; ++r) integer += runs[r].digits;
  double value = digits_value(integer);
  if (decimal_run < runs.size()) {
    const std::string& fraction = runs[decimal_run].digits;
    value += digits_value(fraction) / std::pow(10.0, static_cast<double>(fraction.size()));
    out.step = std::pow(10.0, -static_cast<double>(fraction.size()));
  } else {
    // Trailing zeros of an integer are rounding: 15.800 stands for 15750..15850.
    std::size_t zeros = 0;
    while (zeros + 1 < integer.size() && integer[integer.size() - 1 - zeros] == '0') ++zeros;
    out.step = value == 0 ? 1 : std::pow(10.0, static_cast<double>(zeros));
  }
  if (!std::isfinite(value)) return std::nullopt;
  out.value = value;
  return out;
}

}  // namespace darkfleet::claims::detail
