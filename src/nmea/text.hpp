// Character classes and digit parsing shared by the nmea parsers, writers and fuzzers.
//
// Hand-written on purpose: no locale, no allocation, no exceptions (std::stoi and
// strtol are locale-aware and slow on the hot path).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace darkfleet::nmea::detail {

/// Receive times at or above this value are Unix milliseconds, below it Unix seconds.
/// 100000000000 s is year 5138; 100000000000 ms is 1973-03-03.
inline constexpr std::int64_t k_ms_threshold = 100'000'000'000;

/// At most this many digits are parsed into an int64 (10^18 - 1 cannot overflow).
inline constexpr std::size_t k_max_int_digits = 18;

/// True for '0'..'9'.
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// True for 'A'..'Z'.
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/// True for ASCII letters and digits.
constexpr bool is_alnum(char c) {
  return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z');
}

/// Value of a hex digit (either case), or -1.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// True for a character of the AIS 6-bit armouring alphabet: '0'..'W' and '`'..'w'.
constexpr bool is_payload_char(char c) {
  const auto u = static_cast<unsigned>(static_cast<unsigned char>(c));
  return (u - 0x30U) < 0x28U || (u - 0x60U) < 0x18U;
}

/// High bit of each byte of `word` set when that byte is in the armouring alphabet.
/// Requires: every byte < 0x80 (then no sum below carries into the next byte).
constexpr std::uint64_t payload_lanes(std::uint64_t word) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_high = 0x8080808080808080ULL;
  const std::uint64_t ge_30 = word + k_ones * 0x50U;  // high bit: byte >= 0x30
  const std::uint64_t ge_58 = word + k_ones * 0x28U;  // byte >= 0x58
  const std::uint64_t ge_60 = word + k_ones * 0x20U;  // byte >= 0x60
  const std::uint64_t ge_78 = word + k_ones * 0x08U;  // byte >= 0x78
  return ge_30 & ~ge_78 & ~(ge_58 & ~ge_60) & k_high;
}

#if defined(__SSE2__)
/// True when all 16 bytes at `p` are in the armouring alphabet. A range test is one add
/// and one signed compare: c + (0x80 - lo) maps [lo, lo + len) and nothing else onto
/// [-128, -128 + len).
inline bool payload_chars16(const char* p) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i low = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x80 - '0')),
                                     _mm_set1_epi8(-128 + ('W' - '0' + 1)));
  const __m128i high = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x80 - '`')),
                                      _mm_set1_epi8(-128 + ('w' - '`' + 1)));
  return _mm_movemask_epi8(_mm_or_si128(low, high)) == 0xFFFF;
}
#endif

/// True when every character of `payload` is in the armouring alphabet ('0'..'W',
/// '`'..'w'); sixteen characters at a time with SSE2 (baseline on x86-64), else eight.
inline bool all_payload_chars(std::string_view payload) {
  constexpr std::uint64_t k_high = 0x8080808080808080ULL;
  const char* p = payload.data();
  std::size_t n = payload.size();
#if defined(__SSE2__)
  if (n >= 16) {
    for (; n > 16; p += 16, n -= 16) {
      if (!payload_chars16(p)) return false;
    }
    // The last 16 bytes, overlapping ones already checked (which are valid).
    return payload_chars16(payload.data() + payload.size() - 16);
  }
#endif
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    if ((word & k_high) != 0 || payload_lanes(word) != k_high) return false;
  }
  if (n > 0 && payload.size() >= 8) {
    // The last word overlaps characters already checked, which are valid: check it whole.
    std::uint64_t word = 0;
    std::memcpy(&word, payload.data() + payload.size() - 8, sizeof word);
    return (word & k_high) == 0 && payload_lanes(word) == k_high;
  }
  bool ok = true;
  for (; n > 0; ++p, --n) ok &= is_payload_char(*p);
  return ok;
}

/// Parses 1..18 decimal digits (no sign, no spaces) into `out`. Returns false, leaving
/// `out` untouched, when `text` is empty, too long or has a non-digit.
constexpr bool parse_digits(std::string_view text, std::int64_t& out) {
  if (text.empty() || text.size() > k_max_int_digits) return false;
  std::int64_t value = 0;
  for (const char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

/// A receive time as Unix ms: values >= k_ms_threshold are taken as ms, others as seconds.
/// Requires: 0 <= value < 10^18 (as parse_digits() returns).
constexpr std::int64_t to_unix_ms(std::int64_t value) {
  return value >= k_ms_threshold ? value : value * 1000;
}

/// Upper-case hex digit of the low four bits of `nibble`.
constexpr char hex_digit(unsigned nibble) {
  return "0123456789ABCDEF"[nibble & 0xFU];
}

}  // namespace darkfleet::nmea::detail
