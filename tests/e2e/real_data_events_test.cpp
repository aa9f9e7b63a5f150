// Physical sanity of the event detectors on real AIS: one hour of New York harbour (NOAA
// MarineCadastre CSV, 2020-06-30 00:00-00:59 UTC) and 28 seconds of the Danish national feed
// (DMA AisLib NMEA, 2010-06-11), with the World Port Index as ports. The files are ingested
// into a store and run through every detector as `darkfleet events` does; each event must
// then agree with the data as the test reads it itself (the CSV parsed here, the DMA
// positions read back from the store). docs/real-data-checks.md explains every check and
// the figures seen. The tests skip when the shared data is not installed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "darkfleet/events/detectors.hpp"
#include "darkfleet/geo/ports.hpp"
#include "darkfleet/store/ingest.hpp"
#include "darkfleet/store/store.hpp"

namespace darkfleet {
namespace {

namespace fs = std::filesystem;
using events::Event;
using events::EventKind;

constexpr double k_entry_m = 3000;   // port_visit.entry_distance_m (GFW)
constexpr double k_exit_m = 4000;    // port_visit.exit_distance_m
constexpr double k_stop_kn = 0.2;    // port_visit.stop_speed_kn
constexpr double k_tolerance_m = 1;  // stored positions are rounded to 1e-6 degree (0.11 m)

fs::path shared(const std::string& relative) {
  return fs::path(DARKFLEET_SHARED_DATA) / relative;
}

// One position as the test reads it, independently of darkfleet's parsers.
struct Row {
  std::int64_t t_ms = 0;
  geo::LatLon at;
  std::optional<double> sog_kn;
  std::string name;
  std::string call_sign;
  std::uint32_t imo = 0;  // 0: none broadcast ("IMO0000000" or empty)
};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

// "2020-06-30T00:00:59" (UTC, no zone) as Unix milliseconds.
std::int64_t parse_time(const std::string& s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6) {
    throw std::runtime_error("bad time " + s);
  }
  return ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60'000LL + se * 1000LL;
}

// The NOAA MarineCadastre 2020 layout (BaseDateTime,LON,LAT,MMSI,SOG,...,VesselName,IMO,
// CallSign,...), by MMSI, in file order. The file has no quoted fields.
std::map<std::uint32_t, std::vector<Row>> read_noaa(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::map<std::uint32_t, std::vector<Row>> out;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) f.push_back(cell);
    if (f.size() < 10) throw std::runtime_error("short row: " + line);
    Row r;
    r.t_ms = parse_time(f[0]);
    r.at = {std::stod(f[2]), std::stod(f[1])};
    if (!f[4].empty()) r.sog_kn = std::stod(f[4]);
    r.name = f[7];
    if (f[8].size() > 3 && f[8].rfind("IMO", 0) == 0)
      r.imo = static_cast<std::uint32_t>(std::stoul(f[8].substr(3)));
    r.call_sign = f[9];
    out[static_cast<std::uint32_t>(std::stoul(f[3]))].push_back(r);
  }
  for (auto& [mmsi, rows] : out) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return a.t_ms < b.t_ms; });
  }
  return out;
}

// The rule of ITU-R M.585 for a ship station: 9 digits, first digit 2 to 7.
bool ship_station(std::uint32_t mmsi) {
  return mmsi >= 200'000'000 && mmsi <= 799'999'999;
}

// The IMO ship number check: 7 digits, digits 1-6 weighted 7..2, sum mod 10 = digit 7.
bool imo_ok(std::uint32_t imo) {
  if (imo < 1'000'000 || imo > 9'999'999) return false;
  int sum = 0;
  for (int w = 2, n = static_cast<int>(imo / 10); w <= 7; ++w, n /= 10) sum += (n % 10) * w;
  return sum % 10 == static_cast<int>(imo % 10);
}

// Nearest-port queries by brute force over a latitude band (no darkfleet index).
class Ports {
 public:
  explicit Ports(std::vector<geo::Port> ports) : m_ports(std::move(ports)) {}
  [[nodiscard]] const std::vector<geo::Port>& all() const { return m_ports; }
  // The distance to the nearest port, metres (capped at 50 km).
  [[nodiscard]] double nearest_m(geo::LatLon p) const {
    double best = 50'000;
    for (const auto& port : m_ports) {
      if (std::abs(port.position.lat_deg - p.lat_deg) > 0.5) continue;
      best = std::min(best, geo::distance_m(p, port.position));
    }
    return best;
  }
  [[nodiscard]] const geo::Port* by_id(const std::string& id) const {
    for (const auto& port : m_ports) {
      if (port.id == id) return &port;
    }
    return nullptr;
  }

