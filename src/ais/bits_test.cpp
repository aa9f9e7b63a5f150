// BitReader's unpacking (SWAR, or SSE2 on x86-64, with overlapping and padded loads at
// the end) must give every character's six bits at its place for every payload length,
// and must flag a character outside the alphabet wherever it is. Text reading must trim
// as Text::trim() does.
#include "bits.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace darkfleet::ais::detail {
namespace {

std::string random_payload(std::size_t length, std::mt19937& rng) {
  std::string payload;
  for (std::size_t i = 0; i < length; ++i) payload += armour_char(rng() % 64);
  return payload;
}

TEST(AisBits, LoadGivesEveryCharacterAtEveryLength) {
  std::mt19937 rng(7);
  for (std::size_t length = 1; length <= 100; ++length) {
    const std::string payload = random_payload(length, rng);
    for (unsigned fill = 0; fill <= 5 && fill <= 6 * length; ++fill) {
      BitReader r;
      ASSERT_TRUE(r.load(payload, fill)) << payload;
      ASSERT_EQ(r.size(), 6 * length - fill);
      for (std::size_t i = 0; i + 1 < length; ++i) {
        ASSERT_EQ(r.u(6 * i, 6), k_armour_value[static_cast<unsigned char>(payload[i])])
            << payload << " char " << i;
      }
      // The last character without its fill bits, which read as 0, as does what follows.
      const unsigned last = k_armour_value[static_cast<unsigned char>(payload.back())];
      ASSERT_EQ(r.u(6 * (length - 1), 6), (last >> fill) << fill) << payload;
      ASSERT_EQ(r.u(6 * length, 64), 0U) << payload;
    }
  }
}

TEST(AisBits, LoadFlagsABadCharacterAnywhere) {
  std::mt19937 rng(11);
  for (std::size_t length = 1; length <= 70; ++length) {
    std::string payload = random_payload(length, rng);
    for (std::size_t at = 0; at < length; ++at) {
      const char keep = payload[at];
      for (int byte = 0; byte < 256; ++byte) {
        payload[at] = static_cast<char>(byte);
        const bool valid = (k_armour_value[static_cast<unsigned char>(byte)] & k_bad_char) == 0;
        BitReader r;
        ASSERT_EQ(r.load(payload, 0), valid) << "length " << length << " byte " << byte
                                             << " at " << at;
      }
      payload[at] = keep;
    }
  }
}

TEST(AisBits, TextTrimsAsTextTrim) {
  // '@' is six-bit 0 (end of text), ' ' is 32; a mix of both with letters, all lengths.
  std::mt19937 rng(3);
  const unsigned values[] = {0, 32, 1, 2, 26, 48};
  for (int round = 0; round < 2000; ++round) {
    const std::size_t count = 1 + rng() % 20;
    std::string payload;
    for (std::size_t i = 0; i < count; ++i) payload += armour_char(values[rng() % 6]);
    BitReader r;
    ASSERT_TRUE(r.load(payload, 0));
    Text<20> got;
    r.text(0, count, got);
    Text<20> want;
    for (std::size_t i = 0; i < count; ++i) {
      want.chars[i] = sixbit_ascii(k_armour_value[static_cast<unsigned char>(payload[i])]);
    }
    want.length = static_cast<std::uint16_t>(count);
    want.trim();
    ASSERT_EQ(got, want) << payload;
  }
}

}  // namespace
}  // namespace darkfleet::ais::detail
