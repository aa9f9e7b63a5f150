#include "darkfleet/store/ingest.hpp"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "darkfleet/store/position.hpp"
#include "test_support.hpp"

namespace darkfleet::store {
namespace {

using testing::TempDir;

// `path` becomes the shared data file `relative`, or the test is skipped.
#define USE_SHARED_DATA(path, relative)                   \
  const std::string path = testing::shared_data(relative); \
  if ((path).empty()) GTEST_SKIP() << "shared data not found under " DARKFLEET_SHARED_DATA

// Each test gets a fresh database in its own folder.
class Ingest : public ::testing::Test {
 protected:
  TempDir dir;
  Store store{dir.file("case.db"), Store::Mode::read_write};
};

// The NOAA file read independently of darkfleet's parser: per MMSI the set of distinct
// (time, lat, lon) rows, with time as the text it has in the file.
std::map<std::uint32_t, std::set<std::tuple<std::string, double, double>>> read_noaa(
    const std::string& path, int time_col, int lat_col, int lon_col, int mmsi_col) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::map<std::uint32_t, std::set<std::tuple<std::string, double, double>>> out;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) f.push_back(cell);
    out[static_cast<std::uint32_t>(std::stoul(f[static_cast<std::size_t>(mmsi_col)]))].emplace(
        f[static_cast<std::size_t>(time_col)], std::stod(f[static_cast<std::size_t>(lat_col)]),
        std::stod(f[static_cast<std::size_t>(lon_col)]));
  }
  return out;
}

std::string iso(std::int64_t t_ms) {
  const std::time_t s = t_ms / 1000;
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

TEST_F(Ingest, NoaaHarborHourComesBackPerVesselAsInTheFile) {
  USE_SHARED_DATA(path, "ais-positions-noaa/NYHarbor_2020_06_30_first_hour.csv");
  const IngestReport report = ingest_file(store, path, {});
  EXPECT_EQ(report.format, "noaa");
  EXPECT_EQ(report.records, 8689U);
  EXPECT_EQ(report.rejected(), 0U);
  // BaseDateTime,LON,LAT,MMSI in this file's order.
  const auto expected = read_noaa(path, 0, 2, 1, 3);
  ASSERT_EQ(expected.size(), 295U);
  const auto vessels = store.vessels();
  ASSERT_EQ(vessels.size(), expected.size());
  for (const auto& v : vessels) {
    const auto& rows = expected.at(v.mmsi);
    const auto ps = store.positions(v.mmsi, {});
    ASSERT_TRUE(std::is_sorted(ps.begin(), ps.end()));
    std::set<std::tuple<std::string, double, double>> got;
    for (const auto& p : ps) {
      // Find the file row this position stands for, within the stored resolution.
      const auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& row) {
        return std::get<0>(row) == iso(p.t_ms) &&
               std::abs(std::get<1>(row) - p.lat_deg()) <= 0.5e-6 + 1e-12 &&
               std::abs(std::get<2>(row) - p.lon_deg()) <= 0.5e-6 + 1e-12;
      });
      ASSERT_NE(it, rows.end()) << v.mmsi << " " << iso(p.t_ms);
      got.insert(*it);
    }
    EXPECT_EQ(got.size(), rows.size()) << "MMSI " << v.mmsi;
  }
  // Identity: the ferry in the first row, with its IMO and call sign.
  const auto ids = store.identities(367000140);
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids[0].name, "SAMUEL I NEWHOUSE");
  EXPECT_EQ(ids[0].imo, 7702774U);
  EXPECT_EQ(ids[0].call_sign, "WYR3371");
  EXPECT_EQ(ids[0].length_m, 94U);
}

TEST_F(Ingest, UnorderedNoaaDayIsStoredInTimeOrderPerVessel) {
  USE_SHARED_DATA(path, "ais-positions-noaa/AIS_2022_01_03_first99999.csv");
  IngestOptions options;
  options.commit_every = 20000;  // several commits, so chunks of one vessel overlap in time
  const IngestReport report = ingest_file(store, path, options);
  EXPECT_EQ(report.records, 99999U);
  auto expected = read_noaa(path, 1, 2, 3, 0);
  // One transmitter sends the 10-digit MMSI 1072211352 (5 rows): not an MMSI, rejected.
  EXPECT_EQ(report.rejects[static_cast<std::size_t>(ErrorCode::bad_mmsi)], 5U);
  EXPECT_EQ(expected.erase(1072211352), 1U);
  EXPECT_EQ(store.vessels().size(), expected.size());
  std::uint64_t distinct = 0;
  for (const auto& [mmsi, rows] : expected) distinct += rows.size();
  // Rows equal in time and place but not in speed/course stay separate positions.
  EXPECT_GE(store.summary().positions, distinct);
  EXPECT_LE(store.summary().positions, report.records);
  std::size_t checked = 0;
  for (const auto& [mmsi, rows] : expected) {
    const auto ps = store.positions(mmsi, {});
    ASSERT_TRUE(std::is_sorted(ps.begin(), ps.end())) << mmsi;
    std::set<std::string> times;
    for (const auto& p : ps) times.insert(iso(p.t_ms));
    std::set<std::string> file_times;
    for (const auto& row : rows) file_times.insert(std::get<0>(row));
    ASSERT_EQ(times, file_times) << mmsi;
    if (++checked == 500) break;
  }
}

