// The generation benchmark: plays a scenario with `simulate()` and discards the traffic
// (counting its bytes), so that the figure is the simulator's rate, not the disk's.
//   simulate_bench SCENARIO [--threads N] [--hours H] [--seed S]
// --hours overrides the scenario's duration (from its start), to show that peak memory does
// not grow with the simulated time. Prints one result line; never fails on timing.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "darkfleet/sim/scenario.hpp"
#include "darkfleet/sim/simulate.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs("usage: simulate_bench SCENARIO [--threads N] [--hours H] [--seed S]\n", stderr);
    return 2;
  }
  const std::string path = argv[1];
  darkfleet::sim::SimulateOptions options;
  double hours = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--threads") {
      options.threads = std::atoi(argv[i + 1]);
    } else if (key == "--hours") {
      hours = std::atof(argv[i + 1]);
    } else if (key == "--seed") {
      options.seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      fmt::print(stderr, "simulate_bench: unknown option {}\n", key);
      return 2;
    }
  }
  try {
    darkfleet::sim::Scenario scenario = darkfleet::sim::load_scenario(path);
    if (hours > 0)
      scenario.end_ms = scenario.start_ms + static_cast<std::int64_t>(hours * 3600000.0);
    const auto truth = std::filesystem::temp_directory_path() /
                       fmt::format("darkfleet_simulate_bench_{}.json", ::getpid());
    std::uint64_t bytes = 0;
    darkfleet::sim::SimulateSinks sinks;
    sinks.traffic = [&bytes](std::string_view block) { bytes += block.size(); };
    sinks.truth_path = truth.string();
    const auto t0 = std::chrono::steady_clock::now();
    const auto s = darkfleet::sim::simulate(scenario, options, sinks);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::filesystem::remove(truth);
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    // CPU time as well as wall time: on a shared machine the wall clock counts other
    // people's work, CPU seconds count ours.
    const double cpu_seconds =
        static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
        static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    fmt::print(
        "scenario={} hours={:.1f} threads={} vessels={} transmissions={} messages={} "
        "lines={} bytes={} seconds={:.2f} cpu_seconds={:.2f} messages_per_s={:.0f} "
        "messages_per_cpu_s={:.0f} transmissions_per_s={:.0f} MB_per_s={:.1f} "
        "peak_rss_MB={:.0f}\n",
        std::filesystem::path(path).filename().string(),
        static_cast<double>(scenario.end_ms - scenario.start_ms) / 3600000.0, options.threads,
        s.vessels, s.transmissions, s.receptions, s.lines, bytes, seconds, cpu_seconds,
        static_cast<double>(s.receptions) / seconds,
        static_cast<double>(s.receptions) / cpu_seconds,
        static_cast<double>(s.transmissions) / seconds, static_cast<double>(bytes) / seconds / 1e6,
        static_cast<double>(usage.ru_maxrss) / 1024.0);
  } catch (const std::exception& e) {
    fmt::print(stderr, "simulate_bench: {}\n", e.what());
    return 1;
  }
  return 0;
}
