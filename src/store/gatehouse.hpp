// Gatehouse wrapper lines: `$PGHP,1,<year>,<month>,<day>,<hour>,<minute>,<second>,<ms>,...`
// put before a sentence by Gatehouse receivers (the DMA's national feed) carry the time
// the next sentence was received. The decoder rejects them as not_ais_sentence; the ingest
// takes their time for the messages that follow.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <utility>

namespace darkfleet::store::detail {

/// The Unix ms of a $PGHP line, or empty when `line` is not a valid one.
std::optional<std::int64_t> parse_gatehouse_time(std::string_view line);

/// The $PGHP times seen so far, by input line.
class GatehouseTimes {
 public:
  /// Remembers `line` if it is a $PGHP line; returns whether it was.
  bool take(std::uint64_t line_no, std::string_view line) {
    const auto t = parse_gatehouse_time(line);
    if (!t) return false;
    m_times.emplace_back(line_no, *t);
    return true;
  }
  /// The time of the last $PGHP line before input line `line_no`.
  [[nodiscard]] std::optional<std::int64_t> time_before(std::uint64_t line_no) const {
    for (auto it = m_times.rbegin(); it != m_times.rend(); ++it) {
      if (it->first < line_no) return it->second;
    }
    return std::nullopt;
  }
  /// Drops times no longer needed for messages at `line_no` or later.
  void forget_before(std::uint64_t line_no) {
    while (m_times.size() > 1 && m_times[1].first < line_no) m_times.pop_front();
  }

 private:
  std::deque<std::pair<std::uint64_t, std::int64_t>> m_times;
};

}  // namespace darkfleet::store::detail
