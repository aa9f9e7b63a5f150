// AIS payload decoder: bit layouts of ITU-R M.1371-5 messages 1-27, as gpsd reads them.
#include "darkfleet/ais/decode.hpp"

#include <cstddef>
#include <cstdint>

#include "bits.hpp"
#include "layout.hpp"

namespace darkfleet::ais {
namespace {

using detail::BitReader;

// Position in 1/10000 min (28/27 bits); 181 / 91 degrees mean "not available".
std::optional<double> lon_1e4(const BitReader& r, std::size_t pos) {
  const std::int64_t raw = r.s(pos, 28);
  if (raw == detail::k_lon_na_1e4) return std::nullopt;
  return static_cast<double>(raw) / detail::k_scale_1e4;
}
std::optional<double> lat_1e4(const BitReader& r, std::size_t pos) {
  const std::int64_t raw = r.s(pos, 27);
  if (raw == detail::k_lat_na_1e4) return std::nullopt;
  return static_cast<double>(raw) / detail::k_scale_1e4;
}
// Position in 1/10 min (18/17 bits).
std::optional<double> lon_10(const BitReader& r, std::size_t pos) {
  const std::int64_t raw = r.s(pos, 18);
  if (raw == detail::k_lon_na_10) return std::nullopt;
  return static_cast<double>(raw) / detail::k_scale_10;
}
std::optional<double> lat_10(const BitReader& r, std::size_t pos) {
  const std::int64_t raw = r.s(pos, 17);
  if (raw == detail::k_lat_na_10) return std::nullopt;
  return static_cast<double>(raw) / detail::k_scale_10;
}
// Tenths with a "not available" code (speed 1023, course 3600).
std::optional<double> tenths(const BitReader& r, std::size_t pos, unsigned n, std::uint64_t na) {
  const std::uint64_t raw = r.u(pos, n);
  if (raw == na) return std::nullopt;
  return static_cast<double>(raw) / 10.0;
}
template <typename T>
std::optional<T> opt(const BitReader& r, std::size_t pos, unsigned n, std::uint64_t na) {
  const std::uint64_t raw = r.u(pos, n);
  if (raw == na) return std::nullopt;
  return static_cast<T>(raw);
}

Header header(const BitReader& r) {
  return Header{r.get<std::uint8_t>(0, 6), r.get<std::uint8_t>(6, 2), r.get<std::uint32_t>(8, 30)};
}

// Blocks that several message types share, each read from the bit offset `pos`.

// Accuracy flag and 1/10000-min position (56 bits): types 1-4, 9, 11, 18, 19, 21.
template <typename M>
void decode_fix(const BitReader& r, std::size_t pos, M& m) {
  m.accuracy = r.flag(pos);
  m.lon_deg = lon_1e4(r, pos + 1);
  m.lat_deg = lat_1e4(r, pos + 29);
}

// Speed, fix, course, true heading and UTC second (93 bits): types 1-3, 18, 19.
template <typename M>
void decode_motion(const BitReader& r, std::size_t pos, M& m) {
  m.speed_kn = tenths(r, pos, 10, 1023);
  decode_fix(r, pos + 10, m);
  m.course_deg = tenths(r, pos + 66, 12, 3600);
  m.heading_deg = opt<std::uint16_t>(r, pos + 78, 9, 511);
  m.second = r.get<std::uint8_t>(pos + 87, 6);
}

// Distances from the reference point to bow, stern, port, starboard (30 bits): 5, 19, 21, 24.
template <typename M>
void decode_dimensions(const BitReader& r, std::size_t pos, M& m) {
  m.to_bow_m = r.get<std::uint16_t>(pos, 9);
  m.to_stern_m = r.get<std::uint16_t>(pos + 9, 9);
  m.to_port_m = r.get<std::uint8_t>(pos + 18, 6);
  m.to_starboard_m = r.get<std::uint8_t>(pos + 24, 6);
}

// North-east and south-west corners in 1/10 min, no "not available" code (70 bits): 22, 23.
template <typename M>
void decode_area(const BitReader& r, std::size_t pos, M& m) {
  m.ne_lon_deg = static_cast<double>(r.s(pos, 18)) / detail::k_scale_10;
  m.ne_lat_deg = static_cast<double>(r.s(pos + 18, 17)) / detail::k_scale_10;
  m.sw_lon_deg = static_cast<double>(r.s(pos + 35, 18)) / detail::k_scale_10;
  m.sw_lat_deg = static_cast<double>(r.s(pos + 53, 17)) / detail::k_scale_10;
}

// Header, sequence number, destination, retransmit flag and spare bit (72 bits): 6, 12.
template <typename M>
void decode_addressed(const BitReader& r, M& m) {
  m.header = header(r);
  m.seqno = r.get<std::uint8_t>(38, 2);
  m.dest_mmsi = r.get<std::uint32_t>(40, 30);
  m.retransmit = r.flag(70);
  m.spare = r.flag(71);
}

void decode_position(const BitReader& r, PositionReport& m) {
  m.header = header(r);
  m.status = r.get<std::uint8_t>(38, 4);
  m.turn_raw = static_cast<std::int8_t>(r.s(42, 8));
  decode_motion(r, 50, m);
  m.maneuver = r.get<std::uint8_t>(143, 2);
  m.spare = r.get<std::uint8_t>(145, 3);
  m.raim = r.flag(148);
  m.radio = r.get<std::uint32_t>(149, 19);
  m.tail = r.tail(168);
}

void decode_base_station(const BitReader& r, BaseStationReport& m) {
  m.header = header(r);
  m.year = r.get<std::uint16_t>(38, 14);
  m.month = r.get<std::uint8_t>(52, 4);
  m.day = r.get<std::uint8_t>(56, 5);
  m.hour = r.get<std::uint8_t>(61, 5);
  m.minute = r.get<std::uint8_t>(66, 6);
  m.second = r.get<std::uint8_t>(72, 6);
  decode_fix(r, 78, m);
  m.epfd = r.get<std::uint8_t>(134, 4);
  m.spare = r.get<std::uint16_t>(138, 10);
  m.raim = r.flag(148);
  m.radio = r.get<std::uint32_t>(149, 19);
  m.tail = r.tail(168);
}

void decode_static_voyage(const BitReader& r, StaticVoyage& m) {
  // Missing bits of a 420..423-bit message read as 0 (the reader's words are zero there).
  m.header = header(r);
  m.ais_version = r.get<std::uint8_t>(38, 2);
  m.imo = r.get<std::uint32_t>(40, 30);
  r.text(70, 7, m.callsign);
  r.text(112, 20, m.shipname);
  m.shiptype = r.get<std::uint8_t>(232, 8);
  decode_dimensions(r, 240, m);
  m.epfd = r.get<std::uint8_t>(270, 4);
  m.eta_month = r.get<std::uint8_t>(274, 4);
  m.eta_day = r.get<std::uint8_t>(278, 5);
  m.eta_hour = r.get<std::uint8_t>(283, 5);
  m.eta_minute = r.get<std::uint8_t>(288, 6);
  m.draught_m = tenths(r, 294, 8, 0);
  r.text(302, 20, m.destination);
  m.dte = r.flag(422);
  m.spare = r.flag(423);
  m.missing_bits = 0;
  m.tail = {};
  if (r.size() < 424) {
    m.missing_bits = static_cast<std::uint8_t>(424 - r.size());
  } else {
    m.tail = r.tail(424);
  }
}

void decode_binary_addressed(const BitReader& r, BinaryAddressed& m) {
  decode_addressed(r, m);
  m.dac = r.get<std::uint16_t>(72, 10);
  m.fid = r.get<std::uint8_t>(82, 6);
  r.data(88, r.size() - 88, m.data);
}

void decode_binary_ack(const BitReader& r, BinaryAck& m) {
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  std::size_t count = (r.size() - 40) / 32;
  if (count > 4) count = 4;
  m.count = static_cast<std::uint8_t>(count);
  m.acks = {};
  for (std::size_t i = 0; i < count; ++i) {
    m.acks[i].mmsi = r.get<std::uint32_t>(40 + 32 * i, 30);
    m.acks[i].seqno = r.get<std::uint8_t>(70 + 32 * i, 2);
  }
  m.tail = r.tail(40 + 32 * count);
}

void decode_binary_broadcast(const BitReader& r, BinaryBroadcast& m) {
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  m.dac = r.get<std::uint16_t>(40, 10);
  m.fid = r.get<std::uint8_t>(50, 6);
  r.data(56, r.size() - 56, m.data);
}

void decode_sar(const BitReader& r, SarAircraftPosition& m) {
  m.header = header(r);
  m.altitude_m = opt<std::uint16_t>(r, 38, 12, 4095);
  m.speed_kn = opt<std::uint16_t>(r, 50, 10, 1023);
  decode_fix(r, 60, m);
  m.course_deg = tenths(r, 116, 12, 3600);
  m.second = r.get<std::uint8_t>(128, 6);
  m.regional = r.get<std::uint8_t>(134, 8);
  m.dte = r.flag(142);
  m.spare = r.get<std::uint8_t>(143, 3);
  m.assigned = r.flag(146);
  m.raim = r.flag(147);
  m.radio = r.get<std::uint32_t>(148, 20);
  m.tail = r.tail(168);
}

void decode_utc_inquiry(const BitReader& r, UtcInquiry& m) {
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  m.dest_mmsi = r.get<std::uint32_t>(40, 30);
  m.spare2 = r.get<std::uint8_t>(70, 2);
  m.tail = r.tail(72);
}

// Not inlined: inlined into decode(), GCC 12 -O3 sizes the writes after the text against
// the wrong std::variant member and reports a false -Wstringop-overflow. These types are rare.
[[gnu::noinline]] void decode_safety_addressed(const BitReader& r, SafetyAddressed& m) {
  decode_addressed(r, m);
  const std::size_t chars = (r.size() - 72) / 6;
  r.text(72, chars, m.text);
  m.tail = r.tail(72 + 6 * chars);
}

[[gnu::noinline]] void decode_safety_broadcast(const BitReader& r, SafetyBroadcast& m) {
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  const std::size_t chars = (r.size() - 40) / 6;
  r.text(40, chars, m.text);
  m.tail = r.tail(40 + 6 * chars);
}

void decode_interrogation(const BitReader& r, Interrogation& m) {
  // gpsd's thresholds: > 90 bits -> second request, > 110 bits -> station 2. Bits past the
  // end read as 0 (the reader's words are zero there; 160 bits fit in the first block).
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  m.mmsi1 = r.get<std::uint32_t>(40, 30);
  m.type1_1 = r.get<std::uint8_t>(70, 6);
  m.offset1_1 = r.get<std::uint16_t>(76, 12);
  const std::size_t bits = r.size();
  if (bits <= 90) {
    m.requests = 1;
    m.tail = r.tail(88);
    return;
  }
  m.spare2 = r.get<std::uint8_t>(88, 2);
  m.type1_2 = r.get<std::uint8_t>(90, 6);
  m.offset1_2 = r.get<std::uint16_t>(96, 12);
  m.spare3 = r.get<std::uint8_t>(108, 2);
  if (bits <= 110) {
    m.requests = 2;
    m.missing_bits = static_cast<std::uint8_t>(110 - bits);
    return;
  }
  m.mmsi2 = r.get<std::uint32_t>(110, 30);
  m.type2_1 = r.get<std::uint8_t>(140, 6);
  m.offset2_1 = r.get<std::uint16_t>(146, 12);
  m.spare4 = r.get<std::uint8_t>(158, 2);
  m.requests = 3;
  if (bits < 160) {
    m.missing_bits = static_cast<std::uint8_t>(160 - bits);
  } else {
    m.tail = r.tail(160);
  }
}

void decode_assignment(const BitReader& r, AssignmentCommand& m) {
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  m.count = r.size() >= 144 ? 2 : 1;
  m.assignments = {};
  for (std::size_t i = 0; i < m.count; ++i) {
    m.assignments[i].mmsi = r.get<std::uint32_t>(40 + 52 * i, 30);
    m.assignments[i].offset = r.get<std::uint16_t>(70 + 52 * i, 12);
    m.assignments[i].increment = r.get<std::uint16_t>(82 + 52 * i, 10);
  }
  m.tail = r.tail(40 + 52U * m.count);
}

void decode_dgnss(const BitReader& r, DgnssBroadcast& m) {
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  m.lon_deg = lon_10(r, 40);
  m.lat_deg = lat_10(r, 58);
  m.spare2 = r.get<std::uint8_t>(75, 5);
  r.data(80, r.size() - 80, m.data);
}

void decode_class_b(const BitReader& r, ClassBPosition& m) {
  m.header = header(r);
  m.reserved = r.get<std::uint8_t>(38, 8);
  decode_motion(r, 46, m);
  m.regional = r.get<std::uint8_t>(139, 2);
  m.cs = r.flag(141);
  m.display = r.flag(142);
  m.dsc = r.flag(143);
  m.band = r.flag(144);
  m.msg22 = r.flag(145);
  m.assigned = r.flag(146);
  m.raim = r.flag(147);
  m.radio = r.get<std::uint32_t>(148, 20);
  m.tail = r.tail(168);
}

void decode_class_b_extended(const BitReader& r, ClassBExtended& m) {
  m.header = header(r);
  m.reserved = r.get<std::uint8_t>(38, 8);
  decode_motion(r, 46, m);
  m.regional = r.get<std::uint8_t>(139, 4);
  r.text(143, 20, m.shipname);
  m.shiptype = r.get<std::uint8_t>(263, 8);
  decode_dimensions(r, 271, m);
  m.epfd = r.get<std::uint8_t>(301, 4);
  m.raim = r.flag(305);
  m.dte = r.flag(306);
  m.assigned = r.flag(307);
  m.spare = r.get<std::uint8_t>(308, 4);
  m.tail = r.tail(312);
}

void decode_data_link(const BitReader& r, DataLinkManagement& m) {
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  std::size_t count = (r.size() - 40) / 30;
  if (count > 4) count = 4;
  m.count = static_cast<std::uint8_t>(count);
  m.slots = {};
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t at = 40 + 30 * i;
    m.slots[i].offset = r.get<std::uint16_t>(at, 12);
    m.slots[i].number = r.get<std::uint8_t>(at + 12, 4);
    m.slots[i].timeout = r.get<std::uint8_t>(at + 16, 3);
    m.slots[i].increment = r.get<std::uint16_t>(at + 19, 11);
  }
  m.tail = r.tail(40 + 30 * count);
}

void decode_aid(const BitReader& r, AidToNavigation& m) {
  m.header = header(r);
  m.aid_type = r.get<std::uint8_t>(38, 5);
  r.text(43, 20, m.name);
  decode_fix(r, 163, m);
  decode_dimensions(r, 219, m);
  m.epfd = r.get<std::uint8_t>(249, 4);
  m.second = r.get<std::uint8_t>(253, 6);
  m.off_position = r.flag(259);
  m.regional = r.get<std::uint8_t>(260, 8);
  m.raim = r.flag(268);
  m.virtual_aid = r.flag(269);
  m.assigned = r.flag(270);
  m.spare = r.flag(271);
  std::size_t chars = (r.size() - 272) / 6;
  if (chars > 14) chars = 14;
  r.text(272, chars, m.name_ext);
  m.tail = r.tail(272 + 6 * chars);
}

void decode_channel_management(const BitReader& r, ChannelManagement& m) {
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  m.channel_a = r.get<std::uint16_t>(40, 12);
  m.channel_b = r.get<std::uint16_t>(52, 12);
  m.txrx = r.get<std::uint8_t>(64, 4);
  m.power = r.flag(68);
  m.addressed = r.flag(139);
  if (m.addressed) {
    m.dest1 = r.get<std::uint32_t>(69, 30);
    m.empty1 = r.get<std::uint8_t>(99, 5);
    m.dest2 = r.get<std::uint32_t>(104, 30);
    m.empty2 = r.get<std::uint8_t>(134, 5);
  } else {
    decode_area(r, 69, m);
  }
  m.band_a = r.flag(140);
  m.band_b = r.flag(141);
  m.zonesize = r.get<std::uint8_t>(142, 3);
  m.spare2 = r.get<std::uint32_t>(145, 23);
  m.tail = r.tail(168);
}

void decode_group_assignment(const BitReader& r, GroupAssignment& m) {
  m.header = header(r);
  m.spare = r.get<std::uint8_t>(38, 2);
  decode_area(r, 40, m);
  m.stationtype = r.get<std::uint8_t>(110, 4);
  m.shiptype = r.get<std::uint8_t>(114, 8);
  m.spare2 = r.get<std::uint32_t>(122, 22);
  m.txrx = r.get<std::uint8_t>(144, 2);
  m.interval = r.get<std::uint8_t>(146, 4);
  m.quiet = r.get<std::uint8_t>(150, 4);
  m.spare3 = r.get<std::uint8_t>(154, 6);
  m.tail = r.tail(160);
}

Result<void> decode_static_data(const BitReader& r, StaticDataReport& m) {
  m.header = header(r);
  m.partno = r.get<std::uint8_t>(38, 2);
  if (m.partno == 0) {
    if (r.size() > 160 + detail::k_max_tail_bits) return fail(ErrorCode::payload_too_long);
    r.text(40, 20, m.shipname);
    m.tail = r.tail(160);
    return {};
  }
  if (m.partno != 1) return fail(ErrorCode::unknown_message_type);
  if (r.size() < 168) return fail(ErrorCode::payload_too_short);
  m.shiptype = r.get<std::uint8_t>(40, 8);
  r.text(48, 7, m.vendorid);
  m.model = r.get<std::uint8_t>(66, 4);
  m.serial = r.get<std::uint32_t>(70, 20);
  r.text(90, 7, m.callsign);
  if (is_auxiliary_mmsi(m.header.mmsi)) {
    m.mothership_mmsi = r.get<std::uint32_t>(132, 30);
  } else {
    decode_dimensions(r, 132, m);
  }
  m.epfd = r.get<std::uint8_t>(162, 4);
  m.spare = r.get<std::uint8_t>(166, 2);
  m.tail = r.tail(168);
  return {};
}

// Types 25 and 26 share the addressed/structured prefix; returns the data start.
template <typename M>
std::size_t decode_slot_binary_prefix(const BitReader& r, M& m) {
  m.header = header(r);
  m.addressed = r.flag(38);
  m.structured = r.flag(39);
  std::size_t at = 40;
  m.dest_mmsi = 0;
  m.dac = 0;
  m.fid = 0;
  if (m.addressed) {
    m.dest_mmsi = r.get<std::uint32_t>(at, 30);
    at += 30;
  }
  if (m.structured) {
    m.dac = r.get<std::uint16_t>(at, 10);
    m.fid = r.get<std::uint8_t>(at + 10, 6);
    at += 16;
  }
  return at;
}

std::size_t slot_binary_prefix_bits(const BitReader& r) {
  return 40 + (r.flag(38) ? 30U : 0U) + (r.flag(39) ? 16U : 0U);
}

void decode_long_range(const BitReader& r, LongRangePosition& m) {
  m.header = header(r);
  m.accuracy = r.flag(38);
  m.raim = r.flag(39);
  m.status = r.get<std::uint8_t>(40, 4);
  m.lon_deg = lon_10(r, 44);
  m.lat_deg = lat_10(r, 62);
  m.speed_kn = opt<std::uint8_t>(r, 79, 6, 63);
  m.course_deg = opt<std::uint16_t>(r, 85, 9, 511);
  m.gnss = r.flag(94);
  m.spare = r.flag(95);
  m.tail = r.tail(96);
}

// The alternative T of `out`, reusing it when `out` already holds a T (decoding a stream
// into one Message then costs no re-initialisation). Only for decoders that write every
// field of T; the others use out.emplace<T>(), which starts from the defaults.
template <typename T>
T& reuse(Message& out) {
  if (auto* p = std::get_if<T>(&out)) return *p;
  return out.emplace<T>();
}

}  // namespace

