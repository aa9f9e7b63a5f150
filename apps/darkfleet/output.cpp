#include "output.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace darkfleet::cli {

Output::Output(const std::string& path, bool overwrite) : m_path(path) {
  m_buffer.reserve(2 << 20);
  if (path == "-") {
    m_file = stdout;
    return;
  }
  struct stat st {};
  if (!overwrite && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    throw std::runtime_error(
        fmt::format("{}: output file exists (use -O/--overwrite to replace it)", path));
  }
  m_file = std::fopen(path.c_str(), "wb");
  if (m_file == nullptr) {
    throw std::runtime_error(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  }
  m_owns = true;
}

Output::~Output() {
  try {
    close();
  } catch (...) {  // NOLINT(bugprone-empty-catch): destructors must not throw
  }
}

void Output::flush() {
  if (m_file == nullptr || m_buffer.empty()) return;
  const std::size_t size = m_buffer.size();
  const std::size_t n = std::fwrite(m_buffer.data(), 1, size, m_file);
  m_buffer.clear();
  if (n != size || std::ferror(m_file) != 0) {
    throw std::runtime_error(fmt::format("{}: write failed: {}",
                                         m_path == "-" ? "<stdout>" : m_path,
                                         std::strerror(errno)));
  }
}

void Output::close() {
  if (m_file == nullptr) return;
  flush();
  std::FILE* file = m_file;
  m_file = nullptr;
  const bool failed = (std::fflush(file) != 0) || (m_owns && std::fclose(file) != 0);
  if (failed) throw std::runtime_error(fmt::format("{}: write failed", m_path));
}

}  // namespace darkfleet::cli
