// Round trip of random valid messages of every type: decode(encode(m)) == m.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/encode.hpp"
#include "random_messages.hpp"

namespace darkfleet::ais {
namespace {

constexpr int k_per_type = 3000;

class AisRoundTrip : public ::testing::TestWithParam<int> {};

TEST_P(AisRoundTrip, RandomMessagesSurviveEncodeDecode) {
  const auto type = static_cast<std::uint8_t>(GetParam());
  test::RandomMessages random(0xDA4CF1EE7ULL + type);
  int failures = 0;
  for (int i = 0; i < k_per_type && failures < 5; ++i) {
    const Message m = random.make(type);
    ASSERT_EQ(message_type(m), type);
    std::uint8_t fill = 9;
    const std::string payload = encode_payload(m, fill);
    ASSERT_LE(fill, 5);
    EXPECT_EQ((payload.size() * 6 + 5) / 6, payload.size());
    const auto back = decode(payload, fill);
    if (!back) {
      ADD_FAILURE() << "type " << int{type} << " #" << i << ": " << payload << "," << int{fill}
                    << " -> " << to_string(back.error());
      ++failures;
      continue;
    }
    if (*back != m) {
      ADD_FAILURE() << "type " << int{type} << " #" << i << ": " << payload << "," << int{fill}
                    << " decodes to a different message";
      ++failures;
      continue;
    }
    // encoding is deterministic and the decoded message re-encodes to the same payload
    std::uint8_t fill2 = 9;
    EXPECT_EQ(encode_payload(*back, fill2), payload);
    EXPECT_EQ(fill2, fill);
  }
}

// decode(payload, fill, out) reuses `out` when it holds the same alternative: decoding a
// shuffled stream of all types (same type often back to back) into one Message must give
// exactly what a fresh decode gives, so no field may be left over from the last message.
TEST(AisRoundTripStream, ReusedOutParameterEqualsFreshDecode) {
  test::RandomMessages random(777);
  Message out;
  for (int i = 0; i < 40000; ++i) {
    // runs of the same type make reuse happen
    const auto type = static_cast<std::uint8_t>(1 + random.range(0, 26));
    for (std::uint64_t k = random.range(1, 4); k > 0; --k) {
      const Message m = random.make(type);
      std::uint8_t fill = 0;
      const std::string payload = encode_payload(m, fill);
      ASSERT_TRUE(decode(payload, fill, out).has_value());
      ASSERT_EQ(out, m) << "type " << int{type} << " #" << i << ": " << payload;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryType, AisRoundTrip, ::testing::Range(1, 28),
                         [](const auto& p) { return "type" + std::to_string(p.param); });

}  // namespace
}  // namespace darkfleet::ais
