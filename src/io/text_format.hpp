// Fast text formatting for the JSON and CSV writers (internal to darkfleet::io).
//
// The writers format a message into a fixed stack buffer through a TextOut cursor and
// append the result to the caller's string in one copy. Integers are written with a
// two-digit table; fixed-decimal numbers (latitude to 6 decimals, speed to 1 decimal)
// come from integer arithmetic on the raw AIS field, never from printf, and are exactly
// what printf("%.Nf") prints for gpsd's double (see docs/formats.md). gpsd's legend
// tables (status_text, shiptype_text, ...) live here too so that both writers and the
// tests share one copy.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "darkfleet/ais/messages.hpp"

namespace darkfleet::io::detail {

/// The longest text a writer produces for one message, in bytes. The worst case is a
/// type 12 message: 500 six-bit characters, each escaped to at most 2 bytes in JSON,
/// plus about 250 bytes of fields and a 31-byte station id escaped to 6 bytes a byte.
inline constexpr std::size_t k_max_record_bytes = 4096;

/// A write cursor into a buffer of at least k_max_record_bytes.
/// Requires: the caller never writes more than k_max_record_bytes in total.
struct TextOut {
  char* p = nullptr;  ///< where the next character goes

  /// Copies `s` verbatim (JSON keys and punctuation, already-escaped text).
  void raw(std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    p += s.size();
  }
  void ch(char c) { *p++ = c; }