// hash_file() maps a file it can, a window at a time, and reads one it cannot (an empty
// file, a pipe): either way the XXH3-128 of the bytes, computed here in one call.
TEST_F(Ingest, HashFileIsTheXxh3OfTheBytes) {
  const auto xxh3 = [](const std::string& bytes) {
    const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
    return fmt::format("{:016x}{:016x}", h.high64, h.low64);
  };
  // Over 64 MiB: more than one mapped window, the last one partial.
  std::string bytes;
  bytes.reserve(std::size_t{66} << 20);
  for (int i = 0; bytes.size() < (std::size_t{65} << 20) + 12345; ++i) {
    bytes += fmt::format("!AIVDM,{},line\n", i);
  }
  const std::string big = dir.file("big.nmea");
  const std::string empty = dir.file("empty.nmea");
  std::ofstream(big, std::ios::binary) << bytes;
  std::ofstream(empty, std::ios::binary).flush();
  EXPECT_EQ(hash_file(big), xxh3(bytes));
  EXPECT_EQ(hash_file(empty), xxh3(""));
  EXPECT_NE(hash_file(big), hash_file(empty));
  EXPECT_THROW((void)hash_file(dir.file("missing.nmea")), std::runtime_error);
}

// Commits after 1/4, 1/4, 1/2 and then whole intervals of commit_every records: one vessel
// reporting on every row gets one chunk per commit.
TEST_F(Ingest, CommitsGrowFromAQuarterToTheWholeInterval) {
  std::string csv =
      "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
      "Length,Width,Draft,Cargo,TransceiverClass\n";
  constexpr int k_rows = 10000;
  for (int i = 0; i < k_rows; ++i) {
    csv += fmt::format(
        "367000001,2022-01-03T{:02}:{:02}:{:02},40.5,-74.0,1.0,90,90,A,,,70,0,"
        "100,20,5,,A\n",
        i / 3600, i / 60 % 60, i % 60);
  }
  const std::string path = dir.write("day.csv", csv);
  IngestOptions options;
  options.commit_every = 2000;
  const IngestReport report = ingest_file(store, path, options);
  EXPECT_EQ(report.positions, static_cast<std::uint64_t>(k_rows));
  // 500, 1000, 2000, 4000, 6000, 8000, 10000 and the closing commit (empty here).
  EXPECT_EQ(store.summary().chunks, 7U);
  EXPECT_EQ(store.positions(367000001, {}).size(), static_cast<std::size_t>(k_rows));
}

TEST_F(Ingest, SameFileTwiceAddsNothing) {
  USE_SHARED_DATA(path, "ais-positions-noaa/NYHarbor_2020_06_30_first_hour.csv");
  ingest_file(store, path, {});
  const StoreSummary first = store.summary();
  const IngestReport again = ingest_file(store, path, {});
  EXPECT_EQ(again.outcome, IngestReport::Outcome::already_ingested);
  EXPECT_EQ(again.positions, 0U);
  const StoreSummary second = store.summary();
  EXPECT_EQ(second.positions, first.positions);
  EXPECT_EQ(second.chunks, first.chunks);
  EXPECT_EQ(second.identities, first.identities);
  EXPECT_EQ(second.sources, 1U);
  // The same bytes under another name are the same source.
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  const std::string copy = dir.write("copy.csv", content.str());
  const IngestReport renamed = ingest_file(store, copy, {});
  EXPECT_EQ(renamed.outcome, IngestReport::Outcome::already_ingested);
  EXPECT_EQ(renamed.earlier_name, path);
}

TEST_F(Ingest, DmaNmeaTakesTimesFromGatehouseLines) {
  USE_SHARED_DATA(path, "ais-nmea-dma-aislib/stream_example.txt");
  const IngestReport report = ingest_file(store, path, {});
  EXPECT_EQ(report.format, "nmea");
  EXPECT_GT(report.positions, 2900U);
  EXPECT_GT(report.identities, 300U);
  // 2010-06-11 11:46:10 .. 11:46:38 UTC per the $PGHP lines (PROVENANCE.md).
  for (const auto& v : store.vessels()) {
    EXPECT_GE(v.first_seen_ms, 1276256770000) << v.mmsi;
    EXPECT_LE(v.last_seen_ms, 1276256799000) << v.mmsi;
  }
}

