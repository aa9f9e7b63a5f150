// Decoding AIS payloads (the six-bit armoured field of !xxVDM/!xxVDO sentences) into
// Message structs, for message types 1-27 of ITU-R M.1371-5.
//
// The decoder never allocates and never throws: it unpacks the payload once into 64-bit
// words and extracts fields with shifts. It is safe on arbitrary bytes (characters
// outside the armouring alphabet are rejected), so it can be fed directly by a fuzzer.
#pragma once

#include <cstdint>
#include <string_view>

#include "darkfleet/ais/messages.hpp"
#include "darkfleet/core/result.hpp"

namespace darkfleet::ais {

/// Decodes `payload` (armoured characters of a whole message, fragments already joined)
/// with `fill_bits` pad bits at the end, into `out`.
///
/// Errors: empty_payload (no characters), bad_fill_bits (> 5), bad_payload_char (a
/// character outside '0'..'W', '`'..'w'), unknown_message_type (0, 28..63; also a type
/// 24 part number 2 or 3), payload_too_short (fewer bits than the type's mandatory fields),
/// payload_too_long (more than k_max_payload_bits, or more than 63 bits beyond a type's
/// full layout; type 25: more than 168). Up to 63 bits beyond the layout are kept in the
/// message's `tail` (gpsd accepts and ignores them). Variable-length types decode what the
/// length allows (types 7/13: 1..4 acks; 15: 1..3 requests; 16: 1..2 assignments; 20: 1..4
/// blocks; 21: 0..14 name extension characters; 24A: 160..168 bits; 5: 420..424 bits)
/// and keep the bits after the last complete element in `tail`. When `out` already holds
/// the message's alternative it is overwritten in place (no re-initialisation). On error
/// `out` holds some valid but unspecified message.
Result<void> decode(std::string_view payload, std::uint8_t fill_bits, Message& out);

/// Convenience form of decode() returning the message by value.
Result<Message> decode(std::string_view payload, std::uint8_t fill_bits);

/// Minimum and maximum payload length in bits that decode() accepts for message `type`
/// (for type 24 the part A range; part B is exactly 168). {0, 0} for unknown types.
struct BitRange {
  std::uint16_t min_bits = 0;  ///< fewer bits -> payload_too_short
  std::uint16_t max_bits = 0;  ///< more bits -> payload_too_long
};

/// The accepted payload length range of message `type`, see BitRange.
BitRange accepted_bits(std::uint8_t type);

}  // namespace darkfleet::ais
