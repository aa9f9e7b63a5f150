// NmeaDecoder joins a two-sentence message on adjacent lines itself when nothing else is
// pending, and leaves the rest to the Assembler. Its output must be exactly what the plain
// pipeline gives: parse_line(), the Assembler for every fragment, ais::decode(). These
// tests run both on messy streams (dropped, repeated, swapped, interleaved fragments,
// colliding sequence ids, stations, times, groups, tight windows) and compare every event.
#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/encode.hpp"
#include "darkfleet/io/line_reader.hpp"
#include "darkfleet/io/nmea_decoder.hpp"
#include "darkfleet/nmea/assembler.hpp"
#include "darkfleet/nmea/sentence.hpp"
#include "darkfleet/nmea/writer.hpp"
#include "test_files.hpp"

namespace darkfleet::io {
namespace {

// One thing handed out, in order: a message or a rejected line.
struct Event {
  bool rejected = false;
  std::uint64_t line = 0;  // rejected line, or the message's first line
  ErrorCode reason = ErrorCode::empty_line;
  std::string summary;     // a message's reception fields and decoded type and MMSI

  friend bool operator==(const Event&, const Event&) = default;
};

std::ostream& operator<<(std::ostream& os, const Event& e) {
  return os << (e.rejected ? "reject " : "message ") << e.line << ' '
            << (e.rejected ? to_string(e.reason) : std::string_view(e.summary));
}

std::string summary(const ais::Message& message, std::optional<std::int64_t> t_ms,
                    nmea::TimeSource source, std::string_view station, char channel,
                    bool own_ship, int fragments) {
  const auto& header = std::visit([](const auto& m) -> const ais::Header& { return m.header; },
                                  message);
  return fmt::format("type {} mmsi {} t {} src {} station '{}' ch {} own {} fragments {}",
                     header.type, header.mmsi, t_ms ? *t_ms : -1, to_string(source), station,
                     static_cast<int>(channel), own_ship, fragments);
}

// The plain pipeline, with no pairing shortcut.
struct Reference final : nmea::AssemblerSink {
  std::vector<Event> events;

  void on_message(const nmea::AssembledMessage& m) override {
    ais::Message message;
    const auto decoded = ais::decode(m.payload, m.fill_bits, message);
    if (!decoded) {
      for (std::size_t i = 0; i < m.lines.size(); ++i) {
        events.push_back({true, m.line_numbers[i], decoded.error(), {}});
      }
      return;
    }
    events.push_back({false, m.first_line, ErrorCode::empty_line,
                      summary(message, m.receive_time_ms, m.time_source, m.station, m.channel,
                              m.own_ship, m.fragment_count)});
  }
  void on_rejected_line(std::uint64_t line_no, std::string_view, ErrorCode reason) override {
    events.push_back({true, line_no, reason, {}});
  }
};

std::vector<Event> reference_events(const std::vector<std::string>& lines,
                                    const nmea::AssemblerOptions& options) {
  Reference sink;
  nmea::Assembler assembler(options);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::uint64_t line_no = i + 1;
    const auto sentence = nmea::parse_line(lines[i]);
    if (!sentence) {
      sink.on_rejected_line(line_no, lines[i], sentence.error());
    } else if (sentence->fragment_count > 1) {
      assembler.push(*sentence, line_no, lines[i], sink);
    } else {  // single sentences bypass the Assembler, as in NmeaDecoder
      ais::Message message;
      const auto decoded = ais::decode(sentence->payload, sentence->fill_bits, message);
      if (!decoded) {
        sink.on_rejected_line(line_no, lines[i], decoded.error());
      } else {
        sink.events.push_back({false, line_no, ErrorCode::empty_line,
                               summary(message, sentence->receive_time_ms,
                                       sentence->time_source, sentence->station,
                                       sentence->channel, sentence->own_ship, 1)});
      }
    }
  }
  assembler.flush(sink);
  return sink.events;
}

struct Collect final : DecodeSink {
  std::vector<Event> events;
  void on_batch(std::span<const DecodedMessage> batch) override {
    for (const auto& m : batch) {
      events.push_back({false, m.first_line, ErrorCode::empty_line,
                        summary(m.message, m.receive_time_ms, m.time_source, m.station.view(),
                                m.channel, m.own_ship, m.fragment_count)});
    }
  }
  void on_rejected_line(std::uint64_t line_no, std::string_view, ErrorCode reason) override {
    events.push_back({true, line_no, reason, {}});
  }
};

std::vector<Event> decoder_events(const std::vector<std::string>& lines,
                                  const nmea::AssemblerOptions& options, Access access) {
  std::string content;
  for (const auto& line : lines) content += line + "\n";
  testing::TempFile file(content);
  InputStream input(file.path(), access);
  DecodeOptions decode_options;
  decode_options.assembler = options;
  decode_options.batch_size = 1;  // hand out each message at once: the order is exact
  NmeaDecoder decoder(decode_options);
  Collect sink;
  decoder.decode(input, sink);
  return sink.events;
}

ais::StaticVoyage voyage(std::uint32_t mmsi) {
  ais::StaticVoyage m;
  m.header = {5, 0, mmsi};
  m.imo = 9000000 + mmsi % 1000;
  m.callsign.assign("CALL");
  m.shipname.assign(fmt::format("SHIP {}", mmsi % 1000));
  m.shiptype = 70;
  m.destination.assign("RAJIN");
  return m;
}

ais::PositionReport position(std::uint32_t mmsi) {
  ais::PositionReport m;
  m.header = {1, 0, mmsi};
  m.lat_deg = 42.0 + (mmsi % 100) * 0.001;
  m.lon_deg = 130.0;
  return m;
}

// A random stream: single and two-sentence messages with random framing and reception
// fields, then damaged by drops, repeats, swaps and interleaving.
std::vector<std::string> messy_stream(std::mt19937& rng, std::size_t messages) {
  std::vector<std::vector<std::string>> units;
  const auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::int64_t t_s = 1700000000;
  for (std::size_t i = 0; i < messages; ++i) {
    const auto mmsi = static_cast<std::uint32_t>(200000000 + rng() % 1000);
    ais::EncodeOptions encode;
    encode.channel = "AB\0"[pick(3)];
    if (pick(4) != 0) encode.sequence_id = static_cast<std::uint8_t>(pick(3));
    encode.own_ship = pick(10) == 0;
    const ais::Message message = pick(3) == 0 ? ais::Message(position(mmsi)) : voyage(mmsi);
    auto sentences = ais::encode_sentences(message, encode);
    t_s += pick(5) == 0 ? pick(400) : pick(3);  // sometimes a jump past the time window
    const int framing = pick(5);
    const auto group_id = static_cast<std::uint32_t>(pick(4));
    for (std::size_t k = 0; k < sentences.size(); ++k) {
      std::string prefix;
      if (framing >= 2) {
        nmea::TagBlock tag;
        if (framing != 4 || k == 0) tag.receive_time_ms = (t_s + pick(2)) * 1000;
        if (framing == 3) tag.source = pick(2) == 0 ? "rA" : "rB";
        if (framing == 4 && sentences.size() > 1) {
          tag.group = nmea::TagGroup{static_cast<std::uint8_t>(k + 1),
                                     static_cast<std::uint8_t>(sentences.size()), group_id};
        }
        nmea::append_tag_block(prefix, tag);
      }
      std::string sentence = sentences[k];
      if (pick(40) == 0) {  // a stray byte in the payload, with a checksum that fits it
        const std::size_t star = sentence.rfind('*');
        sentence[sentence.rfind(',', star) - 3] = "~,*"[pick(3)];
        sentence = fmt::format("!{}*{:02X}", sentence.substr(1, star - 1),
                               nmea::checksum(sentence.substr(1, star - 1)));
      }
      std::string line = prefix + sentence;
      if (framing == 1) line += fmt::format(",{}", t_s);  // trailing epoch
      sentences[k] = line;
    }
    units.push_back(sentences);
  }
  std::vector<std::string> lines;
  for (auto& unit : units) {
    for (auto& line : unit) {
      const int fate = pick(30);
      if (fate == 0) continue;                         // dropped
      lines.push_back(line);
      if (fate == 1) lines.push_back(line);            // repeated
      if (fate == 2) lines.push_back("garbage line");  // noise between fragments
    }
  }
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (pick(15) == 0) std::swap(lines[i], lines[i + 1]);  // out of order / interleaved
  }
  return lines;
}

