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
#include <string_view>

namespace darkfleet::io {

/// How an input is compressed.
enum class Compression : std::uint8_t { none, gzip, zstd };

/// How an uncompressed regular file is read.
enum class Access : std::uint8_t {
  map,   ///< mapped into memory when the system allows it: no copy (the default)
  read,  ///< read() into buffers, as pipes and compressed files always are
};

/// A stream of decompressed bytes. Throws std::runtime_error (with the file name and the
/// system's reason) when the input cannot be opened or is corrupt: that ends a command.
class InputStream {
 public:
  /// Opens `path`; "-" is standard input.
  explicit InputStream(const std::string& path, Access access = Access::map);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;
  InputStream(InputStream&&) noexcept;
  InputStream& operator=(InputStream&&) noexcept;

  /// Reads up to `size` decompressed bytes into `data`; returns 0 at the end of the input.
  /// (A mapped input is copied from its mapping; LineReader uses mapped() instead.)
  std::size_t read(char* data, std::size_t size);

  /// The whole file as one view when it is an uncompressed regular file mapped into memory
  /// (LineReader then hands out lines straight from it); empty otherwise. The file is read
  /// to its size at open: what is appended later is not seen (follow a growing log with
  /// `tail -f log | darkfleet decode -`), and truncating it while it is read ends the
  /// process with SIGBUS, as with any mapped file.
  [[nodiscard]] std::optional<std::string_view> mapped() const;

  /// For a mapped input: the bytes before `offset` are done. They count as read in
  /// file_bytes_read(), and their pages go back to the kernel, so that resident memory
  /// stays small however large the file is.
  void release_mapped(std::uint64_t offset);

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
