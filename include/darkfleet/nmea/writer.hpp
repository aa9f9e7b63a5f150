// Writing NMEA sentences and tag blocks: the inverse of parse_line(), used by the
// AIS encoder and the traffic simulator.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "darkfleet/nmea/sentence.hpp"

namespace darkfleet::nmea {

/// The fields of one sentence to write.
struct SentenceFields {
  std::string_view talker = "AI";  ///< two characters
  bool own_ship = false;           ///< write VDO instead of VDM
  std::uint8_t fragment_count = 1;
  std::uint8_t fragment_number = 1;
  std::optional<std::uint8_t> sequence_id;  ///< 0..9; empty writes an empty field
  char channel = 'A';              ///< '\0' writes an empty field
  std::string_view payload;        ///< armoured payload characters
  std::uint8_t fill_bits = 0;      ///< 0..5
};

/// Appends `!AIVDM,1,1,,A,<payload>,0*hh` (no line terminator) to `out`.
/// Requires: fields in the ranges parse_line() accepts, for the line to read back.
void append_sentence(std::string& out, const SentenceFields& fields);

/// Appends a tag block `\c:<seconds>,s:<source>,...*hh\` to `out` with the fields of
/// `tag_block` that are set, in the order g, c, s, d, n, r, t. The receive time is
/// written in whole seconds when it has no milliseconds, else in milliseconds.
/// Requires, for an exact round trip: no ',', '*' or '\\' in the strings; a receive
/// time >= 0, and from 1973-03-03 on when it has milliseconds (smaller ms values are
/// read back as seconds).
void append_tag_block(std::string& out, const TagBlock& tag_block);

}  // namespace darkfleet::nmea
