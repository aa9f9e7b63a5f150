// Tests of parse_line(): framing, fields, every error code, trailing receiver fields,
// and hostile input (huge lines, binary garbage, truncation, bit flips).
#include "darkfleet/nmea/sentence.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "test_support.hpp"

namespace darkfleet::nmea {
namespace {

using test::keep;
using test::sentence;

constexpr std::string_view k_line = "!AIVDM,1,1,,B,14pWHb?P03rwO<F:RQOnROw<25bd,0*3E";

ErrorCode error_of(std::string_view line) {
  const auto result = parse_line(line);
  EXPECT_FALSE(result.has_value()) << "accepted: " << line;
  return result ? ErrorCode::count_ : result.error();
}

TEST(NmeaChecksum, IsXorOfBody) {
  EXPECT_EQ(checksum("AIVDM,1,1,,B,14pWHb?P03rwO<F:RQOnROw<25bd,0"), 0x3E);
  EXPECT_EQ(checksum(""), 0);
  // Every length around the 8-byte blocks matches the obvious loop.
  const std::string text = "The quick brown fox jumps over the lazy dog 0123456789";
  for (std::size_t n = 0; n <= text.size(); ++n) {
    EXPECT_EQ(checksum(std::string_view(text).substr(0, n)), test::naive_xor(text.substr(0, n)))
        << n;
  }
  // Any bytes, any start and length around the 16-byte blocks and their masked tail.
  std::string bytes(120, '\0');
  unsigned state = 7;
  for (auto& c : bytes) {
    state = state * 1103515245U + 12345U;
    c = static_cast<char>(state >> 23);
  }
  for (std::size_t start = 0; start < 17; ++start) {
    for (std::size_t n = 0; start + n <= bytes.size(); ++n) {
      const std::string part = bytes.substr(start, n);
      ASSERT_EQ(checksum(part), test::naive_xor(part)) << start << " " << n;
    }
  }
}

TEST(NmeaParseLine, FramesTypicalSentence) {
  const auto s = parse_line(k_line);
  ASSERT_TRUE(s) << to_string(s.error());
  EXPECT_EQ(s->talker, "AI");
  EXPECT_FALSE(s->own_ship);
  EXPECT_EQ(s->fragment_count, 1);
  EXPECT_EQ(s->fragment_number, 1);
  EXPECT_FALSE(s->sequence_id);
  EXPECT_EQ(s->channel, 'B');
  EXPECT_EQ(s->payload, "14pWHb?P03rwO<F:RQOnROw<25bd");
  EXPECT_EQ(s->fill_bits, 0);
  EXPECT_FALSE(s->tag_block);
  EXPECT_TRUE(s->station.empty());
  EXPECT_FALSE(s->receive_time_ms);
  EXPECT_EQ(s->time_source, TimeSource::none);
}

TEST(NmeaParseLine, AcceptsAnyTwoLetterTalker) {
  for (const char* talker : {"AI", "AB", "BS", "SA", "SS", "AN", "AR", "AX", "ZZ"}) {
    const std::string line = sentence(std::string(talker) + "VDM,1,1,,A,13aG,0");
    const auto s = parse_line(line);
    ASSERT_TRUE(s) << line;
    EXPECT_EQ(s->talker, talker);
  }
}

TEST(NmeaParseLine, ReadsVdoAsOwnShip) {
  const auto s = parse_line(sentence("AIVDO,1,1,,A,13aG,0"));
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->own_ship);
}

TEST(NmeaParseLine, AcceptsDollarStartForVdm) {
  // pyais_test_sentences.nmea has `$AIVDM`; both reference decoders read it.
  const auto s = parse_line("$AIVDM,1,1,,B,B43JRq00LhTWc5VejDI>wwWUoP06,0*29");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->payload, "B43JRq00LhTWc5VejDI>wwWUoP06");
}

TEST(NmeaParseLine, AcceptsEveryChannelForm) {
  for (const char* channel : {"", "A", "B", "1", "2", "C", "D"}) {
    const std::string line = sentence("AIVDM,1,1,," + std::string(channel) + ",13aG,0");
    const auto s = parse_line(line);
    ASSERT_TRUE(s) << line;
    EXPECT_EQ(s->channel, *channel);  // '\0' for the empty field
  }
}

TEST(NmeaParseLine, ReadsFragmentFieldsAndSequenceId) {
  const auto s = parse_line(sentence("AIVDM,3,2,7,A,13aG,0"));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->fragment_count, 3);
  EXPECT_EQ(s->fragment_number, 2);
  ASSERT_TRUE(s->sequence_id);
  EXPECT_EQ(*s->sequence_id, 7);
  const auto nine = parse_line(sentence("AIVDM,9,9,0,A,13aG,5"));
  ASSERT_TRUE(nine);
  EXPECT_EQ(nine->fragment_count, 9);
  EXPECT_EQ(*nine->sequence_id, 0);
  EXPECT_EQ(nine->fill_bits, 5);
}

