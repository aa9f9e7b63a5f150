// libFuzzer target: CsvPositionParser::parse() on one row of each layout.
//
// Invariants checked (a violation aborts): a row either fails with one of the row error
// codes or gives a record whose values are in range (MMSI 1..999999999, latitude and
// longitude in range, a time in 1970..2100); the string views point into the row or the
// parser's own buffer (checked by ASan when read).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "darkfleet/io/csv_positions.hpp"

namespace {

using namespace darkfleet;

void check(bool ok) {
  if (!ok) std::abort();
}

void exercise(io::CsvPositionParser& parser, std::string_view row) {
  const auto r = parser.parse(row);
  if (!r) {
    const ErrorCode e = r.error();
    check(e == ErrorCode::bad_csv_row || e == ErrorCode::bad_mmsi || e == ErrorCode::bad_time ||
          e == ErrorCode::bad_position || e == ErrorCode::bad_number);
    return;
  }
  check(r->mmsi >= 1 && r->mmsi <= 999999999);
  check(r->lat_deg >= -90 && r->lat_deg <= 90 && r->lon_deg >= -180 && r->lon_deg <= 180);
  check(r->t_ms >= 0 && r->t_ms <= 4102444800000 + 86400000);
  std::size_t sum = 0;  // touch every view
  for (const std::string_view s : {r->name, r->call_sign, r->destination}) {
    for (const char c : s) sum += static_cast<unsigned char>(c);
  }
  (void)sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static io::CsvPositionParser noaa(
      "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
      "Length,Width,Draft,Cargo,TransceiverClass",
      std::nullopt);
  static io::CsvPositionParser dma(
      "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
      "Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing "
      "device,Draught,Destination,ETA,Data source type,A,B,C,D",
      std::nullopt);
  const std::string_view row(reinterpret_cast<const char*>(data), size);
  exercise(noaa, row);
  exercise(dma, row);
  const auto t = io::parse_time_ms(row);
  if (t) check(io::parse_time_ms(io::format_time_iso(*t)) == t || *t < 0);
  return 0;
}
