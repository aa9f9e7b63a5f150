// Encounter detector scaling: the same sea area with 1x, 2x and 4x the vessels. Each vessel
// drifts slowly (under 2 kn) for 24 h reporting every 10 min, so every resampled point is kept
// and paired: the worst case for the detector. With a sort-and-sweep pairing the cost per point
// should grow like log n, not like n (docs/performance.md, "Encounters").
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

#include "darkfleet/events/encounter.hpp"
#include "darkfleet/store/position.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace {

using darkfleet::events::Event;

constexpr std::int64_t k_t0_ms = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr int k_base_vessels = 4000;                 // 1x density
constexpr double k_area_deg = 10.0;                  // 30-40 N, 120-130 E

class Count final : public darkfleet::events::EventSink {
 public:
  void on_event(Event event) override {
    (void)event;
    ++events;
  }
  std::uint64_t events = 0;
};

std::vector<darkfleet::track::Track> make_tracks(int vessels) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<darkfleet::track::Track> tracks;
  tracks.reserve(static_cast<std::size_t>(vessels));
  for (int v = 0; v < vessels; ++v) {
    darkfleet::track::Track track;
    track.mmsi = 200'000'000U + static_cast<std::uint32_t>(v);
    darkfleet::track::Segment segment;
    double lat = 30 + k_area_deg * unit(rng);
    double lon = 120 + k_area_deg * unit(rng);
    const double kn = 1.5 * unit(rng);
    const double course = 2 * std::numbers::pi * unit(rng);
    for (int i = 0; i <= 144; ++i) {
      segment.positions.push_back(
          darkfleet::store::make_position(k_t0_ms + i * 600'000LL, lat, lon, kn));
      const double step_deg = kn / 6.0 / 60.0;  // 10 min at kn, in degrees of arc
      lat += step_deg * std::cos(course);
      lon += step_deg * std::sin(course) / std::cos(lat * std::numbers::pi / 180.0);
    }
    track.segments.push_back(std::move(segment));
    tracks.push_back(std::move(track));
  }
  return tracks;
}

void encounters(benchmark::State& state) {
  const int vessels = k_base_vessels * static_cast<int>(state.range(0));
  const auto tracks = make_tracks(vessels);
  const darkfleet::events::Context context;
  std::uint64_t events = 0;
  for (auto _ : state) {
    auto detector = darkfleet::events::make_encounter_detector();
    Count sink;
    for (const auto& track : tracks)
      detector->on_vessel({track.mmsi, &track, nullptr}, context, sink);
    detector->finish(context, sink);
    events = sink.events;
    benchmark::DoNotOptimize(events);
  }
  const double points = static_cast<double>(vessels) * 145;
  state.counters["vessels"] = vessels;
  state.counters["encounters"] = static_cast<double>(events);
  state.counters["points/s"] =
      benchmark::Counter(points, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["ns/point"] = benchmark::Counter(
      points * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

BENCHMARK(encounters)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
