// A progress line on stderr for long runs: shown only when stderr is a terminal and the
// input is a file whose size is known (never for stdin), redrawn at most 5 times a second.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace darkfleet::cli {

class ProgressBar {
 public:
  /// `enabled` is the caller's wish (false for --no-progress); the TTY test is added here.
  explicit ProgressBar(bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// Reports `done` of `total` bytes (total empty: unknown) and `items` processed so far.
  void update(std::uint64_t done, std::optional<std::uint64_t> total, std::uint64_t items);
  /// Clears the line.
  void finish();

 private:
  bool m_enabled;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last;
};

}  // namespace darkfleet::cli
