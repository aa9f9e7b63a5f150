// Random valid messages of every type, for round-trip tests (internal, tests only).
//
// "Valid" means what decode() can produce: every field within its bit width, doubles on
// the field's grid (raw / scale), "not available" codes as empty optionals, texts as
// transmitted (fixed width, then trimmed), tails and missing bits consistent with the
// message length. Then decode(encode(m)) must equal m exactly.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <random>
#include <utility>

#include "darkfleet/ais/messages.hpp"

namespace darkfleet::ais::test {

class RandomMessages {
 public:
  explicit RandomMessages(std::uint64_t seed) : m_rng(seed) {}

  /// A random message of type `type` (1..27).
  Message make(std::uint8_t type) {
    switch (type) {
      case 1:
      case 2:
      case 3: return position(type);
      case 4:
      case 11: return base_station(type);
      case 5: return static_voyage();
      case 6: return binary_addressed();
      case 7:
      case 13: return binary_ack(type);
      case 8: return binary_broadcast();
      case 9: return sar();
      case 10: return utc_inquiry();
      case 12: return safety_addressed();
      case 14: return safety_broadcast();
      case 15: return interrogation();
      case 16: return assignment();
      case 17: return dgnss();
      case 18: return class_b();
      case 19: return class_b_extended();
      case 20: return data_link();
      case 21: return aid();
      case 22: return channel_management();
      case 23: return group_assignment();
      case 24: return static_data();
      case 25: return single_slot();
      case 26: return multi_slot();
      default: return long_range();
    }
  }

  /// Uniform in [0, 2^bits).
  std::uint64_t bits(unsigned n) {
    if (n == 0) return 0;
    const std::uint64_t v = m_rng();
    return n >= 64 ? v : v & ((std::uint64_t{1} << n) - 1);
  }
  /// Uniform in [lo, hi].
  std::uint64_t range(std::uint64_t lo, std::uint64_t hi) {
    return std::uniform_int_distribution<std::uint64_t>(lo, hi)(m_rng);
  }
  bool coin(double p = 0.5) { return std::bernoulli_distribution(p)(m_rng); }

 private:
  template <typename T>
  T u(unsigned n) {
    return static_cast<T>(bits(n));
  }
  std::int64_t s(unsigned n) {
    const std::uint64_t v = bits(n);
    return static_cast<std::int64_t>(v << (64 - n)) >> (64 - n);
  }
  Header header(std::uint8_t type) { return {type, u<std::uint8_t>(2), u<std::uint32_t>(30)}; }

  // Signed position on a grid with a "not available" code; now and then exactly n/a.
  std::optional<double> position(unsigned n, double scale, std::int64_t na) {
    if (coin(0.1)) return std::nullopt;
    const std::int64_t raw =
        coin(0.7) ? static_cast<std::int64_t>(range(0, static_cast<std::uint64_t>(na))) *
                        (coin() ? 1 : -1)
                  : s(n);
    if (raw == na) return std::nullopt;
    return static_cast<double>(raw) / scale;
  }
  std::optional<double> lon_1e4() { return position(28, 600000.0, 181 * 600000); }
  std::optional<double> lat_1e4() { return position(27, 600000.0, 91 * 600000); }
  std::optional<double> lon_10() { return position(18, 600.0, 181 * 600); }
  std::optional<double> lat_10() { return position(17, 600.0, 91 * 600); }
  double corner(unsigned n) { return static_cast<double>(s(n)) / 600.0; }
  std::optional<double> tenths(unsigned n, std::uint64_t na) {
    const std::uint64_t raw = coin(0.1) ? na : bits(n);
    if (raw == na) return std::nullopt;
    return static_cast<double>(raw) / 10.0;
  }
  template <typename T>
  std::optional<T> opt(unsigned n, std::uint64_t na) {
    const std::uint64_t raw = coin(0.1) ? na : bits(n);
    if (raw == na) return std::nullopt;
    return static_cast<T>(raw);
  }

