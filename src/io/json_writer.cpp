// JSON lines in gpsd's AIS format (gpsd 3.22 `gpsdecode`, scaled), plus darkfleet's
// reception fields. Field names, field order and number formats follow gpsd; the few
// deliberate differences are listed in docs/formats.md ("Differences from gpsd").
//
// Cost: one std::visit, integer-only number formatting into a stack buffer, one append.
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

// Key-value writers. Keys are literals with their leading comma: `,"speed":`.
struct JsonOut : TextOut {
  void key_u(std::string_view key, std::uint64_t v) {
    raw(key);
    u64(v);
  }
  void key_b(std::string_view key, bool v) {
    raw(key);
    raw(v ? std::string_view("true") : std::string_view("false"));
  }
  void key_s(std::string_view key, std::string_view v) {
    raw(key);
    ch('"');
    json_chars(v);
    ch('"');
  }
  // A legend from gpsd's tables: plain ASCII without quotes or backslashes.
  void key_legend(std::string_view key, std::string_view v) {
    raw(key);
    ch('"');
    raw(v);
    ch('"');
  }
  void lonlat_1e4(const std::optional<double>& lon, const std::optional<double>& lat) {
    raw(",\"lon\":");
    detail::write_deg_1e4min(*this, lon, 181);
    raw(",\"lat\":");
    detail::write_deg_1e4min(*this, lat, 91);
  }
  void lonlat_10(const std::optional<double>& lon, const std::optional<double>& lat) {
    raw(",\"lon\":");
    detail::write_deg_10min(*this, lon, 181);
    raw(",\"lat\":");
    detail::write_deg_10min(*this, lat, 91);
  }
  // 0.1-unit field printed by gpsd as "%.1f" of raw / 10, the raw n/a code when empty.
  void key_tenths(std::string_view key, const std::optional<double>& v, double not_available) {
    raw(key);
    detail::write_tenths(*this, v ? *v : not_available);
  }
  void corners(double ne_lon, double ne_lat, double sw_lon, double sw_lat) {
    raw(",\"ne_lon\":");
    detail::write_deg_10min(*this, ne_lon);
    raw(",\"ne_lat\":");
    detail::write_deg_10min(*this, ne_lat);
    raw(",\"sw_lon\":");
    detail::write_deg_10min(*this, sw_lon);
    raw(",\"sw_lat\":");
    detail::write_deg_10min(*this, sw_lat);
  }
  void data(const ais::BinaryData& d) {
    raw(R"(,"data":")");
    u64(d.bit_count);
    ch(':');
    hex(d);
    ch('"');
  }
  template <typename M>
  void dimensions(const M& m) {
    key_u(",\"to_bow\":", m.to_bow_m);
    key_u(",\"to_stern\":", m.to_stern_m);
    key_u(",\"to_port\":", m.to_port_m);
    key_u(",\"to_starboard\":", m.to_starboard_m);
  }
  void epfd(unsigned e) {
    key_u(",\"epfd\":", e);
    key_legend(",\"epfd_text\":", detail::epfd_text(e));
  }
  void shiptype(unsigned t) {
    key_u(",\"shiptype\":", t);
    key_legend(",\"shiptype_text\":", detail::shiptype_text(t));
  }
  void status(unsigned s) {
    key_u(",\"status\":", s);
    key_legend(",\"status_text\":", detail::status_text(s));
  }

  // Field groups that several message types share, in gpsd's order.

  // Accuracy and 1/10000-min position: types 1-4, 9, 11, 18, 19.
  template <typename M>
  void fix(const M& m) {
    key_b(",\"accuracy\":", m.accuracy);
    lonlat_1e4(m.lon_deg, m.lat_deg);
  }
  // Fix, course, true heading and UTC second: types 1-3, 18, 19.
  template <typename M>
  void fix_course_heading_second(const M& m) {
    fix(m);
    key_tenths(",\"course\":", m.course_deg, 360.0);
    key_u(",\"heading\":", m.heading_deg.value_or(511));
    key_u(",\"second\":", m.second);
  }
  // Reserved bits to regional bits of the class B position reports: types 18, 19.
  template <typename M>
  void class_b_motion(const M& m) {
    key_u(",\"reserved\":", m.reserved);
    key_tenths(",\"speed\":", m.speed_kn, 102.3);
    fix_course_heading_second(m);
    key_u(",\"regional\":", m.regional);
  }
  // Sequence number, destination and retransmit flag: types 6, 12.
  template <typename M>
  void addressed(const M& m) {
    key_u(",\"seqno\":", m.seqno);
    key_u(",\"dest_mmsi\":", m.dest_mmsi);
    key_b(",\"retransmit\":", m.retransmit);
  }
  // Addressing, application id and data: types 25, 26.
  template <typename M>
  void slot_binary(const M& m) {
    key_b(",\"addressed\":", m.addressed);
    key_b(",\"structured\":", m.structured);
    key_u(",\"dest_mmsi\":", m.dest_mmsi);
    key_u(",\"app_id\":", m.structured ? (std::uint32_t{m.dac} << 6U) | m.fid : 0U);
    data(m.data);
  }

