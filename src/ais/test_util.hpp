// Helpers shared by the ais tests: reading payloads out of NMEA files without the nmea
// module (a deliberately tiny splitter: the 6th comma field is the payload, the 7th up
// to '*' the fill bits), and the path to the shared real-data folder.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/encode.hpp"

namespace darkfleet::ais::test {

/// The shared data folder (compile definition DARKFLEET_SHARED_DATA).
inline std::filesystem::path shared_data() {
  return DARKFLEET_SHARED_DATA;
}

/// Skips the current test with a clear message when `file` (relative to shared_data())
/// is absent.
#define DARKFLEET_REQUIRE_SHARED(file)                                                        \
  do {                                                                                        \
    if (!std::filesystem::exists(::darkfleet::ais::test::shared_data() / (file))) {           \
      GTEST_SKIP() << "shared data file " << (::darkfleet::ais::test::shared_data() / (file)) \
                   << " not found (set -DDARKFLEET_SHARED_DATA=<dir>)";                       \
    }                                                                                         \
  } while (0)

/// One complete message taken from an NMEA file.
struct RawMessage {
  std::string payload;         ///< concatenated payloads of all fragments
  std::uint8_t fill_bits = 0;  ///< fill bits of the last fragment
  std::size_t line = 0;        ///< 1-based line of the first fragment
  std::string text;            ///< the sentence(s), for failure messages
};

/// Splits `sentence` at commas (no tag block; trailing fields after '*' kept in the last).
inline std::vector<std::string_view> split_fields(std::string_view sentence) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= sentence.size(); ++i) {
    if (i == sentence.size() || sentence[i] == ',') {
      out.push_back(sentence.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

/// Reads the !xxVDM/!xxVDO sentences of `path` and joins multi-sentence messages
/// (consecutive fragments 1..n of the same count). Lines that are not AIS sentences,
/// incomplete groups and sentences with malformed fields are skipped.
inline std::vector<RawMessage> read_messages(const std::filesystem::path& path) {
  std::vector<RawMessage> out;
  std::ifstream in(path);
  std::string line;
  std::size_t line_no = 0;
  std::optional<RawMessage> pending;
  int expected_next = 0;
  int count = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view s = line;
    if (!s.empty() && s.front() == '\\') {  // tag block
      const auto end = s.find('\\', 1);
      if (end == std::string_view::npos) continue;
      s.remove_prefix(end + 1);
    }
    if (s.size() < 7 || s.front() != '!' || (s.substr(3, 3) != "VDM" && s.substr(3, 3) != "VDO")) {
      continue;
    }
    const auto f = split_fields(s);
    if (f.size() < 7 || f[1].size() != 1 || f[2].size() != 1) continue;
    const int n = f[1][0] - '0';
    const int i = f[2][0] - '0';
    const auto star = f[6].find('*');
    if (star != 1 || f[6][0] < '0' || f[6][0] > '5') continue;
    const auto fill = static_cast<std::uint8_t>(f[6][0] - '0');
    if (i == 1) {
      pending = RawMessage{std::string(f[5]), fill, line_no, std::string(s)};
      count = n;
      expected_next = 2;
    } else if (pending && n == count && i == expected_next) {
      pending->payload += f[5];
      pending->fill_bits = fill;
      pending->text += "\n" + std::string(s);
      ++expected_next;
    } else {
      pending.reset();
      continue;
    }
    if (i == n && pending) {
      out.push_back(std::move(*pending));
      pending.reset();
    }
  }
  return out;
}

/// Decodes or fails the test with the error name.
inline Message decode_ok(std::string_view payload, std::uint8_t fill_bits) {
  auto r = decode(payload, fill_bits);
  EXPECT_TRUE(r.has_value()) << payload << "," << int{fill_bits} << ": "
                             << (r ? "" : to_string(r.error()));
  return r ? *r : Message{};
}

/// A payload and its fill bits.
struct Encoded {
  std::string payload;
  std::uint8_t fill_bits = 0;
};

/// encode_payload() as one value (so that payload and fill bits are never read in an
/// unspecified order within one expression).
inline Encoded encode(const Message& message) {
  Encoded e;
  e.payload = encode_payload(message, e.fill_bits);
  return e;
}

/// decode(encode(message)); fails the test when that does not decode.
inline Message reencode(const Message& message) {
  const Encoded e = encode(message);
  return decode_ok(e.payload, e.fill_bits);
}

/// The transmitted characters of a Text (padding included), as a string.
template <std::size_t N>
std::string raw(const Text<N>& text) {
  return std::string(text.chars.data(), text.length);
}

}  // namespace darkfleet::ais::test
