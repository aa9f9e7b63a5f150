// Tests of the Assembler: keys, ordering, interleaving, g: groups, duplicates, the three
// eviction bounds, flush, and that it copies what it keeps.
#include "darkfleet/nmea/assembler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "test_support.hpp"

namespace darkfleet::nmea {
namespace {

using test::RecordingSink;
using test::sentence;
using test::tag;

/// A fragment line: `prefix!AIVDM,count,number,seq,channel,payload,fill*hh` + trailer.
std::string frag(int count, int number, const std::string& seq, const std::string& channel,
                 const std::string& payload, int fill = 0, const std::string& prefix = "",
                 const std::string& trailer = "") {
  return prefix +
         sentence("AIVDM," + std::to_string(count) + "," + std::to_string(number) + "," + seq +
                  "," + channel + "," + payload + "," + std::to_string(fill)) +
         trailer;
}

/// Feeds lines to an Assembler with consecutive line numbers. Each line is parsed from a
/// scratch buffer that is overwritten after push(), as a reader reuses its buffer.
struct Feed {
  explicit Feed(AssemblerOptions options = {}) : assembler(options) {}

  void push(const std::string& line) {
    ++line_no;
    buffer = line;
    const auto s = parse_line(buffer);
    ASSERT_TRUE(s) << line << ": " << to_string(s.error());
    assembler.push(*s, line_no, buffer, sink);
    std::fill(buffer.begin(), buffer.end(), '#');
  }

