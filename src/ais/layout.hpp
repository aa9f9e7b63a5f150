// Per-type payload length limits and field scales shared by the decoder and the encoder
// (internal).
#pragma once

#include <array>
#include <cstdint>

#include "darkfleet/ais/messages.hpp"

namespace darkfleet::ais::detail {

/// 1/10000 minute per degree (types 1-4, 9, 11, 18, 19, 21).
inline constexpr double k_scale_1e4 = 600000.0;
/// 1/10 minute per degree (types 17, 22, 23, 27).
inline constexpr double k_scale_10 = 600.0;
/// "Not available" longitude (181 deg) and latitude (91 deg) in each resolution.
inline constexpr std::int64_t k_lon_na_1e4 = 181 * 600000;
inline constexpr std::int64_t k_lat_na_1e4 = 91 * 600000;
inline constexpr std::int64_t k_lon_na_10 = 181 * 600;
inline constexpr std::int64_t k_lat_na_10 = 91 * 600;

/// Accepted payload lengths of one message type.
struct Layout {
  std::uint16_t min_bits = 0;
  std::uint16_t max_bits = 0;
};

inline constexpr std::uint16_t k_max_bits = static_cast<std::uint16_t>(k_max_payload_bits);

/// Most bits beyond a type's full layout that decode() keeps in a TrailingBits.
inline constexpr std::uint16_t k_max_tail_bits = 63;

/// Indexed by message type; [0] unused. max_bits is the full layout plus k_max_tail_bits
/// for all but the binary and text types (whose data absorbs any length up to
/// k_max_payload_bits) and type 25 (one slot, 168 bits, as gpsd). Type 5 also accepts
/// 420..423 bits; type 24 part A needs 160 bits, part B 168 (checked in the decoder).
inline constexpr std::array<Layout, 28> k_layouts = {{
    {0, 0},            // 0: unknown
    {168, 168 + 63},   // 1
    {168, 168 + 63},   // 2
    {168, 168 + 63},   // 3
    {168, 168 + 63},   // 4
    {420, 424 + 63},   // 5
    {88, k_max_bits},  // 6
    {72, 168 + 63},    // 7
    {56, k_max_bits},  // 8
    {168, 168 + 63},   // 9
    {72, 72 + 63},     // 10
    {168, 168 + 63},   // 11
    {72, k_max_bits},  // 12
    {72, 168 + 63},    // 13
    {40, k_max_bits},  // 14
    {88, 160 + 63},    // 15
    {92, 144 + 63},    // 16
    {80, k_max_bits},  // 17
    {168, 168 + 63},   // 18
    {312, 312 + 63},   // 19
    {70, 160 + 63},    // 20
    {272, 356 + 63},   // 21 (14 name extension chars end at 356)
    {168, 168 + 63},   // 22
    {160, 160 + 63},   // 23
    {160, 168 + 63},   // 24 (part A 160..223, part B 168..231)
    {40, 168},         // 25 (plus 30 when addressed, 16 when structured)
    {60, k_max_bits},  // 26 (plus 30 when addressed, 16 when structured)
    {96, 96 + 63},     // 27
}};

}  // namespace darkfleet::ais::detail
