// End to end: simulate scenarios with planted gaps, port calls and dark port calls, ingest
// the traffic, run the detectors and score them against the simulator's truth.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "darkfleet/events/detectors.hpp"
#include "darkfleet/events/evaluate.hpp"
#include "darkfleet/sim/scenario.hpp"
#include "darkfleet/sim/simulate.hpp"
#include "darkfleet/store/ingest.hpp"

namespace darkfleet::events {
namespace {

namespace fs = std::filesystem;

struct Case {
  const char* scenario;  // relative to the source tree
  std::uint64_t seed;
};

class EndToEnd : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("darkfleet_events_e2e_" + std::to_string(::getpid()) + "_" + std::to_string(GetParam().seed) +
             "_" + fs::path(GetParam().scenario).stem().string());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  fs::path m_dir;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_P(EndToEnd, PortVisitsGapsAndDarkPortCallsMatchTheTruth) {
  const auto scenario_path = fs::path(DARKFLEET_SOURCE_DIR) / GetParam().scenario;
  const sim::Scenario scenario = sim::load_scenario(scenario_path.string());
  const fs::path traffic = m_dir / "traffic.nmea";
  const fs::path truth_path = m_dir / "truth.json";
  {
    std::ofstream out(traffic, std::ios::binary);
    sim::SimulateOptions options;
    options.seed = GetParam().seed;
    sim::SimulateSinks sinks;
    sinks.traffic = [&out](std::string_view text) { out.write(text.data(), static_cast<std::streamsize>(text.size())); };
    sinks.truth_path = truth_path.string();
    sim::simulate(scenario, options, sinks);
  }
  store::Store db((m_dir / "db.sqlite").string(), store::Store::Mode::read_write);
  store::ingest_file(db, traffic.string(), {});

  std::vector<geo::Port> ports;
  for (const auto& p : scenario.ports) {
    geo::Port port;
    port.id = p.id;
    port.name = p.name;
    port.position = {p.position.lat_deg, p.position.lon_deg};
    ports.push_back(port);
  }
  Context context;
  context.ports = &ports;
  context.data_end_ms = scenario.end_ms;
  CollectingSink sink;
  run_detectors(db, {EventKind::port_visit, EventKind::gap, EventKind::dark_port_call}, context, {}, sink);

  const Truth truth = parse_truth(slurp(truth_path));
  for (const auto& s : evaluate(truth, sink.events)) {
    if (s.kind != EventKind::port_visit && s.kind != EventKind::gap && s.kind != EventKind::dark_port_call) continue;
    std::printf("  %-15s truth %3llu detected %3llu tp %3llu precision %.3f recall %.3f "
                "start err %.1f min, end err %.1f min\n",
                std::string(to_string(s.kind)).c_str(), static_cast<unsigned long long>(s.truth),
                static_cast<unsigned long long>(s.detected), static_cast<unsigned long long>(s.true_positives),
                s.precision, s.recall, s.mean_start_error_min, s.mean_end_error_min);
    EXPECT_GE(s.precision, 0.95) << to_string(s.kind);
    EXPECT_GE(s.recall, 0.95) << to_string(s.kind);
    if (s.kind == EventKind::port_visit) {
      EXPECT_LT(s.mean_start_error_min, 30) << "port visits start late";
    }
    if (s.kind == EventKind::gap) {
      EXPECT_LT(s.mean_start_error_min, 10) << "gaps start late";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, EndToEnd,
                         ::testing::Values(Case{"src/events/testdata/dark.toml", 1},
                                           Case{"src/events/testdata/dark.toml", 2},
                                           Case{"src/events/testdata/dark.toml", 3},
                                           Case{"src/sim/testdata/small.toml", 1},
                                           Case{"src/sim/testdata/small.toml", 2}));

}  // namespace
}  // namespace darkfleet::events