 private:
  std::vector<geo::Port> m_ports;
};

// Ingests `data` into a fresh store, runs every detector with the WPI ports.
struct Detection {
  fs::path dir;
  std::unique_ptr<store::Store> db;
  store::IngestReport report;
  events::RunStats stats;
  std::vector<Event> events;
  std::int64_t first_ms = 0;  // the data's time span, from the store
  std::int64_t last_ms = 0;

  Detection(const fs::path& data, const std::vector<geo::Port>& ports, const std::string& tag) {
    dir = fs::temp_directory_path() /
          ("darkfleet_real_events_" + std::to_string(::getpid()) + "_" + tag);
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = std::make_unique<store::Store>((dir / "db.sqlite").string(),
                                        store::Store::Mode::read_write);
    report = store::ingest_file(*db, data.string(), {});
    const events::Parameters parameters = events::Parameters::gfw();
    events::Context context;
    context.parameters = &parameters;
    context.ports = &ports;
    events::CollectingSink sink;
    stats = events::run_detectors(*db, events::available_kinds(), context, {}, sink);
    events = std::move(sink.events);
    first_ms = std::numeric_limits<std::int64_t>::max();
    last_ms = std::numeric_limits<std::int64_t>::min();
    for (const std::uint32_t mmsi : db->vessels_in({}, std::nullopt)) {
      for (const auto& p : db->positions(mmsi, {})) {
        first_ms = std::min(first_ms, p.t_ms);
        last_ms = std::max(last_ms, p.t_ms);
      }
    }
  }
  ~Detection() {
    db.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  Detection(const Detection&) = delete;
  Detection& operator=(const Detection&) = delete;

  [[nodiscard]] std::vector<const Event*> of(EventKind kind) const {
    std::vector<const Event*> out;
    for (const auto& e : events) {
      if (e.kind == kind) out.push_back(&e);
    }
    return out;
  }
  [[nodiscard]] std::map<std::string, int> identity_subtypes() const {
    std::map<std::string, int> out;
    for (const Event* e : of(EventKind::identity)) ++out[e->subtype];
    return out;
  }
};

void print_summary(const char* what, const Detection& run) {
  std::printf("  %s: %llu records, %llu positions, %llu vessels with positions\n", what,
              static_cast<unsigned long long>(run.report.records),
              static_cast<unsigned long long>(run.report.positions),
              static_cast<unsigned long long>(run.stats.vessels));
  for (const auto& [kind, n] : run.stats.events) {
    std::printf("    %-15s %llu\n", std::string(events::to_string(kind)).c_str(),
                static_cast<unsigned long long>(n));
  }
  std::map<int, int> levels;
  int open = 0;
  for (const Event* e : run.of(EventKind::port_visit)) {
    ++levels[static_cast<int>(e->values.at("confidence_level"))];
    open += e->open ? 1 : 0;
  }
  for (const auto& [level, n] : levels) std::printf("    port_visit confidence %d: %d\n", level, n);
  std::printf("    port_visit open at the end of the data: %d\n", open);
  for (const auto& [subtype, n] : run.identity_subtypes()) {
    std::printf("    identity/%-20s %d\n", subtype.c_str(), n);
  }
}

// Every event lies inside the data and starts before it ends; events that need more time
// than the data spans cannot exist (gap 6 h, dark port call, loitering 4 h, encounter 2 h,
// two places at once 1 h of overlap).
void expect_time_and_duration_rules(const Detection& run) {
  const double span_h = static_cast<double>(run.last_ms - run.first_ms) / 3'600'000.0;
  ASSERT_LT(span_h, 1.0);
  for (const Event& e : run.events) {
    EXPECT_LE(e.start.t_ms, e.end.t_ms) << e.id();
    EXPECT_GE(e.start.t_ms, run.first_ms) << e.id();
    EXPECT_LE(e.end.t_ms, run.last_ms) << e.id();
  }
  EXPECT_TRUE(run.of(EventKind::gap).empty());
  EXPECT_TRUE(run.of(EventKind::dark_port_call).empty());
  EXPECT_TRUE(run.of(EventKind::loitering).empty());
  EXPECT_TRUE(run.of(EventKind::encounter).empty());
  EXPECT_EQ(run.identity_subtypes().count("two_places_at_once"), 0U);
  // No coastline was given: nothing can be judged on land.
  EXPECT_EQ(run.identity_subtypes().count("positions_on_land"), 0U);
}

// Per port visit, against the vessel's own rows: it opens within the entry distance of its
// port, every row of the vessel during the visit is within the exit distance of it, and the
// stop it claims is a reported speed under the stop threshold.
void expect_visits_agree_with_rows(const Detection& run, const Ports& ports,
                                   const std::map<std::uint32_t, std::vector<Row>>& rows) {
  for (const Event* e : run.of(EventKind::port_visit)) {
    const geo::Port* port = ports.by_id(e->port_id);
    ASSERT_NE(port, nullptr) << e->id() << " names port " << e->port_id;
    EXPECT_LE(geo::distance_m(e->start.position, port->position), k_entry_m + k_tolerance_m)
        << e->id();
    EXPECT_LE(geo::distance_m(e->end.position, port->position), k_exit_m + k_tolerance_m)
        << e->id();
    // In under an hour neither a gap in port (4 h) nor one before arrival is possible: a
    // reported visit (confidence >= 2) must rest on a stop.
    EXPECT_EQ(e->notes.at("gap"), "false") << e->id();
    EXPECT_EQ(e->notes.at("stop"), "true") << e->id();
    ASSERT_EQ(e->evidence.size(), 1U);
    EXPECT_EQ(e->evidence[0].from_ms, e->start.t_ms);
    EXPECT_EQ(e->evidence[0].to_ms, e->end.t_ms);
    const auto it = rows.find(e->mmsi);
    ASSERT_NE(it, rows.end()) << e->id();
    std::uint32_t during = 0;
    double min_sog = 1e9;
    for (const Row& r : it->second) {
      if (r.t_ms < e->start.t_ms || r.t_ms > e->end.t_ms) continue;
      ++during;
      EXPECT_LE(geo::distance_m(r.at, port->position), k_exit_m + k_tolerance_m)
          << e->id() << " row at " << r.t_ms;
      if (r.sog_kn) min_sog = std::min(min_sog, *r.sog_kn);
    }
    EXPECT_GE(during, e->evidence[0].positions) << e->id();
    EXPECT_LT(min_sog, k_stop_kn) << e->id() << " claims a stop";
  }
}

// ---- New York harbour, one hour ----------------------------------------------------------

class NewYorkHarbourHour : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path csv = shared("ais-positions-noaa/NYHarbor_2020_06_30_first_hour.csv");
    const fs::path wpi = shared("ports-wpi/UpdatedPub150.csv");
    if (!fs::exists(csv) || !fs::exists(wpi)) return;
    s_ports = std::make_unique<Ports>(geo::load_ports(wpi.string()));
    s_rows = read_noaa(csv);
    s_run = std::make_unique<Detection>(csv, s_ports->all(), "noaa");
  }
  static void TearDownTestSuite() {
    s_run.reset();
    s_ports.reset();
    s_rows.clear();
  }
  void SetUp() override {
    if (!s_run) {
      GTEST_SKIP() << "needs ais-positions-noaa/NYHarbor_2020_06_30_first_hour.csv and "
                      "ports-wpi/UpdatedPub150.csv under " DARKFLEET_SHARED_DATA;
    }
  }
  static std::unique_ptr<Ports> s_ports;
  static std::map<std::uint32_t, std::vector<Row>> s_rows;
  static std::unique_ptr<Detection> s_run;
};

