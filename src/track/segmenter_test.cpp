#include "darkfleet/track/segmenter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "darkfleet/store/ingest.hpp"
#include "test_support.hpp"

namespace darkfleet::track {
namespace {

using store::make_position;
using store::Position;

constexpr std::int64_t k_t0 = 1'700'000'000'000;

// A vessel steaming east at `sog_kn` along `lat`, reporting every `step_s`.
std::vector<Position> steaming(int n, double lat, double lon, double sog_kn, int step_s,
                               std::int64_t t0 = k_t0) {
  std::vector<Position> ps;
  for (int i = 0; i < n; ++i) {
    const double hours = i * step_s / 3600.0;
    const double dlon = sog_kn * hours / 60.0 / std::cos(lat * 3.14159265358979 / 180.0);
    ps.push_back(make_position(t0 + std::int64_t{i} * step_s * 1000, lat, lon + dlon, sog_kn, 90.0,
                               90.0, 0));
  }
  return ps;
}

// Every segment must be in time order and each step must fit the rule that built it.
void expect_plausible(const Track& track, const SegmenterOptions& o) {
  for (const auto& s : track.segments) {
    ASSERT_TRUE(std::is_sorted(s.positions.begin(), s.positions.end()));
    for (std::size_t i = 1; i < s.positions.size(); ++i) {
      const auto& a = s.positions[i - 1];
      const auto& b = s.positions[i];
      const double hours = static_cast<double>(b.t_ms - a.t_ms) / 3.6e6;
      EXPECT_LE(hours, o.max_hours);
      // Straight-line distance may exceed dead reckoning's discrepancy only by the distance
      // the reported speed explains; bound it by the most permissive speed.
      const double speed = std::max(o.max_speed_kn, o.reported_speed_multiplier * 102.2);
      EXPECT_LE(distance_nm(a, b), speed * std::hypot(hours, o.buffer_hours) + 1e-9);
    }
  }
}

TEST(Segmenter, InputOrderDoesNotMatter) {
  auto ps = steaming(200, 55.0, 10.0, 12.0, 10);
  const Track sorted = build_track(1, ps);
  std::mt19937 rng(1);
  std::shuffle(ps.begin(), ps.end(), rng);
  const Track shuffled = build_track(1, ps);
  ASSERT_EQ(shuffled.segments.size(), 1U);
  EXPECT_EQ(shuffled.segments[0].positions, sorted.segments[0].positions);
  EXPECT_EQ(shuffled.segments[0].quality, SegmentQuality::good);
}

TEST(Segmenter, DropsExactAndReceiverDuplicates) {
  auto ps = steaming(50, 55.0, 10.0, 12.0, 10);
  const auto original = ps;
  ps.push_back(ps[10]);  // the same line twice
  Position heard_again = ps[20];
  heard_again.t_ms += 2000;  // another receiver, clock 2 s later
  ps.push_back(heard_again);
  const Track track = build_track(1, ps);
  EXPECT_EQ(track.stats.exact_duplicates, 1U);
  EXPECT_EQ(track.stats.receiver_duplicates, 1U);
  ASSERT_EQ(track.segments.size(), 1U);
  EXPECT_EQ(track.segments[0].positions, original);
}

TEST(Segmenter, ImpossibleJumpBecomesNoise) {
  auto ps = steaming(100, 55.0, 10.0, 12.0, 10);
  ps[50].lat_udeg += 3'000'000;  // 180 nm north for one report
  const Track track = build_track(1, ps);
  ASSERT_EQ(track.segments.size(), 2U);
  EXPECT_EQ(track.segments[0].positions.size(), 99U);
  EXPECT_EQ(track.segments[0].quality, SegmentQuality::good);
  EXPECT_EQ(track.segments[1].quality, SegmentQuality::noise);
  EXPECT_EQ(track.stats.noise, 1U);
}

TEST(Segmenter, SharedMmsiSplitsIntoPlausibleSegments) {
  // Two transmitters with one MMSI, 300 nm apart, reporting in turn.
  const auto a = steaming(120, 55.0, 5.0, 10.0, 20);
  const auto b = steaming(120, 50.0, 5.0, 14.0, 20, k_t0 + 7000);
  std::vector<Position> both = a;
  both.insert(both.end(), b.begin(), b.end());
  const SegmenterOptions o;
  const Track track = build_track(1, both, o);
  ASSERT_EQ(track.segments.size(), 2U);
  EXPECT_EQ(track.segments[0].positions, a);
  EXPECT_EQ(track.segments[1].positions, b);
  EXPECT_EQ(track.segments[0].quality, SegmentQuality::overlapping);
  EXPECT_EQ(track.segments[1].quality, SegmentQuality::overlapping);
  expect_plausible(track, o);
}

TEST(Segmenter, LongGapStartsANewSegmentAndOptionsOverride) {
  auto ps = steaming(20, 55.0, 10.0, 0.0, 60);
  const auto later = steaming(5, 55.0, 10.0, 0.0, 60, k_t0 + 30LL * 3'600'000);
  ps.insert(ps.end(), later.begin(), later.end());
  const Track track = build_track(1, ps);
  ASSERT_EQ(track.segments.size(), 2U);
  EXPECT_EQ(track.segments[0].quality, SegmentQuality::good);
  EXPECT_EQ(track.segments[1].quality, SegmentQuality::short_segment);
  SegmenterOptions patient;
  patient.max_hours = 48;
  EXPECT_EQ(build_track(1, ps, patient).segments.size(), 1U);
}

TEST(Segmenter, NoaaHarborHourRebuildsEveryVesselFromTheFile) {
  const std::string path =
      store::testing::shared_data("ais-positions-noaa/NYHarbor_2020_06_30_first_hour.csv");
  if (path.empty()) GTEST_SKIP() << "shared data not found under " DARKFLEET_SHARED_DATA;
  // Distinct reports per MMSI, read directly from the file: time, lon, lat, MMSI, SOG, COG,
  // heading (the first 7 columns) and status (column 12) make a position.
  std::map<std::uint32_t, std::set<std::string>> reports;
  {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::size_t start = 0;
      for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1) {
        f.push_back(line.substr(start, comma - start));
      }
      const std::string key = f[0] + f[1] + "," + f[2] + "," + f[4] + "," + f[5] + "," + f[6] +
                              "," + f[11];
      reports[static_cast<std::uint32_t>(std::stoul(f[3]))].insert(key);
    }
  }
  std::map<std::uint32_t, std::size_t> rows;
  for (const auto& [mmsi, set] : reports) rows[mmsi] = set.size();
  store::testing::TempDir dir;
  store::Store db(dir.file("case.db"), store::Store::Mode::read_write);
  store::ingest_file(db, path, {});
  const SegmenterOptions o;
  std::size_t single_segment = 0;
  for (const auto& [mmsi, count] : rows) {
    const Track track = build_track(mmsi, db.positions(mmsi, {}), o);
    std::size_t kept = 0;
    for (const auto& s : track.segments) kept += s.positions.size();
    // Every row is accounted for: kept in a segment or dropped as a duplicate.
    EXPECT_EQ(kept + track.stats.exact_duplicates + track.stats.receiver_duplicates, count)
        << mmsi;
    expect_plausible(track, o);
    if (track.segments.size() == 1) ++single_segment;
  }
  // A harbour hour: nearly every vessel is one clean segment.
  EXPECT_GT(single_segment, rows.size() * 9 / 10);
}

}  // namespace
}  // namespace darkfleet::track