  /// Writes `v` in decimal.
  void u64(std::uint64_t v) {
    static constexpr char k_digits[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    // Count the digits, then write them from the end, two at a time.
    unsigned n = 1;
    for (std::uint64_t t = v; t >= 10; t /= 10) ++n;
    char* q = p + n;
    p = q;
    while (v >= 100) {
      const auto i = static_cast<std::size_t>(v % 100) * 2;
      v /= 100;
      q -= 2;
      q[0] = k_digits[i];
      q[1] = k_digits[i + 1];
    }
    if (v >= 10) {
      const auto i = static_cast<std::size_t>(v) * 2;
      q[-2] = k_digits[i];
      q[-1] = k_digits[i + 1];
    } else {
      q[-1] = static_cast<char>('0' + v);
    }
  }
  void u32(std::uint32_t v) { u64(v); }

  /// Writes `v` in decimal with a '-' when negative.
  void i64(std::int64_t v) {
    if (v < 0) {
      ch('-');
      u64(0 - static_cast<std::uint64_t>(v));
    } else {
      u64(static_cast<std::uint64_t>(v));
    }
  }

  /// Writes `v` with at least `width` digits, zero-padded (printf "%0Nu"), width <= 4.
  void u32_padded(std::uint32_t v, unsigned width) {
    unsigned digits = v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
    for (; digits < width; ++digits) ch('0');
    u64(v);
  }

  /// Writes `negative ? "-" : ""`, `scaled / 10^decimals`, '.', and `decimals` digits:
  /// the fixed-point number `scaled * 10^-decimals`. 1 <= decimals <= 6.
  void fixed(bool negative, std::uint64_t scaled, unsigned decimals) {
    static constexpr std::array<std::uint64_t, 7> k_pow10 = {1,     10,     100,    1000,
                                                             10000, 100000, 1000000};
    const std::uint64_t div = k_pow10[decimals];
    if (negative) ch('-');
    u64(scaled / div);
    ch('.');
    std::uint64_t frac = scaled % div;
    char* end = p + decimals;
    for (char* q = end; q != p;) {
      *--q = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    p = end;
  }

  /// Writes `c` as JSON string content (no quotes): '"' and '\\' are escaped, control
  /// characters and bytes >= 0x7F become \u00XX (bytes >= 0x80 read as Latin-1, so the
  /// output is always valid UTF-8).
  void json_chars(std::string_view s) {
    static constexpr char k_hex[] = "0123456789abcdef";
    for (const char c : s) {
      const auto b = static_cast<unsigned char>(c);
      if (b >= 0x20 && b < 0x7F && c != '"' && c != '\\') {
        *p++ = c;
      } else if (c == '"' || c == '\\') {
        *p++ = '\\';
        *p++ = c;
      } else {
        raw("\\u00");
        *p++ = k_hex[b >> 4];
        *p++ = k_hex[b & 15U];
      }
    }
  }

  /// Writes `s` as one RFC 4180 CSV field: verbatim, or in double quotes with '"'
  /// doubled when it holds ',', '"', CR or LF.
  void csv_field(std::string_view s) {
    bool quote = false;
    for (const char c : s) {
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      raw(s);
      return;
    }
    ch('"');
    for (const char c : s) {
      if (c == '"') ch('"');
      ch(c);
    }
    ch('"');
  }

  /// Lower-case hex of the first ceil(bits / 8) bytes of `data` (gpsd's "data" payload).
  void hex(const ais::BinaryData& data) {
    static constexpr char k_hex[] = "0123456789abcdef";
    const std::size_t n = data.byte_count();
    for (std::size_t i = 0; i < n; ++i) {
      *p++ = k_hex[data.bytes[i] >> 4];
      *p++ = k_hex[data.bytes[i] & 15U];
    }
  }
};

// ---------------------------------------------------------------------------------------
// Raw AIS fields back from the decoder's scaled doubles. The decoder divides an integer
// field by its scale, so multiplying back and rounding is exact.

/// `value * scale` rounded to the nearest integer (|value * scale| < 2^53).
inline std::int64_t to_raw(double value, double scale) {
  const double x = value * scale;
  return static_cast<std::int64_t>(x < 0 ? x - 0.5 : x + 0.5);
}

/// Writes the angle `raw / (3 * 2^k * 10^n)`-style AIS value as printf("%.6f") does for
/// the double `raw / divisor`, where `micro_num / 3` is the value in millionths of a
/// degree: for 1/10000-minute fields micro = raw * 5 / 3, for 1/10-minute fields
/// micro = raw * 5000 / 3. The remainder of a division by 3 is never one half, so
/// rounding to nearest is exact and matches printf.
inline void write_micro_thirds(TextOut& out, std::int64_t micro_num) {
  const bool negative = micro_num < 0;
  const std::uint64_t mag =
      negative ? 0 - static_cast<std::uint64_t>(micro_num) : static_cast<std::uint64_t>(micro_num);
  out.fixed(negative, (mag + 1) / 3, 6);
}

/// Writes a latitude or longitude stored in 1/10000 minute (types 1-4, 9, 11, 18, 19,
/// 21) in degrees with 6 decimals; `not_available` (181 or 91) when empty.
inline void write_deg_1e4min(TextOut& out, const std::optional<double>& deg, int not_available) {
  const std::int64_t raw =
      deg ? to_raw(*deg, 600000.0) : static_cast<std::int64_t>(not_available) * 600000;
  write_micro_thirds(out, raw * 5);
}

/// Writes an angle stored in 1/10 minute (types 17, 22, 23, 27) in degrees with 6 decimals.
inline void write_deg_10min(TextOut& out, double deg) {
  write_micro_thirds(out, to_raw(deg, 600.0) * 5000);
}

/// As write_deg_10min(), `not_available` (181 or 91) when empty.
inline void write_deg_10min(TextOut& out, const std::optional<double>& deg, int not_available) {
  write_deg_10min(out, deg ? *deg : static_cast<double>(not_available));
}

/// Writes a value stored in tenths (speed 0.1 kn, course 0.1 deg, draught 0.1 m) with one
/// decimal. Requires: value >= 0.
inline void write_tenths(TextOut& out, double value) {
  const std::int64_t raw = to_raw(value, 10.0);
  out.fixed(raw < 0, static_cast<std::uint64_t>(raw < 0 ? -raw : raw), 1);
}

/// Writes "MM-DDTHH:MM", each part zero-padded to 2 digits: type 5's ETA and the middle of
/// type 4's timestamp.
inline void write_month_day_time(TextOut& out, unsigned month, unsigned day, unsigned hour,
                                 unsigned minute) {
  out.u32_padded(month, 2);
  out.ch('-');
  out.u32_padded(day, 2);
  out.ch('T');
  out.u32_padded(hour, 2);
  out.ch(':');
  out.u32_padded(minute, 2);
}

/// Writes the UTC time of a base station report (types 4, 11) as "YYYY-MM-DDTHH:MM:SSZ".
inline void write_timestamp(TextOut& out, const ais::BaseStationReport& m) {
  out.u32_padded(m.year, 4);
  out.ch('-');
  write_month_day_time(out, m.month, m.day, m.hour, m.minute);
  out.ch(':');
  out.u32_padded(m.second, 2);
  out.ch('Z');
}

// ---------------------------------------------------------------------------------------
// Rate of turn.

/// gpsd's magnitude of the rate of turn for |ROT_AIS| = 0..126: (raw / 4.733)^2 deg/min
/// rounded to an integer (printf "%.0f"; no value is a tie).
inline constexpr std::array<std::uint16_t, 127> k_turn_deg_per_min = [] {
  std::array<std::uint16_t, 127> table{};
  for (std::size_t i = 0; i < table.size(); ++i) {
    const double r = static_cast<double>(i) / 4.733;
    table[i] = static_cast<std::uint16_t>(r * r + 0.5);
  }
  return table;
}();

/// The rate of turn in whole degrees per minute, signed (negative = to port), for
/// ROT_AIS `raw` in -126..126.
inline int turn_deg_per_min_rounded(std::int8_t raw) {
  const int v = k_turn_deg_per_min[static_cast<std::size_t>(raw < 0 ? -raw : raw)];
  return raw < 0 ? -v : v;
}

// ---------------------------------------------------------------------------------------
// gpsd 3.22's legends, word for word (gpsd_json.c, json_aivdm_dump).

/// Navigation status 0..15 (types 1-3, 27).
inline std::string_view status_text(unsigned status) {
  static constexpr std::array<std::string_view, 16> k_names = {
      "Under way using engine",
      "At anchor",
      "Not under command",
      "Restricted manoeuverability",
      "Constrained by her draught",
      "Moored",
      "Aground",
      "Engaged in fishing",
      "Under way sailing",
      "Reserved for HSC",
      "Reserved for WIG",
      "Reserved",
      "Reserved",
      "Reserved",
      "Reserved",
      "Not defined",
  };
  return status < k_names.size() ? k_names[status] : "INVALID STATUS";
}

/// Type of electronic position fixing device 0..15.
inline std::string_view epfd_text(unsigned epfd) {
  static constexpr std::array<std::string_view, 9> k_names = {
      "Undefined",
      "GPS",
      "GLONASS",
      "Combined GPS/GLONASS",
      "Loran-C",
      "Chayka",
      "Integrated navigation system",
      "Surveyed",
      "Galileo",
  };
  return epfd < k_names.size() ? k_names[epfd] : "INVALID EPFD";
}

/// Ship and cargo type 0..255.
inline std::string_view shiptype_text(unsigned type) {
  if (type >= 100) return "INVALID SHIP TYPE";
  if (type == 0) return "Not available";
  if (type < 20) return "Reserved for future use";
  static constexpr std::array<std::string_view, 10> k_other = {
      "Fishing",
      "Towing",
      "Towing: length exceeds 200m or breadth exceeds 25m",
      "Dredging or underwater ops",
      "Diving ops",
      "Military ops",
      "Sailing",
      "Pleasure Craft",
      "Reserved",
      "Reserved",
  };
  static constexpr std::array<std::string_view, 10> k_special = {
      "Pilot Vessel",
      "Search and Rescue vessel",
      "Tug",
      "Port Tender",
      "Anti-pollution equipment",
      "Law Enforcement",
      "Spare - Local Vessel",
      "Spare - Local Vessel",
      "Medical Transport",
      "Ship according to RR Resolution No. 18",
  };
  const unsigned tens = type / 10;
  const unsigned unit = type % 10;
  if (tens == 3) return k_other[unit];
  if (tens == 5) return k_special[unit];
  // Categories 2, 4, 6, 7, 8, 9: "<kind> - <detail>".
  static constexpr std::array<std::array<std::string_view, 10>, 10> k_category = [] {
    std::array<std::array<std::string_view, 10>, 10> t{};
    t[2] = {"Wing in ground (WIG) - all ships of this type",
            "Wing in ground (WIG) - Hazardous category A",
            "Wing in ground (WIG) - Hazardous category B",
            "Wing in ground (WIG) - Hazardous category C",
            "Wing in ground (WIG) - Hazardous category D",
            "Wing in ground (WIG) - Reserved for future use",
            "Wing in ground (WIG) - Reserved for future use",
            "Wing in ground (WIG) - Reserved for future use",
            "Wing in ground (WIG) - Reserved for future use",
            "Wing in ground (WIG) - Reserved for future use"};
    t[4] = {"High speed craft (HSC) - all ships of this type",
            "High speed craft (HSC) - Hazardous category A",
            "High speed craft (HSC) - Hazardous category B",
            "High speed craft (HSC) - Hazardous category C",
            "High speed craft (HSC) - Hazardous category D",
            "High speed craft (HSC) - Reserved for future use",
            "High speed craft (HSC) - Reserved for future use",
            "High speed craft (HSC) - Reserved for future use",
            "High speed craft (HSC) - Reserved for future use",
            "High speed craft (HSC) - No additional information"};
    t[6] = {"Passenger - all ships of this type",  "Passenger - Hazardous category A",
            "Passenger - Hazardous category B",    "Passenger - Hazardous category C",
            "Passenger - Hazardous category D",    "Passenger - Reserved for future use",
            "Passenger - Reserved for future use", "Passenger - Reserved for future use",
            "Passenger - Reserved for future use", "Passenger - No additional information"};
    t[7] = {"Cargo - all ships of this type",  "Cargo - Hazardous category A",
            "Cargo - Hazardous category B",    "Cargo - Hazardous category C",
            "Cargo - Hazardous category D",    "Cargo - Reserved for future use",
            "Cargo - Reserved for future use", "Cargo - Reserved for future use",
            "Cargo - Reserved for future use", "Cargo - No additional information"};
    t[8] = {"Tanker - all ships of this type",  "Tanker - Hazardous category A",
            "Tanker - Hazardous category B",    "Tanker - Hazardous category C",
            "Tanker - Hazardous category D",    "Tanker - Reserved for future use",
            "Tanker - Reserved for future use", "Tanker - Reserved for future use",
            "Tanker - Reserved for future use", "Tanker - No additional information"};
    t[9] = {"Other Type - all ships of this type",  "Other Type - Hazardous category A",
            "Other Type - Hazardous category B",    "Other Type - Hazardous category C",
            "Other Type - Hazardous category D",    "Other Type - Reserved for future use",
            "Other Type - Reserved for future use", "Other Type - Reserved for future use",
            "Other Type - Reserved for future use", "Other Type - no additional information"};
    return t;
  }();
  return k_category[tens][unit];
}

/// Aid-to-navigation type 0..31 (type 21).
inline std::string_view aid_type_text(unsigned type) {
  static constexpr std::array<std::string_view, 32> k_names = {
      "Unspecified",
      "Reference point",
      "RACON",
      "Fixed offshore structure",
      "Spare, Reserved for future use.",
      "Light, without sectors",
      "Light, with sectors",
      "Leading Light Front",
      "Leading Light Rear",
      "Beacon, Cardinal N",
      "Beacon, Cardinal E",
      "Beacon, Cardinal S",
      "Beacon, Cardinal W",
      "Beacon, Port hand",
      "Beacon, Starboard hand",
      "Beacon, Preferred Channel port hand",
      "Beacon, Preferred Channel starboard hand",
      "Beacon, Isolated danger",
      "Beacon, Safe water",
      "Beacon, Special mark",
      "Cardinal Mark N",
      "Cardinal Mark E",
      "Cardinal Mark S",
      "Cardinal Mark W",
      "Port hand Mark",
      "Starboard hand Mark",
      "Preferred Channel Port hand",
      "Preferred Channel Starboard hand",
      "Isolated danger",
      "Safe Water",
      "Special Mark",
      "Light Vessel / LANBY / Rigs",
  };
  return type < k_names.size() ? k_names[type] : "INVALID NAVAID TYPE";
}

/// Station type 0..15 (type 23).
inline std::string_view stationtype_text(unsigned type) {
  static constexpr std::array<std::string_view, 10> k_names = {
      "All types of mobiles",
      "Reserved for future use",
      "All types of Class B mobile stations",
      "SAR airborne mobile station",
      "Aid to Navigation station",
      "Class B shipborne mobile station",
      "Regional use and inland waterways",
      "Regional use and inland waterways",
      "Regional use and inland waterways",
      "Regional use and inland waterways",
  };
  return type < k_names.size() ? k_names[type] : "Reserved for future use";
}

// ---------------------------------------------------------------------------------------
// Text fields as gpsd prints them.

/// The name of an aid to navigation as gpsd 3.22 prints it (ais::full_name), copied into
/// `buf` (at least 34 characters); returns the length.
inline std::size_t aid_full_name(const ais::AidToNavigation& aid, char* buf) {
  const auto name = ais::full_name(aid);
  std::memcpy(buf, name.chars.data(), name.size);
  return name.size;
}

}  // namespace darkfleet::io::detail