std::unique_ptr<Ports> NewYorkHarbourHour::s_ports;
std::map<std::uint32_t, std::vector<Row>> NewYorkHarbourHour::s_rows;
std::unique_ptr<Detection> NewYorkHarbourHour::s_run;

TEST_F(NewYorkHarbourHour, EveryVesselOfTheFileIsSeenAndEventsLieInTheHour) {
  print_summary("NY harbour 2020-06-30 00h", *s_run);
  std::size_t rows = 0;
  for (const auto& [mmsi, r] : s_rows) rows += r.size();
  EXPECT_EQ(s_run->report.records, rows);
  EXPECT_EQ(s_run->stats.vessels, s_rows.size());
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  std::int64_t last = std::numeric_limits<std::int64_t>::min();
  for (const auto& [mmsi, r] : s_rows) {
    first = std::min(first, r.front().t_ms);
    last = std::max(last, r.back().t_ms);
  }
  EXPECT_EQ(s_run->first_ms, first);
  EXPECT_EQ(s_run->last_ms, last);
  expect_time_and_duration_rules(*s_run);
}

TEST_F(NewYorkHarbourHour, PortVisitsAgreeWithTheVesselsOwnRows) {
  ASSERT_FALSE(s_run->of(EventKind::port_visit).empty());
  expect_visits_agree_with_rows(*s_run, *s_ports, s_rows);
}