  Assembler assembler;
  RecordingSink sink;
  std::uint64_t line_no = 0;
  std::string buffer;
};

TEST(NmeaAssembler, PassesSingleSentenceThrough) {
  Feed feed;
  feed.push(frag(1, 1, "", "B", "14pWHb", 0, "", ",r003669946,1325394060"));
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  const auto& m = feed.sink.messages[0];
  EXPECT_EQ(m.payload, "14pWHb");
  EXPECT_EQ(m.fragment_count, 1);
  EXPECT_EQ(m.first_line, 1U);
  EXPECT_EQ(m.last_line, 1U);
  EXPECT_EQ(m.channel, 'B');
  EXPECT_EQ(m.station, "r003669946");
  EXPECT_EQ(m.receive_time_ms, 1325394060000);
  EXPECT_EQ(m.time_source, TimeSource::trailing_epoch);
  EXPECT_EQ(feed.assembler.pending(), 0U);
}

TEST(NmeaAssembler, JoinsFragmentsInOrder) {
  Feed feed;
  feed.push(frag(2, 1, "3", "A", "55?MbV02", 0));
  EXPECT_EQ(feed.assembler.pending(), 1U);
  EXPECT_TRUE(feed.sink.messages.empty());
  feed.push(frag(2, 2, "3", "A", "8888", 2));
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  const auto& m = feed.sink.messages[0];
  EXPECT_EQ(m.payload, "55?MbV028888");
  EXPECT_EQ(m.fill_bits, 2);
  EXPECT_EQ(m.fragment_count, 2);
  EXPECT_EQ(m.first_line, 1U);
  EXPECT_EQ(m.last_line, 2U);
  EXPECT_EQ(m.channel, 'A');
  EXPECT_EQ(feed.assembler.pending(), 0U);
  EXPECT_TRUE(feed.sink.rejected.empty());
}

TEST(NmeaAssembler, JoinsFragmentsOutOfOrder) {
  Feed feed;
  feed.push(frag(3, 3, "0", "A", "ccc", 4));
  feed.push(frag(3, 1, "0", "A", "aaa", 0));
  EXPECT_TRUE(feed.sink.messages.empty());
  feed.push(frag(3, 2, "0", "A", "bbb", 0));
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  const auto& m = feed.sink.messages[0];
  EXPECT_EQ(m.payload, "aaabbbccc");
  EXPECT_EQ(m.fill_bits, 4);  // of fragment 3, whenever it came
  EXPECT_EQ(m.first_line, 1U);
  EXPECT_EQ(m.last_line, 3U);
}

TEST(NmeaAssembler, SeparatesInterleavedMessages) {
  Feed feed;
  feed.push(frag(2, 1, "1", "A", "A1"));   // message A
  feed.push(frag(2, 1, "2", "A", "B1"));   // message B: other sequence id
  feed.push(frag(2, 1, "1", "B", "C1"));   // message C: same id, other channel
  feed.push(frag(1, 1, "", "A", "S"));     // a single sentence in between
  feed.push(frag(2, 2, "2", "A", "B2"));
  feed.push(frag(2, 2, "1", "B", "C2"));
  feed.push(frag(2, 2, "1", "A", "A2"));
  ASSERT_EQ(feed.sink.messages.size(), 4U);
  EXPECT_EQ(feed.sink.messages[0].payload, "S");
  EXPECT_EQ(feed.sink.messages[1].payload, "B1B2");
  EXPECT_EQ(feed.sink.messages[2].payload, "C1C2");
  EXPECT_EQ(feed.sink.messages[2].channel, 'B');
  EXPECT_EQ(feed.sink.messages[3].payload, "A1A2");
  EXPECT_EQ(feed.sink.messages[3].first_line, 1U);
  EXPECT_EQ(feed.sink.messages[3].last_line, 7U);
  EXPECT_TRUE(feed.sink.rejected.empty());
}

TEST(NmeaAssembler, KeysByStation) {
  // Same sequence id and channel from two receivers (USCG `r` fields): two messages.
  Feed feed;
  feed.push(frag(2, 1, "5", "A", "Q1", 0, "", ",r1"));
  feed.push(frag(2, 1, "5", "A", "R1", 0, "", ",r2"));
  feed.push(frag(2, 2, "5", "A", "Q2", 0, "", ",r1"));
  feed.push(frag(2, 2, "5", "A", "R2", 0, "", ",r2"));
  ASSERT_EQ(feed.sink.messages.size(), 2U);
  EXPECT_EQ(feed.sink.messages[0].payload, "Q1Q2");
  EXPECT_EQ(feed.sink.messages[0].station, "r1");
  EXPECT_EQ(feed.sink.messages[1].payload, "R1R2");
  EXPECT_EQ(feed.sink.messages[1].station, "r2");
}

TEST(NmeaAssembler, KeysVdoApartFromVdm) {
  Feed feed;
  feed.push(frag(2, 1, "5", "A", "M1"));
  feed.push(sentence("AIVDO,2,2,5,A,O2,0"));
  EXPECT_TRUE(feed.sink.messages.empty());
  EXPECT_EQ(feed.assembler.pending(), 2U);
}

TEST(NmeaAssembler, GroupsByTagBlockGroupId) {
  Feed feed;
  // The group's sentences use sequence id 6 on A; a plain message with the same sequence
  // id and channel is interleaved and must not mix with the group.
  feed.push(frag(2, 1, "6", "A", "G1", 0, tag("g:1-2-1604,s:rORBCOMM008,c:1418169601")));
  feed.push(frag(2, 1, "6", "A", "P1"));
  feed.push(frag(2, 2, "6", "A", "G2", 2, tag("g:2-2-1604,s:rORBCOMM008,c:1418169601")));
  feed.push(frag(2, 2, "6", "A", "P2"));
  ASSERT_EQ(feed.sink.messages.size(), 2U);
  EXPECT_EQ(feed.sink.messages[0].payload, "G1G2");
  EXPECT_EQ(feed.sink.messages[0].station, "rORBCOMM008");
  EXPECT_EQ(feed.sink.messages[0].receive_time_ms, 1418169601000);
  EXPECT_EQ(feed.sink.messages[0].time_source, TimeSource::tag_block);
  EXPECT_EQ(feed.sink.messages[1].payload, "P1P2");
  EXPECT_TRUE(feed.sink.messages[1].station.empty());
}

TEST(NmeaAssembler, GroupNeedNotRepeatStationOrTime) {
  // As in pyais mixed.txt: only the first sentence of the group carries s: and c:, and the
  // second uses another sequence id.
  Feed feed;
  feed.push(frag(2, 1, "2", "B", "H1", 0, tag("g:1-2-27300,n:636994,s:b003669710,c:1428621738")));
  feed.push(frag(2, 2, "3", "B", "H2", 2, tag("g:2-2-27300,n:636995")));
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  EXPECT_EQ(feed.sink.messages[0].payload, "H1H2");
  EXPECT_EQ(feed.sink.messages[0].station, "b003669710");
  EXPECT_EQ(feed.sink.messages[0].receive_time_ms, 1428621738000);
  // The station may also come only with a later fragment.
  feed.push(frag(2, 2, "", "A", "K2", 0, tag("g:2-2-7,s:rLATE")));
  feed.push(frag(2, 1, "", "A", "K1", 0, tag("g:1-2-7")));
  ASSERT_EQ(feed.sink.messages.size(), 2U);
  EXPECT_EQ(feed.sink.messages[1].payload, "K1K2");
  EXPECT_EQ(feed.sink.messages[1].station, "rLATE");
}

TEST(NmeaAssembler, KeepsSameGroupIdFromTwoStationsApart) {
  Feed feed;
  feed.push(frag(2, 1, "", "A", "Q1", 0, tag("g:1-2-99,s:r1")));
  feed.push(frag(2, 1, "", "A", "R1", 0, tag("g:1-2-99,s:r2")));
  feed.push(frag(2, 2, "", "A", "R2", 0, tag("g:2-2-99,s:r2")));
  feed.push(frag(2, 2, "", "A", "Q2", 0, tag("g:2-2-99,s:r1")));
  ASSERT_EQ(feed.sink.messages.size(), 2U);
  EXPECT_EQ(feed.sink.messages[0].payload, "R1R2");
  EXPECT_EQ(feed.sink.messages[1].payload, "Q1Q2");
  EXPECT_TRUE(feed.sink.rejected.empty());
}

TEST(NmeaAssembler, RejectsDuplicateFragment) {
  Feed feed;
  const std::string first = frag(2, 1, "4", "A", "D1");
  feed.push(first);
  feed.push(first);
  ASSERT_EQ(feed.sink.rejected.size(), 1U);
  EXPECT_EQ(feed.sink.rejected[0].line_no, 2U);
  EXPECT_EQ(feed.sink.rejected[0].line, first);
  EXPECT_EQ(feed.sink.rejected[0].reason, ErrorCode::duplicate_fragment);
  feed.push(frag(2, 2, "4", "A", "D2"));
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  EXPECT_EQ(feed.sink.messages[0].payload, "D1D2");
  EXPECT_EQ(feed.sink.messages[0].first_line, 1U);
}

TEST(NmeaAssembler, RestartsWhenFragmentRepeatsWithNewPayload) {
  // Fragment 2 of the first message was lost; the next message reuses sequence id 4.
  Feed feed;
  const std::string old_first = frag(2, 1, "4", "A", "OLD1");
  feed.push(old_first);
  feed.push(frag(2, 1, "4", "A", "NEW1"));
  ASSERT_EQ(feed.sink.rejected.size(), 1U);
  EXPECT_EQ(feed.sink.rejected[0].line_no, 1U);
  EXPECT_EQ(feed.sink.rejected[0].line, old_first);
  EXPECT_EQ(feed.sink.rejected[0].reason, ErrorCode::incomplete_message);
  feed.push(frag(2, 2, "4", "A", "NEW2"));
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  EXPECT_EQ(feed.sink.messages[0].payload, "NEW1NEW2");
  EXPECT_EQ(feed.sink.messages[0].first_line, 2U);
}

TEST(NmeaAssembler, DoesNotJoinNewFirstFragmentToStaleLaterOne) {
  // pyais_test_sentences.nmea: a lone `2,2,4,A` (its fragment 1 lost) and, 109 lines on,
  // a new message on sequence id 4 / channel A. Joining would give a wrong payload.
  AssemblerOptions options;
  options.max_reorder_lines = 20;
  Feed feed(options);
  const std::string stale = frag(2, 2, "4", "A", "000000000000000", 2);
  feed.push(stale);
  for (int i = 0; i < 20; ++i) feed.push(frag(1, 1, "", "A", "S"));
  feed.push(frag(2, 1, "4", "A", "55Mub7P0", 0));  // line 22: 21 lines after the stale one
  ASSERT_EQ(feed.sink.rejected.size(), 1U);
  EXPECT_EQ(feed.sink.rejected[0].line, stale);
  EXPECT_EQ(feed.sink.rejected[0].reason, ErrorCode::incomplete_message);
  feed.push(frag(2, 2, "4", "A", "30H88888880", 2));
  ASSERT_EQ(feed.sink.messages.size(), 21U);
  EXPECT_EQ(feed.sink.messages.back().payload, "55Mub7P030H88888880");
  // Within the reorder window the later fragment is kept and joined.
  feed.push(frag(2, 2, "4", "A", "L2", 2));
  for (int i = 0; i < 19; ++i) feed.push(frag(1, 1, "", "A", "S"));
  feed.push(frag(2, 1, "4", "A", "L1", 0));  // 20 lines after
  EXPECT_EQ(feed.sink.messages.back().payload, "L1L2");
}

TEST(NmeaAssembler, EvictsByLineWindow) {
  AssemblerOptions options;
  options.max_age_lines = 5;
  Feed feed(options);
  const std::string lost = frag(2, 1, "1", "A", "L1");
  feed.push(lost);                                            // line 1
  for (int i = 0; i < 5; ++i) feed.push(frag(1, 1, "", "A", "S"));  // lines 2..6
  EXPECT_TRUE(feed.sink.rejected.empty()) << "line 6 is 5 lines after line 1: still inside";
  EXPECT_EQ(feed.assembler.pending(), 1U);
  feed.push(frag(1, 1, "", "A", "S"));  // line 7
  ASSERT_EQ(feed.sink.rejected.size(), 1U);
  EXPECT_EQ(feed.sink.rejected[0].line_no, 1U);
  EXPECT_EQ(feed.sink.rejected[0].line, lost);
  EXPECT_EQ(feed.sink.rejected[0].reason, ErrorCode::incomplete_message);
  EXPECT_EQ(feed.assembler.pending(), 0U);
  // The late fragment 2 cannot complete the evicted message.
  feed.push(frag(2, 2, "1", "A", "L2"));
  EXPECT_EQ(feed.sink.messages.size(), 6U);
  EXPECT_EQ(feed.assembler.pending(), 1U);
}

TEST(NmeaAssembler, LineWindowCountsLineNumbersNotPushes) {
  // The caller may decode single sentences itself and push only fragments.
  AssemblerOptions options;
  options.max_age_lines = 100;
  Assembler assembler(options);
  RecordingSink sink;
  const std::string a1 = frag(2, 1, "1", "A", "A1");
  const std::string b1 = frag(2, 1, "2", "A", "B1");
  assembler.push(*parse_line(a1), 10, a1, sink);
  assembler.push(*parse_line(b1), 111, b1, sink);
  ASSERT_EQ(sink.rejected.size(), 1U);
  EXPECT_EQ(sink.rejected[0].line_no, 10U);
  EXPECT_EQ(assembler.pending(), 1U);
}

TEST(NmeaAssembler, EvictsByTimeWindow) {
  AssemblerOptions options;
  options.max_age_ms = 1000;
  Feed feed(options);
  const std::string lost = frag(2, 1, "1", "A", "T1", 0, tag("c:1418169601000"));
  feed.push(lost);
  feed.push(frag(1, 1, "", "A", "S", 0, tag("c:1418169602000")));  // exactly 1000 ms later
  EXPECT_TRUE(feed.sink.rejected.empty());
  feed.push(frag(1, 1, "", "A", "S"));  // no time: the clock does not move
  EXPECT_TRUE(feed.sink.rejected.empty());
  feed.push(frag(1, 1, "", "A", "S", 0, tag("c:1418169602001")));
  ASSERT_EQ(feed.sink.rejected.size(), 1U);
  EXPECT_EQ(feed.sink.rejected[0].line, lost);
  EXPECT_EQ(feed.sink.rejected[0].reason, ErrorCode::incomplete_message);
  EXPECT_EQ(feed.assembler.pending(), 0U);
}

TEST(NmeaAssembler, TimeWindowIsPerStation) {
  // As in tagblock.nmea: satellites forward out of time order, so another station's
  // later time must not age a pending message, and neither must a time going backwards.
  AssemblerOptions options;
  options.max_age_ms = 1000;
  Feed feed(options);
  feed.push(frag(2, 1, "6", "A", "G1", 0, tag("g:1-2-1604,s:rORBCOMM008,c:1418169601")));
  feed.push(frag(1, 1, "", "B", "S", 0, tag("s:rORBCOMM104,c:1418172113")));  // +42 min
  feed.push(frag(1, 1, "", "B", "S", 0, tag("s:rORBCOMM008,c:1418160000")));  // earlier
  EXPECT_TRUE(feed.sink.rejected.empty());
  feed.push(frag(2, 2, "6", "A", "G2", 2, tag("g:2-2-1604,s:rORBCOMM008,c:1418169601")));
  ASSERT_EQ(feed.sink.messages.size(), 3U);
  EXPECT_EQ(feed.sink.messages[2].payload, "G1G2");
  // The same station moving on does evict.
  feed.push(frag(2, 1, "6", "A", "H1", 0, tag("g:1-2-1605,s:rORBCOMM008,c:1418169601")));
  feed.push(frag(1, 1, "", "B", "S", 0, tag("s:rORBCOMM008,c:1418169603")));
  ASSERT_EQ(feed.sink.rejected.size(), 1U);
  EXPECT_EQ(feed.sink.rejected[0].line_no, 5U);
}

TEST(NmeaAssembler, TimeWindowUsesTimeFromLaterFragment) {
  // A message whose first fragment has no time gets one from a later fragment.
  AssemblerOptions options;
  options.max_age_ms = 1000;
  Feed feed(options);
  feed.push(frag(3, 1, "1", "A", "T1"));
  feed.push(frag(3, 2, "1", "A", "T2", 0, "", ",1418169601"));
  feed.push(frag(1, 1, "", "A", "S", 0, "", ",1418169603"));
  ASSERT_EQ(feed.sink.rejected.size(), 2U);
  EXPECT_EQ(feed.sink.rejected[0].line_no, 1U);
  EXPECT_EQ(feed.sink.rejected[1].line_no, 2U);
}

TEST(NmeaAssembler, EvictsOldestBeyondPendingLimit) {
  AssemblerOptions options;
  options.max_pending_messages = 2;
  Feed feed(options);
  const std::string a1 = frag(2, 1, "1", "A", "A1");
  feed.push(a1);
  feed.push(frag(2, 1, "2", "A", "B1"));
  EXPECT_TRUE(feed.sink.rejected.empty());
  feed.push(frag(2, 1, "3", "A", "C1"));
  ASSERT_EQ(feed.sink.rejected.size(), 1U);
  EXPECT_EQ(feed.sink.rejected[0].line, a1);
  EXPECT_EQ(feed.sink.rejected[0].reason, ErrorCode::incomplete_message);
  EXPECT_EQ(feed.assembler.pending(), 2U);
  feed.push(frag(2, 2, "2", "A", "B2"));
  feed.push(frag(2, 2, "3", "A", "C2"));
  ASSERT_EQ(feed.sink.messages.size(), 2U);
  EXPECT_EQ(feed.sink.messages[0].payload, "B1B2");
  EXPECT_EQ(feed.sink.messages[1].payload, "C1C2");
}

TEST(NmeaAssembler, FlushRejectsEverythingPendingInLineOrder) {
  Feed feed;
  const std::string a3 = frag(3, 3, "1", "A", "A3");
  const std::string b1 = frag(2, 1, "2", "A", "B1");
  const std::string a1 = frag(3, 1, "1", "A", "A1");
  feed.push(a3);
  feed.push(b1);
  feed.push(a1);
  EXPECT_EQ(feed.assembler.pending(), 2U);
  feed.assembler.flush(feed.sink);
  EXPECT_EQ(feed.assembler.pending(), 0U);
  ASSERT_EQ(feed.sink.rejected.size(), 3U);
  EXPECT_EQ(feed.sink.rejected[0].line, a3);  // message A: its lines 1 and 3
  EXPECT_EQ(feed.sink.rejected[1].line, a1);
  EXPECT_EQ(feed.sink.rejected[2].line, b1);
  for (const auto& r : feed.sink.rejected) EXPECT_EQ(r.reason, ErrorCode::incomplete_message);
  EXPECT_TRUE(feed.sink.messages.empty());
  // Usable again, with line numbers starting over.
  feed.line_no = 0;
  feed.push(frag(2, 1, "1", "A", "N1"));
  feed.push(frag(2, 2, "1", "A", "N2"));
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  EXPECT_EQ(feed.sink.messages[0].payload, "N1N2");
}

TEST(NmeaAssembler, TakesTimeFromFirstFragmentThatHasOne) {
  Feed feed;
  feed.push(frag(2, 1, "1", "A", "A1"));
  feed.push(frag(2, 2, "1", "A", "A2", 0, "", ",1325394060"));
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  EXPECT_EQ(feed.sink.messages[0].receive_time_ms, 1325394060000);
  EXPECT_EQ(feed.sink.messages[0].time_source, TimeSource::trailing_epoch);
}

TEST(NmeaAssembler, JoinsMegabyteFragments) {
  Feed feed;
  const std::string big(1U << 20U, '0');
  feed.push(frag(2, 1, "1", "A", big));
  feed.push(frag(2, 2, "1", "A", big, 5));
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  EXPECT_EQ(feed.sink.messages[0].payload.size(), 2 * big.size());
  EXPECT_EQ(feed.sink.messages[0].fill_bits, 5);
}

TEST(NmeaAssembler, RejectsHandMadeSentenceWithBadFragmentFields) {
  Assembler assembler;
  RecordingSink sink;
  Sentence s;
  s.payload = "13aG";
  s.fragment_count = 2;
  s.fragment_number = 3;
  assembler.push(s, 1, "line", sink);
  ASSERT_EQ(sink.rejected.size(), 1U);
  EXPECT_EQ(sink.rejected[0].reason, ErrorCode::bad_fragment_fields);
  EXPECT_EQ(sink.rejected[0].line, "line");
  // A sentence that was not framed from `line` keeps its payload too.
  const std::string other = "unrelated text";
  s.fragment_number = 1;
  assembler.push(s, 2, other, sink);
  s.fragment_number = 2;
  s.payload = "wwww";
  assembler.push(s, 3, other, sink);
  ASSERT_EQ(sink.messages.size(), 1U);
  EXPECT_EQ(sink.messages[0].payload, "13aGwwww");
}

TEST(NmeaAssembler, ManyInterleavedMessagesAllComplete) {
  // 500 two-part messages, each key distinct, all first fragments before all second
  // fragments (in reverse order): exercises table growth and deletion.
  Feed feed;
  for (int i = 0; i < 500; ++i) feed.push(frag(2, 1, std::to_string(i % 10), "A", "F", 0, "", ",r" + std::to_string(i)));
  EXPECT_EQ(feed.assembler.pending(), 500U);
  for (int i = 499; i >= 0; --i) feed.push(frag(2, 2, std::to_string(i % 10), "A", "S", 0, "", ",r" + std::to_string(i)));
  EXPECT_EQ(feed.assembler.pending(), 0U);
  ASSERT_EQ(feed.sink.messages.size(), 500U);
  for (std::size_t k = 0; k < 500; ++k) {
    EXPECT_EQ(feed.sink.messages[k].station, "r" + std::to_string(499 - k));
    EXPECT_EQ(feed.sink.messages[k].payload, "FS");
  }
  EXPECT_TRUE(feed.sink.rejected.empty());
}

TEST(NmeaAssembler, MoveKeepsPendingMessages) {
  Feed feed;
  feed.push(frag(2, 1, "1", "A", "A1"));
  Assembler moved(std::move(feed.assembler));
  EXPECT_EQ(moved.pending(), 1U);
  const std::string second = frag(2, 2, "1", "A", "A2");
  moved.push(*parse_line(second), 2, second, feed.sink);
  ASSERT_EQ(feed.sink.messages.size(), 1U);
  EXPECT_EQ(feed.sink.messages[0].payload, "A1A2");
}

}  // namespace
}  // namespace darkfleet::nmea

