#include "darkfleet/io/nmea_decoder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/encode.hpp"
#include "darkfleet/nmea/sentence.hpp"
#include "darkfleet/nmea/writer.hpp"
#include "test_files.hpp"

namespace darkfleet::io {
namespace {

using testing::TempFile;

struct Rejected {
  std::uint64_t line_no;
  std::string text;
  ErrorCode reason;
};

struct Collect : DecodeSink {
  std::vector<DecodedMessage> messages;
  std::vector<Rejected> rejected;
  void on_batch(std::span<const DecodedMessage> batch) override {
    messages.insert(messages.end(), batch.begin(), batch.end());
  }
  void on_rejected_line(std::uint64_t line_no, std::string_view line, ErrorCode reason) override {
    rejected.push_back({line_no, std::string(line), reason});
  }
};

DecodeStats run(const std::string& content, Collect& sink, DecodeOptions options = {}) {
  TempFile file(content);
  InputStream input(file.path());
  NmeaDecoder decoder(options);
  return decoder.decode(input, sink);
}

void expect_identity(const DecodeStats& stats) {
  EXPECT_EQ(stats.lines, stats.lines_in_messages + stats.rejected());
}

ais::PositionReport position(std::uint32_t mmsi, double lat, double lon) {
  ais::PositionReport m;
  m.header = {1, 0, mmsi};
  m.status = 0;
  m.speed_kn = 12.3;
  m.lat_deg = lat;
  m.lon_deg = lon;
  m.course_deg = 45.6;
  m.heading_deg = 46;
  m.second = 30;
  return m;
}

ais::StaticVoyage voyage(std::uint32_t mmsi, const char* name) {
  ais::StaticVoyage m;
  m.header = {5, 0, mmsi};
  m.imo = 9123456;
  m.callsign.assign("ABCD");
  m.shipname.assign(name);
  m.shiptype = 70;
  m.to_bow_m = 100;
  m.to_stern_m = 20;
  m.to_port_m = 10;
  m.to_starboard_m = 10;
  m.draught_m = 7.5;
  m.destination.assign("VOSTOCHNY");
  return m;
}

std::vector<std::string> sentences_of(const ais::Message& m, std::uint8_t seq = 3, char ch = 'A') {
  ais::EncodeOptions options;
  options.sequence_id = seq;
  options.channel = ch;
  return ais::encode_sentences(m, options);
}

TEST(NmeaDecoder, DecodesSingleAndMultiSentenceMessagesInOrder) {
  std::string text;
  text += sentences_of(position(244670000, 51.5, 4.25))[0] + "\n";
  for (const auto& s : sentences_of(voyage(244670000, "LADY R"))) text += s + "\n";
  text += sentences_of(position(244670001, -33.9, 18.4))[0] + "\n";
  Collect sink;
  const DecodeStats stats = run(text, sink);
  ASSERT_EQ(sink.messages.size(), 3U);
  EXPECT_EQ(ais::message_type(sink.messages[0].message), 1);
  EXPECT_EQ(ais::message_type(sink.messages[1].message), 5);
  EXPECT_EQ(sink.messages[1].fragment_count, 2);
  EXPECT_EQ(sink.messages[1].first_line, 2U);
  EXPECT_EQ(std::get<ais::StaticVoyage>(sink.messages[1].message).shipname.view(), "LADY R");
  const auto& p = std::get<ais::PositionReport>(sink.messages[2].message);
  EXPECT_NEAR(*p.lat_deg, -33.9, 1e-6);
  EXPECT_EQ(stats.lines, 4U);
  EXPECT_EQ(stats.bytes, text.size());
  EXPECT_EQ(stats.lines_in_messages, 4U);
  EXPECT_EQ(stats.messages, 3U);
  EXPECT_EQ(stats.messages_by_type[1], 2U);
  EXPECT_EQ(stats.messages_by_type[5], 1U);
  expect_identity(stats);
}

TEST(NmeaDecoder, EveryLineIsAccountedForInHostileInput) {
  std::mt19937 rng(42);
  std::string text;
  std::uint64_t expected_lines = 0;
  const std::string good = sentences_of(position(366000000, 40.0, -70.0))[0];
  for (int i = 0; i < 2000; ++i) {
    std::string line;
    switch (rng() % 8) {
      case 0: line = good; break;
      case 1: line = good.substr(0, rng() % good.size()); break;  // truncated
      case 2: {                                                     // bit flip
        line = good;
        line[rng() % line.size()] ^= static_cast<char>(1 << (rng() % 7));
        std::replace(line.begin(), line.end(), '\n', ' ');  // one input line stays one line
        break;
      }
      case 3: {  // binary garbage without newlines
        for (int k = 0; k < 40; ++k) {
          char c = static_cast<char>(rng() % 256);
          line += (c == '\n') ? ' ' : c;
        }
        break;
      }
      case 4: line = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47"; break;
      case 5: line = ""; break;
      case 6: {  // a lone first fragment that never completes
        line = sentences_of(voyage(211000000, "X"), static_cast<std::uint8_t>(rng() % 10))[0];
        break;
      }
      default: line = "# comment"; break;
    }
    text += line + (rng() % 2 ? "\n" : "\r\n");
    ++expected_lines;
  }
  Collect sink;
  const DecodeStats stats = run(text, sink);
  EXPECT_EQ(stats.lines, expected_lines);
  expect_identity(stats);
  EXPECT_EQ(sink.rejected.size(), stats.rejected());
  EXPECT_GT(stats.messages, 200U);
  EXPECT_GT(stats.rejected_lines[static_cast<std::size_t>(ErrorCode::incomplete_message)], 0U);
  EXPECT_GT(stats.rejected_lines[static_cast<std::size_t>(ErrorCode::not_ais_sentence)], 0U);
  EXPECT_GT(stats.rejected_lines[static_cast<std::size_t>(ErrorCode::empty_line)], 0U);
}

TEST(NmeaDecoder, RejectsCarryLineNumberTextAndReason) {
  const std::string good = sentences_of(position(366000000, 40.0, -70.0))[0];
  std::string bad = good;
  bad[bad.size() - 1] = bad[bad.size() - 1] == '0' ? '1' : '0';  // break the checksum
  Collect sink;
  const DecodeStats stats = run(good + "\n" + bad + "\nhello\n", sink);
  ASSERT_EQ(sink.rejected.size(), 2U);
  EXPECT_EQ(sink.rejected[0].line_no, 2U);
  EXPECT_EQ(sink.rejected[0].text, bad);
  EXPECT_EQ(sink.rejected[0].reason, ErrorCode::bad_checksum);
  EXPECT_EQ(sink.rejected[1].line_no, 3U);
  EXPECT_EQ(sink.rejected[1].reason, ErrorCode::not_ais_sentence);
  expect_identity(stats);
}

// `body` framed as `!body*hh` with a correct checksum.
std::string with_checksum(const std::string& body) {
  return fmt::format("!{}*{:02X}", body, nmea::checksum(body));
}

// What the decoder must say of a one-sentence line: parse_line()'s reason, else decode()'s.
std::optional<ErrorCode> reference_reason(const std::string& line) {
  const auto framed = nmea::parse_line(line);
  if (!framed) return framed.error();
  if (framed->fragment_count != 1) return std::nullopt;
  ais::Message message;
  const auto decoded = ais::decode(framed->payload, framed->fill_bits, message);
  if (!decoded) return decoded.error();
  return std::nullopt;
}

TEST(NmeaDecoder, RejectReasonsEqualParseLineThenDecodeForStrayPayloadCharacters) {
  // The decoder leaves a one-sentence payload's alphabet check to ais::decode(); lines with a
  // stray ',' '*' or other byte in the payload (and a correct checksum) must still get the
  // framing reason parse_line() gives.
  const std::string body = "AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0";
  std::vector<std::string> lines;
  for (std::size_t i = 13; i < 41; ++i) {
    for (const char c : std::string(",*!\\ x~\x7f\x80\xff") + std::string(1, '\0')) {
      std::string mutated = body;
      mutated[i] = c;
      lines.push_back(with_checksum(mutated));
      std::string inserted = body;
      inserted.insert(i, 1, c);
      lines.push_back(with_checksum(inserted));
    }
  }
  lines.push_back(with_checksum("AIVDM,1,1,,A,B3aEOK?P00PD2wVMdLDRhgvL289?,0"));  // decodes
  lines.push_back(with_checksum("AIVDM,1,1,,A,z3aEOK?P00PD2wVMdLDRhgvL289?,0"));  // bad first
  lines.push_back(with_checksum("AIVDM,1,1,,A,o3aEOK?P00PD2wV,Md*LDRhgvL289?,0"));  // type 55
  std::string content;
  for (const auto& line : lines) content += line + "\n";
  Collect sink;
  const DecodeStats stats = run(content, sink);
  expect_identity(stats);
  std::map<std::uint64_t, ErrorCode> got;
  for (const auto& r : sink.rejected) got[r.line_no] = r.reason;
  std::size_t rejected = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto want = reference_reason(lines[i]);
    const auto it = got.find(i + 1);
    if (!want) {
      EXPECT_EQ(it, got.end()) << lines[i];
      continue;
    }
    ++rejected;
    ASSERT_NE(it, got.end()) << lines[i];
    EXPECT_EQ(to_string(it->second), to_string(*want)) << lines[i];
  }
  EXPECT_GT(rejected, lines.size() / 2);
}

TEST(NmeaDecoder, UndecodableMultiSentenceMessageRejectsAllItsLines) {
  // Two well-framed fragments whose joined payload is a type 0 message.
  std::string p1(60, '0');
  std::string p2(10, '0');
  std::string text;
  nmea::SentenceFields f;
  f.fragment_count = 2;
  f.sequence_id = 1;
  f.fragment_number = 1;
  f.payload = p1;
  nmea::append_sentence(text, f);
  text += "\n";
  f.fragment_number = 2;
  f.payload = p2;
  nmea::append_sentence(text, f);
  text += "\n";
  Collect sink;
  const DecodeStats stats = run(text, sink);
  EXPECT_TRUE(sink.messages.empty());
  ASSERT_EQ(sink.rejected.size(), 2U);
  EXPECT_EQ(sink.rejected[0].reason, ErrorCode::unknown_message_type);
  EXPECT_EQ(sink.rejected[1].reason, ErrorCode::unknown_message_type);
  EXPECT_EQ(sink.rejected[0].line_no + sink.rejected[1].line_no, 3U);
  expect_identity(stats);
}

TEST(NmeaDecoder, OverlongLineIsRejectedAndDecodingGoesOn) {
  const std::string good = sentences_of(position(366000000, 40.0, -70.0))[0];
  Collect sink;
  DecodeOptions options;
  options.max_line_bytes = 4096;
  const DecodeStats stats = run(good + "\n" + std::string(1 << 20, '!') + "\n" + good + "\n", sink, options);
  EXPECT_EQ(sink.messages.size(), 2U);
  ASSERT_EQ(sink.rejected.size(), 1U);
  EXPECT_EQ(sink.rejected[0].reason, ErrorCode::line_too_long);
  EXPECT_EQ(sink.rejected[0].line_no, 2U);
  EXPECT_EQ(sink.rejected[0].text.size(), 4096U);
  expect_identity(stats);
}

TEST(NmeaDecoder, TypeFilterCountsEverythingButHandsOutOnlyChosenTypes) {
  std::string text;
  for (int i = 0; i < 5; ++i) text += sentences_of(position(1000 + static_cast<std::uint32_t>(i), 10, 10))[0] + "\n";
  for (const auto& s : sentences_of(voyage(2000, "ONLY"))) text += s + "\n";
  DecodeOptions options;
  options.types.reset();
  options.types.set(5);
  Collect sink;
  const DecodeStats stats = run(text, sink, options);
  ASSERT_EQ(sink.messages.size(), 1U);
  EXPECT_EQ(ais::mmsi(sink.messages[0].message), 2000U);
  EXPECT_EQ(stats.messages, 6U);
  EXPECT_EQ(stats.messages_written, 1U);
  expect_identity(stats);
}

TEST(NmeaDecoder, TagBlockTimeAndStationReachTheMessage) {
  std::string text;
  nmea::TagBlock tag;
  tag.receive_time_ms = 1418172113000;
  tag.source = "rORBCOMM104";
  nmea::append_tag_block(text, tag);
  text += sentences_of(position(224651000, -5.2, -161.8), 0, 'B')[0] + "\n";
  Collect sink;
  run(text, sink);
  ASSERT_EQ(sink.messages.size(), 1U);
  const auto& m = sink.messages[0];
  EXPECT_EQ(m.receive_time_ms, std::optional<std::int64_t>(1418172113000));
  EXPECT_EQ(m.time_source, nmea::TimeSource::tag_block);
  EXPECT_EQ(m.station.view(), "rORBCOMM104");
  EXPECT_EQ(m.channel, 'B');
}

TEST(NmeaDecoder, FragmentsDoNotJoinAcrossInputs) {
  const auto parts = sentences_of(voyage(2000, "SPLIT"));
  ASSERT_EQ(parts.size(), 2U);
  NmeaDecoder decoder;
  Collect sink;
  DecodeStats total;
  for (const auto& part : parts) {
    TempFile file(part + "\n");
    InputStream input(file.path());
    total.merge(decoder.decode(input, sink));
  }
  EXPECT_TRUE(sink.messages.empty());
  EXPECT_EQ(total.rejected_lines[static_cast<std::size_t>(ErrorCode::incomplete_message)], 2U);
  expect_identity(total);
}

TEST(NmeaDecoder, BatchesNeverExceedTheBatchSize) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += sentences_of(position(5000, 1, 1))[0] + "\n";
  struct Sizes : DecodeSink {
    std::vector<std::size_t> sizes;
    void on_batch(std::span<const DecodedMessage> batch) override { sizes.push_back(batch.size()); }
  } sink;
  DecodeOptions options;
  options.batch_size = 64;
  TempFile file(text);
  InputStream input(file.path());
  NmeaDecoder decoder(options);
  decoder.decode(input, sink);
  std::size_t total = 0;
  for (auto n : sink.sizes) {
    EXPECT_LE(n, 64U);
    total += n;
  }
  EXPECT_EQ(total, 1000U);
}

}  // namespace
}  // namespace darkfleet::io
