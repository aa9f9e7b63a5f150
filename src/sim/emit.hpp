// Turning one vessel report into output text: the AIS messages (1, 5, 18, 24) encoded with
// darkfleet's encoder into !AIVDM sentences, the tag block per receiver, and the DMA CSV row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "darkfleet/sim/scenario.hpp"

namespace darkfleet::sim::detail {

/// What a vessel transmits about itself at one time.
struct Report {
  std::uint32_t mmsi = 0;
  std::uint32_t imo = 0;
  std::string_view name;
  std::string_view callsign;
  std::string_view destination;
  int ship_type = 70;
  AisClass ais_class = AisClass::a;
  double length_m = 100;
  double beam_m = 18;
  LatLon position;  ///< as reported (may be spoofed)
  double sog_kn = 0;
  double cog_deg = 0;
  std::uint8_t status = 0;
  std::int64_t t_ms = 0;
};

/// Appends the sentences (each ending in '\n', no tag block) of the position report.
void append_position_sentences(std::string& out, const Report& r, char channel);
/// Appends the sentences of a static message: type 5 (class A), or type 24 part A
/// (`part` 0) or part B (`part` 1) for class B. `sequence_id` (0..9) pairs the fragments
/// of the two-sentence type 5.
void append_static_sentences(std::string& out, const Report& r, char channel,
                             std::uint8_t sequence_id, int part);
/// Prefixes every line of `sentences` with a tag block (`c:` whole seconds of `rx_ms`,
/// `s:` receiver) and appends them to `out`; returns the number of lines.
std::uint32_t append_tagged(std::string& out, std::string_view sentences, std::int64_t rx_ms,
                            std::string_view receiver);
/// Appends one DMA CSV row for a position report received at `rx_ms`.
void append_dma_row(std::string& out, const Report& r, std::int64_t rx_ms);

}  // namespace darkfleet::sim::detail
