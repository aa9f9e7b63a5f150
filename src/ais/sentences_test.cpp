// encode_sentences(): splitting into !AIVDM/!AIVDO sentences through nmea::append_sentence.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/encode.hpp"
#include "random_messages.hpp"
#include "test_util.hpp"

namespace darkfleet::ais {
namespace {

// Our own checksum so that the test does not trust the writer it checks.
std::string with_checksum(const std::string& body) {
  unsigned x = 0;
  for (char c : body) x ^= static_cast<unsigned char>(c);
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02X", x);
  return "!" + body + "*" + buf;
}

TEST(AisSentences, SingleSentenceMatchesTheRealOne) {
  const Message m = *decode("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 0);
  const auto s = encode_sentences(m);
  ASSERT_EQ(s.size(), 1U);
  EXPECT_EQ(s[0], "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*30");  // typeexamples line 2
}

TEST(AisSentences, LongMessagesSplitAtSixtyCharacters) {
  const std::string payload =
      "53eaFL02?;fwTPm7V219E@R1@PE8E<622222221@9hG1A7?@NCPSlm3kc5DhH8888888880";
  const Message m = *decode(payload, 2);
  EncodeOptions options;
  options.channel = 'B';
  options.sequence_id = 3;
  const auto s = encode_sentences(m, options);
  ASSERT_EQ(s.size(), 2U);
  EXPECT_EQ(s[0], with_checksum("AIVDM,2,1,3,B," + payload.substr(0, 60) + ",0"));
  EXPECT_EQ(s[1], with_checksum("AIVDM,2,2,3,B," + payload.substr(60) + ",2"));
}

TEST(AisSentences, OptionsTalkerOwnShipChannelAndWidth) {
  const Message m = *decode("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 0);
  EncodeOptions options;
  options.talker = "BS";
  options.own_ship = true;
  options.channel = '\0';
  options.max_payload_chars = 10;
  const auto s = encode_sentences(m, options);
  ASSERT_EQ(s.size(), 3U);
  EXPECT_EQ(s[0], with_checksum("BSVDO,3,1,,,15N1u<PP1F,0"));
  EXPECT_EQ(s[1], with_checksum("BSVDO,3,2,,,JuvSRHOE6Q,0"));
  EXPECT_EQ(s[2], with_checksum("BSVDO,3,3,,,Iwwh0HQ6,0"));
}

TEST(AisSentences, RandomMessagesSurviveSentencesAndBack) {
  test::RandomMessages random(99);
  for (int type = 1; type <= 27; ++type) {
    for (int i = 0; i < 50; ++i) {
      const Message m = random.make(static_cast<std::uint8_t>(type));
      EncodeOptions options;
      options.sequence_id = static_cast<std::uint8_t>(i % 10);
      const auto sentences = encode_sentences(m, options);
      std::string payload;
      std::uint8_t fill = 0;
      for (std::size_t k = 0; k < sentences.size(); ++k) {
        const auto f = test::split_fields(sentences[k]);
        ASSERT_EQ(f.size(), 7U);
        EXPECT_EQ(f[1], std::to_string(sentences.size()));
        EXPECT_EQ(f[2], std::to_string(k + 1));
        EXPECT_LE(f[5].size(), 60U);
        payload += f[5];
        fill = static_cast<std::uint8_t>(f[6][0] - '0');
        if (k + 1 < sentences.size()) {
          EXPECT_EQ(fill, 0);
        }
      }
      EXPECT_EQ(*decode(payload, fill), m) << "type " << type;
    }
  }
}

}  // namespace
}  // namespace darkfleet::ais
