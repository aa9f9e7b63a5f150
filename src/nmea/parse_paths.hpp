// Internal: parse_line() with its fixed-position fast path switched on or off, so that
// tests can check that both paths give the same result on every input.
#pragma once

#include <string_view>

#include "darkfleet/nmea/sentence.hpp"

namespace darkfleet::nmea::detail {

/// Whether the fast path checks a one-sentence payload's characters (see
/// parse_line_for_decoding()); the general path always does.
enum class PayloadCheck : bool { always, deferred_for_single };

/// parse_line(); with `fast_path` false only the general field parser runs.
Result<Sentence> parse_line_with(std::string_view line, bool fast_path);

/// The same, filling `out` in place (the form parse_line(line, out) uses).
Result<void> parse_line_with(std::string_view line, Sentence& out, bool fast_path,
                             PayloadCheck check = PayloadCheck::always);

}  // namespace darkfleet::nmea::detail