  // A text of `count` transmitted characters: letters, digits, spaces, '@' padding.
  template <std::size_t N>
  Text<N> text(std::size_t count) {
    Text<N> t;
    const std::size_t visible = range(0, count);
    for (std::size_t i = 0; i < count; ++i) {
      unsigned code = static_cast<unsigned>(bits(6));
      if (i >= visible) code = coin(0.7) ? 0U : 32U;  // '@' or ' ' padding
      t.chars[i] = static_cast<char>(code < 32 ? code + 64 : code);
    }
    t.length = static_cast<std::uint16_t>(count);
    t.trim();
    return t;
  }
  TrailingBits tail(unsigned max_bits) {
    TrailingBits t;
    if (max_bits == 0 || coin(0.7)) return t;
    t.bit_count = static_cast<std::uint8_t>(range(1, max_bits));
    t.value = bits(t.bit_count);
    return t;
  }
  // The usual case is no tail; sometimes up to 63 extra bits.
  TrailingBits extra() { return tail(63); }
  BinaryData data(std::size_t max_bits) {
    BinaryData d;
    d.bit_count = static_cast<std::uint16_t>(coin(0.2) ? range(0, max_bits)
                                                       : range(0, max_bits < 400 ? max_bits : 400));
    for (std::size_t i = 0; i < d.byte_count(); ++i) d.bytes[i] = u<std::uint8_t>(8);
    if (d.bit_count % 8 != 0) {
      d.bytes[d.byte_count() - 1] &= static_cast<std::uint8_t>(0xFF << (8 - d.bit_count % 8));
    }
    return d;
  }
  // Clears the lowest `k` bits of the concatenation of `fields` (most significant first).
  template <typename... F>
  static void clear_low_bits(unsigned k, std::pair<F*, unsigned>... fields) {
    unsigned left = k;
    clear_reverse(left, fields...);
  }
  template <typename First, typename... Rest>
  static void clear_reverse(unsigned& left, std::pair<First*, unsigned> first,
                            std::pair<Rest*, unsigned>... rest) {
    if constexpr (sizeof...(Rest) > 0) clear_reverse(left, rest...);
    const unsigned n = left < first.second ? left : first.second;
    const std::uint64_t mask = (std::uint64_t{1} << n) - 1;
    *first.first = static_cast<First>(static_cast<std::uint64_t>(*first.first) & ~mask);
    left -= n;
  }

  PositionReport position(std::uint8_t type) {
    PositionReport m;
    m.header = header(type);
    m.status = u<std::uint8_t>(4);
    m.turn_raw = static_cast<std::int8_t>(s(8));
    m.speed_kn = tenths(10, 1023);
    m.accuracy = coin();
    m.lon_deg = lon_1e4();
    m.lat_deg = lat_1e4();
    m.course_deg = tenths(12, 3600);
    m.heading_deg = opt<std::uint16_t>(9, 511);
    m.second = u<std::uint8_t>(6);
    m.maneuver = u<std::uint8_t>(2);
    m.spare = u<std::uint8_t>(3);
    m.raim = coin();
    m.radio = u<std::uint32_t>(19);
    m.tail = extra();
    return m;
  }

  BaseStationReport base_station(std::uint8_t type) {
    BaseStationReport m;
    m.header = header(type);
    m.year = u<std::uint16_t>(14);
    m.month = u<std::uint8_t>(4);
    m.day = u<std::uint8_t>(5);
    m.hour = u<std::uint8_t>(5);
    m.minute = u<std::uint8_t>(6);
    m.second = u<std::uint8_t>(6);
    m.accuracy = coin();
    m.lon_deg = lon_1e4();
    m.lat_deg = lat_1e4();
    m.epfd = u<std::uint8_t>(4);
    m.spare = u<std::uint16_t>(10);
    m.raim = coin();
    m.radio = u<std::uint32_t>(19);
    m.tail = extra();
    return m;
  }

