// The line-scan floor of the decode benchmark: the least work any line-based NMEA decoder
// must do. Reads FILE with 4 MiB read() calls and counts '\n' with memchr, nothing else.
//
// Usage: line_scan_floor FILE
// Prints "lines N bytes B" to stdout. Exit status 0, 1 when FILE cannot be read, 2 for usage.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

namespace {

constexpr std::size_t k_read_bytes = std::size_t{4} << 20;

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: line_scan_floor FILE\n");
    return 2;
  }
  const int fd = ::open(argv[1], O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "line_scan_floor: cannot open %s: %s\n", argv[1], std::strerror(errno));
    return 1;
  }
  const auto buffer = std::make_unique<char[]>(k_read_bytes);
  std::uint64_t lines = 0;
  std::uint64_t bytes = 0;
  for (;;) {
    const ssize_t got = ::read(fd, buffer.get(), k_read_bytes);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "line_scan_floor: cannot read %s: %s\n", argv[1], std::strerror(errno));
      ::close(fd);
      return 1;
    }
    if (got == 0) break;
    const auto size = static_cast<std::size_t>(got);
    bytes += size;
    const char* p = buffer.get();
    const char* const end = p + size;
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (nl == nullptr) break;
      ++lines;
      p = static_cast<const char*>(nl) + 1;
    }
  }
  ::close(fd);
  std::printf("lines %llu bytes %llu\n", static_cast<unsigned long long>(lines),
              static_cast<unsigned long long>(bytes));
  return 0;
}
