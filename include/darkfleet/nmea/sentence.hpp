// NMEA 0183 AIS sentences (!xxVDM / !xxVDO): framing, checksum, tag blocks and the
// trailing receiver fields that real loggers append.
//
// Everything here is a view into the caller's line buffer: parse_line() neither
// allocates nor copies, and returns an ErrorCode instead of throwing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "darkfleet/core/result.hpp"

namespace darkfleet::nmea {

/// Where a message's receive time came from.
enum class TimeSource : std::uint8_t {
  none,            ///< no time in the input; `t_ms` is empty
  tag_block,       ///< NMEA 4.10 tag block `c:` (seconds or milliseconds)
  trailing_epoch,  ///< Unix seconds appended after the checksum (USCG / bare epoch loggers)
};

/// The stable name of a time source ("none", "tag_block", "trailing_epoch").
std::string_view to_string(TimeSource source);

/// An NMEA 4.10 group (`g:number-count-id`): the fragments of one message that
/// arrive as separate lines, each with its own tag block.
struct TagGroup {
  std::uint8_t number = 0;  ///< 1-based position of this sentence in the group
  std::uint8_t count = 0;   ///< sentences in the group
  std::uint32_t id = 0;     ///< group id, unique per source over a short time
};

/// The fields of a `\...*hh\` tag block. String fields are views into the line.
struct TagBlock {
  std::optional<std::int64_t> receive_time_ms;  ///< `c:` as Unix ms (seconds or ms accepted)
  std::string_view source;                      ///< `s:` source / station id
  std::string_view destination;                 ///< `d:` destination id
  std::optional<std::int64_t> line_count;       ///< `n:` line counter
  std::optional<std::int64_t> relative_time;    ///< `r:` relative time (units as sent)
  std::string_view text;                        ///< `t:` free text
  std::optional<TagGroup> group;                ///< `g:` sentence group
};

/// Parses the inside of a tag block, `c:1418169601,s:r003669946*hh` (no backslashes).
/// Unknown keys (q:, T:, ...) and empty keys are accepted and ignored; the NMEA 4.0 form
/// `1G2:id` is read as a group. The checksum is verified. Views point into `body`.
Result<TagBlock> parse_tag_block(std::string_view body);

/// One framed !xxVDM / !xxVDO sentence. Views point into the parsed line.
struct Sentence {
  std::string_view talker;         ///< two characters: AI, AB, BS, SA, ...
  bool own_ship = false;           ///< VDO (own ship) rather than VDM
  std::uint8_t fragment_count = 1;   ///< 1..9
  std::uint8_t fragment_number = 1;  ///< 1..fragment_count
  std::optional<std::uint8_t> sequence_id;  ///< 0..9, empty when the field is empty
  char channel = '\0';             ///< 'A', 'B', '1', '2' (also 'C', 'D'); '\0' when empty
  std::string_view payload;        ///< 6-bit armoured payload characters (validated)
  std::uint8_t fill_bits = 0;      ///< 0..5
  std::optional<TagBlock> tag_block;  ///< when the line starts with a `\...\` block
  std::string_view station;        ///< tag block `s:` or USCG `r` field; empty when unknown
  std::optional<std::int64_t> receive_time_ms;  ///< Unix ms, see time_source
  TimeSource time_source = TimeSource::none;
};

/// NMEA XOR checksum of `body` (the characters between `!`/`$` and `*`).
std::uint8_t checksum(std::string_view body);

/// Frames one input line (without the line terminator; a trailing '\r' is
/// allowed). Accepts an optional leading tag block, `!` or `$`, any two-letter talker,
/// and trailing fields after `*hh` (USCG `,d-095,S1651,t161344.00,T44.03,r3669963,1429287142`
/// or a bare `,1429287142`). Payload characters are validated here so that
/// the decoder can trust them. Never allocates or throws. Which line gets which
/// ErrorCode: src/nmea/README.md.
Result<Sentence> parse_line(std::string_view line);

/// As parse_line(line), but fills `out` in place instead of returning a copy: the form for
/// hot loops that reuse one Sentence. On error `out` holds unspecified values.
Result<void> parse_line(std::string_view line, Sentence& out);

/// As parse_line(line, out), for callers that decode a single-sentence payload at once:
/// the characters of a one-sentence message's payload may go unchecked against the
/// armouring alphabet here, because ais::decode() checks them while it unpacks them
/// (checking twice costs about 4 % of decoding). A line this accepts whose payload then
/// fails to decode may be one that parse_line() rejects; parse_line() gives the precise
/// reason, and NmeaDecoder asks it.
Result<void> parse_line_for_decoding(std::string_view line, Sentence& out);

}  // namespace darkfleet::nmea
