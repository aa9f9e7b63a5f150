// Helpers for the nmea unit tests: independent checksum framing, a recording sink and
// access to the shared real-data folder.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/nmea/assembler.hpp"
#include "darkfleet/nmea/sentence.hpp"

namespace darkfleet::nmea::test {

/// XOR of `body`, written the slow obvious way (independent of nmea::checksum).
inline unsigned naive_xor(std::string_view body) {
  unsigned x = 0;
  for (const char c : body) x ^= static_cast<unsigned char>(c);
  return x;
}

inline std::string hex2(unsigned value) {
  static constexpr char k_digits[] = "0123456789ABCDEF";
  return {k_digits[(value >> 4U) & 0xFU], k_digits[value & 0xFU]};
}

/// `!` + body + `*hh` with the right checksum, e.g. sentence("AIVDM,1,1,,A,13aG,0").
inline std::string sentence(std::string_view body, char start = '!') {
  return std::string(1, start) + std::string(body) + "*" + hex2(naive_xor(body));
}

/// `\` + body + `*hh\` with the right checksum, e.g. tag("c:1418169601,s:r1").
inline std::string tag(std::string_view body) {
  return "\\" + std::string(body) + "*" + hex2(naive_xor(body)) + "\\";
}

/// Stores `text` for the rest of the test run and returns it: parse results are views, so
/// the line they were parsed from must outlive them.
inline const std::string& keep(std::string text) {
  static std::deque<std::string> storage;
  return storage.emplace_back(std::move(text));
}

/// Keeps copies of everything an Assembler reports.
class RecordingSink final : public AssemblerSink {
 public:
  struct Message {
    std::string payload;
    std::uint8_t fill_bits = 0;
    std::uint8_t fragment_count = 0;
    std::uint64_t first_line = 0;
    std::uint64_t last_line = 0;
    char channel = '\0';
    bool own_ship = false;
    std::string station;
    std::optional<std::int64_t> receive_time_ms;
    TimeSource time_source = TimeSource::none;
  };
  struct Rejected {
    std::uint64_t line_no = 0;
    std::string line;
    ErrorCode reason = ErrorCode::empty_line;
  };

  void on_message(const AssembledMessage& m) override {
    messages.push_back({std::string(m.payload), m.fill_bits, m.fragment_count, m.first_line,
                        m.last_line, m.channel, m.own_ship, std::string(m.station),
                        m.receive_time_ms, m.time_source});
  }
  void on_rejected_line(std::uint64_t line_no, std::string_view line, ErrorCode reason) override {
    rejected.push_back({line_no, std::string(line), reason});
  }

  std::vector<Message> messages;
  std::vector<Rejected> rejected;
};

/// The shared real-data folder (tests skip when it is absent).
inline std::filesystem::path shared_data() { return DARKFLEET_SHARED_DATA; }

/// The lines of a file, without terminators (a trailing '\r' is kept: parse_line handles it).
inline std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace darkfleet::nmea::test

/// Skips the current test when a shared-data file is missing.
#define DARKFLEET_REQUIRE_SHARED_FILE(path)                                                  \
  do {                                                                                    \
    if (!std::filesystem::exists(path)) {                                                 \
      GTEST_SKIP() << "shared data file " << (path) << " not found; set DARKFLEET_SHARED_DATA " \
                   << "to the folder with the real AIS corpora to run this test";         \
    }                                                                                     \
  } while (false)
