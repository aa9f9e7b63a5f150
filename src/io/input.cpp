// InputStream: plain, gzip and zstd inputs read in large blocks (one system call per
// block, never per line).
#include "darkfleet/io/input.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <memory>

#include <fmt/format.h>

namespace darkfleet::io {
namespace {

constexpr std::size_t k_raw_block_bytes = 1 << 20;

std::runtime_error io_error(const std::string& name, const std::string& what) {
  return std::runtime_error(fmt::format("{}: {}", name == "-" ? "<stdin>" : name, what));
}

}  // namespace

struct InputStream::Impl {
  std::string name;
  int fd = -1;
  bool owns_fd = false;
  Compression compression = Compression::none;
  std::optional<std::uint64_t> file_size;
  std::uint64_t file_bytes_read = 0;

  // Raw (compressed) bytes not yet handed to a decompressor or the caller.
  std::unique_ptr<char[]> raw{new char[k_raw_block_bytes]};  // not zeroed: written before read
  std::size_t raw_begin = 0;
  std::size_t raw_end = 0;
  bool raw_eof = false;

  // A mapped uncompressed regular file (Access::map), and how much of it is released.
  const char* map = nullptr;
  std::size_t map_size = 0;
  std::uint64_t map_released = 0;
  std::size_t map_read = 0;  // read() from a mapped file copies from here

  z_stream gz{};
  bool gz_ready = false;
  bool gz_stream_end = false;
  ZSTD_DStream* zstd = nullptr;

  ~Impl() {
    if (map != nullptr) ::munmap(const_cast<char*>(map), map_size);
    if (gz_ready) inflateEnd(&gz);
    if (zstd != nullptr) ZSTD_freeDStream(zstd);
    if (owns_fd && fd >= 0) ::close(fd);
  }

  // Refills `raw` when it is empty; returns false at the end of the file.
  bool fill_raw() {
    if (raw_begin < raw_end) return true;
    if (raw_eof) return false;
    raw_begin = 0;
    raw_end = 0;
    while (true) {
      const ssize_t got = ::read(fd, raw.get(), k_raw_block_bytes);
      if (got < 0) {
        if (errno == EINTR) continue;
        throw io_error(name, std::strerror(errno));
      }
      if (got == 0) {
        raw_eof = true;
        return false;
      }
      raw_end = static_cast<std::size_t>(got);
      file_bytes_read += static_cast<std::uint64_t>(got);
      return true;
    }
  }

  void detect() {
    // Read until we have 4 bytes or the end, to recognise the magic numbers.
    while (raw_end < 4 && !raw_eof) {
      const ssize_t got = ::read(fd, raw.get() + raw_end, k_raw_block_bytes - raw_end);
      if (got < 0) {
        if (errno == EINTR) continue;
        throw io_error(name, std::strerror(errno));
      }
      if (got == 0) raw_eof = true;
      raw_end += static_cast<std::size_t>(got);
      file_bytes_read += static_cast<std::uint64_t>(got);
    }
    const auto* b = reinterpret_cast<const unsigned char*>(raw.get());
    if (raw_end >= 2 && b[0] == 0x1f && b[1] == 0x8b) {
      compression = Compression::gzip;
      // 15 + 32: zlib or gzip header, and concatenated members are handled in read_gzip.
      if (inflateInit2(&gz, 15 + 32) != Z_OK) throw io_error(name, "cannot start gzip decoder");
      gz_ready = true;
    } else if (raw_end >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd) {
      compression = Compression::zstd;
      zstd = ZSTD_createDStream();
      if (zstd == nullptr) throw io_error(name, "cannot start zstd decoder");
      ZSTD_initDStream(zstd);
    }
  }

  // Maps the whole file when it is plain, regular and not empty; keeps reading otherwise.
  void try_map() {
    if (compression != Compression::none || !owns_fd || !file_size || *file_size == 0 ||
        *file_size > std::numeric_limits<std::size_t>::max()) {
      return;
    }
    const auto size = static_cast<std::size_t>(*file_size);
    void* at = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (at == MAP_FAILED) return;  // e.g. a file system without mmap: read() works there
    ::madvise(at, size, MADV_SEQUENTIAL);
    map = static_cast<const char*>(at);
    map_size = size;
    file_bytes_read = 0;  // from now on: what the reader has released
  }

  void release(std::uint64_t offset) {
    if (map == nullptr) return;
    offset = std::min<std::uint64_t>(offset, map_size);
    if (offset <= map_released) return;
    file_bytes_read = offset;
    // Whole pages only; the page that holds `offset` may still be in use.
    const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    const std::uint64_t begin = map_released / page * page;
    const std::uint64_t end = offset / page * page;
    if (end > begin) {
      ::madvise(const_cast<char*>(map) + begin, static_cast<std::size_t>(end - begin),
                MADV_DONTNEED);
    }
    map_released = offset;
  }

