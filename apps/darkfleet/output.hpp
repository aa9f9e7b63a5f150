// Buffered output to a file or stdout ("-"), with osmium's overwrite rule: an existing
// file is replaced only with -O/--overwrite.
#pragma once

#include <cstdio>
#include <string>

namespace darkfleet::cli {

class Output {
 public:
  /// Opens `path` ("-" is stdout). Throws when the file exists and `overwrite` is false,
  /// or when it cannot be created.
  Output(const std::string& path, bool overwrite);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  /// The buffer to append to; write_if_full() hands it to the OS in large blocks.
  std::string& buffer() { return m_buffer; }
  /// Writes the buffer when it holds at least `threshold` bytes.
  void write_if_full(std::size_t threshold = 1 << 20) {
    if (m_buffer.size() >= threshold) flush();
  }
  /// Writes everything buffered. Throws on a write error (disk full, closed pipe).
  void flush();
  /// Flushes and closes; throws on error. Called by the destructor if not before (errors
  /// are then swallowed).
  void close();

 private:
  std::string m_path;
  std::FILE* m_file = nullptr;
  bool m_owns = false;
  std::string m_buffer;
};

}  // namespace darkfleet::cli
