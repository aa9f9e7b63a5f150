// Framing of !xxVDM / !xxVDO sentences, NMEA 4.10 tag blocks and trailing receiver fields.
//
// The rules (which line gets which ErrorCode, what is accepted) are listed in README.md;
// keep the two in step. Everything here is a view into the caller's line: no allocation,
// no exceptions, no locale.
#include "darkfleet/nmea/sentence.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <limits>

#include "parse_paths.hpp"
#include "text.hpp"

namespace darkfleet::nmea {
namespace {

using detail::hex_value;
using detail::is_digit;
using detail::parse_digits;

/// Splits `text` at the first `sep`: returns the part before it and leaves the rest
/// (after the separator) in `text`; `found` tells whether there was a separator.
constexpr std::string_view next_field(std::string_view& text, char sep, bool& found) {
  const std::size_t pos = text.find(sep);
  if (pos == std::string_view::npos) {
    const std::string_view field = text;
    text = {};
    found = false;
    return field;
  }
  const std::string_view field = text.substr(0, pos);
  text.remove_prefix(pos + 1);
  found = true;
  return field;
}

constexpr bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// True when `text` holds only spaces and tabs.
constexpr bool all_blank(std::string_view text) {
  for (const char c : text) {
    if (!is_blank(c)) return false;
  }
  return true;
}

/// True when `text` starts with `!` or `$`, two characters and VDM or VDO.
constexpr bool has_vdm_header(std::string_view text) {
  return text.size() >= 6 && (text[0] == '!' || text[0] == '$') && text[3] == 'V' &&
         text[4] == 'D' && (text[5] == 'M' || text[5] == 'O');
}

/// The reason for a line that does not start with a sentence (or tag block + sentence):
/// a `!xxVDM` / `!xxVDO` further on means an AIS sentence with garbage in front
/// (malformed_sentence); no such header means some other text (not_ais_sentence).
ErrorCode classify_non_sentence(std::string_view text) {
  std::size_t pos = text.find('!');
  while (pos != std::string_view::npos) {
    if (has_vdm_header(text.substr(pos))) return ErrorCode::malformed_sentence;
    pos = text.find('!', pos + 1);
  }
  return ErrorCode::not_ais_sentence;
}

static_assert(std::endian::native == std::endian::little, "scan_body() reads words LSB first");

/// Bytes of `word` equal to ',' get their high bit set, others 0 (exact per byte).
constexpr std::uint64_t comma_bytes(std::uint64_t word) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_low7 = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t x = word ^ (k_ones * static_cast<unsigned char>(','));
  return ~(((x & k_low7) + k_low7) | x) & ~k_low7;
}

/// What one pass over a sentence body finds.
struct BodyScan {
  std::array<std::size_t, 6> comma{};  ///< positions of the first six commas
  std::size_t commas = 0;              ///< number of commas in all
  unsigned sum = 0;                    ///< XOR of the bytes
};

/// Scans text[begin, end) eight bytes at a time for its XOR and its commas.
BodyScan scan_body(const char* text, std::size_t begin, std::size_t end) {
  BodyScan scan;
  const auto note = [&scan](std::size_t pos) {
    if (scan.commas < scan.comma.size()) scan.comma[scan.commas] = pos;
    ++scan.commas;
  };
  std::uint64_t wide = 0;
  std::size_t i = begin;
  for (; i + 8 <= end; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text + i, sizeof word);  // little-endian: byte k is bits 8k..8k+7
    wide ^= word;
    for (std::uint64_t m = comma_bytes(word); m != 0; m &= m - 1) {
      note(i + static_cast<std::size_t>(std::countr_zero(m)) / 8);
    }
  }
  wide ^= wide >> 32U;
  wide ^= wide >> 16U;
  wide ^= wide >> 8U;
  unsigned sum = static_cast<unsigned>(wide & 0xFFU);
  for (; i < end; ++i) {
    sum ^= static_cast<unsigned char>(text[i]);
    if (text[i] == ',') note(i);
  }
  scan.sum = sum;
  return scan;
}

/// Fills `group` from its three decimal parts; false when one does not parse or is out
/// of range (1 <= number <= count <= 255, id < 2^32).
bool make_group(std::string_view number, std::string_view count, std::string_view id,
                TagGroup& group) {
  std::int64_t n = 0;
  std::int64_t c = 0;
  std::int64_t i = 0;
  if (!parse_digits(number, n) || !parse_digits(count, c) || !parse_digits(id, i)) return false;
  if (c < 1 || c > std::numeric_limits<std::uint8_t>::max() || n < 1 || n > c ||
      i > std::numeric_limits<std::uint32_t>::max()) {
    return false;
  }
  group.number = static_cast<std::uint8_t>(n);
  group.count = static_cast<std::uint8_t>(c);
  group.id = static_cast<std::uint32_t>(i);
  return true;
}