BitRange accepted_bits(std::uint8_t type) {
  if (type == 0 || type >= detail::k_layouts.size()) return {};
  const auto& l = detail::k_layouts[type];
  return {l.min_bits, l.max_bits};
}

Result<void> decode(std::string_view payload, std::uint8_t fill_bits, Message& out) {
  if (payload.empty()) return fail(ErrorCode::empty_payload);
  if (fill_bits > 5) return fail(ErrorCode::bad_fill_bits);
  const std::uint8_t first = detail::k_armour_value[static_cast<unsigned char>(payload[0])];
  if ((first & detail::k_bad_char) != 0) return fail(ErrorCode::bad_payload_char);
  const std::uint8_t type = first;
  if (type == 0 || type > 27) return fail(ErrorCode::unknown_message_type);
  const detail::Layout& layout = detail::k_layouts[type];
  if (payload.size() > detail::k_max_payload_chars) return fail(ErrorCode::payload_too_long);
  BitReader r;
  if (!r.load(payload, fill_bits)) return fail(ErrorCode::bad_payload_char);
  const std::size_t bits = r.size();
  if (bits < layout.min_bits) return fail(ErrorCode::payload_too_short);
  if (bits > layout.max_bits) return fail(ErrorCode::payload_too_long);

  switch (type) {
    case 1:
    case 2:
    case 3: decode_position(r, reuse<PositionReport>(out)); break;
    case 4:
    case 11: decode_base_station(r, reuse<BaseStationReport>(out)); break;
    case 5: decode_static_voyage(r, reuse<StaticVoyage>(out)); break;
    case 6: decode_binary_addressed(r, reuse<BinaryAddressed>(out)); break;
    case 7:
    case 13: decode_binary_ack(r, reuse<BinaryAck>(out)); break;
    case 8: decode_binary_broadcast(r, reuse<BinaryBroadcast>(out)); break;
    case 9: decode_sar(r, reuse<SarAircraftPosition>(out)); break;
    case 10: decode_utc_inquiry(r, reuse<UtcInquiry>(out)); break;
    case 12: decode_safety_addressed(r, reuse<SafetyAddressed>(out)); break;
    case 14: decode_safety_broadcast(r, reuse<SafetyBroadcast>(out)); break;
    case 15: decode_interrogation(r, out.emplace<Interrogation>()); break;
    case 16: decode_assignment(r, reuse<AssignmentCommand>(out)); break;
    case 17: decode_dgnss(r, reuse<DgnssBroadcast>(out)); break;
    case 18: decode_class_b(r, reuse<ClassBPosition>(out)); break;
    case 19: decode_class_b_extended(r, reuse<ClassBExtended>(out)); break;
    case 20: decode_data_link(r, reuse<DataLinkManagement>(out)); break;
    case 21: decode_aid(r, reuse<AidToNavigation>(out)); break;
    case 22: decode_channel_management(r, out.emplace<ChannelManagement>()); break;
    case 23: decode_group_assignment(r, reuse<GroupAssignment>(out)); break;
    // 15, 22 and 24 leave the fields of absent forms/parts at their defaults
    case 24: return decode_static_data(r, out.emplace<StaticDataReport>());
    case 25: {
      if (bits < slot_binary_prefix_bits(r)) return fail(ErrorCode::payload_too_short);
      auto& m = reuse<SingleSlotBinary>(out);
      const std::size_t at = decode_slot_binary_prefix(r, m);
      r.data(at, bits - at, m.data);
      break;
    }
    case 26: {
      if (bits < slot_binary_prefix_bits(r) + 20) return fail(ErrorCode::payload_too_short);
      auto& m = reuse<MultiSlotBinary>(out);
      const std::size_t at = decode_slot_binary_prefix(r, m);
      r.data(at, bits - 20 - at, m.data);
      m.radio = r.get<std::uint32_t>(bits - 20, 20);
      break;
    }
    case 27: decode_long_range(r, reuse<LongRangePosition>(out)); break;
    default: return fail(ErrorCode::unknown_message_type);
  }
  return {};
}

Result<Message> decode(std::string_view payload, std::uint8_t fill_bits) {
  Message message;
  if (auto r = decode(payload, fill_bits, message); !r) return fail(r.error());
  return message;
}

}  // namespace darkfleet::ais