  StaticVoyage static_voyage() {
    StaticVoyage m;
    m.header = header(5);
    m.ais_version = u<std::uint8_t>(2);
    m.imo = u<std::uint32_t>(30);
    m.callsign = text<7>(7);
    m.shipname = text<20>(20);
    m.shiptype = u<std::uint8_t>(8);
    m.to_bow_m = u<std::uint16_t>(9);
    m.to_stern_m = u<std::uint16_t>(9);
    m.to_port_m = u<std::uint8_t>(6);
    m.to_starboard_m = u<std::uint8_t>(6);
    m.epfd = u<std::uint8_t>(4);
    m.eta_month = u<std::uint8_t>(4);
    m.eta_day = u<std::uint8_t>(5);
    m.eta_hour = u<std::uint8_t>(5);
    m.eta_minute = u<std::uint8_t>(6);
    m.draught_m = tenths(8, 0);
    m.destination = text<20>(20);
    m.dte = coin();
    m.spare = coin();
    if (coin(0.2)) {
      // a 420..423-bit transmission: the missing bits read as 0
      m.missing_bits = static_cast<std::uint8_t>(range(1, 4));
      if (m.missing_bits >= 1) m.spare = false;
      if (m.missing_bits >= 2) m.dte = false;
      if (m.missing_bits >= 3) {
        char& c = m.destination.chars[19];
        unsigned code = c >= 64 ? static_cast<unsigned>(c) - 64U : static_cast<unsigned>(c);
        code &= m.missing_bits >= 4 ? ~3U : ~1U;
        c = static_cast<char>(code < 32 ? code + 64 : code);
        m.destination.trim();
      }
    } else {
      m.tail = extra();
    }
    return m;
  }

  BinaryAddressed binary_addressed() {
    BinaryAddressed m;
    m.header = header(6);
    m.seqno = u<std::uint8_t>(2);
    m.dest_mmsi = u<std::uint32_t>(30);
    m.retransmit = coin();
    m.spare = coin();
    m.dac = u<std::uint16_t>(10);
    m.fid = u<std::uint8_t>(6);
    m.data = data(k_max_payload_bits - 88);
    return m;
  }

  BinaryAck binary_ack(std::uint8_t type) {
    BinaryAck m;
    m.header = header(type);
    m.spare = u<std::uint8_t>(2);
    m.count = static_cast<std::uint8_t>(range(1, 4));
    for (std::size_t i = 0; i < m.count; ++i)
      m.acks[i] = {u<std::uint32_t>(30), u<std::uint8_t>(2)};
    m.tail = tail(m.count < 4 ? 31 : 63);
    return m;
  }

  BinaryBroadcast binary_broadcast() {
    BinaryBroadcast m;
    m.header = header(8);
    m.spare = u<std::uint8_t>(2);
    m.dac = u<std::uint16_t>(10);
    m.fid = u<std::uint8_t>(6);
    m.data = data(k_max_payload_bits - 56);
    return m;
  }

  SarAircraftPosition sar() {
    SarAircraftPosition m;
    m.header = header(9);
    m.altitude_m = opt<std::uint16_t>(12, 4095);
    m.speed_kn = opt<std::uint16_t>(10, 1023);
    m.accuracy = coin();
    m.lon_deg = lon_1e4();
    m.lat_deg = lat_1e4();
    m.course_deg = tenths(12, 3600);
    m.second = u<std::uint8_t>(6);
    m.regional = u<std::uint8_t>(8);
    m.dte = coin();
    m.spare = u<std::uint8_t>(3);
    m.assigned = coin();
    m.raim = coin();
    m.radio = u<std::uint32_t>(20);
    m.tail = extra();
    return m;
  }

  UtcInquiry utc_inquiry() {
    UtcInquiry m;
    m.header = header(10);
    m.spare = u<std::uint8_t>(2);
    m.dest_mmsi = u<std::uint32_t>(30);
    m.spare2 = u<std::uint8_t>(2);
    m.tail = extra();
    return m;
  }

