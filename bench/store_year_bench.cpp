// The store's read and size benchmark: one vessel's year of positions, written through the
// ingest path (BatchWriter, 1 M positions per commit) into a fresh database, then read back
// whole into one reused vector. Reports bytes per position on disk and read throughput
// (best of --repeat reads; the first read also pays for faulting in the vector's pages).
//
//   store_year_bench --db FILE [--interval-s 10] [--repeat 5]
//
// The track is a realistic random walk: 10 s reports with +-3 s jitter, a cruise at 8-16 kn
// with slow course changes and GPS noise of ~3 m, and moored days (speed 0, same place).
#include <sys/stat.h>

#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "darkfleet/store/batch_writer.hpp"
#include "darkfleet/store/store.hpp"

namespace {

using darkfleet::store::Position;

// CPU seconds of this thread: on a shared machine, wall time also counts other people's work.
double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::vector<Position> year_of_positions(double interval_s) {
  std::mt19937_64 rng(1);
  std::normal_distribution<double> gps_noise_deg(0.0, 3.0 / 111'000.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Position> ps;
  const std::int64_t start = 1'704'067'200'000;  // 2024-01-01
  const std::int64_t end = start + 366LL * 86'400'000;
  double lat = 54.0;
  double lon = 10.0;
  double sog = 12.0;
  double cog = 45.0;
  bool moored = false;
  std::int64_t phase_end = start;
  for (std::int64_t t = start; t < end;) {
    if (t >= phase_end) {
      moored = unit(rng) < 0.3;
      phase_end = t + static_cast<std::int64_t>((moored ? 1.0 : 3.0) * 86'400'000 * (0.5 + unit(rng)));
      sog = moored ? 0.0 : 8.0 + 8.0 * unit(rng);
    }
    const double dt_h = interval_s / 3600.0;
    if (!moored) {
      cog = std::fmod(cog + 2.0 * (unit(rng) - 0.5) + 360.0, 360.0);
      lat += sog * dt_h / 60.0 * std::cos(cog * M_PI / 180.0);
      lon += sog * dt_h / 60.0 * std::sin(cog * M_PI / 180.0) / std::cos(lat * M_PI / 180.0);
      if (lat > 70 || lat < -70) cog = std::fmod(cog + 180.0, 360.0);
      if (lon > 179) lon -= 358;
    }
    const double heading = moored ? 200.0 : cog + 3.0 * (unit(rng) - 0.5);
    ps.push_back(darkfleet::store::make_position(
        t, lat + gps_noise_deg(rng), lon + gps_noise_deg(rng), sog + (moored ? 0.0 : 0.2 * (unit(rng) - 0.5)),
        moored ? 0.0 : cog, std::fmod(heading + 360.0, 360.0), moored ? 5 : 0));
    t += static_cast<std::int64_t>(interval_s * 1000 + (unit(rng) - 0.5) * 6000);
  }
  return ps;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  double interval_s = 10.0;
  int repeat = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--db") db_path = argv[i + 1];
    if (arg == "--interval-s") interval_s = std::atof(argv[i + 1]);
    if (arg == "--repeat") repeat = std::atoi(argv[i + 1]);
  }
  if (db_path.empty()) {
    std::fprintf(stderr, "usage: store_year_bench --db FILE [--interval-s 10] [--repeat 5]\n");
    return 2;
  }
  std::remove(db_path.c_str());
  std::remove((db_path + "-wal").c_str());
  std::remove((db_path + "-shm").c_str());
  const auto ps = year_of_positions(interval_s);
  constexpr std::uint32_t k_mmsi = 219000001;
  const auto w0 = std::chrono::steady_clock::now();
  {
    darkfleet::store::Store store(db_path, darkfleet::store::Store::Mode::read_write);
    const auto id = store.add_source("bench", 0, "bench", "nmea");
    darkfleet::store::BatchWriter writer(store, id);
    for (std::size_t i = 0; i < ps.size(); ++i) {
      writer.add_position(k_mmsi, ps[i]);
      if ((i + 1) % (1 << 20) == 0) writer.commit(i + 1, 0, false);
    }
    writer.commit(ps.size(), 0, true);
  }  // closing checkpoints the WAL into the main file
  const double write_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  struct stat st {};
  ::stat(db_path.c_str(), &st);

  darkfleet::store::Store store(db_path, darkfleet::store::Store::Mode::read_only);
  double best_s = 1e9;
  double best_cpu_s = 1e9;
  std::size_t got = 0;
  std::vector<Position> back;  // reused, as a reader looping over vessels would
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_s();
    store.positions(k_mmsi, {}, back);
    best_cpu_s = std::min(best_cpu_s, thread_cpu_s() - c0);
    best_s = std::min(best_s, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    got = back.size();
    if (back != ps) {
      std::fprintf(stderr, "store_year_bench: positions read back differ from those written\n");
      return 1;
    }
  }
  const auto summary = store.summary();
  fmt::print("positions {}\nwrite_s {:.3f}\nfile_bytes {}\nbytes_per_position_file {:.3f}\n"
             "bytes_per_position_chunks {:.3f}\nread_best_s {:.4f}\nread_M_positions_per_s {:.2f}\n"
             "read_best_cpu_s {:.4f}\nread_M_positions_per_cpu_s {:.2f}\n",
             got, write_s, st.st_size, static_cast<double>(st.st_size) / static_cast<double>(got),
             static_cast<double>(summary.chunk_bytes) / static_cast<double>(got), best_s,
             static_cast<double>(got) / best_s / 1e6, best_cpu_s,
             static_cast<double>(got) / best_cpu_s / 1e6);
  return 0;
}
