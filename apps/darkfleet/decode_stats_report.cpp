#include "decode_stats_report.hpp"

#include <fmt/format.h>

namespace darkfleet::cli {

void print_decode_stats(std::FILE* stream, const io::DecodeStats& stats, double seconds) {
  const double s = seconds > 0 ? seconds : 1e-9;
  fmt::print(stream, "decode: {} lines, {:.1f} MB in {:.3f} s ({:.2f} M messages/s, {:.0f} MB/s)\n",
             stats.lines, static_cast<double>(stats.bytes) / 1e6, seconds,
             static_cast<double>(stats.messages) / s / 1e6,
             static_cast<double>(stats.bytes) / s / 1e6);
  fmt::print(stream, "messages: {} decoded, {} written\n", stats.messages, stats.messages_written);
  for (std::size_t type = 0; type < stats.messages_by_type.size(); ++type) {
    if (stats.messages_by_type[type] != 0) {
      fmt::print(stream, "  type {:>2}: {:>12}\n", type, stats.messages_by_type[type]);
    }
  }
  fmt::print(stream, "lines: {} = {} in messages + {} rejected\n", stats.lines,
             stats.lines_in_messages, stats.rejected());
  if (stats.rejected() != 0) {
    fmt::print(stream, "rejected by reason:\n");
    for (std::size_t i = 0; i < stats.rejected_lines.size(); ++i) {
      if (stats.rejected_lines[i] != 0) {
        fmt::print(stream, "  {:<22} {:>12}\n", to_string(static_cast<ErrorCode>(i)),
                   stats.rejected_lines[i]);
      }
    }
  }
}

}  // namespace darkfleet::cli