  SafetyAddressed safety_addressed() {
    SafetyAddressed m;
    m.header = header(12);
    m.seqno = u<std::uint8_t>(2);
    m.dest_mmsi = u<std::uint32_t>(30);
    m.retransmit = coin();
    m.spare = coin();
    const std::size_t n = coin(0.1) ? k_max_text12_chars : range(0, 160);
    m.text = text<k_max_text12_chars>(n);
    if (n < k_max_text12_chars) m.tail = tail(5);
    return m;
  }

  SafetyBroadcast safety_broadcast() {
    SafetyBroadcast m;
    m.header = header(14);
    m.spare = u<std::uint8_t>(2);
    const std::size_t n = coin(0.1) ? k_max_text14_chars : range(0, 160);
    m.text = text<k_max_text14_chars>(n);
    m.tail = tail(n == k_max_text14_chars ? 2 : 5);
    return m;
  }

  Interrogation interrogation() {
    Interrogation m;
    m.header = header(15);
    m.spare = u<std::uint8_t>(2);
    m.mmsi1 = u<std::uint32_t>(30);
    m.type1_1 = u<std::uint8_t>(6);
    m.offset1_1 = u<std::uint16_t>(12);
    m.requests = static_cast<std::uint8_t>(range(1, 3));
    if (m.requests == 1) {
      m.tail = tail(2);
      return m;
    }
    m.spare2 = u<std::uint8_t>(2);
    m.type1_2 = u<std::uint8_t>(6);
    m.offset1_2 = u<std::uint16_t>(12);
    m.spare3 = u<std::uint8_t>(2);
    if (m.requests == 2) {
      if (coin(0.3)) {
        m.missing_bits = static_cast<std::uint8_t>(range(1, 19));
        clear_low_bits(m.missing_bits, std::pair{&m.type1_2, 6U}, std::pair{&m.offset1_2, 12U},
                       std::pair{&m.spare3, 2U});
      }
      return m;
    }
    m.mmsi2 = u<std::uint32_t>(30);
    m.type2_1 = u<std::uint8_t>(6);
    m.offset2_1 = u<std::uint16_t>(12);
    m.spare4 = u<std::uint8_t>(2);
    if (coin(0.3)) {
      m.missing_bits = static_cast<std::uint8_t>(range(1, 49));
      clear_low_bits(m.missing_bits, std::pair{&m.mmsi2, 30U}, std::pair{&m.type2_1, 6U},
                     std::pair{&m.offset2_1, 12U}, std::pair{&m.spare4, 2U});
    } else {
      m.tail = extra();
    }
    return m;
  }

  AssignmentCommand assignment() {
    AssignmentCommand m;
    m.header = header(16);
    m.spare = u<std::uint8_t>(2);
    m.count = static_cast<std::uint8_t>(range(1, 2));
    for (std::size_t i = 0; i < m.count; ++i) {
      m.assignments[i] = {u<std::uint32_t>(30), u<std::uint16_t>(12), u<std::uint16_t>(10)};
    }
    m.tail = tail(m.count == 1 ? 51 : 63);
    return m;
  }

  DgnssBroadcast dgnss() {
    DgnssBroadcast m;
    m.header = header(17);
    m.spare = u<std::uint8_t>(2);
    m.lon_deg = lon_10();
    m.lat_deg = lat_10();
    m.spare2 = u<std::uint8_t>(5);
    m.data = data(k_max_payload_bits - 80);
    return m;
  }

  ClassBPosition class_b() {
    ClassBPosition m;
    m.header = header(18);
    m.reserved = u<std::uint8_t>(8);
    m.speed_kn = tenths(10, 1023);
    m.accuracy = coin();
    m.lon_deg = lon_1e4();
    m.lat_deg = lat_1e4();
    m.course_deg = tenths(12, 3600);
    m.heading_deg = opt<std::uint16_t>(9, 511);
    m.second = u<std::uint8_t>(6);
    m.regional = u<std::uint8_t>(2);
    m.cs = coin();
    m.display = coin();
    m.dsc = coin();
    m.band = coin();
    m.msg22 = coin();
    m.assigned = coin();
    m.raim = coin();
    m.radio = u<std::uint32_t>(20);
    m.tail = extra();
    return m;
  }

