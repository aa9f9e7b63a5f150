// The `--stats` report of `darkfleet decode`, written to stderr.
#pragma once

#include <cstdio>

#include "darkfleet/io/nmea_decoder.hpp"

namespace darkfleet::cli {

/// Prints messages by type, rejected lines by reason, the accounting identity and the
/// throughput for a run that took `seconds`.
void print_decode_stats(std::FILE* stream, const io::DecodeStats& stats, double seconds);

}  // namespace darkfleet::cli
