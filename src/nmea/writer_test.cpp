// Tests of append_sentence() / append_tag_block(): exact output and round trips through
// parse_line().
#include "darkfleet/nmea/writer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "darkfleet/nmea/sentence.hpp"

namespace darkfleet::nmea {
namespace {

TEST(NmeaWriter, WritesKnownSentenceExactly) {
  SentenceFields f;
  f.channel = 'B';
  f.payload = "14pWHb?P03rwO<F:RQOnROw<25bd";
  std::string out;
  append_sentence(out, f);
  EXPECT_EQ(out, "!AIVDM,1,1,,B,14pWHb?P03rwO<F:RQOnROw<25bd,0*3E");
}

TEST(NmeaWriter, AppendsWithoutClearing) {
  SentenceFields f;
  f.payload = "13aG";
  std::string out = "prefix ";
  append_sentence(out, f);
  EXPECT_EQ(out.substr(0, 8), "prefix !");
  EXPECT_TRUE(parse_line(std::string_view(out).substr(7)));
}

TEST(NmeaWriter, SentenceRoundTrips) {
  struct Case {
    const char* talker;
    bool own_ship;
    std::uint8_t count, number;
    std::optional<std::uint8_t> seq;
    char channel;
    const char* payload;
    std::uint8_t fill;
  };
  const Case cases[] = {
      {"AI", false, 1, 1, std::nullopt, 'A', "13aG", 0},
      {"AB", true, 2, 1, 0, 'B', "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8", 0},
      {"BS", false, 2, 2, 9, '\0', "88888888880", 2},
      {"SA", false, 9, 9, 5, '1', "w", 5},
      {"SS", true, 3, 2, std::nullopt, 'D', "0`Ww", 4},
  };
  for (const Case& c : cases) {
    SentenceFields f;
    f.talker = c.talker;
    f.own_ship = c.own_ship;
    f.fragment_count = c.count;
    f.fragment_number = c.number;
    f.sequence_id = c.seq;
    f.channel = c.channel;
    f.payload = c.payload;
    f.fill_bits = c.fill;
    std::string out;
    append_sentence(out, f);
    const auto s = parse_line(out);
    ASSERT_TRUE(s) << out << ": " << to_string(s.error());
    EXPECT_EQ(s->talker, f.talker) << out;
    EXPECT_EQ(s->own_ship, f.own_ship) << out;
    EXPECT_EQ(s->fragment_count, f.fragment_count) << out;
    EXPECT_EQ(s->fragment_number, f.fragment_number) << out;
    EXPECT_EQ(s->sequence_id, f.sequence_id) << out;
    EXPECT_EQ(s->channel, f.channel) << out;
    EXPECT_EQ(s->payload, f.payload) << out;
    EXPECT_EQ(s->fill_bits, f.fill_bits) << out;
  }
}

TEST(NmeaWriter, WritesTagBlockInFixedOrder) {
  TagBlock t;
  t.text = "hello";
  t.relative_time = 7;
  t.line_count = 157036;
  t.destination = "d1";
  t.source = "rORBCOMM008";
  t.receive_time_ms = 1418169601000;
  t.group = TagGroup{1, 2, 1604};
  std::string out;
  append_tag_block(out, t);
  EXPECT_EQ(out, "\\g:1-2-1604,c:1418169601,s:rORBCOMM008,d:d1,n:157036,r:7,t:hello*5B\\");
  const auto back = parse_tag_block(std::string_view(out).substr(1, out.size() - 2));
  ASSERT_TRUE(back) << to_string(back.error());
}

TEST(NmeaWriter, WritesMillisecondsOnlyWhenNeeded) {
  TagBlock t;
  t.receive_time_ms = 1418169601000;
  std::string seconds;
  append_tag_block(seconds, t);
  EXPECT_EQ(seconds.substr(0, 14), "\\c:1418169601*");
  t.receive_time_ms = 1418169601234;
  std::string millis;
  append_tag_block(millis, t);
  EXPECT_EQ(millis.substr(0, 17), "\\c:1418169601234*");
  std::string empty;
  append_tag_block(empty, TagBlock{});
  EXPECT_EQ(empty, "\\*00\\");
}

TEST(NmeaWriter, TagBlockAndSentenceRoundTrip) {
  TagBlock t;
  t.receive_time_ms = 1418169601234;
  t.source = "rORBCOMM008";
  t.destination = "x";
  t.line_count = 3;
  t.relative_time = 99;
  t.text = "text with spaces";
  t.group = TagGroup{2, 3, 4000000000U};
  SentenceFields f;
  f.fragment_count = 3;
  f.fragment_number = 2;
  f.sequence_id = 1;
  f.payload = "00000000008";
  f.fill_bits = 2;
  std::string line;
  append_tag_block(line, t);
  append_sentence(line, f);
  const auto s = parse_line(line);
  ASSERT_TRUE(s) << line << ": " << to_string(s.error());
  ASSERT_TRUE(s->tag_block);
  const TagBlock& r = *s->tag_block;
  EXPECT_EQ(r.receive_time_ms, t.receive_time_ms);
  EXPECT_EQ(r.source, t.source);
  EXPECT_EQ(r.destination, t.destination);
  EXPECT_EQ(r.line_count, t.line_count);
  EXPECT_EQ(r.relative_time, t.relative_time);
  EXPECT_EQ(r.text, t.text);
  ASSERT_TRUE(r.group);
  EXPECT_EQ(r.group->number, 2);
  EXPECT_EQ(r.group->count, 3);
  EXPECT_EQ(r.group->id, 4000000000U);
  EXPECT_EQ(s->station, "rORBCOMM008");
  EXPECT_EQ(s->receive_time_ms, 1418169601234);
  EXPECT_EQ(s->time_source, TimeSource::tag_block);
  EXPECT_EQ(s->payload, f.payload);
}

}  // namespace
}  // namespace darkfleet::nmea
