// Six-bit armouring and bit-field access for AIS payloads (internal).
//
// BitReader unpacks the armoured characters once into big-endian 64-bit words (32
// characters = 192 bits = 3 words at a time, through a lookup table), after which every
// field is one or two shifts. BitWriter is the inverse. Neither allocates.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

#include "darkfleet/ais/messages.hpp"

namespace darkfleet::ais::detail {

/// Marks a character outside the armouring alphabet in k_armour_value.
inline constexpr std::uint8_t k_bad_char = 0x80;

/// Armoured character -> six-bit value ('0'..'W' -> 0..39, '`'..'w' -> 40..63), or
/// k_bad_char for any other byte.
inline constexpr std::array<std::uint8_t, 256> k_armour_value = [] {
  std::array<std::uint8_t, 256> table{};
  for (auto& v : table) v = k_bad_char;
  for (int c = '0'; c <= 'W'; ++c)
    table[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - '0');
  for (int c = '`'; c <= 'w'; ++c)
    table[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - '`' + 40);
  return table;
}();

/// Six-bit value 0..63 -> armoured character.
inline constexpr char armour_char(unsigned value) {
  return static_cast<char>(value < 40 ? value + 48 : value + 56);
}

/// Six-bit value 0..63 -> AIS six-bit ASCII ('@'..'_', ' '..'?').
inline constexpr char sixbit_ascii(unsigned value) {
  return static_cast<char>(value < 32 ? value + 64 : value);
}

/// AIS six-bit ASCII -> six-bit value. Lower case maps to upper case, any other
/// character outside the alphabet to '?' (63).
inline constexpr unsigned ascii_sixbit(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 'a' && u <= 'z') u = static_cast<unsigned char>(u - 32U);
  if (u >= 64 && u <= 95) return u - 64U;
  if (u >= 32 && u <= 63) return u;
  return 63;
}

/// Words needed for the longest payload: 512 characters = 16 blocks of 3 words, plus one
/// zero word so that a two-word read at the end stays in bounds.
inline constexpr std::size_t k_max_payload_chars = 512;
inline constexpr std::size_t k_reader_words = k_max_payload_chars / 32 * 3 + 1;

/// Read access to an unpacked payload.
class BitReader {
 public:
  /// Unpacks `payload` (at most k_max_payload_chars characters) minus `fill_bits`.
  /// Returns false when a character is outside the armouring alphabet.
  /// Requires: payload.size() <= k_max_payload_chars, fill_bits <= 5.
  bool load(std::string_view payload, unsigned fill_bits) {
    const std::size_t n = payload.size();
    const auto* p = reinterpret_cast<const unsigned char*>(payload.data());
    std::uint64_t bad = 0;
    std::size_t w = 0;
    // Groups of 8 characters; the last partial group comes from an overlapping load of
    // the last 8 characters (or byte by byte when there are fewer than 8), padded with
    // '0' (six-bit 0). Blocks of 4 groups make 3 words.
    const std::size_t full = n / 8;
    const std::size_t groups = (n + 31) / 32 * 4;
    std::uint64_t g[4];
    for (std::size_t gi = 0; gi < groups; gi += 2) {
      if (gi + 2 <= full) {
        unpack16(load_le(p + 8 * gi), load_le(p + 8 * gi + 8), g[gi % 4], g[gi % 4 + 1], bad);
      } else {
        unpack16(load_group(p, n, gi), load_group(p, n, gi + 1), g[gi % 4], g[gi % 4 + 1], bad);
      }
      if (gi % 4 == 2) {
        m_words[w++] = (g[0] << 16) | (g[1] >> 32);
        m_words[w++] = (g[1] << 32) | (g[2] >> 16);
        m_words[w++] = (g[2] << 48) | g[3];
      }
    }
    m_words[w] = 0;
    m_word_count = w;
    m_bits = n * 6 >= fill_bits ? n * 6 - fill_bits : 0;
    // Clear the fill bits: fields read past the end (zero-filled ones of short type 5
    // and 15 messages) and data copies must see zeros. The fill bits of the last
    // character may straddle a word boundary, so clear from bit m_bits to the end.
    if (const std::size_t i = m_bits / 64; i < w) {
      const unsigned off = static_cast<unsigned>(m_bits % 64);
      m_words[i] &= off == 0 ? 0 : ~(~std::uint64_t{0} >> off);
      if (i + 1 < w) m_words[i + 1] = 0;  // beyond it only zero padding characters
    }
    return bad == 0;
  }