/// Parses a group value `number-count-id` (`g:1-2-1604`) into `group`.
bool parse_group(std::string_view value, TagGroup& group) {
  bool found = false;
  const std::string_view number = next_field(value, '-', found);
  if (!found) return false;
  const std::string_view count = next_field(value, '-', found);
  if (!found) return false;
  return make_group(number, count, value, group);
}

/// The NMEA 4.0 grouping key `<number>G<count>` whose value is the group id, as in
/// `\1G2:0125,c:1354719387*0D\` from the DMA logs.
bool parse_legacy_group(std::string_view key, std::string_view value, TagGroup& group) {
  const std::size_t g = key.find('G');
  if (g == std::string_view::npos) return false;
  return make_group(key.substr(0, g), key.substr(g + 1), value, group);
}

/// True when `key` looks like `<digits>G<digits>`.
constexpr bool is_legacy_group_key(std::string_view key) {
  return key.size() >= 3 && is_digit(key.front()) && is_digit(key.back()) &&
         key.find('G') != std::string_view::npos;
}

/// USCG receiver / base-station id field, e.g. `r003669946` or `b003669973`.
constexpr bool is_station_field(std::string_view field) {
  if (field.size() < 2 || (field[0] != 'r' && field[0] != 'b')) return false;
  for (std::size_t i = 1; i < field.size(); ++i) {
    if (!detail::is_alnum(field[i])) return false;
  }
  return true;
}

/// Reads the receiver fields after `*hh` (`trailer` starts after the first comma).
/// Unparseable fields are skipped: they never reject the sentence.
void parse_trailer(std::string_view trailer, std::string_view& station,
                   std::optional<std::int64_t>& epoch_ms) {
  bool more = true;
  while (more) {
    const std::string_view field = next_field(trailer, ',', more);
    if (field.empty()) continue;
    if (!epoch_ms && is_digit(field[0])) {
      std::int64_t value = 0;
      if (parse_digits(field, value)) epoch_ms = detail::to_unix_ms(value);
    } else if (station.empty() && is_station_field(field)) {
      station = field;
    }
    if (epoch_ms && !station.empty()) return;
  }
}

/// The fields of a sentence by the general rules (any field may be odd; each failure gets
/// its precise ErrorCode). `rest` starts at the `!`/`$` of a checked `xxVDM,` header.
/// Sets `after` to what follows `*hh`.
Result<void> parse_fields(std::string_view rest, Sentence& sentence, std::string_view& after) {
  // The `*`, then the body's XOR and its commas (the first six), eight bytes at a time.
  const char* const text = rest.data();
  const std::size_t size = rest.size();
  const void* star_at = std::memchr(text + 1, '*', size - 1);
  const std::size_t star =
      star_at == nullptr ? size : static_cast<std::size_t>(static_cast<const char*>(star_at) - text);
  const BodyScan scan = scan_body(text, 1, star);
  const std::size_t commas = scan.commas;
  const auto& comma = scan.comma;

  // Checksum: `*hh` after the fill-bits field. Integrity is checked before the fields:
  // a corrupted line is reported as bad_checksum whatever the corruption hit.
  if (star == size) {
    return fail(commas >= 6 ? ErrorCode::missing_checksum : ErrorCode::malformed_sentence);
  }
  const int hi = star + 2 < size ? hex_value(text[star + 1]) : -1;
  const int lo = star + 2 < size ? hex_value(text[star + 2]) : -1;
  if (hi < 0 || lo < 0) {
    return fail(commas == 6 ? ErrorCode::missing_checksum : ErrorCode::malformed_sentence);
  }
  after = rest.substr(star + 3);
  if (!after.empty() && after.front() != ',' && !is_blank(after.front())) {
    return fail(ErrorCode::malformed_sentence);  // `*3E5`, `*3EX`: not a two-digit checksum
  }
  if (scan.sum != static_cast<unsigned>(hi * 16 + lo)) return fail(ErrorCode::bad_checksum);

  // Fields after `xxVDM,`: count, number, sequence id, channel, payload, fill bits.
  if (commas != 6) return fail(ErrorCode::malformed_sentence);
  const auto field = [&](std::size_t k) {
    const std::size_t begin = comma[k] + 1;
    const std::size_t end = k + 1 < 6 ? comma[k + 1] : star;
    return std::string_view(text + begin, end - begin);
  };
  const std::string_view count = field(0);
  const std::string_view number = field(1);
  const std::string_view sequence = field(2);
  const std::string_view channel = field(3);
  const std::string_view payload = field(4);
  const std::string_view fill = field(5);

  if (count.size() != 1 || count[0] < '1' || count[0] > '9' || number.size() != 1 ||
      number[0] < '1' || number[0] > count[0]) {
    return fail(ErrorCode::bad_fragment_fields);
  }
  if (sequence.size() > 1 || (sequence.size() == 1 && !is_digit(sequence[0]))) {
    return fail(ErrorCode::bad_fragment_fields);
  }
  if (channel.size() > 1) return fail(ErrorCode::bad_channel);
  if (channel.size() == 1) {
    switch (channel[0]) {
      case 'A': case 'B': case '1': case '2': case 'C': case 'D': break;
      default: return fail(ErrorCode::bad_channel);
    }
  }
  // A later fragment may be empty (some encoders split so that the last sentence carries
  // nothing but the fill bits); a single sentence or first fragment without payload is not AIS.
  if (payload.empty() && number[0] == '1') return fail(ErrorCode::empty_payload);
  if (!detail::all_payload_chars(payload)) return fail(ErrorCode::bad_payload_char);
  if (fill.size() != 1 || fill[0] < '0' || fill[0] > '5') return fail(ErrorCode::bad_fill_bits);

  sentence.talker = rest.substr(1, 2);
  sentence.own_ship = rest[5] == 'O';
  sentence.fragment_count = static_cast<std::uint8_t>(count[0] - '0');
  sentence.fragment_number = static_cast<std::uint8_t>(number[0] - '0');
  if (!sequence.empty()) sentence.sequence_id = static_cast<std::uint8_t>(sequence[0] - '0');
  sentence.channel = channel.empty() ? '\0' : channel[0];
  sentence.payload = payload;
  sentence.fill_bits = static_cast<std::uint8_t>(fill[0] - '0');

  return {};
}

