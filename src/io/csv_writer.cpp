// CSV (RFC 4180, '\n' line ends): one fixed table of the columns used for position and
// static-data work, all message types in one table, empty cells where a type has no such
// field or the value is "not available". Columns and units: docs/formats.md ("CSV").
#include <array>
#include <cassert>
#include <string>
#include <type_traits>

#include "darkfleet/io/message_writers.hpp"
#include "darkfleet/nmea/sentence.hpp"
#include "text_format.hpp"

namespace darkfleet::io {
namespace {

using detail::TextOut;

// The columns, in order. Adding one: add it here and to k_header, fill it in the CsvRow
// body() overloads (which visit columns in order), and document it in docs/formats.md.
enum Column : std::size_t {
  c_type,
  c_repeat,
  c_mmsi,
  c_received_ms,
  c_time_source,
  c_station,
  c_channel,
  c_status,
  c_turn,
  c_speed,
  c_accuracy,
  c_lon,
  c_lat,
  c_course,
  c_heading,
  c_second,
  c_maneuver,
  c_raim,
  c_alt,
  c_imo,
  c_callsign,
  c_shipname,
  c_shiptype,
  c_to_bow,
  c_to_stern,
  c_to_port,
  c_to_starboard,
  c_epfd,
  c_eta,
  c_draught,
  c_destination,
  c_dte,
  c_ais_version,
  c_part,
  c_mothership_mmsi,
  c_aid_type,
  c_virtual_aid,
  c_off_position,
  c_timestamp,
  c_count
};

constexpr std::string_view k_header =
    "type,repeat,mmsi,received_ms,time_source,station,channel,status,turn,speed,accuracy,"
    "lon,lat,course,heading,second,maneuver,raim,alt,imo,callsign,shipname,shiptype,"
    "to_bow,to_stern,to_port,to_starboard,epfd,eta,draught,destination,dte,ais_version,"
    "part,mothership_mmsi,aid_type,virtual_aid,off_position,timestamp\n";

// Writes the cells of one row in column order, adding the empty cells it skips.
struct CsvRow : TextOut {
  std::size_t next = 0;  // the column the cursor is at

  // Moves to column `c` (commas for skipped cells). Requires: c >= next.
  void at(Column c) {
    assert(c >= next);
    while (next < c) {
      ch(',');
      ++next;
    }
  }
  void u(Column c, std::uint64_t v) {
    at(c);
    u64(v);
  }
  void b(Column c, bool v) {
    at(c);
    ch(v ? '1' : '0');
  }
  void s(Column c, std::string_view v) {
    at(c);
    csv_field(v);
  }
  void deg_1e4(Column c, const std::optional<double>& v) {
    if (!v) return;
    at(c);
    detail::write_micro_thirds(*this, detail::to_raw(*v, 600000.0) * 5);
  }
  void deg_10(Column c, const std::optional<double>& v) {
    if (!v) return;
    at(c);
    detail::write_deg_10min(*this, *v);
  }
  void tenths(Column c, const std::optional<double>& v) {
    if (!v) return;
    at(c);
    detail::write_tenths(*this, *v);
  }
  void finish() {
    at(static_cast<Column>(c_count - 1));
    ch('\n');
  }

  // Column groups that several message types share.

  // Accuracy and 1/10000-min position: types 1-4, 9, 11, 18, 19, 21.
  template <typename M>
  void fix(const M& m) {
    b(c_accuracy, m.accuracy);
    deg_1e4(c_lon, m.lon_deg);
    deg_1e4(c_lat, m.lat_deg);
  }
  // Speed, fix, course, true heading and UTC second: types 1-3, 18, 19.
  template <typename M>
  void motion(const M& m) {
    tenths(c_speed, m.speed_kn);
    fix(m);
    tenths(c_course, m.course_deg);
    if (m.heading_deg) u(c_heading, *m.heading_deg);
    u(c_second, m.second);
  }
  template <typename M>
  void dimensions(const M& m) {
    u(c_to_bow, m.to_bow_m);
    u(c_to_stern, m.to_stern_m);
    u(c_to_port, m.to_port_m);
    u(c_to_starboard, m.to_starboard_m);
  }

  // ---- one overload per message struct; columns must be visited in order ------------

  void body(const ais::PositionReport& m, std::uint32_t /*mmsi*/) {
    u(c_status, m.status);
    if (m.turn_raw > -127 && m.turn_raw < 127) {
      at(c_turn);
      i64(detail::turn_deg_per_min_rounded(m.turn_raw));
    }
    motion(m);
    u(c_maneuver, m.maneuver);
    b(c_raim, m.raim);
  }

  void body(const ais::BaseStationReport& m, std::uint32_t /*mmsi*/) {
    fix(m);
    b(c_raim, m.raim);
    u(c_epfd, m.epfd);
    at(c_timestamp);
    detail::write_timestamp(*this, m);
  }