  // ---- one overload per message struct, gpsd's field order --------------------------

  void body(const ais::PositionReport& m) {
    status(m.status);
    raw(",\"turn\":");
    if (m.turn_raw == -128) {
      raw("\"nan\"");
    } else if (m.turn_raw == -127) {
      raw("\"fastleft\"");
    } else if (m.turn_raw == 127) {
      raw("\"fastright\"");
    } else {
      i64(detail::turn_deg_per_min_rounded(m.turn_raw));
    }
    raw(",\"speed\":");
    if (!m.speed_kn) {
      raw("\"nan\"");
    } else if (detail::to_raw(*m.speed_kn, 10.0) == 1022) {
      raw("\"fast\"");
    } else {
      detail::write_tenths(*this, *m.speed_kn);
    }
    fix_course_heading_second(m);
    key_u(",\"maneuver\":", m.maneuver);
    key_b(",\"raim\":", m.raim);
    key_u(",\"radio\":", m.radio);
  }

  void body(const ais::BaseStationReport& m) {
    raw(R"(,"timestamp":")");
    detail::write_timestamp(*this, m);
    ch('"');
    fix(m);
    epfd(m.epfd);
    key_b(",\"raim\":", m.raim);
    key_u(",\"radio\":", m.radio);
  }

  void body(const ais::StaticVoyage& m) {
    key_u(",\"imo\":", m.imo);
    key_u(",\"ais_version\":", m.ais_version);
    key_s(",\"callsign\":", m.callsign.view());
    key_s(",\"shipname\":", m.shipname.view());
    shiptype(m.shiptype);
    dimensions(m);
    epfd(m.epfd);
    raw(R"(,"eta":")");
    detail::write_month_day_time(*this, m.eta_month, m.eta_day, m.eta_hour, m.eta_minute);
    raw("Z\"");
    key_tenths(",\"draught\":", m.draught_m, 0.0);
    key_s(",\"destination\":", m.destination.view());
    key_u(",\"dte\":", m.dte ? 1U : 0U);
  }

  void body(const ais::BinaryAddressed& m) {
    addressed(m);
    key_u(",\"dac\":", m.dac);
    key_u(",\"fid\":", m.fid);
    data(m.data);
  }

  void body(const ais::BinaryAck& m) {
    key_u(",\"mmsi1\":", m.acks[0].mmsi);
    key_u(",\"mmsi2\":", m.acks[1].mmsi);
    key_u(",\"mmsi3\":", m.acks[2].mmsi);
    key_u(",\"mmsi4\":", m.acks[3].mmsi);
  }

  void body(const ais::BinaryBroadcast& m) {
    key_u(",\"dac\":", m.dac);
    key_u(",\"fid\":", m.fid);
    data(m.data);
  }

  void body(const ais::SarAircraftPosition& m) {
    raw(",\"alt\":");
    if (!m.altitude_m) {
      raw("\"nan\"");
    } else if (*m.altitude_m == 4094) {
      raw("\"high\"");
    } else {
      u64(*m.altitude_m);
    }
    raw(",\"speed\":");
    if (!m.speed_kn) {
      raw("\"nan\"");
    } else if (*m.speed_kn == 1022) {
      raw("\"fast\"");
    } else {
      u64(*m.speed_kn);
    }
    fix(m);
    key_tenths(",\"course\":", m.course_deg, 360.0);
    key_u(",\"second\":", m.second);
    key_u(",\"regional\":", m.regional);
    key_u(",\"dte\":", m.dte ? 1U : 0U);
    key_b(",\"raim\":", m.raim);
    key_u(",\"radio\":", m.radio);
  }