TEST_F(NewYorkHarbourHour, NoVisitForVesselsFarFromEveryPort) {
  std::set<std::uint32_t> visited;
  for (const Event* e : s_run->of(EventKind::port_visit)) visited.insert(e->mmsi);
  int far = 0;
  for (const auto& [mmsi, rows] : s_rows) {
    const bool all_far = std::all_of(rows.begin(), rows.end(),
                                     [](const Row& r) { return s_ports->nearest_m(r.at) > 5000; });
    if (!all_far) continue;
    ++far;
    EXPECT_FALSE(visited.contains(mmsi)) << mmsi << " never came within 5 km of a port";
  }
  std::printf("  vessels always > 5 km from every WPI port: %d\n", far);
}

// Moored: every row under the stop speed, at least 10 rows over at least 10 minutes, and
// every row within the entry distance of one and the same WPI port. Such a vessel is in
// port by any definition; the detector must report a visit that covers its rows.
TEST_F(NewYorkHarbourHour, MooredVesselsAreInAVisitThatCoversThem) {
  std::map<std::uint32_t, std::vector<const Event*>> visits;
  for (const Event* e : s_run->of(EventKind::port_visit)) visits[e->mmsi].push_back(e);
  int moored = 0;
  for (const auto& [mmsi, rows] : s_rows) {
    if (rows.size() < 10 || rows.back().t_ms - rows.front().t_ms < 10 * 60'000) continue;
    if (!std::all_of(rows.begin(), rows.end(),
                     [](const Row& r) { return r.sog_kn && *r.sog_kn < k_stop_kn; })) {
      continue;
    }
    bool one_port = false;
    for (const auto& port : s_ports->all()) {
      if (std::abs(port.position.lat_deg - rows.front().at.lat_deg) > 0.1) continue;
      one_port = one_port || std::all_of(rows.begin(), rows.end(), [&](const Row& r) {
                   return geo::distance_m(r.at, port.position) <= k_entry_m - k_tolerance_m;
                 });
    }
    if (!one_port) continue;
    ++moored;
    const auto it = visits.find(mmsi);
    ASSERT_NE(it, visits.end()) << mmsi << " moored near a port, no visit";
    // One visit from its first to its last row (a vessel that never moves cannot leave).
    ASSERT_EQ(it->second.size(), 1U) << mmsi;
    EXPECT_EQ(it->second[0]->start.t_ms, rows.front().t_ms) << mmsi;
    EXPECT_EQ(it->second[0]->end.t_ms, rows.back().t_ms) << mmsi;
    EXPECT_TRUE(it->second[0]->open) << mmsi << " never left";
  }
  std::printf("  moored vessels (SOG < 0.2 kn all hour, within 3 km of one WPI port): %d\n",
              moored);
  EXPECT_GT(moored, 0) << "New York harbour at midnight has moored vessels";
}

// The number of visits follows from two independent counts: at least one per moored vessel
// (above), and only vessels that were within the entry distance of a port and reported a
// speed under the stop threshold within the exit distance of one can have one.
TEST_F(NewYorkHarbourHour, NumberOfVisitsIsBoundedByTheRows) {
  std::map<std::uint32_t, int> per_vessel;
  for (const Event* e : s_run->of(EventKind::port_visit)) ++per_vessel[e->mmsi];
  int can_visit = 0;
  int near_port = 0;
  for (const auto& [mmsi, rows] : s_rows) {
    bool near = false;
    bool slow_in_port = false;
    for (const Row& r : rows) {
      const double d = s_ports->nearest_m(r.at);
      near = near || d <= k_entry_m + k_tolerance_m;
      slow_in_port =
          slow_in_port || (d <= k_exit_m + k_tolerance_m && r.sog_kn && *r.sog_kn < k_stop_kn);
    }
    near_port += near ? 1 : 0;
    if (near && slow_in_port) {
      ++can_visit;
    } else {
      EXPECT_FALSE(per_vessel.contains(mmsi)) << mmsi << " cannot have a port visit";
    }
  }
  std::size_t visits = 0;
  for (const auto& [mmsi, n] : per_vessel) visits += static_cast<std::size_t>(n);
  // Several visits of one vessel (a ferry calls at both ends of its route within the hour)
  // follow each other, and between two of them the vessel was beyond the exit distance of
  // the first one's port: it left.
  std::map<std::uint32_t, std::vector<const Event*>> by_vessel;
  for (const Event* e : s_run->of(EventKind::port_visit)) by_vessel[e->mmsi].push_back(e);
  for (auto& [mmsi, list] : by_vessel) {
    std::sort(list.begin(), list.end(),
              [](const Event* a, const Event* b) { return a->start.t_ms < b->start.t_ms; });
    for (std::size_t i = 0; i + 1 < list.size(); ++i) {
      EXPECT_LT(list[i]->end.t_ms, list[i + 1]->start.t_ms) << mmsi;
      const geo::Port* port = s_ports->by_id(list[i]->port_id);
      ASSERT_NE(port, nullptr);
      const auto& rows = s_rows.at(mmsi);
      EXPECT_TRUE(std::any_of(rows.begin(), rows.end(),
                              [&](const Row& r) {
                                return r.t_ms > list[i]->end.t_ms &&
                                       r.t_ms <= list[i + 1]->start.t_ms &&
                                       geo::distance_m(r.at, port->position) > k_exit_m;
                              }))
          << mmsi << " has two visits but never left " << port->name;
    }
  }
  std::printf(
      "  vessels within 3 km of a port: %d; of those also slow in port: %d; "
      "with visits: %zu; visits: %zu\n",
      near_port, can_visit, per_vessel.size(), visits);
  EXPECT_LE(per_vessel.size(), static_cast<std::size_t>(can_visit));
}

TEST_F(NewYorkHarbourHour, IdentityEventsFollowTheirRules) {
  std::set<std::uint32_t> bad_mmsi_file;
  std::set<std::uint32_t> bad_imo_file;
  for (const auto& [mmsi, rows] : s_rows) {
    if (!ship_station(mmsi)) bad_mmsi_file.insert(mmsi);
    for (const Row& r : rows) {
      if (r.imo != 0 && !imo_ok(r.imo)) bad_imo_file.insert(mmsi);
    }
  }
  std::set<std::uint32_t> bad_mmsi_events;
  std::set<std::uint32_t> bad_imo_events;
  for (const Event* e : s_run->of(EventKind::identity)) {
    const auto& rows = s_rows.at(e->mmsi);
    if (e->subtype == "invalid_mmsi") {
      bad_mmsi_events.insert(e->mmsi);
    } else if (e->subtype == "unallocated_mid") {
      EXPECT_TRUE(ship_station(e->mmsi)) << e->mmsi;
    } else if (e->subtype == "invalid_imo") {
      bad_imo_events.insert(e->mmsi);
      const auto imo = static_cast<std::uint32_t>(std::stoul(e->notes.at("imo")));
      EXPECT_FALSE(imo_ok(imo)) << e->mmsi;
      EXPECT_TRUE(std::any_of(rows.begin(), rows.end(), [&](const Row& r) { return r.imo == imo; }))
          << e->mmsi << " never broadcast IMO " << imo;
    } else if (e->subtype == "name_change" || e->subtype == "call_sign_change" ||
               e->subtype == "imo_change") {
      std::set<std::string> values;
      for (const Row& r : rows) {
        if (e->subtype == "name_change" && !r.name.empty()) values.insert(r.name);
        if (e->subtype == "call_sign_change" && !r.call_sign.empty()) values.insert(r.call_sign);
        if (e->subtype == "imo_change" && r.imo != 0) values.insert(std::to_string(r.imo));
      }
      EXPECT_GE(values.size(), 2U) << e->mmsi << " " << e->subtype;
    } else if (e->subtype == "impossible_jump") {
      // A single position the segmenter could not attach: it is one of the vessel's rows.
      EXPECT_TRUE(std::any_of(rows.begin(), rows.end(), [&](const Row& r) {
        return r.t_ms == e->start.t_ms && geo::distance_m(r.at, e->start.position) < k_tolerance_m;
      })) << e->mmsi;
    }
  }
  EXPECT_EQ(bad_mmsi_events, bad_mmsi_file);
  EXPECT_EQ(bad_imo_events, bad_imo_file);
  std::printf("  MMSIs that are not ship stations: %zu; vessels with a failing IMO: %zu\n",
              bad_mmsi_file.size(), bad_imo_file.size());
}

// ---- Danish national feed, 28 seconds ----------------------------------------------------

class DanishFeedSeconds : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path nmea = shared("ais-nmea-dma-aislib/stream_example.txt");
    const fs::path wpi = shared("ports-wpi/UpdatedPub150.csv");
    if (!fs::exists(nmea) || !fs::exists(wpi)) return;
    s_ports = std::make_unique<Ports>(geo::load_ports(wpi.string()));
    s_run = std::make_unique<Detection>(nmea, s_ports->all(), "dma");
    // The rows are the positions the store gives back (the NMEA decoder is checked against
    // pyais and libais elsewhere); the identity values come from the store too.
    for (const std::uint32_t mmsi : s_run->db->vessels_in({}, std::nullopt)) {
      auto& rows = s_rows[mmsi];
      for (const auto& p : s_run->db->positions(mmsi, {})) {
        rows.push_back({p.t_ms, {p.lat_deg(), p.lon_deg()}, p.sog_kn(), {}, {}, 0});
      }
    }
  }
  static void TearDownTestSuite() {
    s_run.reset();
    s_ports.reset();
    s_rows.clear();
  }
  void SetUp() override {
    if (!s_run) {
      GTEST_SKIP() << "needs ais-nmea-dma-aislib/stream_example.txt and "
                      "ports-wpi/UpdatedPub150.csv under " DARKFLEET_SHARED_DATA;
    }
  }
  static std::unique_ptr<Ports> s_ports;
  static std::map<std::uint32_t, std::vector<Row>> s_rows;
  static std::unique_ptr<Detection> s_run;
};

