// run_detectors against an oracle: the same detectors called one vessel at a time on one
// thread. The threaded runner must find exactly the same events, whatever the scheduling.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "../store/test_support.hpp"
#include "darkfleet/events/detectors.hpp"
#include "darkfleet/events/output.hpp"
#include "darkfleet/sim/demo_traffic.hpp"
#include "darkfleet/store/ingest.hpp"

namespace darkfleet::events {
namespace {

/// Events of `kinds` found by calling each detector directly, vessel by vessel.
std::vector<Event> sequential(const store::Store& db, const std::vector<EventKind>& kinds,
                              Context context) {
  std::vector<std::unique_ptr<Detector>> detectors;
  for (const EventKind k : kinds) detectors.push_back(make_detector(k));
  std::int64_t last = 0;
  for (const auto& v : db.vessels()) last = std::max(last, v.last_seen_ms);
  context.data_end_ms = last;
  CollectingSink sink;
  for (const std::uint32_t mmsi : db.vessels_in({}, std::nullopt)) {
    const track::Track t = track::build_track(mmsi, db.positions(mmsi, {}));
    const auto identities = db.identities(mmsi);
    const VesselData vessel{mmsi, &t, &identities};
    for (auto& d : detectors) d->on_vessel(vessel, context, sink);
  }
  for (auto& d : detectors) d->finish(context, sink);
  return sink.events;
}

std::string as_json(std::vector<Event> events, const Parameters& p) {
  sort_events(events);
  std::ostringstream out;
  write_events(out, events, OutputFormat::json, p);
  return out.str();
}

class Runner : public ::testing::Test {
 protected:
  void SetUp() override {
    // 600 vessels: many more than the runner holds in flight, so the reader has to wait for
    // the detectors again and again.
    sim::DemoTrafficOptions options;
    options.vessels = 600;
    options.duration_h = 3;
    const std::string nmea = m_dir.file("traffic.nmea");
    {
      std::ofstream out(nmea, std::ios::binary);
      sim::generate_demo_traffic(options, [&out](const std::string& text) { out << text; });
    }
    m_db.emplace(m_dir.file("db.sqlite"), store::Store::Mode::read_write);
    store::ingest_file(*m_db, nmea, {});
    // ports across the demo box, so that some vessels visit one
    for (int i = 0; i < 30; ++i) {
      m_ports.push_back(
          {"p" + std::to_string(i), "Port", "", {34.5 + 0.3 * i, 129.5 + 0.38 * i}, {}, "test"});
    }
    // short gaps and loose encounters, so that every detector has work
    m_parameters.set("gap.min_h=0.05");
    m_parameters.set("encounter.max_distance_m=20000");
    m_parameters.set("encounter.max_speed_kn=40");
    m_parameters.set("encounter.min_duration_h=0.5");
  }

  store::testing::TempDir m_dir;
  std::optional<store::Store> m_db;
  std::vector<geo::Port> m_ports;
  Parameters m_parameters = Parameters::gfw();
};

TEST_F(Runner, FindsWhatTheDetectorsFindOneVesselAtATime) {
  Context context;
  context.parameters = &m_parameters;
  context.ports = &m_ports;
  const std::vector<EventKind> kinds = available_kinds();
  CollectingSink sink;
  RunStats stats = run_detectors(*m_db, kinds, context, {}, sink);
  EXPECT_EQ(stats.vessels, m_db->vessels_in({}, std::nullopt).size());
  EXPECT_GT(stats.vessels, 500U);
  std::uint64_t counted = 0;
  for (const auto& [kind, n] : stats.events) counted += n;
  EXPECT_EQ(counted, sink.events.size());
  EXPECT_GT(stats.events[EventKind::gap], 0U);
  EXPECT_GT(stats.events[EventKind::encounter], 0U);
  EXPECT_EQ(as_json(sink.events, m_parameters),
            as_json(sequential(*m_db, kinds, context), m_parameters));
}

TEST_F(Runner, NoKindsReadsEveryVesselAndFindsNothing) {
  CollectingSink sink;
  const RunStats stats = run_detectors(*m_db, {}, {}, {}, sink);
  EXPECT_GT(stats.vessels, 500U);
  EXPECT_TRUE(sink.events.empty());
}

TEST_F(Runner, AnErrorInADetectorEndsTheRunAndReachesTheCaller) {
  // A parameter set without the detectors' keys: Parameters::get throws inside their threads.
  const Parameters empty;
  Context context;
  context.parameters = &empty;
  context.ports = &m_ports;
  CollectingSink sink;
  EXPECT_THROW(run_detectors(*m_db, available_kinds(), context, {}, sink), std::out_of_range);
  EXPECT_TRUE(sink.events.empty());
}

// Records what it is shown: the runner's readers work side by side, but each detector must
// still see every vessel once, in MMSI order, with all of its positions.
class RecordingDetector final : public Detector {
 public:
  explicit RecordingDetector(std::vector<std::pair<std::uint32_t, std::size_t>>& seen)
      : m_seen(seen) {}
  [[nodiscard]] EventKind kind() const override { return EventKind::gap; }
  void on_vessel(const VesselData& vessel, const Context&, EventSink&) override {
    std::size_t positions = 0;
    for (const auto& segment : vessel.track->segments) positions += segment.positions.size();
    m_seen.emplace_back(vessel.mmsi, positions);
  }

