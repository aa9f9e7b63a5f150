// A whole input file as text, for the commands that parse one (evaluate, evidence).
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace darkfleet::cli {

/// The bytes of `path`; throws std::runtime_error naming it when it cannot be read.
inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace darkfleet::cli