  ClassBExtended class_b_extended() {
    ClassBExtended m;
    m.header = header(19);
    m.reserved = u<std::uint8_t>(8);
    m.speed_kn = tenths(10, 1023);
    m.accuracy = coin();
    m.lon_deg = lon_1e4();
    m.lat_deg = lat_1e4();
    m.course_deg = tenths(12, 3600);
    m.heading_deg = opt<std::uint16_t>(9, 511);
    m.second = u<std::uint8_t>(6);
    m.regional = u<std::uint8_t>(4);
    m.shipname = text<20>(20);
    m.shiptype = u<std::uint8_t>(8);
    m.to_bow_m = u<std::uint16_t>(9);
    m.to_stern_m = u<std::uint16_t>(9);
    m.to_port_m = u<std::uint8_t>(6);
    m.to_starboard_m = u<std::uint8_t>(6);
    m.epfd = u<std::uint8_t>(4);
    m.raim = coin();
    m.dte = coin();
    m.assigned = coin();
    m.spare = u<std::uint8_t>(4);
    m.tail = extra();
    return m;
  }

  DataLinkManagement data_link() {
    DataLinkManagement m;
    m.header = header(20);
    m.spare = u<std::uint8_t>(2);
    m.count = static_cast<std::uint8_t>(range(1, 4));
    for (std::size_t i = 0; i < m.count; ++i) {
      m.slots[i] = {u<std::uint16_t>(12), u<std::uint8_t>(4), u<std::uint8_t>(3),
                    u<std::uint16_t>(11)};
    }
    m.tail = tail(m.count < 4 ? 29 : 63);
    return m;
  }

  AidToNavigation aid() {
    AidToNavigation m;
    m.header = header(21);
    m.aid_type = u<std::uint8_t>(5);
    m.name = text<20>(20);
    m.accuracy = coin();
    m.lon_deg = lon_1e4();
    m.lat_deg = lat_1e4();
    m.to_bow_m = u<std::uint16_t>(9);
    m.to_stern_m = u<std::uint16_t>(9);
    m.to_port_m = u<std::uint8_t>(6);
    m.to_starboard_m = u<std::uint8_t>(6);
    m.epfd = u<std::uint8_t>(4);
    m.second = u<std::uint8_t>(6);
    m.off_position = coin();
    m.regional = u<std::uint8_t>(8);
    m.raim = coin();
    m.virtual_aid = coin();
    m.assigned = coin();
    m.spare = coin();
    const std::size_t ext = coin(0.5) ? 0 : range(0, 14);
    m.name_ext = text<14>(ext);
    m.tail = tail(ext < 14 ? 5 : 63);
    return m;
  }

  ChannelManagement channel_management() {
    ChannelManagement m;
    m.header = header(22);
    m.spare = u<std::uint8_t>(2);
    m.channel_a = u<std::uint16_t>(12);
    m.channel_b = u<std::uint16_t>(12);
    m.txrx = u<std::uint8_t>(4);
    m.power = coin();
    m.addressed = coin();
    if (m.addressed) {
      m.dest1 = u<std::uint32_t>(30);
      m.empty1 = u<std::uint8_t>(5);
      m.dest2 = u<std::uint32_t>(30);
      m.empty2 = u<std::uint8_t>(5);
    } else {
      m.ne_lon_deg = corner(18);
      m.ne_lat_deg = corner(17);
      m.sw_lon_deg = corner(18);
      m.sw_lat_deg = corner(17);
    }
    m.band_a = coin();
    m.band_b = coin();
    m.zonesize = u<std::uint8_t>(3);
    m.spare2 = u<std::uint32_t>(23);
    m.tail = extra();
    return m;
  }

