#include "truth_writer.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace darkfleet::sim::detail {

namespace {

std::string part_path(const std::string& path, int section) {
  return fmt::format("{}.{}.part", path, section_name(section));
}

[[noreturn]] void io_error(const std::string& what, const std::string& path) {
  throw std::runtime_error(fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

}  // namespace

TruthWriter::TruthWriter(std::string path) : m_path(std::move(path)) {
  for (int s = 0; s < k_section_count; ++s) {
    m_parts[static_cast<std::size_t>(s)] = std::fopen(part_path(m_path, s).c_str(), "w+b");
    if (m_parts[static_cast<std::size_t>(s)] == nullptr)
      io_error("cannot create", part_path(m_path, s));
  }
}

TruthWriter::~TruthWriter() {
  for (int s = 0; s < k_section_count; ++s) {
    if (m_parts[static_cast<std::size_t>(s)] != nullptr) {
      std::fclose(m_parts[static_cast<std::size_t>(s)]);
      std::remove(part_path(m_path, s).c_str());
    }
  }
}

void TruthWriter::add(int section, std::string_view json_object) {
  const auto i = static_cast<std::size_t>(section);
  std::FILE* f = m_parts[i];
  if (m_counts[i]++ > 0) std::fputs(",\n", f);
  std::fputs("    ", f);
  std::fwrite(json_object.data(), 1, json_object.size(), f);
}

void TruthWriter::finish(std::string_view head) {
  std::FILE* out = std::fopen(m_path.c_str(), "wb");
  if (out == nullptr) io_error("cannot create", m_path);
  std::fputs("{\n", out);
  std::fwrite(head.data(), 1, head.size(), out);
  char buffer[1 << 16];
  for (int s = 0; s < k_section_count; ++s) {
    const auto i = static_cast<std::size_t>(s);
    fmt::print(out, ",\n  \"{}\": [\n", section_name(s));
    std::rewind(m_parts[i]);
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof(buffer), m_parts[i])) > 0)
      std::fwrite(buffer, 1, n, out);
    std::fputs(m_counts[i] > 0 ? "\n  ]" : "  ]", out);
    std::fclose(m_parts[i]);
    m_parts[i] = nullptr;
    std::remove(part_path(m_path, s).c_str());
  }
  std::fputs("\n}\n", out);
  if (std::ferror(out) != 0) {
    std::fclose(out);
    io_error("cannot write", m_path);
  }
  if (std::fclose(out) != 0) io_error("cannot write", m_path);
}

}  // namespace darkfleet::sim::detail
