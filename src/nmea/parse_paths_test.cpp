// The fixed-position fast path of parse_line() must accept exactly what the general parser
// accepts and give the same fields; otherwise the general parser's error must come out.
// parse_line_for_decoding() may accept more, but only one-sentence lines whose payload has
// a character outside the armouring alphabet (which ais::decode() then rejects).
#include "parse_paths.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "text.hpp"

namespace darkfleet::nmea {
namespace {

void expect_deferred_check_only_widens(const std::string& line,
                                      const Result<Sentence>& checked) {
  Sentence deferred;
  const auto result =
      detail::parse_line_with(line, deferred, true, detail::PayloadCheck::deferred_for_single);
  if (checked) {
    ASSERT_TRUE(result.has_value()) << line;
    EXPECT_EQ(deferred.payload, checked->payload) << line;
    EXPECT_EQ(deferred.fill_bits, checked->fill_bits) << line;
    EXPECT_EQ(deferred.channel, checked->channel) << line;
    EXPECT_EQ(deferred.station, checked->station) << line;
    EXPECT_EQ(deferred.receive_time_ms, checked->receive_time_ms) << line;
    return;
  }
  if (!result) {
    EXPECT_EQ(result.error(), checked.error()) << line;
    return;
  }
  EXPECT_EQ(deferred.fragment_count, 1) << line;
  EXPECT_FALSE(detail::all_payload_chars(deferred.payload)) << line;
}

void expect_same(const std::string& line) {
  const auto fast = detail::parse_line_with(line, true);
  const auto general = detail::parse_line_with(line, false);
  expect_deferred_check_only_widens(line, general);
  ASSERT_EQ(fast.has_value(), general.has_value()) << line;
  if (!fast) {
    EXPECT_EQ(fast.error(), general.error()) << line;
    return;
  }
  EXPECT_EQ(fast->talker, general->talker) << line;
  EXPECT_EQ(fast->own_ship, general->own_ship) << line;
  EXPECT_EQ(fast->fragment_count, general->fragment_count) << line;
  EXPECT_EQ(fast->fragment_number, general->fragment_number) << line;
  EXPECT_EQ(fast->sequence_id, general->sequence_id) << line;
  EXPECT_EQ(fast->channel, general->channel) << line;
  EXPECT_EQ(fast->payload, general->payload) << line;
  EXPECT_EQ(fast->fill_bits, general->fill_bits) << line;
  EXPECT_EQ(fast->station, general->station) << line;
  EXPECT_EQ(fast->receive_time_ms, general->receive_time_ms) << line;
  EXPECT_EQ(fast->time_source, general->time_source) << line;
}

std::vector<std::string> handmade() {
  return {
      "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26",
      "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C",
      "!AIVDM,2,1,3,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
      "!AIVDM,2,2,3,B,88888888880,2*25",
      "!AIVDM,2,2,0,A,,0*16",
      "!AIVDO,1,1,,,B>eq`d@0071l>Nc:>uOMbOl0V2,0*0C",
      "!ABVDM,1,1,,1,13aEOK?P00PD2wVMdLDRhgvL289?,0*26",
      "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,d-095,S1651,t161344.00,r3669963,1429287142",
      "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26 ",
      "\\c:1418169601,s:rORBCOMM008*0B\\!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26",
  };
}

TEST(NmeaParsePaths, AgreeOnHandmadeLinesAndEveryMutation) {
  std::mt19937 rng(17);
  for (const auto& base : handmade()) {
    expect_same(base);
    for (std::size_t cut = 0; cut <= base.size(); ++cut) expect_same(base.substr(0, cut));
    for (std::size_t i = 0; i < base.size(); ++i) {
      for (const char c : std::string(",*!0A9\\`w@x 1B2D5")) {
        std::string m = base;
        m[i] = c;
        expect_same(m);
      }
      std::string flipped = base;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << (rng() % 8)));
      expect_same(flipped);
      std::string removed = base;
      removed.erase(i, 1);
      expect_same(removed);
    }
  }
}

TEST(NmeaParsePaths, AgreeOnEveryRealLine) {
  std::size_t lines = 0;
  for (const char* file :
       {"ais-test-vectors-libais/typeexamples.nmea", "ais-test-vectors-libais/tagblock.nmea",
        "ais-test-vectors-libais/test.aivdm", "ais-test-vectors-pyais/nmea_data_sample.txt",
        "ais-test-vectors-pyais/pyais_test_sentences.nmea", "ais-test-vectors-pyais/mixed.txt",
        "ais-nmea-dma-aislib/stream_example.txt", "ais-nmea-dma-aislib/ais250.txt",
        "ais-nmea-dma-aislib/small_cb_example.txt"}) {
    const auto path = test::shared_data() / file;
    DARKFLEET_REQUIRE_SHARED_FILE(path);
    for (const auto& line : test::read_lines(path)) {
      expect_same(line);
      ++lines;
    }
  }
  EXPECT_GT(lines, 9000U);
}

}  // namespace
}  // namespace darkfleet::nmea

namespace darkfleet::nmea {
namespace {

TEST(NmeaParseInPlace, ReusedSentenceEqualsAFreshParse) {
  // Lines whose optional parts differ, so that stale values would show.
  const std::vector<std::string> lines = {
      "\\g:1-2-1604,s:rORBCOMM008,c:1418169601*3A\\!AIVDM,2,1,6,A,53@o0E000001Q0CG37U8u<Tp4q@D0000000000001833040000000000000,0*63",
      "!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78",
      "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,d-095,S1651,t161344.00,r3669963,1429287142",
      "!AIVDM,2,2,3,B,88888888880,2*25",
      "!AIVDO,1,1,,,B>eq`d@0071l>Nc:>uOMbOl0V2,0*0C",
  };
  Sentence reused;
  for (int round = 0; round < 2; ++round) {
    for (const auto& line : lines) {
      const auto fresh = parse_line(line);
      const auto in_place = parse_line(line, reused);
      ASSERT_EQ(fresh.has_value(), in_place.has_value()) << line;
      if (!fresh) continue;
      EXPECT_EQ(reused.tag_block.has_value(), fresh->tag_block.has_value()) << line;
      EXPECT_EQ(reused.sequence_id, fresh->sequence_id) << line;
      EXPECT_EQ(reused.station, fresh->station) << line;
      EXPECT_EQ(reused.receive_time_ms, fresh->receive_time_ms) << line;
      EXPECT_EQ(reused.time_source, fresh->time_source) << line;
      EXPECT_EQ(reused.payload, fresh->payload) << line;
      EXPECT_EQ(reused.channel, fresh->channel) << line;
      EXPECT_EQ(reused.fragment_number, fresh->fragment_number) << line;
    }
  }
}

}  // namespace
}  // namespace darkfleet::nmea
