// Micro-benchmarks of the geo module's point queries on the installed coastline (Natural
// Earth 1:10m land through world-atlas; scripts/setup): Coast::on_land and
// Coast::distance_to_shore_m on random points, near coasts (the Sea of Japan and its
// shores) and worldwide, plus geo::distance_m. Reports queries/s (items). Load time and
// memory: bench/README.md and docs/performance.md.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>
#include <vector>

#include "darkfleet/geo/coast.hpp"
#include "darkfleet/geo/geo.hpp"

namespace {

using darkfleet::geo::Coast;
using darkfleet::geo::LatLon;

const Coast* coast() {
  static const std::unique_ptr<Coast> loaded = []() -> std::unique_ptr<Coast> {
    try {
      const auto t0 = std::chrono::steady_clock::now();
      auto c = std::make_unique<Coast>(Coast::load_default());
      const std::chrono::duration<double> s = std::chrono::steady_clock::now() - t0;
      std::fprintf(stderr, "coastline: %zu polygons loaded and indexed in %.2f s\n",
                   c->polygon_count(), s.count());
      return c;
    } catch (const std::runtime_error& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return nullptr;
    }
  }();
  return loaded.get();
}

// 4096 random points in a lon/lat box (fixed seed).
std::vector<LatLon> points(double lat0, double lat1, double lon0, double lon1) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> lat(lat0, lat1);
  std::uniform_real_distribution<double> lon(lon0, lon1);
  std::vector<LatLon> out(4096);
  for (LatLon& p : out) p = {lat(rng), lon(rng)};
  return out;
}

// The Sea of Japan and its coasts (Korea, Primorsky Krai, Japan): mostly near a shore.
const std::vector<LatLon>& sea_of_japan() {
  static const auto p = points(33, 46, 127, 142);
  return p;
}
// Anywhere between 70 S and 75 N.
const std::vector<LatLon>& world() {
  static const auto p = points(-70, 75, -180, 180);
  return p;
}

template <typename F>
void run(benchmark::State& state, const std::vector<LatLon>& ps, F&& f) {
  if (coast() == nullptr) {
    state.SkipWithError("no coastline: run scripts/setup or set DARKFLEET_COASTLINE");
    return;
  }
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f(*coast(), ps[i++ & 4095]));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_OnLand_SeaOfJapan(benchmark::State& state) {
  run(state, sea_of_japan(), [](const Coast& c, LatLon p) { return c.on_land(p); });
}
void BM_OnLand_World(benchmark::State& state) {
  run(state, world(), [](const Coast& c, LatLon p) { return c.on_land(p); });
}
void BM_DistanceToShore_SeaOfJapan(benchmark::State& state) {
  run(state, sea_of_japan(), [](const Coast& c, LatLon p) { return c.distance_to_shore_m(p); });
}
void BM_DistanceToShore_World(benchmark::State& state) {
  run(state, world(), [](const Coast& c, LatLon p) { return c.distance_to_shore_m(p); });
}
void BM_DistanceM(benchmark::State& state) {
  const auto& ps = world();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(darkfleet::geo::distance_m(ps[i & 4095], ps[(i + 1) & 4095]));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_OnLand_SeaOfJapan);
BENCHMARK(BM_OnLand_World);
BENCHMARK(BM_DistanceToShore_SeaOfJapan);
BENCHMARK(BM_DistanceToShore_World);
BENCHMARK(BM_DistanceM);

}  // namespace

BENCHMARK_MAIN();
