// Errors as values: the result type every per-record function in darkfleet returns.
//
// Hot loops (framing, tag blocks, payload decoding) never throw: they return
// Result<T>, whose error is a small ErrorCode that callers count and report.
// Exceptions are reserved for problems that end a command (see
// docs/adr/0001-error-handling.md).
#pragma once

#include <cstdint>
#include <string_view>

#include <tl/expected.hpp>

namespace darkfleet {

/// Why a record (a line, a sentence, a message) was rejected. The names are
/// stable: they appear in `--stats`, in reject files and in the docs.
enum class ErrorCode : std::uint8_t {
  // lines and framing (nmea)
  empty_line,            ///< blank line
  line_too_long,         ///< longer than the reader's line limit
  not_ais_sentence,      ///< not a !xxVDM / !xxVDO sentence (comments, $GPGGA, ...)
  malformed_sentence,    ///< wrong field count or a field that does not parse
  missing_checksum,      ///< no `*hh` after the fill-bits field
  bad_checksum,          ///< the NMEA XOR checksum does not match
  bad_fragment_fields,   ///< fragment count/number out of range (count 1..9, 1 <= number <= count)
  bad_channel,           ///< channel field other than empty, A, B, 1, 2 (or C/D seen in some logs)
  bad_fill_bits,         ///< fill bits not 0..5
  bad_payload_char,      ///< a payload character outside the 6-bit armouring alphabet
  empty_payload,         ///< sentence with no payload
  bad_tag_block,         ///< malformed `\...\` tag block
  tag_block_checksum,    ///< tag block checksum does not match
  // reassembly (nmea)
  duplicate_fragment,    ///< a fragment already held for the same message
  incomplete_message,    ///< fragments whose message never completed (evicted or end of input)
  // payload (ais)
  unknown_message_type,  ///< message id 0 or 28..63
  payload_too_short,     ///< fewer bits than the message type needs
  payload_too_long,      ///< more bits than the message type allows or darkfleet can hold
  // articles (claims)
  empty_article,         ///< an article with no visible text
  binary_article,        ///< NUL bytes or mostly invalid UTF-8: not a text or HTML article
  article_too_large,     ///< larger than the article size limit
  // rows and records for the store (csv, ingest)
  bad_csv_row,           ///< a CSV row with the wrong number of fields or an unclosed quote
  bad_mmsi,              ///< MMSI missing, not a number, or outside 1..999999999
  bad_time,              ///< a time that does not parse or lies outside 1970..2100
  no_time,               ///< a message without a receive time (and no --time default)
  bad_position,          ///< latitude/longitude missing, not a number, or out of range
  bad_number,            ///< speed, course, heading or a dimension that does not parse
  corrupt_chunk,         ///< a stored position chunk that does not decode (damaged database)
  // count of codes; keep last
  count_
};

/// The number of distinct error codes.
inline constexpr std::size_t k_error_code_count = static_cast<std::size_t>(ErrorCode::count_);

/// The stable snake_case name of `code`, as used in stats and reject files.
constexpr std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::empty_line: return "empty_line";
    case ErrorCode::line_too_long: return "line_too_long";
    case ErrorCode::not_ais_sentence: return "not_ais_sentence";
    case ErrorCode::malformed_sentence: return "malformed_sentence";
    case ErrorCode::missing_checksum: return "missing_checksum";
    case ErrorCode::bad_checksum: return "bad_checksum";
    case ErrorCode::bad_fragment_fields: return "bad_fragment_fields";
    case ErrorCode::bad_channel: return "bad_channel";
    case ErrorCode::bad_fill_bits: return "bad_fill_bits";
    case ErrorCode::bad_payload_char: return "bad_payload_char";
    case ErrorCode::empty_payload: return "empty_payload";
    case ErrorCode::bad_tag_block: return "bad_tag_block";
    case ErrorCode::tag_block_checksum: return "tag_block_checksum";
    case ErrorCode::duplicate_fragment: return "duplicate_fragment";
    case ErrorCode::incomplete_message: return "incomplete_message";
    case ErrorCode::unknown_message_type: return "unknown_message_type";
    case ErrorCode::payload_too_short: return "payload_too_short";
    case ErrorCode::payload_too_long: return "payload_too_long";
    case ErrorCode::empty_article: return "empty_article";
    case ErrorCode::binary_article: return "binary_article";
    case ErrorCode::article_too_large: return "article_too_large";
    case ErrorCode::bad_csv_row: return "bad_csv_row";
    case ErrorCode::bad_mmsi: return "bad_mmsi";
    case ErrorCode::bad_time: return "bad_time";
    case ErrorCode::no_time: return "no_time";
    case ErrorCode::bad_position: return "bad_position";
    case ErrorCode::bad_number: return "bad_number";
    case ErrorCode::corrupt_chunk: return "corrupt_chunk";
    case ErrorCode::count_: break;
  }
  return "unknown";
}

/// A value or the reason there is none. `tl::expected` until C++23's std::expected.
template <typename T>
using Result = tl::expected<T, ErrorCode>;

/// Builds the error side of a Result: `return fail(ErrorCode::bad_checksum);`.
inline tl::unexpected<ErrorCode> fail(ErrorCode code) { return tl::unexpected<ErrorCode>(code); }

}  // namespace darkfleet
