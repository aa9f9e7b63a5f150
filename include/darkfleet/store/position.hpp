// One stored AIS position, in the fixed-point units the store keeps on disk.
//
// Positions are held quantised from the moment they enter darkfleet's store, so what a
// reader gets back is bit-for-bit what was written (docs/adr/0002-store-schema.md):
// latitude and longitude in micro-degrees (1e-6 deg, about 0.11 m), speed in 0.1 kn,
// course in 0.1 deg, heading in whole degrees, time in Unix milliseconds.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>

namespace darkfleet::store {

/// Micro-degrees per degree (the stored latitude/longitude resolution is 1e-6 deg).
inline constexpr double k_udeg_per_deg = 1e6;
/// Stored "speed not available" (AIS's own code, in 0.1 kn).
inline constexpr std::uint16_t k_sog_na = 1023;
/// Stored "course not available" (AIS's own code, in 0.1 deg).
inline constexpr std::uint16_t k_cog_na = 3600;
/// Stored "heading not available" (AIS's own code, degrees).
inline constexpr std::uint16_t k_heading_na = 511;
/// Stored "navigation status not defined" (AIS's own code).
inline constexpr std::uint8_t k_status_na = 15;

/// A position report as stored: fixed-point fields, "not available" as AIS's codes.
struct Position {
  std::int64_t t_ms = 0;                  ///< receive time, Unix ms (UTC)
  std::int32_t lat_udeg = 0;              ///< latitude, 1e-6 deg, -90e6..90e6
  std::int32_t lon_udeg = 0;              ///< longitude, 1e-6 deg, -180e6..180e6
  std::uint16_t sog_dkn = k_sog_na;       ///< speed over ground, 0.1 kn (0..1022); 1023 = n/a
  std::uint16_t cog_ddeg = k_cog_na;      ///< course over ground, 0.1 deg (0..3599); 3600 = n/a
  std::uint16_t heading_deg = k_heading_na;  ///< true heading 0..359; 511 = n/a
  std::uint8_t status = k_status_na;      ///< AIS navigation status 0..15 (15 = not defined)

  [[nodiscard]] double lat_deg() const { return lat_udeg / k_udeg_per_deg; }
  [[nodiscard]] double lon_deg() const { return lon_udeg / k_udeg_per_deg; }
  [[nodiscard]] std::optional<double> sog_kn() const {
    return sog_dkn == k_sog_na ? std::nullopt : std::optional<double>(sog_dkn / 10.0);
  }
  [[nodiscard]] std::optional<double> cog_deg() const {
    return cog_ddeg == k_cog_na ? std::nullopt : std::optional<double>(cog_ddeg / 10.0);
  }
  [[nodiscard]] std::optional<double> heading() const {
    return heading_deg == k_heading_na ? std::nullopt : std::optional<double>(heading_deg);
  }
  friend bool operator==(const Position&, const Position&) = default;
};

/// Orders by time first, then by every field, so that sorting is deterministic and exact
/// duplicates end up next to each other.
inline bool operator<(const Position& a, const Position& b) {
  if (a.t_ms != b.t_ms) return a.t_ms < b.t_ms;
  if (a.lat_udeg != b.lat_udeg) return a.lat_udeg < b.lat_udeg;
  if (a.lon_udeg != b.lon_udeg) return a.lon_udeg < b.lon_udeg;
  if (a.sog_dkn != b.sog_dkn) return a.sog_dkn < b.sog_dkn;
  if (a.cog_ddeg != b.cog_ddeg) return a.cog_ddeg < b.cog_ddeg;
  if (a.heading_deg != b.heading_deg) return a.heading_deg < b.heading_deg;
  return a.status < b.status;
}

/// Builds a stored position from physical values, rounding to the stored resolution.
/// Requires: lat in [-90, 90], lon in [-180, 180]. Values outside their AIS range are "not
/// available": speeds outside [0, 102.2] kn (102.3 is AIS's n/a), courses outside [0, 360),
/// headings outside [0, 359], statuses above 15.
inline Position make_position(std::int64_t t_ms, double lat_deg, double lon_deg,
                              std::optional<double> sog_kn = std::nullopt,
                              std::optional<double> cog_deg = std::nullopt,
                              std::optional<double> heading_deg = std::nullopt,
                              std::uint8_t status = k_status_na) {
  Position p;
  p.t_ms = t_ms;
  p.lat_udeg = static_cast<std::int32_t>(std::lround(lat_deg * k_udeg_per_deg));
  p.lon_udeg = static_cast<std::int32_t>(std::lround(lon_deg * k_udeg_per_deg));
  if (sog_kn && *sog_kn >= 0.0 && *sog_kn < 102.25) {
    const long dkn = std::lround(*sog_kn * 10.0);
    p.sog_dkn = static_cast<std::uint16_t>(dkn > 1022 ? 1022 : dkn);
  }
  if (cog_deg && *cog_deg >= 0.0 && *cog_deg < 360.0) {
    const long ddeg = std::lround(*cog_deg * 10.0);
    p.cog_ddeg = static_cast<std::uint16_t>(ddeg >= 3600 ? 0 : ddeg);
  }
  if (heading_deg && *heading_deg >= 0.0 && *heading_deg < 359.5) {
    p.heading_deg = static_cast<std::uint16_t>(std::lround(*heading_deg));
  }
  p.status = status > 15 ? k_status_na : status;
  return p;
}

}  // namespace darkfleet::store
