// LineReader's slow path: refilling the block buffer and cutting over-long lines.
#include "darkfleet/io/line_reader.hpp"

#include <algorithm>

namespace darkfleet::io {

LineReader::LineReader(InputStream& input, std::size_t max_line_bytes)
    : m_input(input), m_max_line_bytes(std::max<std::size_t>(max_line_bytes, 1)),
      m_capacity(std::max(k_block_bytes, 2 * m_max_line_bytes)) {
  if (const auto mapped = input.mapped()) {
    m_mapped = true;
    m_data = mapped->data();
    m_mapped_size = mapped->size();
    m_capacity = 0;
  } else {
    m_buffer.reset(new char[m_capacity]);
    m_data = m_buffer.get();
  }
}

bool LineReader::next_mapped(Line& line) {
  // No newline in [m_pos, m_end): the window moves on (the file is contiguous, so the line
  // stays whole), and the pages before the line go back to the kernel.
  m_input.release_mapped(m_pos);
  while (m_end < m_mapped_size) {
    const std::size_t searched = m_end;
    m_end = std::min(m_mapped_size, m_end + k_block_bytes);
    m_bytes_read = m_end;
    const void* nl = std::memchr(m_data + searched, '\n', m_end - searched);
    if (nl != nullptr) {
      const char* begin = m_data + m_pos;
      const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - begin);
      m_pos += len + 1;
      emit(line, begin, len);
      return true;
    }
  }
  if (m_pos == m_end) {
    m_input.release_mapped(m_end);
    return false;
  }
  // Last line without a terminator.
  const std::size_t start = m_pos;
  m_pos = m_end;
  emit(line, m_data + start, m_end - start);
  return true;
}

bool LineReader::next_slow(Line& line) {
  if (m_mapped) return next_mapped(line);
  while (true) {
    // Move the unfinished line to the front, then read more behind it.
    const std::size_t pending = m_end - m_pos;
    if (m_pos > 0) {
      std::memmove(m_buffer.get(), m_buffer.get() + m_pos, pending);
      m_pos = 0;
      m_end = pending;
    }
    if (m_end >= m_max_line_bytes) {
      // No newline within the limit: hand out the first max bytes as the line's text and
      // skip the rest of it, reading on behind the head so that the head stays valid.
      const std::size_t head = m_max_line_bytes;
      std::uint64_t length = m_end;
      m_pos = m_end = head;
      while (!m_eof) {
        const std::size_t got = m_input.read(m_buffer.get() + head, m_capacity - head);
        m_bytes_read += got;
        if (got == 0) {
          m_eof = true;
          break;
        }
        const void* nl = std::memchr(m_buffer.get() + head, '\n', got);
        if (nl != nullptr) {
          const auto at = static_cast<std::size_t>(static_cast<const char*>(nl) - m_buffer.get());
          length += at - head;
          m_pos = at + 1;
          m_end = head + got;
          break;
        }
        length += got;
      }
      line.text = std::string_view(m_buffer.get(), head);
      line.number = ++m_line_number;
      line.length = length;
      line.too_long = true;
      return true;
    }
    if (m_eof) {
      if (m_end == 0) return false;
      // Last line without a terminator.
      m_pos = m_end;
      emit(line, m_buffer.get(), m_end);
      return true;
    }
    // Read in chunks that stay in the L2 cache until they are parsed.
    const std::size_t want = std::min(m_capacity - m_end, k_read_bytes);
    const std::size_t got = m_input.read(m_buffer.get() + m_end, want);
    m_bytes_read += got;
    if (got == 0) {
      m_eof = true;
      continue;
    }
    m_end += got;
    const void* nl = std::memchr(m_buffer.get() + pending, '\n', m_end - pending);
    if (nl != nullptr) {
      const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - m_buffer.get());
      m_pos = len + 1;
      emit(line, m_buffer.get(), len);
      return true;
    }
  }
}

}  // namespace darkfleet::io
