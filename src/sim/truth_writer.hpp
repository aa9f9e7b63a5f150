// Streams truth.json: each section (tracks, dark periods, ...) goes to its own staging file
// beside the target as records arrive, and finish() joins them into one JSON object, so
// that memory does not grow with the simulated duration.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

#include "truth_json.hpp"

namespace darkfleet::sim::detail {

class TruthWriter {
 public:
  /// Opens the staging files for `path`. Throws std::runtime_error when it cannot.
  explicit TruthWriter(std::string path);
  ~TruthWriter();
  TruthWriter(const TruthWriter&) = delete;
  TruthWriter& operator=(const TruthWriter&) = delete;

  /// Appends one JSON object to `section`.
  void add(int section, std::string_view json_object);
  /// Writes `path`: `{<head>, "<section>": [...], ...}` where `head` holds the leading
  /// members (no braces), then removes the staging files. Throws on I/O errors.
  void finish(std::string_view head);

 private:
  std::string m_path;
  std::array<std::FILE*, k_section_count> m_parts{};
  std::array<std::uint64_t, k_section_count> m_counts{};
};

}  // namespace darkfleet::sim::detail
