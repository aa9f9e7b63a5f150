// The word-at-a-time payload alphabet check must agree with the one-character rule for
// every byte value at every position, including the overlapping last block.
#include "text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace darkfleet::nmea::detail {
namespace {

TEST(NmeaText, AllPayloadCharsAgreesWithIsPayloadChar) {
  for (std::size_t length = 1; length <= 48; ++length) {
    std::string payload(length, 'A');
    EXPECT_TRUE(all_payload_chars(payload)) << length;
    for (std::size_t at = 0; at < length; ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        payload[at] = static_cast<char>(byte);
        EXPECT_EQ(all_payload_chars(payload), is_payload_char(payload[at]))
            << "length " << length << ", byte " << byte << " at " << at;
      }
      payload[at] = 'A';
    }
  }
  EXPECT_TRUE(all_payload_chars(""));
}

}  // namespace
}  // namespace darkfleet::nmea::detail