  /// Number of payload bits.
  [[nodiscard]] std::size_t size() const { return m_bits; }

  /// The unsigned field of `n` bits (1..64) at bit `pos`. Bits past size() read as 0.
  /// Requires: pos + n <= 64 * (word count) (all callers check the length first).
  [[nodiscard]] std::uint64_t u(std::size_t pos, unsigned n) const {
    const std::size_t i = pos >> 6;
    const unsigned off = static_cast<unsigned>(pos & 63U);
    std::uint64_t v = m_words[i] << off;
    if (off + n > 64) v |= m_words[i + 1] >> (64 - off);
    return v >> (64 - n);
  }

  /// u() narrowed to the field's storage type.
  template <typename T>
  [[nodiscard]] T get(std::size_t pos, unsigned n) const {
    return static_cast<T>(u(pos, n));
  }

  /// The two's-complement signed field of `n` bits (1..64) at bit `pos`.
  [[nodiscard]] std::int64_t s(std::size_t pos, unsigned n) const {
    return static_cast<std::int64_t>(u(pos, n) << (64 - n)) >> (64 - n);
  }

  /// A single bit as bool.
  [[nodiscard]] bool flag(std::size_t pos) const { return u(pos, 1) != 0; }

  /// `count` six-bit characters at `pos` into `text` (length = count, then trimmed as
  /// Text::trim() does).
  template <std::size_t N>
  void text(std::size_t pos, std::size_t count, Text<N>& text) const {
    if (count > N) count = N;  // callers never ask for more; keeps the bound visible
    // Eight characters (48 bits) per field read, spread to eight bytes and mapped to ASCII
    // with word arithmetic (SWAR), into whole words of a local buffer. The visible text
    // ends at the first '@' (six-bit 0) without the spaces before it: both are found on
    // the way, so that no second scan is needed.
    constexpr std::size_t k_words = (N + 7) / 8;
    std::array<std::uint64_t, k_words> words;
    std::size_t size = count;   // the first '@', or count
    std::size_t visible = 0;    // one past the last character that is not a space
    bool ended = false;         // an '@' was seen
    for (std::size_t w = 0; w < k_words; ++w) {
      const std::size_t i = 8 * w;
      if (i >= count) {
        words[w] = 0;
        continue;
      }
      const unsigned k = static_cast<unsigned>(count - i < 8 ? count - i : 8);
      // k characters left-aligned in 48 bits; the missing ones read as '@', cut off below
      const std::uint64_t codes = spread_sixbit(u(pos + 6 * i, 6 * k) << (6 * (8 - k)));
      const std::uint64_t kept = k == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * k)) - 1;
      const std::uint64_t ascii = sixbit_ascii8(codes) & kept;
      words[w] = std::endian::native == std::endian::big ? __builtin_bswap64(ascii) : ascii;
      if (ended) continue;
      std::uint64_t live = kept;  // the bytes before the first '@'
      if (const std::uint64_t zero = zero_bytes(codes) & kept; zero != 0) {
        const auto at = static_cast<unsigned>(std::countr_zero(zero)) / 8;
        size = i + at;
        ended = true;
        live = at == 0 ? 0 : (std::uint64_t{1} << (8 * at)) - 1;
      }
      if (const std::uint64_t solid = nonzero_bytes(ascii ^ 0x2020202020202020ULL) & live;
          solid != 0) {
        visible = i + (63 - static_cast<std::size_t>(std::countl_zero(solid))) / 8 + 1;
      }
    }
    std::memcpy(text.chars.data(), words.data(), N);
    text.length = static_cast<std::uint16_t>(count);
    text.size = static_cast<std::uint16_t>(visible < size ? visible : size);
  }

  /// The `count` bits at `pos` into `data`. Requires: count <= k_max_payload_bits.
  void data(std::size_t pos, std::size_t count, BinaryData& data) const {
    if (count > k_max_payload_bits) count = k_max_payload_bits;
    data.bit_count = static_cast<std::uint16_t>(count);
    std::size_t out = 0;
    for (std::size_t done = 0; done < count; done += 64) {
      const unsigned n = static_cast<unsigned>(count - done < 64 ? count - done : 64);
      const std::uint64_t v = u(pos + done, n) << (64 - n);
      for (unsigned b = 0; b < n; b += 8)
        data.bytes[out++] = static_cast<std::uint8_t>(v >> (56 - b));
    }
    for (std::size_t i = out; i < data.bytes.size(); ++i) data.bytes[i] = 0;
  }

  /// The bits from `pos` to the end (fewer than 64) as TrailingBits.
  [[nodiscard]] TrailingBits tail(std::size_t pos) const {
    TrailingBits t;
    if (pos < m_bits) {
      t.bit_count = static_cast<std::uint8_t>(m_bits - pos);
      t.value = u(pos, t.bit_count);
    }
    return t;
  }

 private:
  // 48 bits of eight six-bit codes (first code most significant) -> eight bytes, the first
  // code in the lowest byte: the inverse of the packing steps of unpack8().
  static std::uint64_t spread_sixbit(std::uint64_t v) {
    v = ((v >> 24) & 0xFFFFFFULL) | ((v & 0xFFFFFFULL) << 32);
    v = ((v >> 12) & 0x00000FFF00000FFFULL) | ((v & 0x00000FFF00000FFFULL) << 16);
    return ((v >> 6) & 0x003F003F003F003FULL) | ((v & 0x003F003F003F003FULL) << 8);
  }

  // Six-bit codes (one per byte, 0..63) -> six-bit ASCII: codes below 32 (bit 5 clear)
  // gain 64, as sixbit_ascii() does one at a time.
  static std::uint64_t sixbit_ascii8(std::uint64_t codes) {
    return codes | ((~codes & 0x2020202020202020ULL) << 1);
  }

  // High bit set in the lowest zero byte of `x` (and possibly above it; only the lowest
  // one is exact). Requires: every byte < 0x80.
  static std::uint64_t zero_bytes(std::uint64_t x) {
    return (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
  }

  // High bit set in every non-zero byte of `x` (exact for every byte).
  static std::uint64_t nonzero_bytes(std::uint64_t x) {
    constexpr std::uint64_t k_low7 = 0x7F7F7F7F7F7F7F7FULL;
    return (((x & k_low7) + k_low7) | x) & ~k_low7;
  }

  // 8 armoured characters (first in the lowest byte of `x`, as loaded little-endian) ->
  // their 48 bits, first character most significant. Sets `bad` to a non-zero value when
  // a character is outside the alphabet. Branch-free SWAR, no table.
  static std::uint64_t unpack8(std::uint64_t x, std::uint64_t& bad) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_high = 0x8080808080808080ULL;
    const std::uint64_t c = x & ~k_high;  // low 7 bits; bytes >= 0x80 are flagged below
    const auto ge = [c](unsigned k) { return (c + (0x80U - k) * k_ones) & k_high; };
    const std::uint64_t ge60 = ge(0x60);
    const std::uint64_t valid = ge(0x30) & ~(ge(0x58) & ~ge60) & ~ge(0x78) & ~x;
    bad |= ~valid & k_high;
    // value = c - '0' - (c >= '`' ? 8 : 0); no borrows between valid bytes
    std::uint64_t v = c - 0x30 * k_ones - (ge60 >> 4);
    v &= 0x3F * k_ones;
    // first character to the most significant byte, then pack 8 x 6 bits into 48
    v = __builtin_bswap64(v);
    v = ((v & 0xFF00FF00FF00FF00ULL) >> 2) | (v & 0x00FF00FF00FF00FFULL);
    v = ((v & 0xFFFF0000FFFF0000ULL) >> 4) | (v & 0x0000FFFF0000FFFFULL);
    v = ((v & 0xFFFFFFFF00000000ULL) >> 8) | (v & 0x00000000FFFFFFFFULL);
    return v;
  }

  // Eight '0' characters (six-bit value 0 each).
  static constexpr std::uint64_t k_zero_chars = 0x3030303030303030ULL;

  // Group `gi` (characters 8 gi .. 8 gi + 7) of the n characters at `p`. A group past the
  // end is all '0'; the last partial group comes from an overlapping load of the last 8
  // characters (or byte by byte when there are fewer than 8), padded with '0'.
  static std::uint64_t load_group(const unsigned char* p, std::size_t n, std::size_t gi) {
    const std::size_t full = n / 8;
    if (gi < full) return load_le(p + 8 * gi);
    if (gi > full || n % 8 == 0) return k_zero_chars;
    const unsigned rest = static_cast<unsigned>(n % 8);
    std::uint64_t x = 0;
    if (n >= 8) {
      x = load_le(p + n - 8) >> (8 * (8 - rest));
    } else {
      for (unsigned j = 0; j < rest; ++j) x |= std::uint64_t{p[j]} << (8 * j);
    }
    return x | (k_zero_chars << (8 * rest));
  }

  // Two groups of 8 armoured characters (as load_le() gives them) -> the 48 bits of `x0`
  // in `first` and of `x1` in `second`, as unpack8() gives them. Sets `bad` to a non-zero
  // value when a character is outside the alphabet.
  static void unpack16(std::uint64_t x0, std::uint64_t x1, std::uint64_t& first,
                       std::uint64_t& second, std::uint64_t& bad) {
#if defined(__SSE2__) && defined(__x86_64__)
    // SSE2 (baseline on x86-64) does both groups at once in about half the instructions.
    // A range test is one add and one signed compare: c + (0x80 - lo) maps [lo, lo + len)
    // and nothing else onto [-128, -128 + len).
    const __m128i x =
        _mm_set_epi64x(static_cast<long long>(x1), static_cast<long long>(x0));
    const __m128i in_low = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x80 - '0')),
                                          _mm_set1_epi8(-128 + ('W' - '0' + 1)));
    const __m128i in_high = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x80 - '`')),
                                           _mm_set1_epi8(-128 + ('w' - '`' + 1)));
    bad |= static_cast<std::uint64_t>(_mm_movemask_epi8(_mm_or_si128(in_low, in_high)) ^ 0xFFFF);
    // value = c - '0' - (c >= '`' ? 8 : 0), bytes in input order (for a valid character,
    // c >= '`' means in_high; what the others give does not matter, they are flagged)
    __m128i v = _mm_sub_epi8(_mm_sub_epi8(x, _mm_set1_epi8('0')),
                             _mm_and_si128(in_high, _mm_set1_epi8(8)));
    v = _mm_and_si128(v, _mm_set1_epi8(0x3F));
    // 16-bit lanes: first character << 6 | second (12 bits)
    v = _mm_or_si128(_mm_and_si128(_mm_slli_epi16(v, 6), _mm_set1_epi16(0x0FC0)),
                     _mm_srli_epi16(v, 8));
    // 32-bit lanes: first pair << 12 | second pair (24 bits)
    v = _mm_madd_epi16(v, _mm_set1_epi32(0x00011000));
    // 64-bit lanes: first quad << 24 | second quad (48 bits)
    v = _mm_add_epi64(_mm_mul_epu32(v, _mm_set1_epi32(1 << 24)), _mm_srli_epi64(v, 32));
    first = static_cast<std::uint64_t>(_mm_cvtsi128_si64(v));
    second = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v)));