TEST(NmeaParseLine, AcceptsChecksumInEitherCase) {
  const auto lower = parse_line("!AIVDM,1,1,,B,14pWHb?P03rwO<F:RQOnROw<25bd,0*3e");
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->payload, "14pWHb?P03rwO<F:RQOnROw<25bd");
}

TEST(NmeaParseLine, AcceptsTrailingCarriageReturn) {
  const auto s = parse_line(keep(std::string(k_line) + "\r"));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->payload, "14pWHb?P03rwO<F:RQOnROw<25bd");
  EXPECT_TRUE(parse_line(std::string(k_line) + "\r\n"));
}

TEST(NmeaParseLine, AcceptsWholePayloadAlphabet) {
  std::string payload;
  for (char c = '0'; c <= 'W'; ++c) payload += c;
  for (char c = '`'; c <= 'w'; ++c) payload += c;
  const auto s = parse_line(keep(sentence("AIVDM,1,1,,A," + payload + ",0")));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->payload, payload);
}

TEST(NmeaParseLine, RejectsEmptyLines) {
  EXPECT_EQ(error_of(""), ErrorCode::empty_line);
  EXPECT_EQ(error_of("\r"), ErrorCode::empty_line);
  EXPECT_EQ(error_of("   \t "), ErrorCode::empty_line);
}

TEST(NmeaParseLine, RejectsOtherTextAsNotAis) {
  EXPECT_EQ(error_of("$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D"),
            ErrorCode::not_ais_sentence);
  EXPECT_EQ(error_of("$PGHP,1,2012,12,6,9,53,48,612,244,,,1,02*21"), ErrorCode::not_ais_sentence);
  EXPECT_EQ(error_of("# a comment"), ErrorCode::not_ais_sentence);
  EXPECT_EQ(error_of("IamNotAnAisMessage1111"), ErrorCode::not_ais_sentence);
  EXPECT_EQ(error_of(sentence("AIABM,1,1,,A,13aG,0")), ErrorCode::not_ais_sentence);
  EXPECT_EQ(error_of("!AIV"), ErrorCode::not_ais_sentence);
}

TEST(NmeaParseLine, RejectsGarbageBeforeSentenceAsMalformed) {
  // Only a tag block may precede the `!`; an AIS sentence behind other text is malformed.
  EXPECT_EQ(error_of("2013-01-02 12:00:00 " + std::string(k_line)), ErrorCode::malformed_sentence);
  EXPECT_EQ(error_of(" " + std::string(k_line)), ErrorCode::malformed_sentence);
  EXPECT_EQ(error_of("xx" + std::string(k_line)), ErrorCode::malformed_sentence);
}

TEST(NmeaParseLine, RejectsMalformedSentences) {
  EXPECT_EQ(error_of("!AIVDM"), ErrorCode::malformed_sentence);
  EXPECT_EQ(error_of(sentence("AIVDMX,1,1,,A,13aG,0")), ErrorCode::malformed_sentence);
  EXPECT_EQ(error_of(sentence("--VDM,1,1,,A,13aG,0")), ErrorCode::malformed_sentence);
  EXPECT_EQ(error_of(sentence("aiVDM,1,1,,A,13aG,0")), ErrorCode::malformed_sentence);
  EXPECT_EQ(error_of(sentence("AIVDM,1,1,,A,13aG")), ErrorCode::malformed_sentence);
  EXPECT_EQ(error_of(sentence("AIVDM,1,1,,A,13aG,0,7")), ErrorCode::malformed_sentence);
  EXPECT_EQ(error_of("!AIVDM,1,1,,A,13aG"), ErrorCode::malformed_sentence);
  EXPECT_EQ(error_of(sentence("AIVDM,1,1,,A,13aG,0") + "5"), ErrorCode::malformed_sentence);
}

TEST(NmeaParseLine, RejectsMissingChecksum) {
  EXPECT_EQ(error_of("!AIVDM,1,1,,A,13aG,0"), ErrorCode::missing_checksum);
  EXPECT_EQ(error_of("!AIVDM,1,1,,A,13aG,0*"), ErrorCode::missing_checksum);
  EXPECT_EQ(error_of("!AIVDM,1,1,,A,13aG,0*4"), ErrorCode::missing_checksum);
  EXPECT_EQ(error_of("!AIVDM,1,1,,A,13aG,0*G1"), ErrorCode::missing_checksum);
}

TEST(NmeaParseLine, RejectsBadChecksum) {
  EXPECT_EQ(error_of("!AIVDM,1,1,,B,14pWHb?P03rwO<F:RQOnROw<25bd,0*3F"), ErrorCode::bad_checksum);
  EXPECT_EQ(error_of("!AIVDM,1,1,,B,14pWHb?P03rwO<F:RQOnROw<25be,0*3E"), ErrorCode::bad_checksum);
}

