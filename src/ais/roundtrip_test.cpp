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

INSTANTIATE_TEST_SUITE_P(EveryType, AisRoundTrip, ::testing::Range(1, 28),
                         [](const auto& p) { return "type" + std::to_string(p.param); });

}  // namespace
}  // namespace darkfleet::ais
