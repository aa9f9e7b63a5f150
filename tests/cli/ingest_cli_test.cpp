// End-to-end tests of `darkfleet ingest`, `vessels` and `tracks`: idempotence, the kill -9
// crash test, readers during an ingest, and exports checked with ogrinfo.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
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

TEST_F(Ingest, DefaultDatabaseIsInTheWorkingFolder) {
  make_traffic("traffic.nmea", 5, 0.1);
  const RunResult r = run("ingest traffic.nmea");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(path("darkfleet.db")));
}

TEST_F(Ingest, KillNineAtRandomPointsThenRerunEndsEqual) {
  make_traffic("traffic.nmea", 60, 1.0);
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

  std::mt19937 rng(static_cast<unsigned>(::testing::UnitTest::GetInstance()->random_seed()));
  const auto max_us = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
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
      if (WIFSIGNALED(status)) ++killed_mid_run;
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

}  // namespace
