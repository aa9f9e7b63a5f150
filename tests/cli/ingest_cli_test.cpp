// End-to-end tests of `darkfleet ingest`, `vessels` and `tracks`: idempotence, the kill -9
// crash test, readers during an ingest, and exports checked with ogrinfo.
#include <algorithm>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cli_support.hpp"

extern char** environ;

namespace {

using namespace darkfleet::cli_testing;

// Every table of a database, rows in key order, BLOBs in hex: equal dumps mean equal
// content, whatever the page layout. Also checks the file's integrity.
std::string canonical_dump(const std::string& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open";
  }
  std::string out;
  const auto query = [&](const std::string& sql, auto&& row) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      out += "prepare failed: " + sql + "\n";
      return;
    }
    while (sqlite3_step(s) == SQLITE_ROW) row(s);
    sqlite3_finalize(s);
  };
  query("PRAGMA integrity_check", [&](sqlite3_stmt* s) {
    out += fmt::format("integrity: {}\n", reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  });
  std::vector<std::string> tables;
  query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
        [&](sqlite3_stmt* s) { tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))); });
  for (const auto& table : tables) {
    out += "== " + table + "\n";
    query("SELECT * FROM " + table + " ORDER BY 1, 2", [&](sqlite3_stmt* s) {
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        if (sqlite3_column_type(s, c) == SQLITE_BLOB) {
          const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(s, c));
          for (int i = 0; i < sqlite3_column_bytes(s, c); ++i) out += fmt::format("{:02x}", p[i]);
        } else {
          const auto* text = sqlite3_column_text(s, c);
          out += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
        }
        out += '|';
      }
      out += '\n';
    });
  }
  sqlite3_close(db);
  return out;
}

class Ingest : public CliTest {
 protected:
  void make_traffic(const std::string& name, int vessels, double hours) {
    const RunResult r =
        run(fmt::format("generate --vessels {} --hours {} --seed 5 -o {}", vessels, hours, name));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // Starts darkfleet with `args` in the test folder without waiting for it.
  pid_t spawn(const std::vector<std::string>& args) {
    std::vector<std::string> full = {DARKFLEET_BINARY};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const std::string cwd = m_dir.string();
    const fs::path old = fs::current_path();
    fs::current_path(cwd);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, DARKFLEET_BINARY, &actions, nullptr, argv.data(), environ);
    fs::current_path(old);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
  }
};

TEST_F(Ingest, SameFileTwiceAddsNothing) {
  make_traffic("traffic.nmea", 20, 0.25);
  const RunResult first = run("ingest traffic.nmea --db case.db");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string before = canonical_dump(path("case.db").string());
  const RunResult second = run("ingest traffic.nmea --db case.db");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("already ingested"), std::string::npos) << second.err;
  EXPECT_EQ(canonical_dump(path("case.db").string()), before);
}

TEST_F(Ingest, CompressedInputGivesTheSamePositions) {
  make_traffic("traffic.nmea", 20, 0.25);
  ASSERT_EQ(std::system(("cd '" + m_dir.string() +
                         "' && gzip -k traffic.nmea && zstd -q -k traffic.nmea").c_str()),
            0);
  for (const std::string name : {"traffic.nmea", "traffic.nmea.gz", "traffic.nmea.zst"}) {
    const RunResult r = run("ingest " + name + " --db " + name + ".db");
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
  }
  // Everything but the sources table (name, size and hash differ) is equal.
  const auto without_sources = [](std::string dump) {
    const auto begin = dump.find("== sources\n");
    return dump.erase(begin, dump.find("==", begin + 3) - begin);
  };
  const std::string plain = without_sources(canonical_dump(path("traffic.nmea.db").string()));
  EXPECT_NE(plain.find("== position_chunks"), std::string::npos);
  EXPECT_EQ(without_sources(canonical_dump(path("traffic.nmea.gz.db").string())), plain);
  EXPECT_EQ(without_sources(canonical_dump(path("traffic.nmea.zst.db").string())), plain);
}

TEST_F(Ingest, DefaultDatabaseIsInTheWorkingFolder) {
  make_traffic("traffic.nmea", 5, 0.1);
  const RunResult r = run("ingest traffic.nmea");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(path("darkfleet.db")));
}

