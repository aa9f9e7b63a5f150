// Reading AIS position tables in CSV: the Danish Maritime Authority layout, NOAA
// MarineCadastre's (2015-2023 and 2024+), and any CSV through a column map.
//
// The layout is recognised from the header line. A row becomes a CsvRecord or an
// ErrorCode (bad_csv_row, bad_mmsi, bad_time, bad_position, bad_number): per-row problems
// are values, never exceptions. Layouts and units: docs/formats.md, "CSV inputs".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/core/result.hpp"

namespace darkfleet::io {

/// A CSV layout darkfleet reads.
enum class CsvLayout : std::uint8_t {
  dma,       ///< Danish Maritime Authority (`# Timestamp,Type of mobile,MMSI,...`)
  noaa,      ///< MarineCadastre 2015-2023 (`MMSI,BaseDateTime,LAT,LON,...`, any order)
  noaa2024,  ///< MarineCadastre 2024+ "csv2" (`mmsi,base_date_time,longitude,latitude,...`)
  columns,   ///< columns named by the user (`--columns mmsi=...,time=...,lat=...,lon=...`)
};

/// The stable name of a layout ("dma", "noaa", "noaa2024", "columns").
std::string_view to_string(CsvLayout layout);
/// The layout called `name`, if any.
std::optional<CsvLayout> csv_layout_from_name(std::string_view name);

/// The fields darkfleet takes from a row. mmsi, time, lat and lon are required.
enum class CsvField : std::uint8_t {
  mmsi, time, lat, lon, sog, cog, heading, status, name, call_sign, imo, ship_type, length,
  width, draught, destination, count_
};
inline constexpr std::size_t k_csv_field_count = static_cast<std::size_t>(CsvField::count_);
/// The name of a field as written in --columns ("mmsi", "time", "lat", ...).
std::string_view to_string(CsvField field);

/// Header names per field for `--columns`: parsed from "mmsi=MMSI,time=BaseDateTime,...".
/// Throws std::invalid_argument naming the bad part (unknown field, missing '=', a
/// required field missing).
std::array<std::string, k_csv_field_count> parse_column_spec(std::string_view spec);

/// One parsed row. The string views point into the parser and stay valid until the next
/// parse() call.
struct CsvRecord {
  std::uint32_t mmsi = 0;
  std::int64_t t_ms = 0;  ///< Unix ms, UTC
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  std::optional<double> sog_kn;
  std::optional<double> cog_deg;  ///< NOAA's signed-course quirk already undone (see formats.md)
  std::optional<double> heading_deg;
  std::uint8_t status = 15;  ///< AIS navigation status code; 15 = not defined
  std::string_view name;
  std::string_view call_sign;
  std::string_view destination;
  std::uint32_t imo = 0;        ///< 0 = not given
  std::uint16_t ship_type = 0;  ///< AIS ship type code; 0 = not given
  std::optional<double> length_m;
  std::optional<double> width_m;
  std::optional<double> draught_m;
  /// True when any identity field (name .. destination) is present.
  [[nodiscard]] bool has_identity() const {
    return !name.empty() || !call_sign.empty() || !destination.empty() || imo != 0 ||
           ship_type != 0 || length_m || width_m || draught_m;
  }
};

/// Parses the rows of one CSV file after its header.
class CsvPositionParser {
 public:
  /// Reads `header` (the first line). With `layout` empty the layout is detected; with a
  /// layout given, the header must fit it. `columns` is required for CsvLayout::columns.
  /// Throws std::runtime_error saying what is missing when the header fits no layout.
  CsvPositionParser(std::string_view header, std::optional<CsvLayout> layout,
                    const std::array<std::string, k_csv_field_count>* columns = nullptr);

  /// True when `header` looks like one of the known layouts (for format detection).
  static std::optional<CsvLayout> detect(std::string_view header);

  /// Parses one data row.
  Result<CsvRecord> parse(std::string_view row);

  [[nodiscard]] CsvLayout layout() const { return m_layout; }

 private:
  bool split(std::string_view row);

  CsvLayout m_layout;
  std::size_t m_header_fields = 0;
  std::array<int, k_csv_field_count> m_index{};  // field -> column, -1 = absent
  std::vector<std::string_view> m_fields;
  std::string m_unquoted;  // backing store for fields that had quotes
};

/// Parses "YYYY-MM-DDTHH:MM:SS[.fff][Z]" (or a space for T), "YYYY-MM-DD" (midnight),
/// "DD/MM/YYYY HH:MM:SS", or a Unix time in seconds (digits, optional fraction) into Unix ms.
Result<std::int64_t> parse_time_ms(std::string_view text);

/// Formats Unix ms as ISO 8601 UTC: "YYYY-MM-DDTHH:MM:SSZ", with ".mmm" before the Z when
/// the time has milliseconds. Inverse of parse_time_ms() for its ISO forms.
std::string format_time_iso(std::int64_t t_ms);

}  // namespace darkfleet::io