#else
    first = unpack8(x0, bad);
    second = unpack8(x1, bad);
#endif
  }

  // 8 bytes at `p`, the first in the lowest byte.
  static std::uint64_t load_le(const unsigned char* p) {
    std::uint64_t x;
    std::memcpy(&x, p, sizeof x);
    if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
    return x;
  }

  std::array<std::uint64_t, k_reader_words> m_words;  // only [0, m_word_count] are set
  std::size_t m_word_count = 0;
  std::size_t m_bits = 0;
};

/// Builds a payload bit by bit field; armours it at the end.
class BitWriter {
 public:
  /// Appends the low `n` bits (0..64) of `value`. Bits past k_max_payload_bits + 64 are
  /// dropped (the caller's message then does not decode as too long; never UB).
  void put(std::uint64_t value, unsigned n) {
    if (n == 0) return;
    if (m_bits + n > k_capacity_bits) return;
    if (n < 64) value &= (std::uint64_t{1} << n) - 1;
    const std::size_t i = m_bits >> 6;
    const unsigned off = static_cast<unsigned>(m_bits & 63U);
    const unsigned room = 64 - off;
    if (n <= room) {
      m_words[i] |= value << (room - n);
    } else {
      m_words[i] |= value >> (n - room);
      m_words[i + 1] |= value << (64 - (n - room));
    }
    m_bits += n;
  }