std::unique_ptr<Ports> DanishFeedSeconds::s_ports;
std::map<std::uint32_t, std::vector<Row>> DanishFeedSeconds::s_rows;
std::unique_ptr<Detection> DanishFeedSeconds::s_run;

TEST_F(DanishFeedSeconds, EventsLieInTheDataAndNeedNoMoreTimeThanItSpans) {
  print_summary("DMA stream 2010-06-11 11:46", *s_run);
  std::printf("  span: %.1f s, vessels with positions: %zu\n",
              static_cast<double>(s_run->last_ms - s_run->first_ms) / 1000.0, s_rows.size());
  // PROVENANCE.md: 28 s of feed (the $PGHP times); allow reports a little before it.
  EXPECT_LT(s_run->last_ms - s_run->first_ms, 10 * 60'000);
  expect_time_and_duration_rules(*s_run);
}

TEST_F(DanishFeedSeconds, PortVisitsAgreeWithThePositions) {
  expect_visits_agree_with_rows(*s_run, *s_ports, s_rows);
  std::printf("  port visits: %zu\n", s_run->of(EventKind::port_visit).size());
}

// In 28 s every vessel reports a few times at most. One that reports only speeds under the
// stop threshold, all within the entry distance of one WPI port, is in port: it must be in a
// visit (confidence 2, a stop without an entry seen). One never within 3 km of a port, or
// never slow within 4 km of one, must not be.
TEST_F(DanishFeedSeconds, VisitsAreExactlyTheSlowVesselsNearPorts) {
  std::set<std::uint32_t> visited;
  for (const Event* e : s_run->of(EventKind::port_visit)) visited.insert(e->mmsi);
  int stopped = 0;
  for (const auto& [mmsi, rows] : s_rows) {
    bool near = false;
    bool slow_in_port = false;
    for (const Row& r : rows) {
      const double d = s_ports->nearest_m(r.at);
      near = near || d <= k_entry_m + k_tolerance_m;
      slow_in_port =
          slow_in_port || (d <= k_exit_m + k_tolerance_m && r.sog_kn && *r.sog_kn < k_stop_kn);
    }
    if (!(near && slow_in_port)) {
      EXPECT_FALSE(visited.contains(mmsi)) << mmsi << " cannot have a port visit";
    }
    bool one_port = false;
    for (const auto& port : s_ports->all()) {
      if (std::abs(port.position.lat_deg - rows.front().at.lat_deg) > 0.1) continue;
      one_port = one_port || std::all_of(rows.begin(), rows.end(), [&](const Row& r) {
                   return geo::distance_m(r.at, port.position) <= k_entry_m - k_tolerance_m;
                 });
    }
    const bool all_slow = std::all_of(
        rows.begin(), rows.end(), [](const Row& r) { return r.sog_kn && *r.sog_kn < k_stop_kn; });
    if (one_port && all_slow) {
      ++stopped;
      EXPECT_TRUE(visited.contains(mmsi)) << mmsi << " stopped near a port, no visit";
    }
  }
  std::printf("  vessels stopped within 3 km of a WPI port: %d, vessels with visits: %zu\n",
              stopped, visited.size());
  EXPECT_GT(stopped, 0) << "the Danish feed covers many harbours";
}

// invalid_mmsi exactly for the MMSIs that are not ship stations, invalid_imo exactly for the
// vessels whose IMO fails its check digit; an impossible jump is a
// position at least 10 nm from every other position of its vessel: the segmenter allows
// max(30 kn, 1.1 x reported) x hypot(dt, 0.5 h) >= 15 nm from the dead-reckoned position,
// and dead reckoning moves a vessel under 1 nm in 29 s (at most 102 kn).
TEST_F(DanishFeedSeconds, IdentityEventsFollowTheirRules) {
  std::set<std::uint32_t> bad_file;
  for (const auto& [mmsi, rows] : s_rows) {
    if (!ship_station(mmsi)) bad_file.insert(mmsi);
  }
  std::set<std::uint32_t> bad_events;
  std::set<std::uint32_t> bad_imo_events;
  for (const Event* e : s_run->of(EventKind::identity)) {
    if (e->subtype == "invalid_mmsi") bad_events.insert(e->mmsi);
    if (e->subtype == "invalid_imo") {
      const auto imo = static_cast<std::uint32_t>(std::stoul(e->notes.at("imo")));
      EXPECT_FALSE(imo_ok(imo)) << e->mmsi;
      bad_imo_events.insert(e->mmsi);
    }
    if (e->subtype == "impossible_jump") {
      const auto& rows = s_rows.at(e->mmsi);
      EXPECT_GE(rows.size(), 2U) << e->mmsi << " a lone report is no jump";
      double nearest_m = 1e12;
      for (const Row& r : rows) {
        if (r.t_ms == e->start.t_ms && geo::distance_m(r.at, e->start.position) < k_tolerance_m) {
          continue;
        }
        nearest_m = std::min(nearest_m, geo::distance_m(r.at, e->start.position));
      }
      std::printf("  impossible jump of %u: %.1f nm from its other positions\n", e->mmsi,
                  nearest_m / geo::k_m_per_nm);
      EXPECT_GT(nearest_m, 10 * geo::k_m_per_nm) << e->mmsi;
    }
    if (e->subtype == "unallocated_mid") {
      EXPECT_TRUE(ship_station(e->mmsi)) << e->mmsi;
    }
  }
  EXPECT_EQ(bad_events, bad_file);
  // IMO numbers as the store keeps them from message 5 (type 5 decoding is checked against
  // pyais and libais elsewhere).
  std::set<std::uint32_t> bad_imo_store;
  for (const auto& [mmsi, rows] : s_rows) {
    for (const auto& id : s_run->db->identities(mmsi)) {
      if (id.imo != 0 && !imo_ok(id.imo)) bad_imo_store.insert(mmsi);
    }
  }
  EXPECT_EQ(bad_imo_events, bad_imo_store);
  std::printf("  MMSIs with positions that are not ship stations: %zu; failing IMO: %zu\n",
              bad_file.size(), bad_imo_store.size());
}

}  // namespace
}  // namespace darkfleet