namespace darkfleet::nmea {
namespace {

// Captures a completed message's verbatim lines during on_message (the views end there).
struct LinesSink final : AssemblerSink {
  std::vector<std::string> lines;
  std::vector<std::uint64_t> numbers;
  void on_message(const AssembledMessage& message) override {
    for (auto l : message.lines) lines.emplace_back(l);
    numbers.assign(message.line_numbers.begin(), message.line_numbers.end());
  }
  void on_rejected_line(std::uint64_t, std::string_view, ErrorCode) override {}
};

TEST(NmeaAssembler, GivesTheVerbatimLinesInFragmentOrder) {
  const std::string second = frag(2, 2, "4", "B", "8888", 2, "", ",1429287142");
  const std::string first = frag(2, 1, "4", "B", "55?MbV02", 0);
  Assembler assembler;
  LinesSink sink;
  std::string buffer = second;  // out of order: fragment 2 first
  assembler.push(*parse_line(buffer), 7, buffer, sink);
  buffer = first;
  assembler.push(*parse_line(buffer), 9, buffer, sink);
  ASSERT_EQ(sink.lines.size(), 2U);
  EXPECT_EQ(sink.lines[0], first);
  EXPECT_EQ(sink.lines[1], second);
  EXPECT_EQ(sink.numbers, (std::vector<std::uint64_t>{9, 7}));

  LinesSink single;
  buffer = frag(1, 1, "", "A", "14pWHb");
  assembler.push(*parse_line(buffer), 10, buffer, single);
  ASSERT_EQ(single.lines.size(), 1U);
  EXPECT_EQ(single.lines[0], buffer);
  EXPECT_EQ(single.numbers, (std::vector<std::uint64_t>{10}));
}

}  // namespace
}  // namespace darkfleet::nmea

