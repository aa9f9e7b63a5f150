// Internal: parse_line() with its fixed-position fast path switched on or off, so that
// tests can check that both paths give the same result on every input.
#pragma once

#include <string_view>

#include "darkfleet/nmea/sentence.hpp"

namespace darkfleet::nmea::detail {

/// parse_line(); with `fast_path` false only the general field parser runs.
Result<Sentence> parse_line_with(std::string_view line, bool fast_path);

/// The same, filling `out` in place (the form parse_line(line, out) uses).
Result<void> parse_line_with(std::string_view line, Sentence& out, bool fast_path);

}  // namespace darkfleet::nmea::detail
