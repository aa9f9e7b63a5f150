// AIS payload encoder: the inverse of decode.cpp, field for field.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "bits.hpp"
#include "darkfleet/ais/encode.hpp"
#include "layout.hpp"

namespace darkfleet::ais {
namespace {

using detail::BitWriter;

// round(value * scale) clamped to the signed `bits`-wide range; NaN -> `na`.
std::int64_t scaled_signed(double value, double scale, unsigned bits, std::int64_t na) {
  if (std::isnan(value)) return na;
  const double limit = std::ldexp(1.0, static_cast<int>(bits) - 1);
  double v = std::round(value * scale);
  if (v > limit - 1) v = limit - 1;
  if (v < -limit) v = -limit;
  return static_cast<std::int64_t>(v);
}

// round(value * scale) clamped to [0, 2^bits - 1]; NaN -> `na`.
std::uint64_t scaled_unsigned(double value, double scale, unsigned bits, std::uint64_t na) {
  if (std::isnan(value)) return na;
  const double limit = std::ldexp(1.0, static_cast<int>(bits)) - 1;
  double v = std::round(value * scale);
  if (v > limit) v = limit;
  if (v < 0) v = 0;
  return static_cast<std::uint64_t>(v);
}

void put_lon_1e4(BitWriter& w, const std::optional<double>& lon) {
  w.put_signed(lon ? scaled_signed(*lon, detail::k_scale_1e4, 28, detail::k_lon_na_1e4)
                   : detail::k_lon_na_1e4,
               28);
}
void put_lat_1e4(BitWriter& w, const std::optional<double>& lat) {
  w.put_signed(lat ? scaled_signed(*lat, detail::k_scale_1e4, 27, detail::k_lat_na_1e4)
                   : detail::k_lat_na_1e4,
               27);
}
void put_lon_10(BitWriter& w, const std::optional<double>& lon) {
  w.put_signed(
      lon ? scaled_signed(*lon, detail::k_scale_10, 18, detail::k_lon_na_10) : detail::k_lon_na_10,
      18);
}
void put_lat_10(BitWriter& w, const std::optional<double>& lat) {
  w.put_signed(
      lat ? scaled_signed(*lat, detail::k_scale_10, 17, detail::k_lat_na_10) : detail::k_lat_na_10,
      17);
}
void put_corner(BitWriter& w, double value, unsigned bits) {
  w.put_signed(scaled_signed(value, detail::k_scale_10, bits, 0), bits);
}
void put_tenths(BitWriter& w, const std::optional<double>& value, unsigned bits, std::uint64_t na) {
  w.put(value ? scaled_unsigned(*value, 10.0, bits, na) : na, bits);
}
template <typename T>
void put_opt(BitWriter& w, const std::optional<T>& value, unsigned bits, std::uint64_t na) {
  w.put(value ? static_cast<std::uint64_t>(*value) : na, bits);
}

void put_header(BitWriter& w, const Header& h) {
  w.put(h.type, 6);
  w.put(h.repeat, 2);
  w.put(h.mmsi, 30);
}

// Blocks that several message types share; the inverses of the decode_* blocks.

// Accuracy flag and 1/10000-min position (56 bits): types 1-4, 9, 11, 18, 19, 21.
template <typename M>
void put_fix(BitWriter& w, const M& m) {
  w.put(m.accuracy);
  put_lon_1e4(w, m.lon_deg);
  put_lat_1e4(w, m.lat_deg);
}

// Speed, fix, course, true heading and UTC second (93 bits): types 1-3, 18, 19.
template <typename M>
void put_motion(BitWriter& w, const M& m) {
  put_tenths(w, m.speed_kn, 10, 1023);
  put_fix(w, m);
  put_tenths(w, m.course_deg, 12, 3600);
  put_opt(w, m.heading_deg, 9, 511);
  w.put(m.second, 6);
}

// Distances from the reference point to bow, stern, port, starboard (30 bits): 5, 19, 21, 24.
template <typename M>
void put_dimensions(BitWriter& w, const M& m) {
  w.put(m.to_bow_m, 9);
  w.put(m.to_stern_m, 9);
  w.put(m.to_port_m, 6);
  w.put(m.to_starboard_m, 6);
}

// North-east and south-west corners in 1/10 min (70 bits): types 22, 23.
template <typename M>
void put_area(BitWriter& w, const M& m) {
  put_corner(w, m.ne_lon_deg, 18);
  put_corner(w, m.ne_lat_deg, 17);
  put_corner(w, m.sw_lon_deg, 18);
  put_corner(w, m.sw_lat_deg, 17);
}

// Header, sequence number, destination, retransmit flag and spare bit (72 bits): 6, 12.
template <typename M>
void put_addressed(BitWriter& w, const M& m) {
  put_header(w, m.header);
  w.put(m.seqno, 2);
  w.put(m.dest_mmsi, 30);
  w.put(m.retransmit);
  w.put(m.spare);
}

void encode(BitWriter& w, const PositionReport& m) {
  put_header(w, m.header);
  w.put(m.status, 4);
  w.put_signed(m.turn_raw, 8);
  put_motion(w, m);
  w.put(m.maneuver, 2);
  w.put(m.spare, 3);
  w.put(m.raim);
  w.put(m.radio, 19);
  w.tail(m.tail);
}

void encode(BitWriter& w, const BaseStationReport& m) {
  put_header(w, m.header);
  w.put(m.year, 14);
  w.put(m.month, 4);
  w.put(m.day, 5);
  w.put(m.hour, 5);
  w.put(m.minute, 6);
  w.put(m.second, 6);
  put_fix(w, m);
  w.put(m.epfd, 4);
  w.put(m.spare, 10);
  w.put(m.raim);
  w.put(m.radio, 19);
  w.tail(m.tail);
}

void encode(BitWriter& w, const StaticVoyage& m) {
  put_header(w, m.header);
  w.put(m.ais_version, 2);
  w.put(m.imo, 30);
  w.text(m.callsign, 7);
  w.text(m.shipname, 20);
  w.put(m.shiptype, 8);
  put_dimensions(w, m);
  w.put(m.epfd, 4);
  w.put(m.eta_month, 4);
  w.put(m.eta_day, 5);
  w.put(m.eta_hour, 5);
  w.put(m.eta_minute, 6);
  put_tenths(w, m.draught_m, 8, 0);
  w.text(m.destination, 20);
  w.put(m.dte);
  w.put(m.spare);
  if (m.missing_bits != 0) {
    w.truncate(m.missing_bits < 4 ? m.missing_bits : 4);
  } else {
    w.tail(m.tail);
  }
}

void encode(BitWriter& w, const BinaryAddressed& m) {
  put_addressed(w, m);
  w.put(m.dac, 10);
  w.put(m.fid, 6);
  w.data(m.data);
}

void encode(BitWriter& w, const BinaryAck& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  const std::size_t count = m.count < 4 ? m.count : 4;
  for (std::size_t i = 0; i < count; ++i) {
    w.put(m.acks[i].mmsi, 30);
    w.put(m.acks[i].seqno, 2);
  }
  w.tail(m.tail);
}

void encode(BitWriter& w, const BinaryBroadcast& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  w.put(m.dac, 10);
  w.put(m.fid, 6);
  w.data(m.data);
}

void encode(BitWriter& w, const SarAircraftPosition& m) {
  put_header(w, m.header);
  put_opt(w, m.altitude_m, 12, 4095);
  put_opt(w, m.speed_kn, 10, 1023);
  put_fix(w, m);
  put_tenths(w, m.course_deg, 12, 3600);
  w.put(m.second, 6);
  w.put(m.regional, 8);
  w.put(m.dte);
  w.put(m.spare, 3);
  w.put(m.assigned);
  w.put(m.raim);
  w.put(m.radio, 20);
  w.tail(m.tail);
}

void encode(BitWriter& w, const UtcInquiry& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  w.put(m.dest_mmsi, 30);
  w.put(m.spare2, 2);
  w.tail(m.tail);
}

void encode(BitWriter& w, const SafetyAddressed& m) {
  put_addressed(w, m);
  w.text(m.text, m.text.length);
  w.tail(m.tail);
}

void encode(BitWriter& w, const SafetyBroadcast& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  w.text(m.text, m.text.length);
  w.tail(m.tail);
}

void encode(BitWriter& w, const Interrogation& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  w.put(m.mmsi1, 30);
  w.put(m.type1_1, 6);
  w.put(m.offset1_1, 12);
  if (m.requests >= 2) {
    w.put(m.spare2, 2);
    w.put(m.type1_2, 6);
    w.put(m.offset1_2, 12);
    w.put(m.spare3, 2);
  }
  if (m.requests >= 3) {
    w.put(m.mmsi2, 30);
    w.put(m.type2_1, 6);
    w.put(m.offset2_1, 12);
    w.put(m.spare4, 2);
  }
  if (m.requests >= 2 && m.missing_bits != 0) {
    w.truncate(m.missing_bits);
  } else {
    w.tail(m.tail);
  }
}

void encode(BitWriter& w, const AssignmentCommand& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  const std::size_t count = m.count < 2 ? m.count : 2;
  for (std::size_t i = 0; i < count; ++i) {
    w.put(m.assignments[i].mmsi, 30);
    w.put(m.assignments[i].offset, 12);
    w.put(m.assignments[i].increment, 10);
  }
  w.tail(m.tail);
}

void encode(BitWriter& w, const DgnssBroadcast& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  put_lon_10(w, m.lon_deg);
  put_lat_10(w, m.lat_deg);
  w.put(m.spare2, 5);
  w.data(m.data);
}

void encode(BitWriter& w, const ClassBPosition& m) {
  put_header(w, m.header);
  w.put(m.reserved, 8);
  put_motion(w, m);
  w.put(m.regional, 2);
  w.put(m.cs);
  w.put(m.display);
  w.put(m.dsc);
  w.put(m.band);
  w.put(m.msg22);
  w.put(m.assigned);
  w.put(m.raim);
  w.put(m.radio, 20);
  w.tail(m.tail);
}

void encode(BitWriter& w, const ClassBExtended& m) {
  put_header(w, m.header);
  w.put(m.reserved, 8);
  put_motion(w, m);
  w.put(m.regional, 4);
  w.text(m.shipname, 20);
  w.put(m.shiptype, 8);
  put_dimensions(w, m);
  w.put(m.epfd, 4);
  w.put(m.raim);
  w.put(m.dte);
  w.put(m.assigned);
  w.put(m.spare, 4);
  w.tail(m.tail);
}

void encode(BitWriter& w, const DataLinkManagement& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  const std::size_t count = m.count < 4 ? m.count : 4;
  for (std::size_t i = 0; i < count; ++i) {
    w.put(m.slots[i].offset, 12);
    w.put(m.slots[i].number, 4);
    w.put(m.slots[i].timeout, 3);
    w.put(m.slots[i].increment, 11);
  }
  w.tail(m.tail);
}

void encode(BitWriter& w, const AidToNavigation& m) {
  put_header(w, m.header);
  w.put(m.aid_type, 5);
  w.text(m.name, 20);
  put_fix(w, m);
  put_dimensions(w, m);
  w.put(m.epfd, 4);
  w.put(m.second, 6);
  w.put(m.off_position);
  w.put(m.regional, 8);
  w.put(m.raim);
  w.put(m.virtual_aid);
  w.put(m.assigned);
  w.put(m.spare);
  w.text(m.name_ext, m.name_ext.length);
  w.tail(m.tail);
}

void encode(BitWriter& w, const ChannelManagement& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  w.put(m.channel_a, 12);
  w.put(m.channel_b, 12);
  w.put(m.txrx, 4);
  w.put(m.power);
  if (m.addressed) {
    w.put(m.dest1, 30);
    w.put(m.empty1, 5);
    w.put(m.dest2, 30);
    w.put(m.empty2, 5);
  } else {
    put_area(w, m);
  }
  w.put(m.addressed);
  w.put(m.band_a);
  w.put(m.band_b);
  w.put(m.zonesize, 3);
  w.put(m.spare2, 23);
  w.tail(m.tail);
}

void encode(BitWriter& w, const GroupAssignment& m) {
  put_header(w, m.header);
  w.put(m.spare, 2);
  put_area(w, m);
  w.put(m.stationtype, 4);
  w.put(m.shiptype, 8);
  w.put(m.spare2, 22);
  w.put(m.txrx, 2);
  w.put(m.interval, 4);
  w.put(m.quiet, 4);
  w.put(m.spare3, 6);
  w.tail(m.tail);
}

void encode(BitWriter& w, const StaticDataReport& m) {
  put_header(w, m.header);
  w.put(m.partno, 2);
  if (m.partno == 0) {
    w.text(m.shipname, 20);
    w.tail(m.tail);
    return;
  }
  w.put(m.shiptype, 8);
  if (m.vendorid.length > 3) {
    w.text(m.vendorid, 7);
  } else {
    w.text(m.vendorid, 3);
    w.put(m.model, 4);
    w.put(m.serial, 20);
  }
  w.text(m.callsign, 7);
  if (is_auxiliary_mmsi(m.header.mmsi)) {
    w.put(m.mothership_mmsi, 30);
  } else {
    put_dimensions(w, m);
  }
  w.put(m.epfd, 4);
  w.put(m.spare, 2);
  w.tail(m.tail);
}

template <typename M>
void encode_slot_binary_prefix(BitWriter& w, const M& m) {
  put_header(w, m.header);
  w.put(m.addressed);
  w.put(m.structured);
  if (m.addressed) w.put(m.dest_mmsi, 30);
  if (m.structured) {
    w.put(m.dac, 10);
    w.put(m.fid, 6);
  }
}

void encode(BitWriter& w, const SingleSlotBinary& m) {
  encode_slot_binary_prefix(w, m);
  w.data(m.data);
}

void encode(BitWriter& w, const MultiSlotBinary& m) {
  encode_slot_binary_prefix(w, m);
  w.data(m.data);
  w.put(m.radio, 20);
}

void encode(BitWriter& w, const LongRangePosition& m) {
  put_header(w, m.header);
  w.put(m.accuracy);
  w.put(m.raim);
  w.put(m.status, 4);
  put_lon_10(w, m.lon_deg);
  put_lat_10(w, m.lat_deg);
  put_opt(w, m.speed_kn, 6, 63);
  put_opt(w, m.course_deg, 9, 511);
  w.put(m.gnss);
  w.put(m.spare);
  w.tail(m.tail);
}

}  // namespace

std::uint8_t append_payload(std::string& out, const Message& message) {
  BitWriter w;
  std::visit([&w](const auto& m) { encode(w, m); }, message);
  return w.armour(out);
}

std::string encode_payload(const Message& message, std::uint8_t& fill_bits) {
  std::string out;
  fill_bits = append_payload(out, message);
  return out;
}

}  // namespace darkfleet::ais