 private:
  std::vector<std::pair<std::uint32_t, std::size_t>>& m_seen;
};

TEST_F(Runner, EveryDetectorSeesEveryVesselOnceInMmsiOrder) {
  std::vector<std::pair<std::uint32_t, std::size_t>> first;
  std::vector<std::pair<std::uint32_t, std::size_t>> second;
  std::vector<std::unique_ptr<Detector>> detectors;
  detectors.push_back(std::make_unique<RecordingDetector>(first));
  detectors.push_back(nullptr);  // skipped
  detectors.push_back(std::make_unique<RecordingDetector>(second));
  CollectingSink sink;
  const RunStats stats = run_own_detectors(*m_db, std::move(detectors), {}, {}, sink);
  std::vector<std::pair<std::uint32_t, std::size_t>> want;
  std::uint64_t positions = 0;
  for (const std::uint32_t mmsi : m_db->vessels_in({}, std::nullopt)) {
    const auto ps = m_db->positions(mmsi, {});
    positions += ps.size();
    std::size_t kept = 0;
    for (const auto& segment : track::build_track(mmsi, ps).segments)
      kept += segment.positions.size();
    want.emplace_back(mmsi, kept);
  }
  EXPECT_GT(want.size(), 500U);
  EXPECT_EQ(first, want);
  EXPECT_EQ(second, want);
  EXPECT_EQ(stats.vessels, want.size());
  EXPECT_EQ(stats.positions, positions);
  EXPECT_TRUE(stats.missing.empty());
}

TEST_F(Runner, ACorruptChunkEndsTheRunWhicheverReaderMeetsIt) {
  // Vessel 20 is in the second batch of 16, which a second reader takes on a machine with
  // two cores or more; vessel 5 is in the first, which the caller's thread reads.
  const auto mmsis = m_db->vessels_in({}, std::nullopt);
  std::vector<std::string> corrupt;
  for (const std::size_t index : {std::size_t{20}, std::size_t{5}}) {
    const std::uint32_t mmsi = mmsis.at(index);
    corrupt.push_back(std::to_string(mmsi));
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(m_dir.file("db.sqlite").c_str(), &raw), SQLITE_OK);
    const std::string sql =
        "UPDATE position_chunks SET data = x'01' WHERE mmsi = " + std::to_string(mmsi);
    EXPECT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    CollectingSink sink;
    try {
      (void)run_detectors(*m_db, available_kinds(), {}, {}, sink);
      ADD_FAILURE() << "no error for the corrupt chunks of vessel " << index;
    } catch (const std::runtime_error& e) {
      // the first error any thread met; with vessel 5 both are corrupt
      const std::string what = e.what();
      EXPECT_TRUE(std::any_of(corrupt.begin(), corrupt.end(), [&what](const std::string& m) {
        return what.find("corrupt position chunk for MMSI " + m) != std::string::npos;
      })) << what;
    }
    EXPECT_TRUE(sink.events.empty());
  }
}

}  // namespace
}  // namespace darkfleet::events
