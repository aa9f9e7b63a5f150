// End to end: simulate scenarios with planted gaps, port calls and dark port calls (and, in
// the dense case and the bundled case, every other kind with near misses just outside each
// definition), ingest the traffic, run the detectors and score them against the
// simulator's truth. Every kind must reach precision and recall 0.95 on every seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "darkfleet/events/detectors.hpp"
#include "darkfleet/events/evaluate.hpp"
#include "darkfleet/geo/coast.hpp"
#include "darkfleet/geo/ports.hpp"
#include "darkfleet/sim/scenario.hpp"
#include "darkfleet/sim/simulate.hpp"
#include "darkfleet/store/ingest.hpp"

namespace darkfleet::events {
namespace {

namespace fs = std::filesystem;

struct Case {
  const char* scenario;  // relative to the source tree
  std::uint64_t seed;
  bool all_kinds = false;  // every detector, with the coastline; else the first three
  std::vector<EventKind> planted = {};  // kinds the truth must hold (no vacuous pass)
};

// The coastline scripts/setup installs; null when it is absent (the test skips).
const geo::Coast* coastline() {
  static const geo::Coast* coast = []() -> const geo::Coast* {
    if (!fs::exists(geo::Coast::default_path())) return nullptr;
    return new geo::Coast(geo::Coast::load_default());
  }();
  return coast;
}

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

  const std::vector<geo::Port> ports = geo::load_ports(scenario_path.string());
  Context context;
  context.ports = &ports;
  context.data_end_ms = scenario.end_ms;
  std::vector<EventKind> kinds = {EventKind::port_visit, EventKind::gap, EventKind::dark_port_call};
  if (GetParam().all_kinds) {
    if (coastline() == nullptr) {
      GTEST_SKIP() << "the coastline is not installed (run scripts/setup, or set DARKFLEET_COASTLINE)";
    }
    context.coast = coastline();
    kinds.insert(kinds.end(), {EventKind::encounter, EventKind::loitering, EventKind::identity});
  }
  CollectingSink sink;
  run_detectors(db, kinds, context, {}, sink);

  const Truth truth = parse_truth(slurp(truth_path));
  const auto scores = evaluate(truth, sink.events);
  for (const EventKind kind : GetParam().planted) {
    const bool planted = std::any_of(scores.begin(), scores.end(),
                                     [&](const KindScore& s) { return s.kind == kind && s.truth > 0; });
    EXPECT_TRUE(planted) << to_string(kind) << " has no true event in this case";
  }
  for (const auto& s : scores) {
    if (std::find(kinds.begin(), kinds.end(), s.kind) == kinds.end()) continue;  // not run here
    std::printf("  %-15s truth %3llu detected %3llu tp %3llu found %3llu precision %.3f recall %.3f "
                "start err %.1f min, end err %.1f min, near misses %llu (%llu detected)\n",
                std::string(to_string(s.kind)).c_str(), static_cast<unsigned long long>(s.truth),
                static_cast<unsigned long long>(s.detected), static_cast<unsigned long long>(s.true_positives),
                static_cast<unsigned long long>(s.found), s.precision, s.recall, s.mean_start_error_min,
                s.mean_end_error_min, static_cast<unsigned long long>(s.near_misses),
                static_cast<unsigned long long>(s.near_misses_detected));
    EXPECT_GE(s.precision, 0.95) << to_string(s.kind);
    EXPECT_GE(s.recall, 0.95) << to_string(s.kind);
    EXPECT_EQ(s.near_misses_detected, 0U) << to_string(s.kind) << ": a near miss was reported";
    if (s.kind == EventKind::port_visit) {
      EXPECT_LT(s.mean_start_error_min, 30) << "port visits start late";
    }
    if (s.kind == EventKind::gap) {
      EXPECT_LT(s.mean_start_error_min, 10) << "gaps start late";
    }
  }
}

const std::vector<EventKind> k_every_kind = {EventKind::port_visit, EventKind::gap,
                                             EventKind::dark_port_call, EventKind::encounter,
                                             EventKind::loitering, EventKind::identity};
const std::vector<EventKind> k_case_kinds = {EventKind::port_visit, EventKind::gap,
                                             EventKind::dark_port_call};

INSTANTIATE_TEST_SUITE_P(Scenarios, EndToEnd,
                         ::testing::Values(Case{"src/events/testdata/dark.toml", 1},
                                           Case{"src/events/testdata/dark.toml", 2},
                                           Case{"src/events/testdata/dark.toml", 3},
                                           Case{"src/sim/testdata/small.toml", 1},
                                           Case{"src/sim/testdata/small.toml", 2},
                                           Case{"src/events/testdata/dense.toml", 1, true, k_every_kind},
                                           Case{"src/events/testdata/dense.toml", 2, true, k_every_kind},
                                           Case{"src/events/testdata/dense.toml", 3, true, k_every_kind},
                                           Case{"cases/dprk-russia-2023-2025/scenario.toml", 1, true, k_case_kinds},
                                           Case{"cases/dprk-russia-2023-2025/scenario.toml", 2, true, k_case_kinds},
                                           Case{"cases/dprk-russia-2023-2025/scenario.toml", 3, true, k_case_kinds}),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           std::string name = fs::path(param_info.param.scenario).parent_path().filename().string() + "_" +
                                              fs::path(param_info.param.scenario).stem().string() + "_seed" +
                                              std::to_string(param_info.param.seed);
                           for (char& c : name) {
                             if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace darkfleet::events