TEST_F(Ingest, KillNineAtRandomPointsThenRerunEndsEqual) {
  make_traffic("clean.nmea", 60, 1.0);
  // Spoil it a little so that resuming must also skip committed rejects: a garbage line
  // every 97 lines (a line reject) and every 89th sentence without its tag block (a
  // decoded message rejected as no_time).
  {
    std::istringstream in(slurp(path("clean.nmea")));
    std::ofstream out(path("traffic.nmea"), std::ios::binary);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (n % 97 == 0) out << "garbage " << n << "\n";
      const auto tag_end = line.find("\\!");
      if (n % 89 == 0 && tag_end != std::string::npos) line = line.substr(tag_end + 1);
      out << line << "\n";
    }
  }
  std::vector<std::string> args = {"ingest", "traffic.nmea"};
  const std::string noaa = shared_data("ais-positions-noaa/NYHarbor_2020_06_30_first_hour.csv");
  if (!noaa.empty()) args.push_back(noaa);
  args.insert(args.end(), {"--commit-every", "3000", "--no-progress", "--db"});

  // The uninterrupted run, timed so that the kills land inside the run.
  auto with_db = [&](const std::string& db) {
    auto a = args;
    a.push_back(db);
    return a;
  };
  const auto start = std::chrono::steady_clock::now();
  const pid_t ref = spawn(with_db("reference.db"));
  ASSERT_GT(ref, 0);
  int status = 0;
  waitpid(ref, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const auto duration = std::chrono::steady_clock::now() - start;
  const std::string expected = canonical_dump(path("reference.db").string());
  ASSERT_NE(expected.find("integrity: ok"), std::string::npos);
  ASSERT_NE(expected.find("|not_ais_sentence|"), std::string::npos) << "no line rejects";
  ASSERT_NE(expected.find("|no_time|"), std::string::npos) << "no message rejects";

  std::mt19937 rng(static_cast<unsigned>(::testing::UnitTest::GetInstance()->random_seed()));
  // The reference's time, shortened whenever a kill comes after the run ended: on a busy
  // machine the later runs may be much faster than the reference was.
  auto max_us = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
  int killed_mid_run = 0;
  for (int round = 0; round < 8; ++round) {
    const std::string db = fmt::format("crash{}.db", round);
    // One or two kills at random moments, then the same command to completion.
    for (int kill_no = 0; kill_no < 1 + round % 2; ++kill_no) {
      const pid_t pid = spawn(with_db(db));
      ASSERT_GT(pid, 0);
      const auto delay = std::uniform_int_distribution<long>(0, max_us)(rng);
      std::this_thread::sleep_for(std::chrono::microseconds(delay));
      ::kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      if (WIFSIGNALED(status)) {
        ++killed_mid_run;
      } else {
        max_us = std::max<long>(max_us * 2 / 3, 1000);
      }
    }
    const pid_t pid = spawn(with_db(db));
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
    EXPECT_EQ(canonical_dump(path(db).string()), expected) << "round " << round;
  }
  // Most kills must have hit a running ingest, or the test proves nothing.
  EXPECT_GE(killed_mid_run, 6);
}