  std::size_t read_plain(char* data, std::size_t size) {
    if (map != nullptr) {
      const std::size_t n = std::min(size, map_size - map_read);
      std::memcpy(data, map + map_read, n);
      map_read += n;
      file_bytes_read = std::max<std::uint64_t>(file_bytes_read, map_read);
      return n;
    }
    if (raw_begin < raw_end) {
      const std::size_t n = std::min(size, raw_end - raw_begin);
      std::memcpy(data, raw.get() + raw_begin, n);
      raw_begin += n;
      return n;
    }
    if (raw_eof) return 0;
    while (true) {
      const ssize_t got = ::read(fd, data, size);
      if (got < 0) {
        if (errno == EINTR) continue;
        throw io_error(name, std::strerror(errno));
      }
      if (got == 0) raw_eof = true;
      file_bytes_read += static_cast<std::uint64_t>(got);
      return static_cast<std::size_t>(got);
    }
  }

  std::size_t read_gzip(char* data, std::size_t size) {
    gz.next_out = reinterpret_cast<Bytef*>(data);
    gz.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1U << 30));
    while (gz.avail_out > 0) {
      if (!fill_raw()) {
        if (!gz_stream_end && gz.avail_out == size) throw io_error(name, "truncated gzip stream");
        break;
      }
      if (gz_stream_end) {
        // Another gzip member follows (concatenated .gz files).
        inflateReset(&gz);
        gz_stream_end = false;
      }
      gz.next_in = reinterpret_cast<Bytef*>(raw.get() + raw_begin);
      gz.avail_in = static_cast<uInt>(raw_end - raw_begin);
      const int rc = inflate(&gz, Z_NO_FLUSH);
      raw_begin = raw_end - gz.avail_in;
      if (rc == Z_STREAM_END) {
        gz_stream_end = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw io_error(name, fmt::format("corrupt gzip data ({})", gz.msg ? gz.msg : "inflate failed"));
      }
      if (gz.avail_out < size) break;  // hand out what we have; the caller loops
    }
    return size - gz.avail_out;
  }

  std::size_t read_zstd(char* data, std::size_t size) {
    ZSTD_outBuffer out{data, size, 0};
    while (out.pos == 0) {
      if (!fill_raw()) break;
      ZSTD_inBuffer in{raw.get() + raw_begin, raw_end - raw_begin, 0};
      const std::size_t rc = ZSTD_decompressStream(zstd, &out, &in);
      raw_begin += in.pos;
      if (ZSTD_isError(rc) != 0U) {
        throw io_error(name, fmt::format("corrupt zstd data ({})", ZSTD_getErrorName(rc)));
      }
    }
    return out.pos;
  }
};

InputStream::InputStream(const std::string& path, Access access)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->name = path;
  if (path == "-") {
    m_impl->fd = STDIN_FILENO;
  } else {
    m_impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_impl->fd < 0) throw io_error(path, std::strerror(errno));
    m_impl->owns_fd = true;
    struct stat st {};
    if (::fstat(m_impl->fd, &st) == 0) {
      if (S_ISDIR(st.st_mode)) throw io_error(path, "is a directory");
      if (S_ISREG(st.st_mode)) m_impl->file_size = static_cast<std::uint64_t>(st.st_size);
    }
    ::posix_fadvise(m_impl->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  m_impl->detect();
  if (access == Access::map) m_impl->try_map();
}

InputStream::~InputStream() = default;
InputStream::InputStream(InputStream&&) noexcept = default;
InputStream& InputStream::operator=(InputStream&&) noexcept = default;

std::size_t InputStream::read(char* data, std::size_t size) {
  if (size == 0) return 0;
  switch (m_impl->compression) {
    case Compression::none: return m_impl->read_plain(data, size);
    case Compression::gzip: return m_impl->read_gzip(data, size);
    case Compression::zstd: return m_impl->read_zstd(data, size);
  }
  return 0;
}

const std::string& InputStream::name() const { return m_impl->name; }
Compression InputStream::compression() const { return m_impl->compression; }
std::optional<std::uint64_t> InputStream::file_size() const { return m_impl->file_size; }
std::uint64_t InputStream::file_bytes_read() const { return m_impl->file_bytes_read; }

std::optional<std::string_view> InputStream::mapped() const {
  if (m_impl->map == nullptr) return std::nullopt;
  return std::string_view(m_impl->map, m_impl->map_size);
}

void InputStream::release_mapped(std::uint64_t offset) { m_impl->release(offset); }

}  // namespace darkfleet::io
