// Tests on the real AIS logs in the shared data folder (read in place, never copied).
// Each test skips, with a message, when its file is absent.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "darkfleet/nmea/assembler.hpp"
#include "darkfleet/nmea/sentence.hpp"
#include "test_support.hpp"

namespace darkfleet::nmea {
namespace {

using test::read_lines;
using test::RecordingSink;
using test::shared_data;

/// Frames every line of `lines` and pushes the good ones; returns the parse errors by line.
std::map<std::uint64_t, ErrorCode> assemble(const std::vector<std::string>& lines,
                                            Assembler& assembler, RecordingSink& sink) {
  std::map<std::uint64_t, ErrorCode> errors;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto s = parse_line(lines[i]);
    if (s) {
      assembler.push(*s, i + 1, lines[i], sink);
    } else {
      errors[i + 1] = s.error();
    }
  }
  assembler.flush(sink);
  return errors;
}

/// Splits at commas.
std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out(1);
  for (const char c : text) {
    if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

TEST(NmeaRealData, TypeExamplesCarryUscgStationAndTime) {
  const auto path = shared_data() / "ais-test-vectors-libais" / "typeexamples.nmea";
  DARKFLEET_REQUIRE_SHARED_FILE(path);
  const auto lines = read_lines(path);
  ASSERT_EQ(lines.size(), 26U);
  for (const std::string& line : lines) {
    const auto s = parse_line(line);
    ASSERT_TRUE(s) << line << ": " << to_string(s.error());
    // Expected values read off the line independently: fields after the checksum are
    // d, S, t, T, r<station>, <receive epoch>, <second epoch>.
    const auto fields = split(line.substr(line.find('*')));
    ASSERT_EQ(fields.size(), 8U) << line;
    EXPECT_EQ(s->station, fields[5]) << line;
    EXPECT_EQ(s->receive_time_ms, std::stoll(fields[6]) * 1000) << line;
    EXPECT_EQ(s->time_source, TimeSource::trailing_epoch);
  }
  const auto first = parse_line(lines[0]);
  EXPECT_EQ(first->station, "r003669946");
  EXPECT_EQ(first->receive_time_ms, 1325394060000);
  const auto fifth = parse_line(lines[4]);
  EXPECT_EQ(fifth->station, "r003669945");
  EXPECT_EQ(fifth->receive_time_ms, 1325394169000);
}

TEST(NmeaRealData, TagBlockFileGivesStationsAndTimesOfLibais) {
  const auto path = shared_data() / "ais-test-vectors-libais" / "tagblock.nmea";
  DARKFLEET_REQUIRE_SHARED_FILE(path);
  const auto lines = read_lines(path);
  Assembler assembler;
  RecordingSink sink;
  const auto errors = assemble(lines, assembler, sink);
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(sink.rejected.empty());
  // tagblock.json, in the same order: station and timestamp of each message.
  const std::pair<const char*, std::int64_t> expected[] = {
      {"rORBCOMM104", 1418172113},  // 2014-12-10T00:41:53Z
      {"rORBCOMM008", 1418169601},  // the 2-part type 5, group 1604
      {"rORBCOMM007", 1418171722},
      {"rORBCOMM007", 1418171561},
  };
  ASSERT_EQ(sink.messages.size(), 4U);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(sink.messages[i].station, expected[i].first) << i;
    EXPECT_EQ(sink.messages[i].receive_time_ms, expected[i].second * 1000) << i;
    EXPECT_EQ(sink.messages[i].time_source, TimeSource::tag_block);
  }
  const auto& type5 = sink.messages[1];
  EXPECT_EQ(type5.fragment_count, 2);
  EXPECT_EQ(type5.first_line, 1U);
  EXPECT_EQ(type5.last_line, 3U);
  EXPECT_EQ(type5.payload,
            "53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000"
            "00000000008");
  EXPECT_EQ(type5.fill_bits, 2);
}

TEST(NmeaRealData, SmallCbExampleLineByLine) {
  const auto path = shared_data() / "ais-nmea-dma-aislib" / "small_cb_example.txt";
  DARKFLEET_REQUIRE_SHARED_FILE(path);
  const auto lines = read_lines(path);
  ASSERT_GE(lines.size(), 26U);
  const auto at = [&](std::size_t line_no) { return parse_line(lines[line_no - 1]); };

  // 1: bare trailing epoch. 2: a broken trailing field, then the epoch.
  EXPECT_EQ(at(1)->receive_time_ms, 1357134218000);
  EXPECT_EQ(at(1)->time_source, TimeSource::trailing_epoch);
  EXPECT_EQ(at(2)->receive_time_ms, 1357134222000);
  // 4: a source with a colon, channel C. 6: an empty key.
  EXPECT_EQ(at(4)->station, "b:2");
  EXPECT_EQ(at(4)->channel, 'C');
  EXPECT_EQ(at(4)->receive_time_ms, 1364272372000);
  EXPECT_TRUE(at(6)->station.empty());
  EXPECT_EQ(at(6)->receive_time_ms, 1364272372000);
  EXPECT_EQ(at(6)->channel, 'C');
  // 9: no channel.
  EXPECT_EQ(at(9)->channel, '\0');
  // 13: NMEA 4.0 grouping `1G2:0125`.
  ASSERT_TRUE(at(13)->tag_block->group);
  EXPECT_EQ(at(13)->tag_block->group->id, 125U);
  // Rejected lines and why.
  EXPECT_EQ(at(3).error(), ErrorCode::empty_line);
  EXPECT_EQ(at(8).error(), ErrorCode::not_ais_sentence);   // $PGHP
  EXPECT_EQ(at(15).error(), ErrorCode::not_ais_sentence);  // tag block alone
  EXPECT_EQ(at(21).error(), ErrorCode::malformed_sentence);  // talker `--`
  EXPECT_EQ(at(25).error(), ErrorCode::not_ais_sentence);  // $PFOO

  Assembler assembler;
  RecordingSink sink;
  assemble(lines, assembler, sink);
  // 6 single sentences (1, 2, 4, 6, 16, 17) and 4 two-part messages.
  ASSERT_EQ(sink.messages.size(), 10U);
  std::map<std::uint64_t, const RecordingSink::Message*> by_first;
  for (const auto& m : sink.messages) by_first[m.first_line] = &m;
  ASSERT_TRUE(by_first.count(13));
  EXPECT_EQ(by_first[13]->last_line, 14U);
  EXPECT_EQ(by_first[13]->receive_time_ms, 1354719387000);
  ASSERT_TRUE(by_first.count(18));
  EXPECT_EQ(by_first[18]->receive_time_ms, 1354725824000);
  EXPECT_EQ(by_first[18]->payload,
            "53B>2V000000uHH4000@T4p4000000000000000S30C6340006h00000000000000000000");
  ASSERT_TRUE(by_first.count(9));
  EXPECT_EQ(by_first[9]->last_line, 10U);
  ASSERT_TRUE(by_first.count(23));
  // The lone second fragment on line 26 never completes.
  ASSERT_EQ(sink.rejected.size(), 1U);
  EXPECT_EQ(sink.rejected[0].line_no, 26U);
  EXPECT_EQ(sink.rejected[0].line, lines[25]);
  EXPECT_EQ(sink.rejected[0].reason, ErrorCode::incomplete_message);
}

TEST(NmeaRealData, PyaisMixedGroupWithoutRepeatedStation) {
  const auto path = shared_data() / "ais-test-vectors-pyais" / "mixed.txt";
  DARKFLEET_REQUIRE_SHARED_FILE(path);
  const auto lines = read_lines(path);
  Assembler assembler;
  RecordingSink sink;
  const auto errors = assemble(lines, assembler, sink);
  const RecordingSink::Message* group = nullptr;
  for (const auto& m : sink.messages) {
    if (m.station == "b003669710") group = &m;
  }
  ASSERT_NE(group, nullptr) << "the g:27300 group was not assembled";
  EXPECT_EQ(group->fragment_count, 2);
  EXPECT_EQ(group->receive_time_ms, 1428621738000);
  EXPECT_EQ(group->last_line, group->first_line + 1);
  // The `*A` tag blocks (one hex digit) are rejected, not guessed at.
  std::size_t bad_tag_blocks = 0;
  for (const auto& [line_no, code] : errors) bad_tag_blocks += code == ErrorCode::bad_tag_block;
  EXPECT_EQ(bad_tag_blocks, 3U);
}

/// Every complete message of a reference decode (two independent decoders, sentences
/// regrouped by sequence id, channel and count) whose sentences we accept must come out of
/// our Assembler with the same payload, as often as it appears in the reference.
void check_against_reference(const std::string& folder) {
  const auto reference = shared_data() / folder / "reference_decoded.jsonl";
  DARKFLEET_REQUIRE_SHARED_FILE(reference);
  std::map<std::string, std::multiset<std::string>> expected;  // source -> payloads
  std::map<std::string, std::multiset<std::string>> anything;  // every reference record
  std::map<std::string, std::vector<std::string>> files;
  std::ifstream in(reference);
  for (std::string text; std::getline(in, text);) {
    const auto record = nlohmann::json::parse(text);
    std::string joined;  // payload field of each sentence, good checksum or not
    for (const auto& nmea : record.at("nmea")) {
      const auto fields = split(nmea.get<std::string>());
      if (fields.size() > 5) joined += fields[5];
    }
    anything[record.at("source").get<std::string>()].insert(joined);
    if (!record.value("checksum_ok", false)) continue;
    // Lines we reject on purpose (a bad tag block in front, two sentences joined by a
    // literal `\r\n` in ais250.txt) are not expected to give a message.
    const std::string source = record.at("source").get<std::string>();
    auto& lines = files[source];
    if (lines.empty()) lines = read_lines(shared_data() / folder / source);
    const auto line_no = record.at("line").get<std::size_t>();
    if (line_no < 1 || line_no > lines.size() || !parse_line(lines[line_no - 1])) continue;
    std::string payload;
    bool usable = true;
    std::size_t count = 0;
    for (const auto& nmea : record.at("nmea")) {
      const std::string line = nmea.get<std::string>();
      const auto s = parse_line(line);
      if (!s) {
        usable = false;
        break;
      }
      count = s->fragment_count;
      payload += std::string(s->payload);
    }
    if (usable && count == record.at("nmea").size()) expected[source].insert(payload);
  }
  ASSERT_FALSE(expected.empty());
  for (const auto& [source, payloads] : expected) {
    const auto& lines = files[source];
    Assembler assembler;
    RecordingSink sink;
    assemble(lines, assembler, sink);
    std::multiset<std::string> got;
    for (const auto& m : sink.messages) got.insert(m.payload);
    std::size_t missing = 0;
    std::string first_missing;
    for (const auto& p : payloads) {
      if (got.count(p) < payloads.count(p)) {
        ++missing;
        if (first_missing.empty()) first_missing = p;
      }
    }
    EXPECT_EQ(missing, 0U) << source << ": " << payloads.size() << " reference messages, "
                           << got.size() << " assembled; first missing payload "
                           << first_missing;
    // And nothing is joined that the reference did not find (a wrong join of fragments
    // from two messages would show up here).
    const auto& known = anything[source];
    for (const auto& p : got) {
      EXPECT_LE(got.count(p), known.count(p)) << source << ": unexpected message " << p;
    }
  }
}

TEST(NmeaRealData, AssemblesWhatReferenceDecodersFoundInDmaLogs) {
  check_against_reference("ais-nmea-dma-aislib");
}

TEST(NmeaRealData, AssemblesWhatReferenceDecodersFoundInLibaisVectors) {
  check_against_reference("ais-test-vectors-libais");
}

TEST(NmeaRealData, AssemblesWhatReferenceDecodersFoundInPyaisSamples) {
  check_against_reference("ais-test-vectors-pyais");
}

}  // namespace
}  // namespace darkfleet::nmea