namespace darkfleet::nmea {
namespace {

// Found by fuzz_sentence: a later fragment may carry no payload, only fill bits.
TEST(NmeaAssembler, JoinsAnEmptyLastFragment) {
  Assembler assembler;
  struct Payload final : AssemblerSink {
    std::string payload;
    std::uint8_t fill = 9;
    void on_message(const AssembledMessage& m) override {
      payload = std::string(m.payload);
      fill = m.fill_bits;
    }
    void on_rejected_line(std::uint64_t, std::string_view, ErrorCode) override {}
  } out;
  std::string line = frag(2, 1, "0", "A", "8@2R5Ph0GhRbUqe?n>KS?wvlFR06EuOwiOl?wnSwe7wvlOwwsAwwnSGmwvwt");
  assembler.push(*parse_line(line), 1, line, out);
  line = "!AIVDM,2,2,0,A,,0*16";
  assembler.push(*parse_line(line), 2, line, out);
  EXPECT_EQ(out.payload, "8@2R5Ph0GhRbUqe?n>KS?wvlFR06EuOwiOl?wnSwe7wvlOwwsAwwnSGmwvwt");
  EXPECT_EQ(out.fill, 0);
  EXPECT_EQ(assembler.pending(), 0U);
}

}  // namespace
}  // namespace darkfleet::nmea