  /// Appends a signed value in `n`-bit two's complement.
  void put_signed(std::int64_t value, unsigned n) { put(static_cast<std::uint64_t>(value), n); }

  /// Appends a flag.
  void put(bool value) { put(value ? 1U : 0U, 1); }

  /// Appends `width` six-bit characters: text.chars[0, text.length) then '@' padding.
  template <std::size_t N>
  void text(const Text<N>& text, std::size_t width) {
    const std::size_t len = text.length < N ? text.length : N;
    for (std::size_t i = 0; i < width; ++i) put(i < len ? ascii_sixbit(text.chars[i]) : 0U, 6);
  }

  /// Appends the first bit_count bits of `data`.
  void data(const BinaryData& data) {
    const std::size_t count =
        data.bit_count < k_max_payload_bits ? data.bit_count : k_max_payload_bits;
    std::size_t full = count / 8;
    for (std::size_t b = 0; b < full; ++b) put(data.bytes[b], 8);
    if (const unsigned rest = static_cast<unsigned>(count % 8); rest != 0) {
      put(static_cast<std::uint64_t>(data.bytes[full] >> (8 - rest)), rest);
    }
  }

  /// Appends trailing bits.
  void tail(const TrailingBits& t) { put(t.value, t.bit_count < 64 ? t.bit_count : 64); }

