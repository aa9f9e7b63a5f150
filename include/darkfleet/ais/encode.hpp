// Encoding Message structs into AIS payloads and !AIVDM/!AIVDO sentences: the inverse of
// decode(). Used by the traffic simulator and for round-trip tests.
//
// Encoding writes every field as stored, including raw spare and radio bits and the
// TrailingBits of variable-length messages, so encode(decode(p)) gives back p's bits.
// Empty std::optionals are written as the field's "not available" code (181 / 91 for
// positions, 1023 for speed, 3600 for course, 511 for heading, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/ais/messages.hpp"

namespace darkfleet::ais {

/// Appends the armoured payload of `message` to `out` and returns the fill bits (0..5).
/// The header's `type` selects the layout (e.g. 1, 2 or 3 for a PositionReport).
/// Requires: fields within their bit widths (wider values are truncated to the field),
/// header.type one of the types of the struct; a BinaryData or text that makes the
/// message longer than k_max_payload_bits gives a payload that decode() rejects.
std::uint8_t append_payload(std::string& out, const Message& message);

/// The armoured payload of `message`; `fill_bits` receives the pad bits (0..5).
std::string encode_payload(const Message& message, std::uint8_t& fill_bits);

/// Sentence framing for encode_sentences().
struct EncodeOptions {
  std::string_view talker = "AI";           ///< two characters
  char channel = 'A';                       ///< 'A', 'B', ... ; '\0' writes an empty field
  std::optional<std::uint8_t> sequence_id;  ///< 0..9, written on multi-sentence messages (and
                                            ///< on single ones when set); empty -> empty field
  bool own_ship = false;                    ///< VDO instead of VDM
  std::size_t max_payload_chars = 60;       ///< payload characters per sentence (1..60)
};

/// The sentences (`!AIVDM,n,i,s,c,payload,fill*hh`, no line terminator) carrying
/// `message`, split into at most `options.max_payload_chars` payload characters each.
/// Requires: darkfleet::nmea (nmea::append_sentence).
std::vector<std::string> encode_sentences(const Message& message,
                                          const EncodeOptions& options = {});

}  // namespace darkfleet::ais
