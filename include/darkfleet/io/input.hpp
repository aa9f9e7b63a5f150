// Byte sources for the readers: plain files, gzip, zstd, stdin.
//
// The compression is detected from the first bytes, not from the file name, so
// `darkfleet decode log.txt` works whatever the logger called its output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace darkfleet::io {

/// How an input is compressed.
enum class Compression : std::uint8_t { none, gzip, zstd };

/// A stream of decompressed bytes. Throws std::runtime_error (with the file name and the
/// system's reason) when the input cannot be opened or is corrupt: that ends a command.
class InputStream {
 public:
  /// Opens `path`; "-" is standard input.
  explicit InputStream(const std::string& path);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;
  InputStream(InputStream&&) noexcept;
  InputStream& operator=(InputStream&&) noexcept;

  /// Reads up to `size` decompressed bytes into `data`; returns 0 at the end of the input.
  std::size_t read(char* data, std::size_t size);

  /// The name given to the constructor ("-" for stdin).
  [[nodiscard]] const std::string& name() const;
  /// The detected compression.
  [[nodiscard]] Compression compression() const;
  /// Size of the file on disk, when it is a regular file (for progress).
  [[nodiscard]] std::optional<std::uint64_t> file_size() const;
  /// Bytes consumed from the file on disk so far (compressed bytes for gzip/zstd).
  [[nodiscard]] std::uint64_t file_bytes_read() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace darkfleet::io