TEST(NmeaDecoderPairing, MessyStreamsGiveExactlyThePlainPipelinesEvents) {
  std::mt19937 rng(2024);
  std::size_t paired_messages = 0;
  for (int round = 0; round < 40; ++round) {
    nmea::AssemblerOptions options;
    switch (round % 4) {
      case 0: break;  // the defaults
      case 1: options.max_age_lines = 1; break;
      case 2: options.max_age_lines = 0; options.max_age_ms = 0; break;
      case 3: options.max_age_ms = 500; options.max_pending_messages = 1; break;
    }
    const auto lines = messy_stream(rng, 200);
    const auto want = reference_events(lines, options);
    for (const Access access : {Access::map, Access::read}) {
      const auto got = decoder_events(lines, options, access);
      ASSERT_EQ(got.size(), want.size()) << "round " << round;
      for (std::size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i], want[i]) << "round " << round << " event " << i;
      }
    }
    for (const auto& e : want) paired_messages += e.summary.find("fragments 2") != std::string::npos;
  }
  EXPECT_GT(paired_messages, 1000U);  // the streams do exercise two-sentence messages
}

TEST(NmeaDecoderPairing, RealFilesGiveExactlyThePlainPipelinesEvents) {
  const std::filesystem::path data = DARKFLEET_SHARED_DATA;
  std::size_t files = 0;
  for (const char* name :
       {"ais-nmea-dma-aislib/stream_example.txt", "ais-nmea-dma-aislib/ais250.txt",
        "ais-test-vectors-libais/tagblock.nmea", "ais-test-vectors-pyais/mixed.txt",
        "ais-test-vectors-pyais/nmea_data_sample.txt"}) {
    const auto path = data / name;
    if (!std::filesystem::exists(path)) continue;
    ++files;
    std::vector<std::string> lines;
    InputStream input(path.string(), Access::read);
    LineReader reader(input);
    Line line;
    while (reader.next(line)) lines.emplace_back(line.text);
    const auto want = reference_events(lines, {});
    ASSERT_EQ(decoder_events(lines, {}, Access::map), want) << name;
  }
  if (files == 0) GTEST_SKIP() << "no real NMEA files under " << data << " (../shared/data)";
}

}  // namespace
}  // namespace darkfleet::io
