// Bad input: truncated messages of every type, unknown types, over-long payloads, bytes
// outside the armouring alphabet, bad fill bits, and the fuzz crashes (none so far; each
// new one gets a test here).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/encode.hpp"
#include "random_messages.hpp"

namespace darkfleet::ais {
namespace {

// The first `bits` bits of `payload` as a payload and fill bits (pad bits cleared).
std::pair<std::string, std::uint8_t> truncate_bits(const std::string& payload, std::size_t bits) {
  const std::size_t chars = (bits + 5) / 6;
  std::string out = payload.substr(0, chars);
  const auto fill = static_cast<std::uint8_t>(chars * 6 - bits);
  if (fill != 0 && !out.empty()) {
    int v = out.back() - '0';
    if (v > 39) v -= 8;
    v &= 0x3F & ~((1 << fill) - 1);
    out.back() = static_cast<char>(v < 40 ? v + 48 : v + 56);
  }
  return {out, fill};
}

TEST(AisBadInput, EveryTypeTruncatedToEveryShorterLength) {
  test::RandomMessages random(20240601);
  for (int type = 1; type <= 27; ++type) {
    for (int sample = 0; sample < 6; ++sample) {
      const Message m = random.make(static_cast<std::uint8_t>(type));
      std::uint8_t fill = 0;
      const std::string payload = encode_payload(m, fill);
      const std::size_t bits = payload.size() * 6 - fill;
      for (std::size_t len = 1; len < bits; ++len) {
        const auto [p, f] = truncate_bits(payload, len);
        SCOPED_TRACE("type " + std::to_string(type) + " truncated to " + std::to_string(len) +
                     " bits: " + p + "," + std::to_string(f));
        const auto r = decode(p, f);
        if (len < 6) {
          // not even a whole message type
          ASSERT_FALSE(r.has_value());
          if (len < 6 && p.size() == 1) {
            EXPECT_TRUE(r.error() == ErrorCode::payload_too_short ||
                        r.error() == ErrorCode::unknown_message_type);
          }
          continue;
        }
        const BitRange range = accepted_bits(static_cast<std::uint8_t>(type));
        if (len < range.min_bits) {
          ASSERT_FALSE(r.has_value());
          EXPECT_EQ(r.error(), ErrorCode::payload_too_short);
          continue;
        }
        if (!r) {
          // only the length-dependent prefixes of types 24 (part B), 25 and 26
          EXPECT_EQ(r.error(), ErrorCode::payload_too_short);
          EXPECT_TRUE(type == 24 || type == 25 || type == 26);
          continue;
        }
        // a valid shorter decode re-encodes to exactly the truncated bits
        EXPECT_EQ(message_type(*r), type);
        std::uint8_t f2 = 0;
        EXPECT_EQ(encode_payload(*r, f2), p);
        EXPECT_EQ(f2, f);
      }
    }
  }
}

TEST(AisBadInput, FixedLengthTypesNeedTheirMandatoryBits) {
  // One bit short of each fixed layout.
  const std::pair<int, std::size_t> fixed[] = {
      {1, 168},  {2, 168},  {3, 168},  {4, 168},  {5, 420},  {9, 168}, {10, 72},
      {11, 168}, {18, 168}, {19, 312}, {22, 168}, {23, 160}, {27, 96}};
  test::RandomMessages random(7);
  for (const auto& [type, mandatory] : fixed) {
    const Message m = random.make(static_cast<std::uint8_t>(type));
    std::uint8_t fill = 0;
    std::string payload = encode_payload(m, fill);
    const auto [p, f] = truncate_bits(payload, mandatory - 1);
    const auto r = decode(p, f);
    ASSERT_FALSE(r.has_value()) << type;
    EXPECT_EQ(r.error(), ErrorCode::payload_too_short) << type;
    EXPECT_EQ(accepted_bits(static_cast<std::uint8_t>(type)).min_bits, mandatory);
  }
}

TEST(AisBadInput, UnknownMessageTypes) {
  // six-bit values 0 and 28..63 as the first character
  for (int v = 0; v < 64; ++v) {
    if (v >= 1 && v <= 27) continue;
    const char first = static_cast<char>(v < 40 ? v + 48 : v + 56);
    for (std::size_t len : {1U, 28U, 60U}) {
      const std::string payload = first + std::string(len - 1, '0');
      const auto r = decode(payload, 0);
      ASSERT_FALSE(r.has_value());
      EXPECT_EQ(r.error(), ErrorCode::unknown_message_type) << payload;
    }
  }
  EXPECT_EQ(accepted_bits(0).max_bits, 0);
  EXPECT_EQ(accepted_bits(28).max_bits, 0);
  EXPECT_EQ(accepted_bits(255).max_bits, 0);
}

TEST(AisBadInput, StaticDataReportPartsTwoAndThreeAreRejected) {
  StaticDataReport m;
  m.header = {24, 0, 123456789};
  m.partno = 1;
  std::uint8_t fill = 0;
  std::string payload = encode_payload(m, fill);
  // partno is bits 38-39: the low 2 bits of character 6 (bits 36-41) -> bits 2..3 of it
  for (int part = 2; part <= 3; ++part) {
    std::string p = payload;
    int v = p[6] - '0';
    if (v > 39) v -= 8;
    v = (v & ~0x0C) | (part << 2);
    p[6] = static_cast<char>(v < 40 ? v + 48 : v + 56);
    const auto r = decode(p, fill);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error(), ErrorCode::unknown_message_type);
  }
}

TEST(AisBadInput, TooLongPayloads) {
  // longer than darkfleet holds: 513 characters of a binary broadcast
  EXPECT_EQ(decode("8" + std::string(512, 'w'), 0).error(), ErrorCode::payload_too_long);
  // 3072 bits exactly is accepted, 3073 is not
  EXPECT_TRUE(decode("8" + std::string(511, 'w'), 0).has_value());
  EXPECT_EQ(decode("8" + std::string(512, 'w'), 5).error(), ErrorCode::payload_too_long);
  // fixed-length types: up to 63 bits beyond the layout kept as tail, one more is too long
  test::RandomMessages random(11);
  for (int type = 1; type <= 27; ++type) {
    const BitRange range = accepted_bits(static_cast<std::uint8_t>(type));
    if (range.max_bits >= k_max_payload_bits) continue;
    const std::size_t bits = range.max_bits + 1U;
    const std::string first(1, static_cast<char>(type + 48));
    const std::string payload = first + std::string((bits + 5) / 6 - 1, '0');
    const auto fill = static_cast<std::uint8_t>(payload.size() * 6 - bits);
    const auto r = decode(payload, fill);
    ASSERT_FALSE(r.has_value()) << type;
    EXPECT_EQ(r.error(), ErrorCode::payload_too_long) << type;
  }
  // a real 168-bit type 16 (gpsd accepts it): two assignments and a 24-bit tail
  const auto m = decode("@bQBNdhP010Fh<LMb;:GLOvJP4@d", 0);
  ASSERT_TRUE(m.has_value());
  const auto& a = std::get<AssignmentCommand>(*m);
  EXPECT_EQ(a.count, 2);
  EXPECT_EQ(a.assignments[1].mmsi, 916638301U);  // gpsdecode mmsi2
  EXPECT_EQ(a.tail.bit_count, 24);
}

TEST(AisBadInput, BytesOutsideTheArmouringAlphabet) {
  const std::string good = "15N1u<PP1FJuvSRHOE6QIwwh0HQ6";
  ASSERT_TRUE(decode(good, 0).has_value());
  const std::vector<char> bad = {'\0', ' ', '!', ',', '*',    '/',    'X',   '\\',
                                 '^',  '_', 'x', '~', '\x7f', '\x80', '\xff'};
  for (char c : bad) {
    for (std::size_t pos : {0U, 1U, 13U, 27U}) {
      std::string p = good;
      p[pos] = c;
      const auto r = decode(p, 0);
      ASSERT_FALSE(r.has_value()) << int{static_cast<unsigned char>(c)} << " at " << pos;
      EXPECT_EQ(r.error(), ErrorCode::bad_payload_char);
    }
  }
  // a bad byte in the pad region of a long payload (second 32-character block) too
  std::string longer = "8" + std::string(40, '0');
  longer[39] = 'z';
  EXPECT_EQ(decode(longer, 0).error(), ErrorCode::bad_payload_char);
}

TEST(AisBadInput, EmptyPayloadAndBadFillBits) {
  EXPECT_EQ(decode("", 0).error(), ErrorCode::empty_payload);
  EXPECT_EQ(decode("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 6).error(), ErrorCode::bad_fill_bits);
  EXPECT_EQ(decode("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 255).error(), ErrorCode::bad_fill_bits);
  // fill bits eat into the message: 168 - 1 bits is too short for type 1
  EXPECT_EQ(decode("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 1).error(), ErrorCode::payload_too_short);
  EXPECT_EQ(decode("1", 5).error(), ErrorCode::payload_too_short);
}

// Fuzz crash 1 (fuzz_payload, 60 s run): a 128-bit type 15 (three requests, 32 bits
// missing). 128 is a multiple of 64, so the 4 fill bits began a new word and were not
// cleared; mmsi2, read zero-filled past the end, picked them up and re-encoding differed.
// (FillBitValuesNeverMatter then found the 127-bit case: fill bits straddling two words.)
TEST(AisBadInput, FuzzCrashFillBitsAtA64BitBoundary) {
  const auto r = decode("?ocIQI2;P;cRA8I2;cA8@B", 4);
  ASSERT_TRUE(r.has_value());
  const auto& q = std::get<Interrogation>(*r);
  EXPECT_EQ(q.requests, 3);
  EXPECT_EQ(q.missing_bits, 32);
  EXPECT_EQ(q.mmsi2, 75763712U);  // the 16 real bits, then zeros (not the fill bits 0b0010)
  std::uint8_t fill = 0;
  EXPECT_EQ(encode_payload(*r, fill), "?ocIQI2;P;cRA8I2;cA8@@");
  EXPECT_EQ(fill, 4);
  EXPECT_EQ(*decode("?ocIQI2;P;cRA8I2;cA8@@", 4), *r);
}

// The class of bug above, for every type and length: set pad bits must not change a decode.
TEST(AisBadInput, FillBitValuesNeverMatter) {
  test::RandomMessages random(31337);
  for (int type = 1; type <= 27; ++type) {
    for (int sample = 0; sample < 16; ++sample) {
      const Message m = random.make(static_cast<std::uint8_t>(type));
      std::uint8_t fill = 0;
      const std::string payload = encode_payload(m, fill);
      const std::size_t bits = payload.size() * 6 - fill;
      for (std::size_t len = 6; len <= bits; ++len) {
        const auto [p, f] = truncate_bits(payload, len);
        if (f == 0) continue;
        std::string ones = p;
        int v = ones.back() - '0';
        if (v > 39) v -= 8;
        v |= (1 << f) - 1;
        ones.back() = static_cast<char>(v < 40 ? v + 48 : v + 56);
        const auto clean = decode(p, f);
        const auto dirty = decode(ones, f);
        ASSERT_EQ(clean.has_value(), dirty.has_value()) << ones;
        if (clean) {
          EXPECT_EQ(*clean, *dirty) << "type " << type << " " << ones << "," << int{f};
        } else {
          EXPECT_EQ(clean.error(), dirty.error());
        }
      }
    }
  }
}

TEST(AisBadInput, OutParameterKeepsWorkingAfterErrors) {
  Message out;
  EXPECT_FALSE(decode("1", 0, out).has_value());
  EXPECT_FALSE(decode("x", 0, out).has_value());
  ASSERT_TRUE(decode("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 0, out).has_value());
  EXPECT_EQ(mmsi(out), 367033650U);
}

}  // namespace
}  // namespace darkfleet::ais
