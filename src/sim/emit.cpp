#include "emit.hpp"

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "darkfleet/ais/encode.hpp"
#include "darkfleet/ais/messages.hpp"
#include "darkfleet/nmea/writer.hpp"

namespace darkfleet::sim::detail {

namespace {

double quantise(double value, double per_unit) {
  return std::round(value * per_unit) / per_unit;
}

double course_field(double cog_deg) {
  const double c = quantise(cog_deg, 10);
  return c >= 360 ? 0.0 : c;
}

std::uint16_t heading_field(double cog_deg) {
  return static_cast<std::uint16_t>(std::lround(cog_deg) % 360);
}

// Splits an armoured payload into sentences of at most 60 characters.
void append_framed(std::string& out, const std::string& payload, std::uint8_t fill_bits,
                   char channel, std::optional<std::uint8_t> sequence_id) {
  constexpr std::size_t k_chars = 60;
  const auto count = static_cast<std::uint8_t>((payload.size() + k_chars - 1) / k_chars);
  for (std::uint8_t i = 0; i < count; ++i) {
    nmea::SentenceFields f;
    f.fragment_count = count;
    f.fragment_number = static_cast<std::uint8_t>(i + 1);
    if (count > 1) f.sequence_id = sequence_id;
    f.channel = channel;
    f.payload = std::string_view(payload).substr(i * k_chars, k_chars);
    f.fill_bits = i + 1 == count ? fill_bits : 0;
    nmea::append_sentence(out, f);
    out += '\n';
  }
}

void append_message(std::string& out, const ais::Message& m, char channel,
                    std::optional<std::uint8_t> sequence_id) {
  thread_local std::string payload;
  payload.clear();
  const std::uint8_t fill = ais::append_payload(payload, m);
  append_framed(out, payload, fill, channel, sequence_id);
}

void set_dimensions(std::uint16_t& bow, std::uint16_t& stern, std::uint8_t& port,
                    std::uint8_t& starboard, const Report& r) {
  const auto length = static_cast<int>(std::lround(std::min(r.length_m, 511.0)));
  const auto beam = static_cast<int>(std::lround(std::min(r.beam_m, 126.0)));
  bow = static_cast<std::uint16_t>(length * 3 / 4);
  stern = static_cast<std::uint16_t>(length - bow);
  port = static_cast<std::uint8_t>(std::min(63, beam / 2));
  starboard = static_cast<std::uint8_t>(std::min(63, beam - beam / 2));
}

// The fields types 1 and 18 share: speed, position (1/10000 min), course, heading, second.
template <typename PositionMessage>
void set_motion(PositionMessage& m, const Report& r) {
  m.speed_kn = std::min(102.2, quantise(r.sog_kn, 10));
  m.lon_deg = quantise(r.position.lon_deg, 600000);
  m.lat_deg = quantise(r.position.lat_deg, 600000);
  m.course_deg = course_field(r.cog_deg);
  m.heading_deg = heading_field(r.cog_deg);
  m.second = static_cast<std::uint8_t>((r.t_ms / 1000) % 60);
}

}  // namespace

void append_position_sentences(std::string& out, const Report& r, char channel) {
  if (r.ais_class == AisClass::a) {
    ais::PositionReport m;
    m.header = {1, 0, r.mmsi};
    m.status = r.status;
    m.turn_raw = 0;
    set_motion(m, r);
    append_message(out, m, channel, std::nullopt);
    return;
  }
  ais::ClassBPosition m;
  m.header = {18, 0, r.mmsi};
  set_motion(m, r);
  m.cs = true;
  m.band = true;
  m.msg22 = true;
  append_message(out, m, channel, std::nullopt);
}

void append_static_sentences(std::string& out, const Report& r, char channel,
                             std::uint8_t sequence_id, int part) {
  if (r.ais_class == AisClass::a) {
    ais::StaticVoyage v;
    v.header = {5, 0, r.mmsi};
    v.ais_version = 2;
    v.imo = r.imo;
    v.callsign.assign(r.callsign);
    v.shipname.assign(r.name);
    v.shiptype = static_cast<std::uint8_t>(r.ship_type);
    set_dimensions(v.to_bow_m, v.to_stern_m, v.to_port_m, v.to_starboard_m, r);
    v.epfd = 1;
    v.draught_m = std::min(25.5, quantise(2.0 + r.length_m / 28.0, 10));
    v.destination.assign(r.destination);
    v.dte = false;
    append_message(out, v, channel, sequence_id);
    return;
  }
  if (part == 0) {
    ais::StaticDataReport a;
    a.header = {24, 0, r.mmsi};
    a.partno = 0;
    a.shipname.assign(r.name);
    append_message(out, a, channel, std::nullopt);
    return;
  }
  ais::StaticDataReport b;
  b.header = {24, 0, r.mmsi};
  b.partno = 1;
  b.shiptype = static_cast<std::uint8_t>(r.ship_type);
  b.vendorid.assign("DFL");
  b.callsign.assign(r.callsign);
  set_dimensions(b.to_bow_m, b.to_stern_m, b.to_port_m, b.to_starboard_m, r);
  append_message(out, b, channel, std::nullopt);
}

std::uint32_t append_tagged(std::string& out, std::string_view sentences, std::int64_t rx_ms,
                            std::string_view receiver) {
  nmea::TagBlock tag;
  tag.receive_time_ms = (rx_ms / 1000) * 1000;
  tag.source = receiver;
  std::uint32_t lines = 0;
  std::size_t begin = 0;
  while (begin < sentences.size()) {
    const std::size_t end = sentences.find('\n', begin);
    nmea::append_tag_block(out, tag);
    out.append(sentences.substr(begin, end - begin + 1));
    begin = end + 1;
    ++lines;
  }
  return lines;
}

namespace {

std::string_view nav_status_text(std::uint8_t status) {
  switch (status) {
    case 0: return "Under way using engine";
    case 1: return "At anchor";
    case 5: return "Moored";
    case 7: return "Engaged in fishing";
    default: return "Unknown value";
  }
}

std::string_view ship_type_text(int type) {
  if (type == 30) return "Fishing";
  if (type == 37) return "Pleasure";
  if (type >= 60 && type <= 69) return "Passenger";
  if (type >= 70 && type <= 79) return "Cargo";
  if (type >= 80 && type <= 89) return "Tanker";
  if (type == 52) return "Tug";
  return "Other";
}

// Names may hold ',' or '"': quote the field then (RFC 4180).
void append_csv_text(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

void append_dma_row(std::string& out, const Report& r, std::int64_t rx_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{rx_ms}};
  const sys_days day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss time{floor<seconds>(t - day)};
  std::uint16_t bow = 0;
  std::uint16_t stern = 0;
  std::uint8_t port = 0;
  std::uint8_t starboard = 0;
  set_dimensions(bow, stern, port, starboard, r);
  fmt::format_to(std::back_inserter(out),
                 "{:02}/{:02}/{:04} {:02}:{:02}:{:02},{},{},{:.6f},{:.6f},{},",
                 static_cast<unsigned>(date.day()), static_cast<unsigned>(date.month()),
                 static_cast<int>(date.year()), time.hours().count(), time.minutes().count(),
                 time.seconds().count(), r.ais_class == AisClass::a ? "Class A" : "Class B", r.mmsi,
                 quantise(r.position.lat_deg, 600000), quantise(r.position.lon_deg, 600000),
                 r.ais_class == AisClass::a ? nav_status_text(r.status) : "Unknown value");
  fmt::format_to(std::back_inserter(out), "{},{:.1f},{:.1f},{},",
                 r.ais_class == AisClass::a ? "0.0" : "", std::min(102.2, quantise(r.sog_kn, 10)),
                 course_field(r.cog_deg), heading_field(r.cog_deg));
  if (r.imo != 0) {
    fmt::format_to(std::back_inserter(out), "{},", r.imo);
  } else {
    out += "Unknown,";
  }
  append_csv_text(out, r.callsign);
  out += ',';
  append_csv_text(out, r.name);
  fmt::format_to(std::back_inserter(out), ",{},,{},{},GPS,{},", ship_type_text(r.ship_type),
                 port + starboard, bow + stern,
                 r.ais_class == AisClass::a
                     ? fmt::format("{:.1f}", std::min(25.5, quantise(2.0 + r.length_m / 28.0, 10)))
                     : "");
  append_csv_text(out, r.destination);
  fmt::format_to(std::back_inserter(out), ",,AIS,{},{},{},{}\n", bow, stern, port, starboard);
}

}  // namespace darkfleet::sim::detail