  void body(const ais::StaticVoyage& m, std::uint32_t /*mmsi*/) {
    if (m.imo != 0) u(c_imo, m.imo);
    s(c_callsign, m.callsign.view());
    s(c_shipname, m.shipname.view());
    u(c_shiptype, m.shiptype);
    dimensions(m);
    u(c_epfd, m.epfd);
    at(c_eta);
    detail::write_month_day_time(*this, m.eta_month, m.eta_day, m.eta_hour, m.eta_minute);
    ch('Z');
    tenths(c_draught, m.draught_m);
    s(c_destination, m.destination.view());
    b(c_dte, m.dte);
    u(c_ais_version, m.ais_version);
  }

  void body(const ais::SarAircraftPosition& m, std::uint32_t /*mmsi*/) {
    if (m.speed_kn) u(c_speed, *m.speed_kn);
    fix(m);
    tenths(c_course, m.course_deg);
    u(c_second, m.second);
    b(c_raim, m.raim);
    if (m.altitude_m) u(c_alt, *m.altitude_m);
    b(c_dte, m.dte);
  }

  void body(const ais::DgnssBroadcast& m, std::uint32_t /*mmsi*/) {
    deg_10(c_lon, m.lon_deg);
    deg_10(c_lat, m.lat_deg);
  }

  void body(const ais::ClassBPosition& m, std::uint32_t /*mmsi*/) {
    motion(m);
    b(c_raim, m.raim);
  }

  void body(const ais::ClassBExtended& m, std::uint32_t /*mmsi*/) {
    motion(m);
    b(c_raim, m.raim);
    s(c_shipname, m.shipname.view());
    u(c_shiptype, m.shiptype);
    dimensions(m);
    u(c_epfd, m.epfd);
    b(c_dte, m.dte);
  }

  void body(const ais::AidToNavigation& m, std::uint32_t /*mmsi*/) {
    fix(m);
    u(c_second, m.second);
    b(c_raim, m.raim);
    std::array<char, 40> name{};
    const std::size_t name_size = detail::aid_full_name(m, name.data());
    s(c_shipname, std::string_view(name.data(), name_size));
    dimensions(m);
    u(c_epfd, m.epfd);
    u(c_aid_type, m.aid_type);
    b(c_virtual_aid, m.virtual_aid);
    b(c_off_position, m.off_position);
  }

  void body(const ais::StaticDataReport& m, std::uint32_t mmsi) {
    if (m.partno == 0) {
      s(c_shipname, m.shipname.view());
      s(c_part, "A");
      return;
    }
    s(c_callsign, m.callsign.view());
    u(c_shiptype, m.shiptype);
    const bool auxiliary = ais::is_auxiliary_mmsi(mmsi);
    if (!auxiliary) dimensions(m);
    u(c_epfd, m.epfd);
    s(c_part, "B");
    if (auxiliary) u(c_mothership_mmsi, m.mothership_mmsi);
  }

  void body(const ais::LongRangePosition& m, std::uint32_t /*mmsi*/) {
    u(c_status, m.status);
    if (m.speed_kn) u(c_speed, *m.speed_kn);
    b(c_accuracy, m.accuracy);
    deg_10(c_lon, m.lon_deg);
    deg_10(c_lat, m.lat_deg);
    if (m.course_deg) u(c_course, *m.course_deg);
    b(c_raim, m.raim);
  }

  // Types 6, 7/13, 8, 10, 12, 14, 15, 16, 20, 22, 23, 25, 26: only the common columns.
  template <typename M>
  void body(const M& /*m*/, std::uint32_t /*mmsi*/) {}
};

}  // namespace

void append_csv_header(std::string& out) {
  out.append(k_header);
}

void append_csv(std::string& out, const DecodedMessage& message) {
  // Written before it is read; zeroing 4 KiB per message would cost more than formatting it.
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init)
  std::array<char, detail::k_max_record_bytes> buffer;
  CsvRow row{{buffer.data()}};
  const ais::Header& h = ais::header_of(message.message);
  row.u64(h.type);
  row.u(c_repeat, h.repeat);
  row.u(c_mmsi, h.mmsi);
  if (message.receive_time_ms) {
    row.at(c_received_ms);
    row.i64(*message.receive_time_ms);
  }
  if (message.time_source != nmea::TimeSource::none) {
    row.s(c_time_source, nmea::to_string(message.time_source));
  }
  if (message.station.size > 0) row.s(c_station, message.station.view());
  if (message.channel != '\0') row.s(c_channel, std::string_view(&message.channel, 1));
  std::visit([&](const auto& m) { row.body(m, h.mmsi); }, message.message);
  row.finish();
  const auto size = static_cast<std::size_t>(row.p - buffer.data());
  assert(size <= buffer.size());
  out.append(buffer.data(), size);
}

}  // namespace darkfleet::io