  void body(const ais::UtcInquiry& m) { key_u(",\"dest_mmsi\":", m.dest_mmsi); }

  void body(const ais::SafetyAddressed& m) {
    addressed(m);
    key_s(",\"text\":", m.text.view());
  }

  void body(const ais::SafetyBroadcast& m) { key_s(",\"text\":", m.text.view()); }

  void body(const ais::Interrogation& m) {
    key_u(",\"mmsi1\":", m.mmsi1);
    key_u(",\"type1_1\":", m.type1_1);
    key_u(",\"offset1_1\":", m.offset1_1);
    key_u(",\"type1_2\":", m.type1_2);
    key_u(",\"offset1_2\":", m.offset1_2);
    key_u(",\"mmsi2\":", m.mmsi2);
    key_u(",\"type2_1\":", m.type2_1);
    key_u(",\"offset2_1\":", m.offset2_1);
  }

  void body(const ais::AssignmentCommand& m) {
    key_u(",\"mmsi1\":", m.assignments[0].mmsi);
    key_u(",\"offset1\":", m.assignments[0].offset);
    key_u(",\"increment1\":", m.assignments[0].increment);
    key_u(",\"mmsi2\":", m.assignments[1].mmsi);
    key_u(",\"offset2\":", m.assignments[1].offset);
    key_u(",\"increment2\":", m.assignments[1].increment);
  }

  void body(const ais::DgnssBroadcast& m) {
    lonlat_10(m.lon_deg, m.lat_deg);
    data(m.data);
  }

  void body(const ais::ClassBPosition& m) {
    class_b_motion(m);
    key_b(",\"cs\":", m.cs);
    key_b(",\"display\":", m.display);
    key_b(",\"dsc\":", m.dsc);
    key_b(",\"band\":", m.band);
    key_b(",\"msg22\":", m.msg22);
    key_b(",\"assigned\":", m.assigned);  // darkfleet addition (gpsd decodes but omits it)
    key_b(",\"raim\":", m.raim);
    key_u(",\"radio\":", m.radio);
  }

  void body(const ais::ClassBExtended& m) {
    class_b_motion(m);
    key_s(",\"shipname\":", m.shipname.view());
    shiptype(m.shiptype);
    dimensions(m);
    epfd(m.epfd);
    key_b(",\"raim\":", m.raim);
    key_u(",\"dte\":", m.dte ? 1U : 0U);
    key_b(",\"assigned\":", m.assigned);
  }

  void body(const ais::DataLinkManagement& m) {
    static constexpr std::array<std::array<std::string_view, 4>, 4> k_keys = {{
        {",\"offset1\":", ",\"number1\":", ",\"timeout1\":", ",\"increment1\":"},
        {",\"offset2\":", ",\"number2\":", ",\"timeout2\":", ",\"increment2\":"},
        {",\"offset3\":", ",\"number3\":", ",\"timeout3\":", ",\"increment3\":"},
        {",\"offset4\":", ",\"number4\":", ",\"timeout4\":", ",\"increment4\":"},
    }};
    for (std::size_t i = 0; i < 4; ++i) {
      key_u(k_keys[i][0], m.slots[i].offset);
      key_u(k_keys[i][1], m.slots[i].number);
      key_u(k_keys[i][2], m.slots[i].timeout);
      key_u(k_keys[i][3], m.slots[i].increment);
    }
  }

  void body(const ais::AidToNavigation& m) {
    key_u(",\"aid_type\":", m.aid_type);
    key_legend(",\"aid_type_text\":", detail::aid_type_text(m.aid_type));
    std::array<char, 40> name{};
    const std::size_t name_size = detail::aid_full_name(m, name.data());
    key_s(",\"name\":", std::string_view(name.data(), name_size));
    lonlat_1e4(m.lon_deg, m.lat_deg);
    key_b(",\"accuracy\":", m.accuracy);
    dimensions(m);
    epfd(m.epfd);
    key_u(",\"second\":", m.second);
    key_u(",\"regional\":", m.regional);
    key_b(",\"off_position\":", m.off_position);
    key_b(",\"raim\":", m.raim);
    key_b(",\"virtual_aid\":", m.virtual_aid);
    key_b(",\"assigned\":", m.assigned);  // darkfleet addition
  }