  /// Drops the last `n` bits written.
  void truncate(std::size_t n) {
    n = n < m_bits ? n : m_bits;
    m_bits -= n;
    // clear dropped bits so that the armoured tail is zero-filled
    const std::size_t i = m_bits >> 6;
    const unsigned off = static_cast<unsigned>(m_bits & 63U);
    m_words[i] &= off == 0 ? 0 : ~(~std::uint64_t{0} >> off);
    for (std::size_t j = i + 1; j < m_words.size(); ++j) m_words[j] = 0;
  }

  /// Number of bits written.
  [[nodiscard]] std::size_t size() const { return m_bits; }

  /// Appends the armoured characters to `out`; returns the fill bits (0..5).
  std::uint8_t armour(std::string& out) const {
    const std::size_t chars = (m_bits + 5) / 6;
    out.reserve(out.size() + chars);
    for (std::size_t c = 0; c < chars; ++c) {
      const std::size_t pos = c * 6;
      const std::size_t i = pos >> 6;
      const unsigned off = static_cast<unsigned>(pos & 63U);
      std::uint64_t v = m_words[i] << off;
      if (off > 58) v |= m_words[i + 1] >> (64 - off);
      out.push_back(armour_char(static_cast<unsigned>(v >> 58)));
    }
    return static_cast<std::uint8_t>(chars * 6 - m_bits);
  }

 private:
  static constexpr std::size_t k_capacity_bits = k_max_payload_bits + 128;
  std::array<std::uint64_t, k_capacity_bits / 64 + 1> m_words{};
  std::size_t m_bits = 0;
};

}  // namespace darkfleet::ais::detail
