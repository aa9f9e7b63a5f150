#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace darkfleet::cli {

ProgressBar::ProgressBar(bool enabled)
    : m_enabled(enabled && ::isatty(STDERR_FILENO) == 1),
      m_start(std::chrono::steady_clock::now()),
      m_last(m_start) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::uint64_t done, std::optional<std::uint64_t> total,
                         std::uint64_t items) {
  if (!m_enabled || !total || *total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - m_last < std::chrono::milliseconds(200)) return;
  m_last = now;
  const double fraction = static_cast<double>(done) / static_cast<double>(*total);
  constexpr int k_width = 30;
  const int filled = static_cast<int>(fraction * k_width);
  const double seconds = std::chrono::duration<double>(now - m_start).count();
  const double rate = seconds > 0 ? static_cast<double>(items) / seconds : 0.0;
  fmt::print(stderr, "\r[{:<{}}] {:5.1f}%  {} records  {:.2f} M/s  {:.1f} s", std::string(
                 static_cast<std::size_t>(filled < 0 ? 0 : (filled > k_width ? k_width : filled)),
                 '#'),
             k_width, 100.0 * fraction, items, rate / 1e6, seconds);
  std::fflush(stderr);
  m_drawn = true;
}

void ProgressBar::finish() {
  if (m_drawn) {
    fmt::print(stderr, "\r{:80}\r", "");
    std::fflush(stderr);
    m_drawn = false;
  }
}

}  // namespace darkfleet::cli
