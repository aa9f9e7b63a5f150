// Test helpers shared by the JSON and CSV writer tests: DecodedMessage values from a
// payload or from a hand-filled struct.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/io/nmea_decoder.hpp"

namespace darkfleet::io::testing {

/// The message `payload` (with `fill_bits`) decodes to; a failed decode fails the test.
inline DecodedMessage decoded(std::string_view payload, std::uint8_t fill_bits) {
  DecodedMessage d;
  EXPECT_TRUE(ais::decode(payload, fill_bits, d.message).has_value()) << payload;
  return d;
}

/// `m` as a DecodedMessage of message `type` from `mmsi`, with no reception fields.
template <typename M>
DecodedMessage with(M m, std::uint8_t type, std::uint32_t mmsi = 123456789) {
  m.header.type = type;
  m.header.mmsi = mmsi;
  DecodedMessage d;
  d.message = m;
  return d;
}

}  // namespace darkfleet::io::testing