TEST(NmeaParseLine, RejectsBadFragmentFields) {
  for (const char* body : {"AIVDM,0,1,,A,13aG,0", "AIVDM,1,0,,A,13aG,0", "AIVDM,2,3,,A,13aG,0",
                           "AIVDM,10,1,,A,13aG,0", "AIVDM,,1,,A,13aG,0", "AIVDM,1,,,A,13aG,0",
                           "AIVDM,x,1,,A,13aG,0", "AIVDM,2,1,10,A,13aG,0",
                           "AIVDM,2,1,x,A,13aG,0"}) {
    EXPECT_EQ(error_of(sentence(body)), ErrorCode::bad_fragment_fields) << body;
  }
}

TEST(NmeaParseLine, RejectsBadChannel) {
  for (const char* body : {"AIVDM,1,1,,E,13aG,0", "AIVDM,1,1,,a,13aG,0", "AIVDM,1,1,,AB,13aG,0",
                           "AIVDM,1,1,,3,13aG,0"}) {
    EXPECT_EQ(error_of(sentence(body)), ErrorCode::bad_channel) << body;
  }
}

TEST(NmeaParseLine, RejectsBadFillBits) {
  for (const char* body : {"AIVDM,1,1,,A,13aG,6", "AIVDM,1,1,,A,13aG,", "AIVDM,1,1,,A,13aG,x",
                           "AIVDM,1,1,,A,13aG,00"}) {
    EXPECT_EQ(error_of(sentence(body)), ErrorCode::bad_fill_bits) << body;
  }
}

TEST(NmeaParseLine, RejectsBadPayloadChar) {
  // Just outside both ranges of the alphabet: '/' 'X' '_' 'x', and a space.
  for (const char* payload : {"13aG/", "13XaG", "1_3aG", "x13aG", "13 aG"}) {
    const std::string line = sentence("AIVDM,1,1,,A," + std::string(payload) + ",0");
    EXPECT_EQ(error_of(line), ErrorCode::bad_payload_char) << line;
  }
}

TEST(NmeaParseLine, RejectsEmptyPayload) {
  // Real: libais test.aivdm has these.
  EXPECT_EQ(error_of("!AIVDM,1,1,,B,,0*25"), ErrorCode::empty_payload);
  EXPECT_EQ(error_of("!AIVDM,1,1,,A,,0*26"), ErrorCode::empty_payload);
  EXPECT_EQ(error_of(sentence("AIVDM,2,1,0,A,,0")), ErrorCode::empty_payload);
  // An empty later fragment is valid: seen in real logs, where it carries only fill bits.
  const auto later = parse_line("!AIVDM,2,2,0,A,,0*16");
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->payload.empty());
  EXPECT_EQ(later->fragment_number, 2);
}

TEST(NmeaParseLine, ReadsUscgTrailer) {
  const auto s = parse_line(keep(sentence("AIVDM,1,1,,A,13aG,0") +
                                 ",d-095,S1651,t161344.00,T44.03,r3669963,1429287142"));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->station, "r3669963");
  EXPECT_EQ(s->receive_time_ms, 1429287142000);
  EXPECT_EQ(s->time_source, TimeSource::trailing_epoch);
}

TEST(NmeaParseLine, TakesFirstOfTwoTrailingIntegers) {
  const auto s = parse_line(
      "!AIVDM,1,1,,A,403Ovl@000Htt<tSF0l4Q@100`Pq,0*28,d-109,S2105,t050056.00,T56.13718694,"
      "r003669946,1325394060,1325394001");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->station, "r003669946");
  EXPECT_EQ(s->receive_time_ms, 1325394060000);
}

TEST(NmeaParseLine, ReadsBareTrailingEpochAndBaseStation) {
  const auto bare = parse_line(keep(std::string(k_line) + ",1357134218"));
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->receive_time_ms, 1357134218000);
  EXPECT_EQ(bare->time_source, TimeSource::trailing_epoch);
  EXPECT_TRUE(bare->station.empty());
  // libais test.aivdm: a `b` (base station) id and a bare epoch.
  const auto base = parse_line(
      "!AIVDO,1,1,,A,8003hd0=vUvHmVS3o55ifP@WJ8PAQftNSIi;88cRll<wi@7:C4iG,0*6E,b003669973,"
      "1272413083");
  ASSERT_TRUE(base);
  EXPECT_EQ(base->station, "b003669973");
  EXPECT_EQ(base->receive_time_ms, 1272413083000);
}

