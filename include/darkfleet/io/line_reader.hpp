// Splits an InputStream into lines without a system call or a copy per line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <memory>

#include "darkfleet/io/input.hpp"

namespace darkfleet::io {

/// One line of input, without its terminator ("\n" or "\r\n").
struct Line {
  std::string_view text;        ///< the line; for an over-long line, its first max_line_bytes
  std::uint64_t number = 0;     ///< 1-based line number in the input
  std::uint64_t length = 0;     ///< full length in bytes (larger than text.size() when too long)
  bool too_long = false;        ///< longer than the reader's max_line_bytes
};

/// Reads lines from `input` in large blocks, or straight from the file when the input is
/// mapped (InputStream::mapped(): no copy at all). A Line's text stays valid until the next
/// call to next().
class LineReader {
 public:
  /// Default block size for reads; lines longer than `max_line_bytes` are cut (see Line).
  static constexpr std::size_t k_block_bytes = 4 << 20;
  /// Bytes asked of the input per read: small enough that a chunk is still in the L2
  /// cache when its lines are parsed, large enough that system calls do not matter.
  static constexpr std::size_t k_read_bytes = 256 << 10;

  explicit LineReader(InputStream& input, std::size_t max_line_bytes = 1 << 20);

  /// Bytes of the input handed out so far as lines, terminators and cut-off parts of
  /// over-long lines included (the whole input once next() has returned false).
  [[nodiscard]] std::uint64_t bytes_consumed() const { return m_bytes_read - (m_end - m_pos); }

  /// Sets `line` to the next line; returns false at the end of the input.
  bool next(Line& line) {
    if (m_pos < m_end) {
      const char* begin = m_data + m_pos;
      const void* nl = std::memchr(begin, '\n', m_end - m_pos);
      if (nl != nullptr) {
        const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - begin);
        m_pos += len + 1;
        emit(line, begin, len);
        return true;
      }
    }
    return next_slow(line);
  }

 private:
  void emit(Line& line, const char* begin, std::size_t len) {
    std::size_t text_len = len;
    if (text_len > 0 && begin[text_len - 1] == '\r') --text_len;
    line.number = ++m_line_number;
    line.length = text_len;
    line.too_long = text_len > m_max_line_bytes;
    line.text = std::string_view(begin, line.too_long ? m_max_line_bytes : text_len);
  }
  bool next_slow(Line& line);
  bool next_mapped(Line& line);

  InputStream& m_input;
  std::size_t m_max_line_bytes;
  std::size_t m_capacity;
  std::unique_ptr<char[]> m_buffer;  // not zeroed: every byte is written before it is read
  // Where lines are cut from: m_buffer, or the mapped file. For a mapped file, [0, m_end)
  // is a window that next_mapped() moves on by k_block_bytes, releasing what lies behind.
  const char* m_data = nullptr;
  std::size_t m_mapped_size = 0;
  bool m_mapped = false;
  std::size_t m_pos = 0;
  std::size_t m_end = 0;
  bool m_eof = false;
  std::uint64_t m_line_number = 0;
  std::uint64_t m_bytes_read = 0;  // bytes taken from the input in all
};

}  // namespace darkfleet::io