/// The common case, in one pass with fixed positions: `!xxVDM,n,m,[s],[c],payload,f*hh`
/// with valid fields. Returns false, having set nothing that matters, for anything else;
/// parse_fields() then finds the precise error. With PayloadCheck::always it accepts exactly
/// what parse_fields() accepts and fills the same fields (parse_paths_test.cpp checks both
/// paths agree); deferred, it also accepts one-sentence payloads with bad characters.
bool parse_fields_fast(std::string_view rest, Sentence& sentence, std::string_view& after,
                       detail::PayloadCheck check) {
  const char* const t = rest.data();
  const std::size_t size = rest.size();
  // The first '*': at size - 3 when nothing trails the checksum, else search.
  std::size_t star = 0;
  if (size >= 3 && t[size - 3] == '*') {
    star = size - 3;
  } else {
    const void* at = std::memchr(t + 1, '*', size - 1);
    if (at == nullptr) return false;
    star = static_cast<std::size_t>(static_cast<const char*>(at) - t);
  }
  if (star < 14 || star + 3 > size) return false;
  const char count = t[7];
  const char number = t[9];
  if (count < '1' || count > '9' || t[8] != ',' || number < '1' || number > count ||
      t[10] != ',') {
    return false;
  }
  std::size_t p = 11;
  std::optional<std::uint8_t> sequence_id;
  if (t[p] != ',') {
    if (!is_digit(t[p]) || t[p + 1] != ',') return false;
    sequence_id = static_cast<std::uint8_t>(t[p] - '0');
    ++p;
  }
  ++p;
  char channel = '\0';
  if (t[p] != ',') {
    switch (t[p]) {
      case 'A': case 'B': case '1': case '2': case 'C': case 'D': break;
      default: return false;
    }
    if (t[p + 1] != ',') return false;
    channel = t[p];
    ++p;
  }
  ++p;
  const char fill = t[star - 1];
  if (star < p + 2 || t[star - 2] != ',' || fill < '0' || fill > '5') return false;
  const std::string_view payload(t + p, star - 2 - p);
  if (payload.empty() && number == '1') return false;
  // The alphabet check also rules out ',' and '*' in the payload. Deferred, a stray one
  // is caught by the decoder's own check, and the caller re-parses for the reason.
  if ((check == detail::PayloadCheck::always || count != '1') &&
      !detail::all_payload_chars(payload)) {
    return false;
  }
  const int hi = hex_value(t[star + 1]);
  const int lo = hex_value(t[star + 2]);
  if (hi < 0 || lo < 0) return false;
  // Views built directly: star + 3 <= size holds, and substr() would re-check it and
  // not be inlined (a measurable share of this path).
  after = std::string_view(t + star + 3, size - star - 3);
  if (!after.empty() && after.front() != ',' && !is_blank(after.front())) return false;
  if (checksum(std::string_view(t + 1, star - 1)) != hi * 16 + lo) return false;

  sentence.talker = std::string_view(t + 1, 2);
  sentence.own_ship = t[5] == 'O';
  sentence.fragment_count = static_cast<std::uint8_t>(count - '0');
  sentence.fragment_number = static_cast<std::uint8_t>(number - '0');
  sentence.sequence_id = sequence_id;
  sentence.channel = channel;
  sentence.payload = payload;
  sentence.fill_bits = static_cast<std::uint8_t>(fill - '0');
  return true;
}

}  // namespace

