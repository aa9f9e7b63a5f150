// generate_demo_traffic(): an event queue of "next report due" per station, popped in time
// order; each vessel dead-reckons along its course and turns back at the box edges.
#include "darkfleet/sim/demo_traffic.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <queue>
#include <random>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "darkfleet/ais/encode.hpp"
#include "darkfleet/ais/messages.hpp"
#include "darkfleet/nmea/writer.hpp"

namespace darkfleet::sim {
namespace {

constexpr double k_nm_per_deg_lat = 60.0;
constexpr std::int64_t k_static_interval_ms = 6 * 60 * 1000;  // type 5 / 24 every 6 min

// The UTC date and time fields of a base station report at `t_ms` (Unix ms, >= 0).
void set_utc_time(ais::BaseStationReport& m, std::int64_t t_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{t_ms}};
  const sys_days day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss time{floor<seconds>(t - day)};
  m.year = static_cast<std::uint16_t>(static_cast<int>(date.year()));
  m.month = static_cast<std::uint8_t>(static_cast<unsigned>(date.month()));
  m.day = static_cast<std::uint8_t>(static_cast<unsigned>(date.day()));
  m.hour = static_cast<std::uint8_t>(time.hours().count());
  m.minute = static_cast<std::uint8_t>(time.minutes().count());
  m.second = static_cast<std::uint8_t>(time.seconds().count());
}

enum class StationKind : std::uint8_t { class_a, class_b, base_station, aid };

struct Station {
  StationKind kind = StationKind::class_a;
  std::uint32_t mmsi = 0;
  double lat_deg = 0;
  double lon_deg = 0;
  double course_deg = 0;
  double speed_kn = 0;
  std::uint8_t status = 0;
  std::uint8_t shiptype = 70;
  std::string name;
  std::string callsign;
  std::string destination;
  std::uint32_t imo = 0;
  std::uint16_t length_m = 100;
  std::uint8_t beam_m = 20;
  std::int64_t last_move_ms = 0;
  std::int64_t next_static_ms = 0;
  std::uint8_t receiver = 0;
};

struct Due {
  std::int64_t t_ms;
  std::size_t station;
  bool operator>(const Due& other) const {
    return t_ms != other.t_ms ? t_ms > other.t_ms : station > other.station;
  }
};

// ITU-R M.1371-5 Table 1 reporting intervals (ship not changing course).
std::int64_t report_interval_ms(const Station& s) {
  switch (s.kind) {
    case StationKind::class_a:
      if (s.speed_kn < 0.5) return 180000;  // at anchor / moored, < 3 kn
      if (s.speed_kn <= 14) return 10000;
      if (s.speed_kn <= 23) return 6000;
      return 2000;
    case StationKind::class_b: return s.speed_kn > 2 ? 30000 : 180000;
    case StationKind::base_station: return 10000;
    case StationKind::aid: return 180000;
  }
  return 10000;
}

std::string random_name(std::mt19937_64& rng, std::size_t length) {
  static constexpr std::string_view k_letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::uniform_int_distribution<std::size_t> pick(0, k_letters.size() - 1);
  std::string name;
  for (std::size_t i = 0; i < length; ++i) name += k_letters[pick(rng)];
  return name;
}

class Generator {
 public:
  Generator(const DemoTrafficOptions& options, const std::function<void(const std::string&)>& sink)
      : m_options(options), m_sink(sink), m_rng(options.seed) {}

  DemoTrafficSummary run() {
    create_stations();
    const std::int64_t end_ms =
        m_options.start_ms + static_cast<std::int64_t>(m_options.duration_h * 3600000.0);
    std::priority_queue<Due, std::vector<Due>, std::greater<>> queue;
    std::uniform_int_distribution<std::int64_t> phase(0, 9999);
    for (std::size_t i = 0; i < m_stations.size(); ++i) {
      queue.push({m_options.start_ms + phase(m_rng), i});
    }
    while (!queue.empty() && queue.top().t_ms < end_ms) {
      const Due due = queue.top();
      queue.pop();
      Station& s = m_stations[due.station];
      move(s, due.t_ms);
      report(s, due.t_ms);
      queue.push({due.t_ms + report_interval_ms(s), due.station});
      if (m_buffer.size() > (1 << 20)) flush();
    }
    flush();
    return m_summary;
  }