TEST_F(Ingest, BadHeaderIsAClearErrorAndLosesNothingElse) {
  make_traffic("traffic.nmea", 5, 0.1);
  write("odd.csv", "ship,when,y,x\n1,2,3,4\n");
  const RunResult r = run("ingest traffic.nmea odd.csv --db case.db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("odd.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--columns"), std::string::npos) << r.err;
  // The file before it is in, complete; running again with a column map adds the rest.
  const RunResult again = run("ingest traffic.nmea --db case.db");
  EXPECT_NE(again.err.find("already ingested"), std::string::npos) << again.err;
  const RunResult mapped =
      run("ingest odd.csv --columns mmsi=ship,time=when,lat=y,lon=x --db case.db --rejects rej.tsv");
  // Its one row: MMSI 1 at Unix second 2, lat 3, lon 4.
  EXPECT_EQ(mapped.exit_code, 0) << mapped.err;
  EXPECT_NE(mapped.err.find("odd.csv (columns): 1 records, 1 positions"), std::string::npos)
      << mapped.err;
}

TEST_F(Ingest, BadRowsGoToTheRejectsFile) {
  write("rows.csv",
        "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading\n"
        "367000001,2022-01-03T00:00:00,40.5,-74.0,1.0,90,90\n"
        "367000001,not a time,40.5,-74.0,1.0,90,90\n"
        "367000001,2022-01-03T00:06:00,40.6,-74.0,1.0,90,90\n");
  const RunResult r = run("ingest rows.csv --db case.db -r rejects.tsv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("2 positions"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(path("rejects.tsv")),
            "rows.csv:3\tbad_time\t367000001,not a time,40.5,-74.0,1.0,90,90\n");
}

// "Feature Count: N" from ogrinfo's summary of `file`, or -1.
long ogr_feature_count(const fs::path& dir, const std::string& file) {
  const std::string cmd = "cd '" + dir.string() + "' && ogrinfo -ro -so -al '" + file +
                          "' 2>/dev/null | sed -n 's/^Feature Count: //p' > count.txt";
  if (std::system(cmd.c_str()) != 0) return -1;
  const std::string text = slurp(dir / "count.txt");
  return text.empty() ? -1 : std::stol(text);
}

class Tracks : public Ingest {
 protected:
  void SetUp() override {
    Ingest::SetUp();
    m_noaa = shared_data("ais-positions-noaa/NYHarbor_2020_06_30_first_hour.csv");
    if (m_noaa.empty()) GTEST_SKIP() << "shared data not found under " DARKFLEET_SHARED_DATA;
    const RunResult r = run("ingest '" + m_noaa + "' --db case.db");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string m_noaa;
};

TEST_F(Tracks, EveryFormatOpensInOgrinfoWithTheRightFeatureCount) {
  // The CSV export is the reference: one row per point, one per line.
  const RunResult csv = run("tracks --db case.db -o points.csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const std::string text = slurp(path("points.csv"));
  const long rows = static_cast<long>(std::count(text.begin(), text.end(), '\n')) - 1;
  // 8,689 rows in the file minus the exact duplicates the store drops and the impossible
  // jumps left out; the summary line says how many of each.
  EXPECT_GT(rows, 8600);
  EXPECT_LE(rows, 8689);
  EXPECT_NE(csv.err.find(fmt::format("{} features", rows)), std::string::npos) << csv.err;
  for (const std::string ext : {"geojson", "gpkg", "fgb", "kml"}) {
    const RunResult r = run("tracks --db case.db -o points." + ext);
    ASSERT_EQ(r.exit_code, 0) << ext << ": " << r.err;
    EXPECT_EQ(ogr_feature_count(m_dir, "points." + ext), rows) << ext;
  }
  const RunResult lines = run("tracks --db case.db --as lines -o lines.gpkg");
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  const auto segments = ogr_feature_count(m_dir, "lines.gpkg");
  // 295 vessels; a harbour hour gives about one segment each.
  EXPECT_GE(segments, 280);
  EXPECT_LE(segments, 320);
  ASSERT_EQ(run("tracks --db case.db --as lines -o lines.kml").exit_code, 0);
  EXPECT_EQ(ogr_feature_count(m_dir, "lines.kml"), segments);
  const std::string kml = slurp(path("lines.kml"));
  EXPECT_NE(kml.find("<TimeSpan>"), std::string::npos);
  EXPECT_NE(kml.find("<begin>2020-06-30T"), std::string::npos);
  EXPECT_NE(slurp(path("points.kml")).find("<TimeStamp>"), std::string::npos);
}

TEST_F(Tracks, FiltersByMmsiTimeAndBox) {
  // The Staten Island ferry SAMUEL I NEWHOUSE (367000140): its rows in the file.
  const RunResult one = run("tracks --db case.db --mmsi 367000140 -o ferry.csv");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  std::ifstream in(m_noaa);
  std::string line;
  long in_file = 0;
  long in_first_half = 0;
  while (std::getline(in, line)) {
    if (line.find(",367000140,") == std::string::npos) continue;
    ++in_file;
    if (line.compare(0, 19, "2020-06-30T00:30:00") < 0) ++in_first_half;
  }
  ASSERT_GT(in_file, 10);
  EXPECT_EQ(ogr_feature_count(m_dir, "ferry.csv"), in_file);
  const RunResult half =
      run("tracks --db case.db --mmsi 367000140 --to 2020-06-30T00:29:59 -o half.csv");
  ASSERT_EQ(half.exit_code, 0) << half.err;
  EXPECT_EQ(ogr_feature_count(m_dir, "half.csv"), in_first_half);
  // A box far from New York holds nothing.
  const RunResult none = run("tracks --db case.db --bbox 10,50,11,51 -o none.geojson");
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(ogr_feature_count(m_dir, "none.geojson"), 0);
  EXPECT_EQ(run("tracks --db case.db --bbox 1,2,3 -o x.csv").exit_code, 2);
  EXPECT_EQ(run("tracks --db case.db -o x.txt").exit_code, 2);
}

TEST_F(Tracks, VesselsListsTheRegistryWithIdentities) {
  const RunResult text = run("vessels --db case.db --mmsi 367000140");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("367000140"), std::string::npos);
  EXPECT_NE(text.out.find("SAMUEL I NEWHOUSE"), std::string::npos);
  EXPECT_NE(text.out.find("7702774"), std::string::npos);
  const RunResult csv = run("vessels --db case.db -f csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::set<std::string> mmsis;
  std::istringstream lines(csv.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line.substr(0, 15), "mmsi,positions,");
  while (std::getline(lines, line)) mmsis.insert(line.substr(0, line.find(',')));
  EXPECT_EQ(mmsis.size(), 295U);  // PROVENANCE.md: 295 distinct MMSIs
  EXPECT_EQ(run("vessels --db missing.db").exit_code, 1);
}

TEST_F(Ingest, ReadersQueryWhileAnIngestRuns) {
  make_traffic("big.nmea", 200, 2.0);
  ASSERT_EQ(run("ingest big.nmea --db case.db --commit-every 2000 --no-progress").exit_code, 0);
  // Again into a new database, with readers polling it meanwhile.
  const pid_t pid = spawn({"ingest", "big.nmea", "--db", "live.db", "--commit-every", "2000"});
  ASSERT_GT(pid, 0);
  int reads = 0;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (fs::exists(path("live.db"))) {
      const RunResult r = run("vessels --db live.db -f csv -o - ");
      // Until the first commit the file may hold no tables yet; after that reads work.
      if (r.exit_code == 0) ++reads;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_GE(reads, 1) << "no read completed while the ingest ran";
  EXPECT_EQ(canonical_dump(path("live.db").string()), canonical_dump(path("case.db").string()));
}

}  // namespace

namespace {

// One database file holds a case's positions and the published figures: whichever command
// opens it first creates the whole schema, and the other then works on the same file.
TEST_F(Ingest, PositionsAndClaimsShareOneDatabaseEitherWayRound) {
  make_traffic("traffic.nmea", 5, 0.1);
  const std::string article =
      std::string(DARKFLEET_SOURCE_DIR) + "/tests/claims/articles/de_nachrichten_munition.txt";
  RunResult r = run("claims add '" + article + "' --db claims-first.db");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run("ingest traffic.nmea --db claims-first.db --no-progress");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = run("ingest traffic.nmea --db ais-first.db --no-progress");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run("claims add '" + article + "' --db ais-first.db");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* db : {"claims-first.db", "ais-first.db"}) {
    r = run(std::string("vessels --db ") + db);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("2", 0), 0U) << db << ": " << r.out.substr(0, 200);  // MMSIs listed
    r = run(std::string("claims list --db ") + db);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("containers"), std::string::npos) << db;
  }
  write("not-a-database.db", "hello, this is text and not SQLite at all, long enough......");
  r = run("claims list --db not-a-database.db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not-a-database.db"), std::string::npos) << r.err;
}

}  // namespace