std::string_view to_string(TimeSource source) {
  switch (source) {
    case TimeSource::none: return "none";
    case TimeSource::tag_block: return "tag_block";
    case TimeSource::trailing_epoch: return "trailing_epoch";
  }
  return "unknown";
}

std::uint8_t checksum(std::string_view body) {
  // XOR sixteen (SSE2) or eight bytes at a time, then fold: XOR is associative and byte
  // lanes stay separate. The last partial block is an overlapping load of the body's last
  // bytes with the lanes already XORed masked off (or shifted out): no byte loop.
  const char* p = body.data();
  std::size_t n = body.size();
  std::uint64_t wide = 0;
#if defined(__SSE2__)
  if (n >= 16) {
    __m128i acc = _mm_setzero_si128();
    for (; n >= 16; p += 16, n -= 16) {
      acc = _mm_xor_si128(acc, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    }
    if (n > 0) {
      // Lane i of the mask is 0xFF for i >= 16 - n: the n bytes not yet XORed.
      alignas(16) static constexpr unsigned char k_tail_mask[32] = {
          0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
          0,    0,    0,    0,    0,    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
          0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
      const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
      const __m128i mask = _mm_loadu_si128(reinterpret_cast<const __m128i*>(k_tail_mask + n));
      acc = _mm_xor_si128(acc, _mm_and_si128(last, mask));
      n = 0;
    }
    acc = _mm_xor_si128(acc, _mm_unpackhi_epi64(acc, acc));
    wide = static_cast<std::uint64_t>(_mm_cvtsi128_si64(acc));
  }
#endif
  while (n >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    wide ^= word;
    p += 8;
    n -= 8;
  }
  if (n > 0 && body.size() >= 8) {
    // The last 8 bytes of the body, shifted so that only the n not yet XORed remain:
    // one load instead of up to seven byte steps (little-endian: the first byte is lowest).
    std::uint64_t word = 0;
    std::memcpy(&word, p + n - 8, sizeof word);
    wide ^= word >> (8 * (8 - n));
    n = 0;
  }
  wide ^= wide >> 32U;
  wide ^= wide >> 16U;
  wide ^= wide >> 8U;
  auto sum = static_cast<std::uint8_t>(wide & 0xFFU);
  for (; n > 0; --n, ++p) sum = static_cast<std::uint8_t>(sum ^ static_cast<unsigned char>(*p));
  return sum;
}

Result<TagBlock> parse_tag_block(std::string_view body) {
  const std::size_t star = body.rfind('*');
  if (star == std::string_view::npos || body.size() - star != 3) {
    return fail(ErrorCode::bad_tag_block);
  }
  const int hi = hex_value(body[star + 1]);
  const int lo = hex_value(body[star + 2]);
  if (hi < 0 || lo < 0) return fail(ErrorCode::bad_tag_block);
  std::string_view fields = body.substr(0, star);
  if (checksum(fields) != hi * 16 + lo) return fail(ErrorCode::tag_block_checksum);

  TagBlock tag;
  bool more = !fields.empty();
  while (more) {
    const std::string_view field = next_field(fields, ',', more);
    if (field.empty()) continue;  // `\c:1,,s:x*hh\`: an empty field carries nothing
    const std::size_t colon = field.find(':');
    if (colon == std::string_view::npos) return fail(ErrorCode::bad_tag_block);
    const std::string_view key = field.substr(0, colon);
    const std::string_view value = field.substr(colon + 1);
    if (key.size() == 1) {
      std::int64_t number = 0;
      switch (key[0]) {
        case 'c':
          if (!parse_digits(value, number)) return fail(ErrorCode::bad_tag_block);
          tag.receive_time_ms = detail::to_unix_ms(number);
          break;
        case 's': tag.source = value; break;
        case 'd': tag.destination = value; break;
        case 't': tag.text = value; break;
        case 'n':
          if (!parse_digits(value, number)) return fail(ErrorCode::bad_tag_block);
          tag.line_count = number;
          break;
        case 'r':
          if (!parse_digits(value, number)) return fail(ErrorCode::bad_tag_block);
          tag.relative_time = number;
          break;
        case 'g': {
          TagGroup group;
          if (!parse_group(value, group)) return fail(ErrorCode::bad_tag_block);
          tag.group = group;
          break;
        }
        default: break;  // q:, T:, i:, ...: accepted, ignored
      }
    } else if (is_legacy_group_key(key)) {
      TagGroup group;
      if (!parse_legacy_group(key, value, group)) return fail(ErrorCode::bad_tag_block);
      tag.group = group;
    }
    // Other keys, including the empty key of `\:,c:...*hh\`, are ignored.
  }
  return tag;
}

namespace detail {

Result<void> parse_line_with(std::string_view line, Sentence& sentence, bool fast_path,
                             PayloadCheck check) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  if (line.empty() || (is_blank(line.front()) && all_blank(line))) {
    return fail(ErrorCode::empty_line);
  }

  // Only the fields a successful parse may leave untouched are reset: the rest are always
  // assigned, and clearing the whole struct per line would cost more than the parse.
  sentence.tag_block.reset();
  sentence.sequence_id.reset();
  sentence.station = {};
  sentence.receive_time_ms.reset();
  sentence.time_source = TimeSource::none;
  std::string_view rest = line;
  if (rest.front() == '\\') {
    const std::size_t close = rest.find('\\', 1);
    if (close == std::string_view::npos) return fail(ErrorCode::bad_tag_block);
    auto tag = parse_tag_block(rest.substr(1, close - 1));
    if (!tag) return fail(tag.error());
    sentence.tag_block = *tag;
    rest.remove_prefix(close + 1);
    if (rest.empty()) return fail(ErrorCode::not_ais_sentence);  // a tag block alone
  }

  // Header: `!` (or `$`), two-letter talker, VDM or VDO, comma.
  if (rest.front() != '!' && rest.front() != '$') return fail(classify_non_sentence(rest));
  if (!has_vdm_header(rest)) {
    // `$GPGGA`, `!AIABM`, a cut-off `!AIV`: not (recognisably) a VDM/VDO sentence.
    return fail(classify_non_sentence(rest.substr(1)));
  }
  if (!detail::is_upper(rest[1]) || !detail::is_upper(rest[2]) || rest.size() < 7 ||
      rest[6] != ',') {
    return fail(ErrorCode::malformed_sentence);
  }

  std::string_view after;
  if (!fast_path || !parse_fields_fast(rest, sentence, after, check)) {
    const auto fields = parse_fields(rest, sentence, after);
    if (!fields) return fail(fields.error());
  }

  // Receiver fields after the checksum; the tag block takes precedence.
  std::string_view trailer_station;
  std::optional<std::int64_t> trailer_ms;
  if (!after.empty() && after.front() == ',') {
    parse_trailer(after.substr(1), trailer_station, trailer_ms);
  }
  if (sentence.tag_block && !sentence.tag_block->source.empty()) {
    sentence.station = sentence.tag_block->source;
  } else {
    sentence.station = trailer_station;
  }
  if (sentence.tag_block && sentence.tag_block->receive_time_ms) {
    sentence.receive_time_ms = sentence.tag_block->receive_time_ms;
    sentence.time_source = TimeSource::tag_block;
  } else if (trailer_ms) {
    sentence.receive_time_ms = trailer_ms;
    sentence.time_source = TimeSource::trailing_epoch;
  }
  return {};
}

Result<Sentence> parse_line_with(std::string_view line, bool fast_path) {
  Sentence sentence;
  const auto parsed = parse_line_with(line, sentence, fast_path);
  if (!parsed) return fail(parsed.error());
  return sentence;
}

}  // namespace detail

Result<Sentence> parse_line(std::string_view line) { return detail::parse_line_with(line, true); }

Result<void> parse_line(std::string_view line, Sentence& out) {
  return detail::parse_line_with(line, out, true);
}

Result<void> parse_line_for_decoding(std::string_view line, Sentence& out) {
  return detail::parse_line_with(line, out, true, detail::PayloadCheck::deferred_for_single);
}

}  // namespace darkfleet::nmea