TEST(NmeaParseLine, IgnoresBrokenTrailingFields) {
  // small_cb_example.txt line 2: the broken field is skipped, the next integer counts.
  const auto s = parse_line(keep(std::string(k_line) + ",1daasd4218,,1357134222"));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->receive_time_ms, 1357134222000);
  // Nothing usable at all: the sentence is still good, just without time and station.
  const auto junk = parse_line(keep(std::string(k_line) + ",r,x!y,99999999999999999999,-5,"));
  ASSERT_TRUE(junk);
  EXPECT_FALSE(junk->receive_time_ms);
  EXPECT_EQ(junk->time_source, TimeSource::none);
  EXPECT_TRUE(junk->station.empty());
  // Blank after the checksum: ignored.
  const auto blank = parse_line(keep(std::string(k_line) + "  1357134218"));
  ASSERT_TRUE(blank);
  EXPECT_FALSE(blank->receive_time_ms);
}

TEST(NmeaParseLine, ParsesMegabyteLine) {
  const std::string payload(1U << 20U, 'w');
  const std::string line = sentence("AIVDM,1,1,,A," + payload + ",0");
  const auto s = parse_line(line);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->payload.size(), payload.size());
  std::string bad = line;
  bad[line.size() / 2] = 'x';  // still 1 MB; the checksum catches it first
  EXPECT_EQ(error_of(bad), ErrorCode::bad_checksum);
  EXPECT_EQ(error_of(std::string(1U << 20U, '!')), ErrorCode::not_ais_sentence);
  EXPECT_EQ(error_of("!AIVDM," + std::string(1U << 20U, ',')), ErrorCode::missing_checksum);
}

TEST(NmeaParseLine, SurvivesBinaryGarbage) {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 200);
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string line(static_cast<std::size_t>(length(rng)), '\0');
    for (char& c : line) c = static_cast<char>(byte(rng));
    if (i % 2 == 0 && !line.empty()) line[0] = '!';  // get past the first check half the time
    const auto s = parse_line(line);
    if (s) ++accepted;
  }
  EXPECT_EQ(accepted, 0);  // random bytes never frame as a valid sentence
  EXPECT_EQ(error_of(std::string("!AIVDM,1,1,,A,13\0aG,0*00", 24)), ErrorCode::bad_checksum);
}

TEST(NmeaParseLine, RejectsEveryTruncationWithItsReason) {
  const std::string line(k_line);
  const std::size_t sixth_comma = line.rfind(',');
  const std::size_t star = line.find('*');
  for (std::size_t n = 0; n < line.size(); ++n) {
    const std::string cut = line.substr(0, n);
    ErrorCode want = ErrorCode::malformed_sentence;
    if (n == 0) {
      want = ErrorCode::empty_line;
    } else if (n < 6) {
      want = ErrorCode::not_ais_sentence;  // "!AIVD" is not recognisably a VDM sentence
    } else if (n > sixth_comma) {
      want = ErrorCode::missing_checksum;  // all fields there, `*hh` cut
    }
    EXPECT_EQ(error_of(cut), want) << cut;
  }
  EXPECT_GT(star, sixth_comma);
}

TEST(NmeaParseLine, RejectsEveryBitFlip) {
  const std::string line(k_line);
  const std::size_t star = line.find('*');
  for (std::size_t pos = 0; pos < line.size(); ++pos) {
    for (unsigned bit = 0; bit < 8; ++bit) {
      std::string flipped = line;
      flipped[pos] = static_cast<char>(static_cast<unsigned char>(line[pos]) ^ (1U << bit));
      const auto s = parse_line(flipped);
      const bool case_flip_of_hex = pos > star && bit == 5 && line[pos] >= 'A';
      if (case_flip_of_hex) {  // "*3E" -> "*3e": the same checksum
        EXPECT_TRUE(s) << flipped;
        continue;
      }
      ASSERT_FALSE(s) << "accepted " << flipped;
      if (pos >= 7 && pos < star && flipped[pos] != '*' && flipped[pos] != '\r' &&
          flipped[pos] != '\n') {
        EXPECT_EQ(s.error(), ErrorCode::bad_checksum) << flipped;
      }
    }
  }
}

TEST(NmeaParseLine, DoesNotOwnTheLine) {
  // Views point into the caller's buffer.
  const std::string line(k_line);
  const auto s = parse_line(line);
  ASSERT_TRUE(s);
  EXPECT_GE(s->payload.data(), line.data());
  EXPECT_LE(s->payload.data() + s->payload.size(), line.data() + line.size());
  EXPECT_EQ(s->talker.data(), line.data() + 1);
}

TEST(NmeaTimeSource, HasStableNames) {
  EXPECT_EQ(to_string(TimeSource::none), "none");
  EXPECT_EQ(to_string(TimeSource::tag_block), "tag_block");
  EXPECT_EQ(to_string(TimeSource::trailing_epoch), "trailing_epoch");
}

}  // namespace
}  // namespace darkfleet::nmea
