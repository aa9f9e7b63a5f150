// Internal: a whole file as text, for the estimate's TOML readers.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace darkfleet::estimate::detail {

/// The bytes of `path`; throws std::runtime_error naming it when it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace darkfleet::estimate::detail