namespace {

// GDAL is a plugin loaded on first use, so that commands which do not need it start fast
// (linking it cost every command 40 ms of start-up). Without the plugin, GDAL formats fail
// with a message that says where darkfleet looked; KML (written by darkfleet) still works.
TEST_F(Ingest, GdalIsAPluginThatOnlyItsFormatsNeed) {
  const RunResult ldd = run_shell(std::string("ldd '") + DARKFLEET_BINARY + "'");
  ASSERT_EQ(ldd.exit_code, 0) << ldd.err;
  EXPECT_EQ(ldd.out.find("libgdal"), std::string::npos) << ldd.out;

  make_traffic("traffic.nmea", 5, 0.1);
  ASSERT_EQ(run("ingest traffic.nmea --db case.db --no-progress").exit_code, 0);
  const std::string binary = std::string("'") + DARKFLEET_BINARY + "'";
  RunResult r = run_shell("DARKFLEET_GDAL_PLUGIN=nowhere/libdarkfleet_gdal.so " + binary +
                          " tracks --db case.db -o tracks.gpkg");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nowhere/libdarkfleet_gdal.so (not there)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("DARKFLEET_GDAL_PLUGIN"), std::string::npos) << r.err;
  r = run_shell("DARKFLEET_GDAL_PLUGIN=nowhere/libdarkfleet_gdal.so " + binary +
                " tracks --db case.db -o tracks.kml");
  EXPECT_EQ(r.exit_code, 0) << r.err;  // KML needs no GDAL
  r = run("tracks --db case.db -o tracks.gpkg");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