  void body(const ais::ChannelManagement& m) {
    key_u(",\"channel_a\":", m.channel_a);
    key_u(",\"channel_b\":", m.channel_b);
    key_u(",\"txrx\":", m.txrx);
    key_b(",\"power\":", m.power);
    if (m.addressed) {
      key_u(",\"dest1\":", m.dest1);
      key_u(",\"dest2\":", m.dest2);
    } else {
      corners(m.ne_lon_deg, m.ne_lat_deg, m.sw_lon_deg, m.sw_lat_deg);
    }
    key_b(",\"addressed\":", m.addressed);
    key_b(",\"band_a\":", m.band_a);
    key_b(",\"band_b\":", m.band_b);
    key_u(",\"zonesize\":", m.zonesize);
  }

  void body(const ais::GroupAssignment& m) {
    corners(m.ne_lon_deg, m.ne_lat_deg, m.sw_lon_deg, m.sw_lat_deg);
    key_u(",\"stationtype\":", m.stationtype);
    key_legend(",\"stationtype_text\":", detail::stationtype_text(m.stationtype));
    shiptype(m.shiptype);
    key_u(",\"txrx\":", m.txrx);  // darkfleet addition
    key_u(",\"interval\":", m.interval);
    key_u(",\"quiet\":", m.quiet);
  }

  void body(const ais::StaticDataReport& m, std::uint32_t mmsi) {
    if (m.partno == 0) {
      raw(R"(,"part":"A")");
      key_s(",\"shipname\":", m.shipname.view());
      return;
    }
    raw(R"(,"part":"B")");
    shiptype(m.shiptype);
    key_s(",\"vendorid\":", m.vendorid.view());
    key_u(",\"model\":", m.model);
    key_u(",\"serial\":", m.serial);
    key_s(",\"callsign\":", m.callsign.view());
    if (ais::is_auxiliary_mmsi(mmsi)) {
      key_u(",\"mothership_mmsi\":", m.mothership_mmsi);
    } else {
      dimensions(m);
    }
    epfd(m.epfd);  // darkfleet addition (M.1371-5 part B)
  }

  void body(const ais::SingleSlotBinary& m) { slot_binary(m); }

  void body(const ais::MultiSlotBinary& m) {
    slot_binary(m);
    key_u(",\"radio\":", m.radio);
  }

  void body(const ais::LongRangePosition& m) {
    status(m.status);
    key_b(",\"accuracy\":", m.accuracy);
    lonlat_10(m.lon_deg, m.lat_deg);
    key_u(",\"speed\":", m.speed_kn.value_or(63));
    key_u(",\"course\":", m.course_deg.value_or(511));
    key_b(",\"raim\":", m.raim);
    key_b(",\"gnss\":", m.gnss);
  }

  void reception(const DecodedMessage& d) {
    if (d.channel != '\0') {
      raw(R"(,"channel":")");
      json_chars(std::string_view(&d.channel, 1));
      ch('"');
    }
    if (d.station.size > 0) key_s(",\"station\":", d.station.view());
    if (d.receive_time_ms) {
      raw(",\"received_ms\":");
      i64(*d.receive_time_ms);
    }
    if (d.time_source != nmea::TimeSource::none) {
      key_legend(",\"time_source\":", nmea::to_string(d.time_source));
    }
    if (d.own_ship) raw(",\"own_ship\":true");
  }
};

}  // namespace

void append_json(std::string& out, const DecodedMessage& message) {
  // Written before it is read; zeroing 4 KiB per message would cost more than formatting it.
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init)
  std::array<char, detail::k_max_record_bytes> buffer;
  JsonOut j{{buffer.data()}};
  const ais::Header& h = ais::header_of(message.message);
  j.raw(R"({"class":"AIS","type":)");
  j.u64(h.type);
  j.key_u(",\"repeat\":", h.repeat);
  j.key_u(",\"mmsi\":", h.mmsi);
  j.raw(",\"scaled\":true");
  std::visit(
      [&](const auto& m) {
        if constexpr (std::is_same_v<std::decay_t<decltype(m)>, ais::StaticDataReport>) {
          j.body(m, h.mmsi);
        } else {
          j.body(m);
        }
      },
      message.message);
  j.reception(message);
  j.raw("}\n");
  const auto size = static_cast<std::size_t>(j.p - buffer.data());
  assert(size <= buffer.size());
  out.append(buffer.data(), size);
}

}  // namespace darkfleet::io
