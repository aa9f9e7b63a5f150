// Reassembly of multi-sentence AIS messages.
//
// Fragments are keyed by (source station, channel, sequence id, fragment count, VDM/VDO),
// or by (group id, fragment count, VDM/VDO) for NMEA 4.10 `g:` groups, with the station
// compared only when both fragments carry one (often only a group's first tag block has
// `s:`), so that messages interleaved on one feed, or arriving out of order, are put back
// together. Pending fragments live in bounded storage: a fragment older than the line or
// time window, or beyond the pending limit, is given back as `incomplete_message`, so a
// lost fragment cannot grow memory. The rules in full: src/nmea/README.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "darkfleet/core/result.hpp"
#include "darkfleet/nmea/sentence.hpp"

namespace darkfleet::nmea {

/// A complete message put together from one or more sentences. Views stay valid
/// until the next call into the Assembler.
struct AssembledMessage {
  std::string_view payload;        ///< all fragments' payload characters, in order
  std::uint8_t fill_bits = 0;      ///< fill bits of the last fragment
  std::uint8_t fragment_count = 1;
  std::uint64_t first_line = 0;    ///< 1-based input line of the first fragment to arrive
  std::uint64_t last_line = 0;     ///< 1-based input line of the last fragment to arrive
  char channel = '\0';
  bool own_ship = false;
  std::string_view station;        ///< tag block `s:` / USCG `r`; empty when unknown
  /// Unix ms, from the lowest-numbered fragment that carries one.
  std::optional<std::int64_t> receive_time_ms;
  TimeSource time_source = TimeSource::none;
  /// The verbatim input lines of the fragments, in fragment order (fragment_count of them),
  /// so that a caller that rejects the whole message can report every line.
  std::span<const std::string_view> lines;
  /// The 1-based input line number of each entry of `lines`.
  std::span<const std::uint64_t> line_numbers;
};

/// Receives what the Assembler produces.
class AssemblerSink {
 public:
  virtual ~AssemblerSink() = default;
  /// A multi-sentence message is complete.
  virtual void on_message(const AssembledMessage& message) = 0;
  /// Input line `line_no` (text `line`, verbatim) will not become part of a message.
  virtual void on_rejected_line(std::uint64_t line_no, std::string_view line, ErrorCode reason) = 0;
};

/// Bounds on pending fragments.
struct AssemblerOptions {
  std::size_t max_pending_messages = 4096;  ///< oldest pending message evicted beyond this
  std::uint64_t max_age_lines = 10000;      ///< evict when this many lines older than the newest
  /// Evict when a sentence of the same station is this much newer than the message's
  /// oldest fragment (when times are known; times of different stations are not compared).
  std::int64_t max_age_ms = 120000;
  /// A fragment may arrive before a lower-numbered fragment of its message (out of order)
  /// only this many lines earlier; an older held fragment is taken to be a leftover of a
  /// message that lost its first fragments, and is evicted instead of joined with a newer
  /// message that reuses the sequence id. Not applied to `g:` groups.
  std::uint64_t max_reorder_lines = 20;
};

/// Puts multi-sentence messages back together. Single-sentence messages need not
/// pass through it (the caller decodes them directly), but they may.
class Assembler {
 public:
  explicit Assembler(AssemblerOptions options = {});
  ~Assembler();
  Assembler(const Assembler&) = delete;
  Assembler& operator=(const Assembler&) = delete;
  Assembler(Assembler&&) noexcept;
  Assembler& operator=(Assembler&&) noexcept;

  /// Adds `sentence`, framed from input line `line_no` whose verbatim text is `line`.
  /// The Assembler copies what it keeps: `line` may be reused once push() returns.
  /// Emits a message when its last fragment arrives; a fragment whose number is
  /// already held with the same payload is rejected as `duplicate_fragment`; with a
  /// different payload the held message is rejected as `incomplete_message` and a new
  /// one starts. Evictions are reported through `sink` as they happen.
  void push(const Sentence& sentence, std::uint64_t line_no, std::string_view line,
            AssemblerSink& sink);

  /// End of input: every pending fragment is rejected as `incomplete_message`, and the
  /// line clock restarts (line numbers may start again from 1).
  void flush(AssemblerSink& sink);

  /// Number of messages waiting for fragments (0 for a moved-from Assembler, which may
  /// only be destroyed or assigned to).
  [[nodiscard]] std::size_t pending() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace darkfleet::nmea