  GroupAssignment group_assignment() {
    GroupAssignment m;
    m.header = header(23);
    m.spare = u<std::uint8_t>(2);
    m.ne_lon_deg = corner(18);
    m.ne_lat_deg = corner(17);
    m.sw_lon_deg = corner(18);
    m.sw_lat_deg = corner(17);
    m.stationtype = u<std::uint8_t>(4);
    m.shiptype = u<std::uint8_t>(8);
    m.spare2 = u<std::uint32_t>(22);
    m.txrx = u<std::uint8_t>(2);
    m.interval = u<std::uint8_t>(4);
    m.quiet = u<std::uint8_t>(4);
    m.spare3 = u<std::uint8_t>(6);
    m.tail = extra();
    return m;
  }

  StaticDataReport static_data() {
    StaticDataReport m;
    m.header = header(24);
    m.partno = coin() ? 1 : 0;
    if (m.partno == 0) {
      m.shipname = text<20>(20);
      m.tail = extra();
      return m;
    }
    if (coin(0.3)) m.header.mmsi = static_cast<std::uint32_t>(980000000 + range(0, 9999999));
    m.shiptype = u<std::uint8_t>(8);
    m.vendorid = text<7>(7);
    // model and serial are bits 18..41 of the 42-bit vendor id
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 7; ++i) {
      const auto c = static_cast<unsigned>(m.vendorid.chars[i]);
      v = (v << 6) | (c >= 64 ? c - 64 : c);
    }
    m.model = static_cast<std::uint8_t>((v >> 20) & 15U);
    m.serial = static_cast<std::uint32_t>(v & 0xFFFFFU);
    m.callsign = text<7>(7);
    if (is_auxiliary_mmsi(m.header.mmsi)) {
      m.mothership_mmsi = u<std::uint32_t>(30);
    } else {
      m.to_bow_m = u<std::uint16_t>(9);
      m.to_stern_m = u<std::uint16_t>(9);
      m.to_port_m = u<std::uint8_t>(6);
      m.to_starboard_m = u<std::uint8_t>(6);
    }
    m.epfd = u<std::uint8_t>(4);
    m.spare = u<std::uint8_t>(2);
    m.tail = extra();
    return m;
  }

  template <typename M>
  std::size_t slot_binary_prefix(M& m, std::uint8_t type) {
    m.header = header(type);
    m.addressed = coin();
    m.structured = coin();
    std::size_t bits_used = 40;
    if (m.addressed) {
      m.dest_mmsi = u<std::uint32_t>(30);
      bits_used += 30;
    }
    if (m.structured) {
      m.dac = u<std::uint16_t>(10);
      m.fid = u<std::uint8_t>(6);
      bits_used += 16;
    }
    return bits_used;
  }

  SingleSlotBinary single_slot() {
    SingleSlotBinary m;
    const std::size_t used = slot_binary_prefix(m, 25);
    m.data = data(168 - used);
    return m;
  }

  MultiSlotBinary multi_slot() {
    MultiSlotBinary m;
    const std::size_t used = slot_binary_prefix(m, 26);
    m.data = data(k_max_payload_bits - used - 20);
    m.radio = u<std::uint32_t>(20);
    return m;
  }

  LongRangePosition long_range() {
    LongRangePosition m;
    m.header = header(27);
    m.accuracy = coin();
    m.raim = coin();
    m.status = u<std::uint8_t>(4);
    m.lon_deg = lon_10();
    m.lat_deg = lat_10();
    m.speed_kn = opt<std::uint8_t>(6, 63);
    m.course_deg = opt<std::uint16_t>(9, 511);
    m.gnss = coin();
    m.spare = coin();
    m.tail = extra();
    return m;
  }

  std::mt19937_64 m_rng;
};

}  // namespace darkfleet::ais::test
