// The decoding pipeline: lines -> sentences -> reassembled messages -> typed AIS
// messages, handed out in batches, with every input line accounted for.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "darkfleet/ais/messages.hpp"
#include "darkfleet/core/result.hpp"
#include "darkfleet/io/input.hpp"
#include "darkfleet/nmea/assembler.hpp"
#include "darkfleet/nmea/sentence.hpp"

namespace darkfleet::io {

/// A receiver or station id copied out of the input (tag block `s:` or USCG `r`).
struct StationId {
  static constexpr std::size_t k_capacity = 31;
  std::array<char, k_capacity> chars{};
  std::uint8_t size = 0;

  /// Copies `id`, cut to k_capacity characters.
  void assign(std::string_view id) {
    size = static_cast<std::uint8_t>(id.size() < k_capacity ? id.size() : k_capacity);
    for (std::size_t i = 0; i < size; ++i) chars[i] = id[i];
  }
  [[nodiscard]] std::string_view view() const { return {chars.data(), size}; }
};

/// One decoded AIS message with how and when it was received.
struct DecodedMessage {
  ais::Message message;
  std::optional<std::int64_t> receive_time_ms;  ///< Unix ms; empty when the input has no time
  nmea::TimeSource time_source = nmea::TimeSource::none;
  StationId station;               ///< empty when unknown
  char channel = '\0';             ///< 'A', 'B', '1', '2', ... or '\0'
  bool own_ship = false;           ///< from a VDO sentence
  std::uint8_t fragment_count = 1; ///< sentences the message was sent in
  std::uint64_t first_line = 0;    ///< 1-based input line of the first fragment
};

/// What the decoder saw. Invariant (the accounting identity):
/// lines == lines_in_messages + sum(rejected_lines).
struct DecodeStats {
  std::uint64_t lines = 0;              ///< input lines read
  std::uint64_t bytes = 0;              ///< decompressed bytes read (set when the input ends)
  std::uint64_t lines_in_messages = 0;  ///< lines that are (part of) a decoded message
  std::uint64_t messages = 0;           ///< decoded messages, all types
  std::uint64_t messages_written = 0;   ///< decoded messages that passed the type filter
  std::array<std::uint64_t, 64> messages_by_type{};
  std::array<std::uint64_t, k_error_code_count> rejected_lines{};

  /// Sum of rejected_lines.
  [[nodiscard]] std::uint64_t rejected() const;
  /// Adds `other` to this (for several input files).
  void merge(const DecodeStats& other);
};

/// Receives decoded messages and rejected lines.
class DecodeSink {
 public:
  virtual ~DecodeSink() = default;
  /// A batch of messages, in input order of their last fragment. The span is valid
  /// only during the call.
  virtual void on_batch(std::span<const DecodedMessage> batch) = 0;
  /// Input line `line_no` was rejected (text verbatim, cut for over-long lines).
  virtual void on_rejected_line(std::uint64_t line_no, std::string_view line, ErrorCode reason) {
    (void)line_no;
    (void)line;
    (void)reason;
  }
  /// Called every 65,536 input lines and at the end of the input, for progress bars.
  virtual void on_progress(const InputStream& input, const DecodeStats& stats) {
    (void)input;
    (void)stats;
  }
};

/// Options of the decoding pipeline.
struct DecodeOptions {
  std::bitset<64> types = std::bitset<64>().set();  ///< message types handed to the sink
  nmea::AssemblerOptions assembler;
  std::size_t max_line_bytes = 1 << 20;  ///< longer lines are rejected as line_too_long
  std::size_t batch_size = 1024;         ///< messages per on_batch call
};

/// Decodes whole inputs. Reusable: decode() may be called for several inputs in turn;
/// fragments never join across inputs.
class NmeaDecoder {
 public:
  explicit NmeaDecoder(DecodeOptions options = {});
  ~NmeaDecoder();
  NmeaDecoder(const NmeaDecoder&) = delete;
  NmeaDecoder& operator=(const NmeaDecoder&) = delete;

  /// Reads `input` to its end, handing messages and rejects to `sink`. Returns this
  /// input's stats. Throws only when the input itself fails (I/O error, corrupt gzip).
  DecodeStats decode(InputStream& input, DecodeSink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace darkfleet::io