 private:
  void create_stations() {
    std::uniform_real_distribution<double> lat(m_options.south_deg, m_options.north_deg);
    std::uniform_real_distribution<double> lon(m_options.west_deg, m_options.east_deg);
    std::uniform_real_distribution<double> course(0.0, 360.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    static constexpr std::string_view k_ports[] = {"VLADIVOSTOK", "NAKHODKA", "BUSAN",
                                                   "NIIGATA",     "TOYAMA",   "SAKAIMINATO",
                                                   "ZARUBINO",    "DONGHAE",  "MAIZURU"};
    static constexpr std::uint8_t k_types[] = {70, 71, 79, 80, 89, 60, 30, 52, 90};
    for (int i = 0; i < m_options.vessels; ++i) {
      Station s;
      s.kind = (i % 5 == 4) ? StationKind::class_b : StationKind::class_a;
      // MIDs of the region (273 Russia, 440 Korea, 431 Japan, 412 China); synthetic numbers.
      static constexpr std::uint32_t k_mids[] = {273, 440, 431, 412, 351};
      s.mmsi = k_mids[static_cast<std::size_t>(i) % 5] * 1000000U + 100000U +
               static_cast<std::uint32_t>(i);
      s.lat_deg = lat(m_rng);
      s.lon_deg = lon(m_rng);
      s.course_deg = course(m_rng);
      const double u = unit(m_rng);
      if (s.kind == StationKind::class_a) {
        s.speed_kn = u < 0.1 ? 0.0 : 8.0 + 12.0 * unit(m_rng);
        s.status = s.speed_kn < 0.5 ? 1 : 0;
        s.shiptype = k_types[static_cast<std::size_t>(i) % std::size(k_types)];
        s.imo = 9000000U + static_cast<std::uint32_t>(i) * 7U;
        s.length_m = static_cast<std::uint16_t>(60 + unit(m_rng) * 240);
        s.beam_m = static_cast<std::uint8_t>(10 + unit(m_rng) * 40);
        s.destination = std::string(k_ports[static_cast<std::size_t>(i) % std::size(k_ports)]);
      } else {
        s.speed_kn = u < 0.3 ? 0.0 : 4.0 + 6.0 * unit(m_rng);
        s.shiptype = 37;
        s.length_m = static_cast<std::uint16_t>(8 + unit(m_rng) * 20);
        s.beam_m = static_cast<std::uint8_t>(3 + unit(m_rng) * 5);
      }
      s.name = "DEMO " + random_name(m_rng, 6);
      s.callsign = random_name(m_rng, 5);
      s.next_static_ms = m_options.start_ms + static_cast<std::int64_t>(unit(m_rng) * 360000);
      s.receiver = static_cast<std::uint8_t>(i % 4);
      s.last_move_ms = m_options.start_ms;
      m_stations.push_back(s);
    }
    for (int i = 0; i < m_options.base_stations; ++i) {
      Station s;
      s.kind = StationKind::base_station;
      s.mmsi = 2730000U + static_cast<std::uint32_t>(i);
      s.lat_deg = lat(m_rng);
      s.lon_deg = lon(m_rng);
      s.receiver = static_cast<std::uint8_t>(i % 4);
      m_stations.push_back(s);
    }
    for (int i = 0; i < m_options.aids_to_navigation; ++i) {
      Station s;
      s.kind = StationKind::aid;
      s.mmsi = 992731000U + static_cast<std::uint32_t>(i);
      s.lat_deg = lat(m_rng);
      s.lon_deg = lon(m_rng);
      s.name = "DEMO BUOY " + std::to_string(i + 1);
      s.receiver = static_cast<std::uint8_t>(i % 4);
      m_stations.push_back(s);
    }
  }

  // Dead reckoning on a local flat approximation (fine for the seconds between reports),
  // turning around at the box edges and wandering a little.
  void move(Station& s, std::int64_t t_ms) {
    if (s.kind != StationKind::class_a && s.kind != StationKind::class_b) return;
    const double hours = static_cast<double>(t_ms - s.last_move_ms) / 3600000.0;
    s.last_move_ms = t_ms;
    if (s.speed_kn <= 0) return;
    const double dist_nm = s.speed_kn * hours;
    const double course_rad = s.course_deg * std::numbers::pi / 180.0;
    s.lat_deg += dist_nm * std::cos(course_rad) / k_nm_per_deg_lat;
    s.lon_deg += dist_nm * std::sin(course_rad) /
                 (k_nm_per_deg_lat * std::cos(s.lat_deg * std::numbers::pi / 180.0));
    if (s.lat_deg < m_options.south_deg || s.lat_deg > m_options.north_deg) {
      s.course_deg = std::fmod(540.0 - s.course_deg, 360.0);
      s.lat_deg = std::clamp(s.lat_deg, m_options.south_deg, m_options.north_deg);
    }
    if (s.lon_deg < m_options.west_deg || s.lon_deg > m_options.east_deg) {
      s.course_deg = std::fmod(360.0 - s.course_deg, 360.0);
      s.lon_deg = std::clamp(s.lon_deg, m_options.west_deg, m_options.east_deg);
    }
    std::normal_distribution<double> wander(0.0, 0.5);
    s.course_deg = std::fmod(s.course_deg + wander(m_rng) + 360.0, 360.0);
  }

  static double quantise(double value, double per_unit) {
    return std::round(value * per_unit) / per_unit;
  }

  void report(Station& s, std::int64_t t_ms) {
    const auto second = static_cast<std::uint8_t>((t_ms / 1000) % 60);
    switch (s.kind) {
      case StationKind::class_a: {
        ais::PositionReport m;
        m.header = {1, 0, s.mmsi};
        m.status = s.status;
        m.turn_raw = 0;
        m.speed_kn = quantise(s.speed_kn, 10);
        m.accuracy = false;
        m.lon_deg = quantise(s.lon_deg, 600000);
        m.lat_deg = quantise(s.lat_deg, 600000);
        m.course_deg = quantise(s.course_deg, 10) >= 360 ? 0.0 : quantise(s.course_deg, 10);
        m.heading_deg = static_cast<std::uint16_t>(std::lround(s.course_deg) % 360);
        m.second = second;
        emit(m, s, t_ms);
        if (t_ms >= s.next_static_ms) {
          s.next_static_ms = t_ms + k_static_interval_ms;
          ais::StaticVoyage v;
          v.header = {5, 0, s.mmsi};
          v.ais_version = 2;
          v.imo = s.imo;
          v.callsign.assign(s.callsign);
          v.shipname.assign(s.name);
          v.shiptype = s.shiptype;
          v.to_bow_m = static_cast<std::uint16_t>(s.length_m * 3 / 4);
          v.to_stern_m = static_cast<std::uint16_t>(s.length_m - v.to_bow_m);
          v.to_port_m = static_cast<std::uint8_t>(s.beam_m / 2);
          v.to_starboard_m = static_cast<std::uint8_t>(s.beam_m - v.to_port_m);
          v.epfd = 1;
          v.eta_month = 9;
          v.eta_day = 15;
          v.eta_hour = 12;
          v.eta_minute = 0;
          v.draught_m = quantise(3.0 + s.length_m / 30.0, 10);
          v.destination.assign(s.destination);
          v.dte = false;
          emit(v, s, t_ms);
        }
        break;
      }
      case StationKind::class_b: {
        ais::ClassBPosition m;
        m.header = {18, 0, s.mmsi};
        m.speed_kn = quantise(s.speed_kn, 10);
        m.lon_deg = quantise(s.lon_deg, 600000);
        m.lat_deg = quantise(s.lat_deg, 600000);
        m.course_deg = quantise(s.course_deg, 10) >= 360 ? 0.0 : quantise(s.course_deg, 10);
        m.second = second;
        m.cs = true;
        m.band = true;
        m.msg22 = true;
        emit(m, s, t_ms);
        if (t_ms >= s.next_static_ms) {
          s.next_static_ms = t_ms + k_static_interval_ms;
          ais::StaticDataReport a;
          a.header = {24, 0, s.mmsi};
          a.partno = 0;
          a.shipname.assign(s.name);
          emit(a, s, t_ms);
          ais::StaticDataReport b;
          b.header = {24, 0, s.mmsi};
          b.partno = 1;
          b.shiptype = s.shiptype;
          b.vendorid.assign("DFL");
          b.callsign.assign(s.callsign);
          b.to_bow_m = static_cast<std::uint16_t>(s.length_m / 2);
          b.to_stern_m = static_cast<std::uint16_t>(s.length_m - b.to_bow_m);
          b.to_port_m = static_cast<std::uint8_t>(s.beam_m / 2);
          b.to_starboard_m = static_cast<std::uint8_t>(s.beam_m - b.to_port_m);
          emit(b, s, t_ms);
        }
        break;
      }
      case StationKind::base_station: {
        ais::BaseStationReport m;
        m.header = {4, 0, s.mmsi};
        set_utc_time(m, t_ms);
        m.accuracy = true;
        m.lon_deg = quantise(s.lon_deg, 600000);
        m.lat_deg = quantise(s.lat_deg, 600000);
        m.epfd = 7;
        emit(m, s, t_ms);
        break;
      }
      case StationKind::aid: {
        ais::AidToNavigation m;
        m.header = {21, 0, s.mmsi};
        m.aid_type = 22;  // cardinal mark, south
        m.name.assign(s.name);
        m.lon_deg = quantise(s.lon_deg, 600000);
        m.lat_deg = quantise(s.lat_deg, 600000);
        m.to_bow_m = 1;
        m.to_stern_m = 1;
        m.to_port_m = 1;
        m.to_starboard_m = 1;
        m.epfd = 1;
        m.second = second;
        emit(m, s, t_ms);
        break;
      }
    }
  }

  void emit(const ais::Message& message, const Station& s, std::int64_t t_ms) {
    ais::EncodeOptions options;
    options.channel = (m_summary.messages % 2 == 0) ? 'A' : 'B';
    auto sentences = ais::encode_sentences(message, options);
    if (sentences.size() > 1) {
      // Multi-sentence messages carry a sequence id so that receivers can pair fragments.
      options.sequence_id = static_cast<std::uint8_t>(m_sequence_id);
      sentences = ais::encode_sentences(message, options);
      m_sequence_id = (m_sequence_id + 1) % 10;
    }
    nmea::TagBlock tag;
    tag.receive_time_ms = (t_ms / 1000) * 1000;
    const std::string receiver = fmt::format("demo-rx{}", s.receiver);
    tag.source = receiver;
    for (const auto& sentence : sentences) {
      nmea::append_tag_block(m_buffer, tag);
      m_buffer += sentence;
      m_buffer += '\n';
      ++m_summary.lines;
    }
    ++m_summary.messages;
    ++m_summary.messages_by_type[ais::message_type(message)];
  }

  void flush() {
    if (!m_buffer.empty()) m_sink(m_buffer);
    m_buffer.clear();
  }

  DemoTrafficOptions m_options;
  const std::function<void(const std::string&)>& m_sink;
  std::mt19937_64 m_rng;
  std::vector<Station> m_stations;
  std::string m_buffer;
  DemoTrafficSummary m_summary;
  int m_sequence_id = 0;
};

}  // namespace

DemoTrafficSummary generate_demo_traffic(const DemoTrafficOptions& options,
                                         const std::function<void(const std::string&)>& sink) {
  if (options.vessels < 0 || options.base_stations < 0 || options.aids_to_navigation < 0) {
    throw std::invalid_argument("demo traffic: counts must not be negative");
  }
  if (!(options.duration_h > 0) || options.duration_h > 24 * 366) {
    throw std::invalid_argument("demo traffic: duration must be > 0 and at most a year");
  }
  if (!(options.south_deg < options.north_deg) || !(options.west_deg < options.east_deg) ||
      options.south_deg < -85 || options.north_deg > 85 || options.west_deg < -180 ||
      options.east_deg > 180) {
    throw std::invalid_argument("demo traffic: the box must have south < north, west < east");
  }
  return Generator(options, sink).run();
}

}  // namespace darkfleet::sim
