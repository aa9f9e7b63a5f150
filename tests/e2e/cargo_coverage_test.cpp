// Coverage of the evidence-based cargo estimate on simulated cases where the truth knows the
// cargo: simulate a container shuttle (ships loading at an origin with AIS on and with AIS
// off, yards imaged about daily with counting error and cloud, land traffic in and out),
// ingest the traffic, detect port visits and dark port calls, read the imagery as evidence
// and estimate the containers loaded. Over many seeds the 90 % interval (p5-p95) must hold
// the true total in at least 90 % of them, loads and unloads alike, and is reported with its
// width.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "darkfleet/events/detectors.hpp"
#include "darkfleet/evidence/cargo.hpp"
#include "darkfleet/evidence/observation_file.hpp"
#include "darkfleet/geo/ports.hpp"
#include "darkfleet/sim/scenario.hpp"
#include "darkfleet/sim/simulate.hpp"
#include "darkfleet/store/ingest.hpp"

namespace darkfleet {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct SeedRun {
  double truth_loaded = 0;
  double truth_unloaded = 0;
  evidence::CargoResult result;
};

SeedRun run_seed(const fs::path& dir, std::uint64_t seed) {
  const fs::path testdata = fs::path(DARKFLEET_SOURCE_DIR) / "tests/e2e/testdata";
  const auto scenario_path = testdata / "cargo-shuttle.toml";
  const sim::Scenario scenario = sim::load_scenario(scenario_path.string());
  const fs::path traffic = dir / "traffic.nmea";
  const fs::path truth_path = dir / "truth.json";
  const fs::path imagery = dir / "imagery.geojson";
  {
    std::ofstream out(traffic, std::ios::binary);
    sim::SimulateOptions options;
    options.seed = seed;
    sim::SimulateSinks sinks;
    sinks.traffic = [&out](std::string_view text) {
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
    };
    sinks.truth_path = truth_path.string();
    sinks.imagery_path = imagery.string();
    sim::simulate(scenario, options, sinks);
  }
  const fs::path db_path = dir / ("seed" + std::to_string(seed) + ".db");
  const std::vector<geo::Port> ports = geo::load_ports(scenario_path.string());
  const auto parameters = events::Parameters::gfw();
  events::Context context;
  context.parameters = &parameters;
  context.ports = &ports;
  context.data_end_ms = scenario.end_ms;
  events::CollectingSink sink;
  {
    store::Store db(db_path.string(), store::Store::Mode::read_write);
    store::ingest_file(db, traffic.string(), {});
    events::run_detectors(
        db,
        {events::EventKind::port_visit, events::EventKind::gap, events::EventKind::dark_port_call},
        context, {}, sink);
  }
  fs::remove(db_path);

  auto observations = evidence::parse_observation_file(slurp(imagery), imagery.filename().string());
  for (std::size_t i = 0; i < observations.size(); ++i) {
    observations[i].id = static_cast<std::int64_t>(i + 1);
  }
  const auto model =
      evidence::CargoModel::load((testdata / "cargo-shuttle-evidence.toml").string());
  SeedRun run;
  run.result =
      evidence::estimate_cargo(evidence::yard_series(std::move(observations)),
                               evidence::port_calls(sink.events), model, model.samples, seed);
  // The truth is what the images could see: the cargo of the calls whose middle (when the
  // simulator moves their containers) lies between the first and the last image of the yard.
  const auto truth = nlohmann::json::parse(slurp(truth_path));
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> imaged;  // port -> first, last
  for (const auto& image : truth.at("imagery")) {
    const auto t = image.at("acquired_ms").get<std::int64_t>();
    const auto it = imaged.try_emplace(image.at("port").get<std::string>(), t, t).first;
    it->second.first = std::min(it->second.first, t);
    it->second.second = std::max(it->second.second, t);
  }
  for (const auto& call : truth.at("port_calls")) {
    const std::string port = call.at("port").get<std::string>();
    if (imaged.count(port) == 0) continue;
    // a vessel in port at the start arrived at the start; one still there at the end leaves then
    const std::int64_t arrive =
        call.at("arrive").is_null() ? scenario.start_ms : call.at("arrive_ms").get<std::int64_t>();
    const std::int64_t depart =
        call.at("depart").is_null() ? scenario.end_ms : call.at("depart_ms").get<std::int64_t>();
    const std::int64_t middle = arrive + (depart - arrive) / 2;
    if (middle < imaged[port].first || middle > imaged[port].second) continue;
    if (port == "origin") {
      run.truth_loaded +=
          call.at("loaded_20ft").get<double>() + call.at("loaded_40ft").get<double>();
    }
    if (port == "destination") {
      run.truth_unloaded +=
          call.at("unloaded_20ft").get<double>() + call.at("unloaded_40ft").get<double>();
    }
  }
  return run;
}

TEST(CargoCoverage, NinetyPercentIntervalHoldsTheTrueTotalInNinetyPercentOfSeeds) {
  const fs::path dir =
      fs::temp_directory_path() / ("darkfleet_cargo_coverage_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  constexpr int k_seeds = 30;
  int loaded_covered = 0;
  int unloaded_covered = 0;
  double width = 0;
  double truth_mean = 0;
  for (int seed = 1; seed <= k_seeds; ++seed) {
    const SeedRun r = run_seed(dir, static_cast<std::uint64_t>(seed));
    ASSERT_GT(r.truth_loaded, 0) << "the truth holds no loading";
    const auto& i = r.result.loaded;
    const bool in = i.p5 <= r.truth_loaded && r.truth_loaded <= i.p95;
    const bool in_unloaded =
        r.result.unloaded.p5 <= r.truth_unloaded && r.truth_unloaded <= r.result.unloaded.p95;
    loaded_covered += in ? 1 : 0;
    unloaded_covered += in_unloaded ? 1 : 0;
    width += i.p95 - i.p5;
    truth_mean += r.truth_loaded;
    std::printf(
        "  seed %2d: loaded truth %5.0f, p5 %6.0f p50 %6.0f p95 %6.0f %s; unloaded truth "
        "%5.0f, p5 %6.0f p50 %6.0f p95 %6.0f %s; %zu changes, %zu voyages\n",
        seed, r.truth_loaded, i.p5, i.p50, i.p95, in ? "covered" : "MISSED", r.truth_unloaded,
        r.result.unloaded.p5, r.result.unloaded.p50, r.result.unloaded.p95,
        in_unloaded ? "covered" : "missed", r.result.changes.size(), r.result.voyages.size());
  }
  fs::remove_all(dir);
  width /= k_seeds;
  truth_mean /= k_seeds;
  std::printf(
      "  loaded covered in %d of %d seeds, unloaded in %d; mean 90 %% width %.0f "
      "containers (%.1f %% of the true %.0f)\n",
      loaded_covered, k_seeds, unloaded_covered, width, 100 * width / truth_mean, truth_mean);
  EXPECT_GE(loaded_covered, k_seeds * 9 / 10);
  EXPECT_GE(unloaded_covered, k_seeds * 9 / 10);
  // Not absurdly wide: an interval that covers by being huge is no estimate.
  EXPECT_LT(width, 0.25 * truth_mean);
}

}  // namespace
}  // namespace darkfleet
