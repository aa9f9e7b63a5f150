// Identity: an MMSI in two places at once, name / call sign / IMO / flag changes, invalid
// MMSIs and IMO numbers, and spoofing patterns (positions on land, impossible jumps).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "darkfleet/events/detector.hpp"

namespace darkfleet::events {

/// The identity detector. Per vessel it reports overlaps, identity changes, invalid ids and
/// spoofing patterns; it keeps (IMO, MMSI, time span) per vessel that broadcasts an IMO so
/// that finish() can report an IMO moving to another MMSI (and flag, when the MID differs).
std::unique_ptr<Detector> make_identity_detector();

/// The country (ISO 3166-1 alpha-2, e.g. "RU") whose Maritime Identification Digits `mid`
/// are, per ITU's MID table; empty when `mid` is not allocated.
std::string_view mid_country(std::uint32_t mid);

/// The MID of a ship station MMSI (its first three digits), or 0 when `mmsi` is not a
/// 9-digit ship station identity (first digit 2 to 7).
std::uint32_t ship_mid(std::uint32_t mmsi);

/// True when `imo` is a 7-digit IMO ship number whose last digit is its check digit
/// (digits 1-6 weighted 7..2, sum mod 10).
bool imo_valid(std::uint32_t imo);

}  // namespace darkfleet::events
