// Tests of NMEA 4.10 tag blocks: parse_tag_block() and tag blocks in front of sentences,
// with the station / time precedence between tag blocks and trailing receiver fields.
#include <gtest/gtest.h>

#include <string>

#include "darkfleet/nmea/sentence.hpp"
#include "test_support.hpp"

namespace darkfleet::nmea {
namespace {

using test::keep;
using test::sentence;
using test::tag;

/// parse_tag_block() of `body` with its correct checksum appended.
Result<TagBlock> parse_body(std::string_view body) {
  return parse_tag_block(keep(std::string(body) + "*" + test::hex2(test::naive_xor(body))));
}

TEST(NmeaTagBlock, ParsesEveryKnownKey) {
  const auto t = parse_body("c:1418169601,s:rORBCOMM008,d:dest1,n:157036,r:42,t:free text,g:1-2-1604");
  ASSERT_TRUE(t) << to_string(t.error());
  EXPECT_EQ(t->receive_time_ms, 1418169601000);
  EXPECT_EQ(t->source, "rORBCOMM008");
  EXPECT_EQ(t->destination, "dest1");
  EXPECT_EQ(t->line_count, 157036);
  EXPECT_EQ(t->relative_time, 42);
  EXPECT_EQ(t->text, "free text");
  ASSERT_TRUE(t->group);
  EXPECT_EQ(t->group->number, 1);
  EXPECT_EQ(t->group->count, 2);
  EXPECT_EQ(t->group->id, 1604U);
}

TEST(NmeaTagBlock, ReadsSecondsOrMilliseconds) {
  EXPECT_EQ(parse_body("c:1418169601")->receive_time_ms, 1418169601000);
  EXPECT_EQ(parse_body("c:1418169601123")->receive_time_ms, 1418169601123);
  // The boundary: below 10^11 is seconds, from 10^11 on milliseconds.
  EXPECT_EQ(parse_body("c:99999999999")->receive_time_ms, 99999999999000);
  EXPECT_EQ(parse_body("c:100000000000")->receive_time_ms, 100000000000);
  EXPECT_EQ(parse_body("c:0")->receive_time_ms, 0);
}

TEST(NmeaTagBlock, IgnoresUnknownKeys) {
  const auto t = parse_body("s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53,i:<T>x</T>");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->source, "rORBCOMM104");
  EXPECT_EQ(t->receive_time_ms, 1418172113000);
  EXPECT_TRUE(t->text.empty());  // `T:` is not `t:`
}

TEST(NmeaTagBlock, VerifiesItsChecksum) {
  // Real line from tagblock.nmea: `*37` is right.
  EXPECT_TRUE(parse_tag_block("g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37"));
  EXPECT_EQ(parse_tag_block("g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*36")
                .error(),
            ErrorCode::tag_block_checksum);
  // Real line from pyais sample.ais: the checksum does not match.
  EXPECT_EQ(parse_tag_block("s:blah,c:1747818025*5A").error(), ErrorCode::tag_block_checksum);
  EXPECT_TRUE(parse_tag_block("c:1354719388*56"));
  EXPECT_TRUE(parse_tag_block("1G2:0125,c:1354719387*0d"));  // hex in either case
}

TEST(NmeaTagBlock, RejectsMalformedBlocks) {
  EXPECT_EQ(parse_tag_block("c:1418169601").error(), ErrorCode::bad_tag_block);  // no checksum
  EXPECT_EQ(parse_tag_block("g:1-2-73874*A").error(), ErrorCode::bad_tag_block);  // one digit
  EXPECT_EQ(parse_tag_block("c:1*5G").error(), ErrorCode::bad_tag_block);
  for (const char* body : {"c:", "c:x", "c:-5", "c:14181696.01", "c:1234567890123456789", "n:a",
                           "r:1.5", "g:1-2", "g:0-2-5", "g:3-2-5", "g:1-0-5", "g:1-2-x",
                           "g:1-2-4294967296", "g:1-256-5", "c1418169601", "s:x,bare",
                           "1G2:x", "3G2:1"}) {
    const auto t = parse_body(body);
    ASSERT_FALSE(t) << body;
    EXPECT_EQ(t.error(), ErrorCode::bad_tag_block) << body;
  }
}

TEST(NmeaTagBlock, AcceptsOddRealForms) {
  // small_cb_example.txt: an empty key (ignored) and a source containing a colon.
  const auto empty_key = parse_tag_block(":,c:1364272372*4E");
  ASSERT_TRUE(empty_key);
  EXPECT_EQ(empty_key->receive_time_ms, 1364272372000);
  EXPECT_TRUE(empty_key->source.empty());
  const auto colon = parse_tag_block("s:b:2,c:1364272372*57");
  ASSERT_TRUE(colon);
  EXPECT_EQ(colon->source, "b:2");
  // NMEA 4.0 grouping `<number>G<count>:<id>`.
  const auto legacy = parse_tag_block("1G2:0125,c:1354719387*0D");
  ASSERT_TRUE(legacy);
  ASSERT_TRUE(legacy->group);
  EXPECT_EQ(legacy->group->number, 1);
  EXPECT_EQ(legacy->group->count, 2);
  EXPECT_EQ(legacy->group->id, 125U);
  EXPECT_EQ(legacy->receive_time_ms, 1354719387000);
  // Empty block, empty fields.
  EXPECT_TRUE(parse_tag_block("*00"));
  EXPECT_EQ(parse_body("c:5,,s:x")->source, "x");
}

TEST(NmeaTagBlock, FramesSentenceBehindTagBlock) {
  const std::string line =
      "\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\!AIVDM,2,1,6,A,"
      "53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63";
  const auto s = parse_line(line);
  ASSERT_TRUE(s) << to_string(s.error());
  ASSERT_TRUE(s->tag_block);
  EXPECT_EQ(s->tag_block->group->id, 1604U);
  EXPECT_EQ(s->station, "rORBCOMM008");
  EXPECT_EQ(s->receive_time_ms, 1418169601000);
  EXPECT_EQ(s->time_source, TimeSource::tag_block);
  EXPECT_EQ(s->fragment_count, 2);
  EXPECT_EQ(*s->sequence_id, 6);
}

TEST(NmeaTagBlock, RejectsBadTagBlocksInLines) {
  const std::string body = sentence("AIVDM,1,1,,A,13aG,0");
  EXPECT_EQ(parse_line("\\c:1418169601*00\\" + body).error(), ErrorCode::tag_block_checksum);
  EXPECT_EQ(parse_line("\\c:1418169601*2B" + body).error(), ErrorCode::bad_tag_block);  // open
  EXPECT_EQ(parse_line(tag("c:xyz") + body).error(), ErrorCode::bad_tag_block);
  // A tag block alone on a line (small_cb_example.txt) carries no sentence.
  EXPECT_EQ(parse_line("\\c:1354719388*56\\").error(), ErrorCode::not_ais_sentence);
  EXPECT_EQ(parse_line(tag("c:1") + "$GPGGA,1*00").error(), ErrorCode::not_ais_sentence);
  EXPECT_EQ(parse_line(tag("c:1") + "junk" + body).error(), ErrorCode::malformed_sentence);
  // The sentence behind a good tag block is checked as usual.
  EXPECT_EQ(parse_line(tag("c:1") + "!AIVDM,1,1,,A,13aG,0*00").error(), ErrorCode::bad_checksum);
}

TEST(NmeaTagBlock, TakesPrecedenceOverTrailer) {
  const std::string body = sentence("AIVDM,1,1,,A,13aG,0");
  const std::string trailer = ",d-095,S1651,t161344.00,T44.03,r3669963,1429287142";
  const auto both = parse_line(keep(tag("c:1500000000,s:rTAG") + body + trailer));
  ASSERT_TRUE(both);
  EXPECT_EQ(both->station, "rTAG");
  EXPECT_EQ(both->receive_time_ms, 1500000000000);
  EXPECT_EQ(both->time_source, TimeSource::tag_block);
  // A tag block without s: / c: leaves the trailer's values in place.
  const auto partial = parse_line(keep(tag("n:5") + body + trailer));
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->station, "r3669963");
  EXPECT_EQ(partial->receive_time_ms, 1429287142000);
  EXPECT_EQ(partial->time_source, TimeSource::trailing_epoch);
  const auto time_only = parse_line(keep(tag("c:1500000000") + body + trailer));
  ASSERT_TRUE(time_only);
  EXPECT_EQ(time_only->station, "r3669963");
  EXPECT_EQ(time_only->time_source, TimeSource::tag_block);
}

}  // namespace
}  // namespace darkfleet::nmea