TEST_F(Ingest, NmeaWithoutTimesNeedsADefault) {
  USE_SHARED_DATA(path, "ais-nmea-dma-aislib/decode_encode_messages.txt");
  // No time anywhere in the file: every message is rejected as no_time, which is an error.
  EXPECT_THROW(ingest_file(store, path, {}), std::runtime_error);
  EXPECT_EQ(store.summary().sources, 0U);  // the failed attempt leaves no source behind
  IngestOptions options;
  options.default_time_ms = 1'700'000'000'000;
  const IngestReport report = ingest_file(store, path, options);
  EXPECT_GT(report.positions, 100U);
  EXPECT_EQ(report.rejects[static_cast<std::size_t>(ErrorCode::no_time)], 0U);
}

TEST_F(Ingest, BadRowsAreCountedAndTheRestIsKept) {
  const std::string csv = dir.write(
      "mixed.csv",
      "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
      "Length,Width,Draft,Cargo,TransceiverClass\n"
      "367000001,2022-01-03T00:00:00,40.5,-74.0,1.0,90,90,A,,,70,0,100,20,5,,A\n"
      "367000001,2022-01-03T00:01:00,40.5,-74.0,1.0,90,90,A,,,70,0,100,20,5,,A,extra\n"
      "x,2022-01-03T00:02:00,40.5,-74.0,1.0,90,90,A,,,70,0,100,20,5,,A\n"
      "367000001,2022-13-03T00:03:00,40.5,-74.0,1.0,90,90,A,,,70,0,100,20,5,,A\n"
      "367000001,2022-01-03T00:04:00,95.5,-74.0,1.0,90,90,A,,,70,0,100,20,5,,A\n"
      "367000001,2022-01-03T00:05:00,40.5,-74.0,fast,90,90,A,,,70,0,100,20,5,,A\n"
      "367000001,2022-01-03T00:06:00,40.6,-74.0,1.0,90,90,A,,,70,0,100,20,5,,A\n");
  struct Rejects final : IngestObserver {
    std::vector<std::pair<std::uint64_t, ErrorCode>> seen;
    void on_reject(std::string_view, std::uint64_t line, std::string_view,
                   ErrorCode reason) override {
      seen.emplace_back(line, reason);
    }
  } rejects;
  const IngestReport report = ingest_file(store, csv, {}, &rejects);
  EXPECT_EQ(report.positions, 2U);
  const std::vector<std::pair<std::uint64_t, ErrorCode>> expected = {
      {3, ErrorCode::bad_csv_row}, {4, ErrorCode::bad_mmsi}, {5, ErrorCode::bad_time},
      {6, ErrorCode::bad_position}, {7, ErrorCode::bad_number}};
  EXPECT_EQ(rejects.seen, expected);
  EXPECT_EQ(store.positions(367000001, {}).size(), 2U);
  EXPECT_EQ(store.sources()[0].rejects[static_cast<std::size_t>(ErrorCode::bad_time)], 1U);
}

TEST_F(Ingest, HeadersThatFitNoLayoutAreClearErrors) {
  const std::string odd = dir.write("odd.csv", "ship,when,y,x\n1,2,3,4\n");
  try {
    ingest_file(store, odd, {});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("--columns"), std::string::npos) << e.what();
  }
  // A layout that is asked for must fit the header.
  IngestOptions noaa;
  noaa.format = "noaa";
  try {
    ingest_file(store, odd, noaa);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("basedatetime"), std::string::npos) << e.what();
  }
  // The same file through a column map.
  IngestOptions columns;
  columns.columns = io::parse_column_spec("mmsi=ship,time=when,lat=y,lon=x");
  const std::string good =
      dir.write("good.csv", "ship,when,y,x\n211000001,1700000000,54.5,10.25\n");
  const IngestReport report = ingest_file(store, good, columns);
  EXPECT_EQ(report.format, "columns");
  ASSERT_EQ(store.positions(211000001, {}).size(), 1U);
  EXPECT_EQ(store.positions(211000001, {})[0].t_ms, 1'700'000'000'000);
  EXPECT_EQ(store.summary().sources, 1U);  // the failed attempts left nothing
}

TEST_F(Ingest, AWrongFormatGuessIsAnError) {
  USE_SHARED_DATA(path, "ais-positions-noaa/NYHarbor_2020_06_30_first_hour.csv");
  IngestOptions nmea;
  nmea.format = "nmea";
  try {
    ingest_file(store, path, nmea);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("right format"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store.summary().sources, 0U);
}

}  // namespace
}  // namespace darkfleet::store
