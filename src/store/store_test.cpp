#include "darkfleet/store/store.hpp"

#include <gtest/gtest.h>

#include "darkfleet/store/batch_writer.hpp"
#include <sqlite3.h>
#include "test_support.hpp"

namespace darkfleet::store {
namespace {

using testing::TempDir;

TEST(Store, CreatesAVersionedWalDatabase) {
  TempDir dir;
  const std::string path = dir.file("case.db");
  {
    Store store(path, Store::Mode::read_write);
    EXPECT_EQ(store.schema_version(), k_schema_version);
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  // Reopening migrates nothing and keeps the version.
  Store again(path, Store::Mode::read_only);
  EXPECT_EQ(again.schema_version(), k_schema_version);
  EXPECT_EQ(again.summary().sources, 0U);
}

TEST(Store, RefusesFilesThatAreNotDarkfleetDatabases) {
  TempDir dir;
  EXPECT_THROW(Store(dir.file("missing.db"), Store::Mode::read_only), std::runtime_error);
  const std::string text = dir.write("notes.txt", "this is not a database at all, just text\n");
  EXPECT_THROW(Store(text, Store::Mode::read_write), std::runtime_error);
}

TEST(Store, WritesAndReadsPositionsIdentitiesAndProgressInOneCommit) {
  TempDir dir;
  Store store(dir.file("case.db"), Store::Mode::read_write);
  const auto id = store.add_source("a.csv", 10, "00ff", "noaa");
  BatchWriter writer(store, id);
  // Out of order and with an exact duplicate: the store sorts and drops the duplicate.
  writer.add_position(219000001, make_position(3000, 55.1, 11.1, 10.0, 90.0, 91.0, 0));
  writer.add_position(219000001, make_position(1000, 55.0, 11.0, 10.0, 90.0, 91.0, 0));
  writer.add_position(219000001, make_position(1000, 55.0, 11.0, 10.0, 90.0, 91.0, 0));
  writer.add_position(219000002, make_position(2000, -33.9, 18.4));
  Identity ident;
  ident.mmsi = 219000001;
  ident.name = "NORDIC";
  ident.first_seen_ms = 5000;
  writer.add_identity(ident);
  ident.first_seen_ms = 500;
  writer.add_identity(ident);
  writer.add_reject(ErrorCode::bad_time);
  writer.commit(7, 0, true);

  const auto ps = store.positions(219000001, {});
  ASSERT_EQ(ps.size(), 2U);
  EXPECT_EQ(ps[0].t_ms, 1000);
  EXPECT_EQ(ps[1].t_ms, 3000);
  EXPECT_EQ(store.positions(219000001, {.from_ms = 2000, .to_ms = std::nullopt}).size(), 1U);
  const auto vessels = store.vessels();
  ASSERT_EQ(vessels.size(), 2U);
  EXPECT_EQ(vessels[0].positions, 2U);
  EXPECT_EQ(vessels[0].first_seen_ms, 500);  // the identity report came first
  const auto ids = store.identities(219000001);
  ASSERT_EQ(ids.size(), 1U);
  EXPECT_EQ(ids[0].reports, 2U);
  EXPECT_EQ(ids[0].first_seen_ms, 500);
  EXPECT_EQ(ids[0].last_seen_ms, 5000);
  const auto source = store.find_source("00ff");
  ASSERT_TRUE(source);
  EXPECT_TRUE(source->complete);
  EXPECT_EQ(source->records_done, 7U);
  EXPECT_EQ(source->positions, 3U);
  EXPECT_EQ(source->rejects[static_cast<std::size_t>(ErrorCode::bad_time)], 1U);
}

TEST(Store, ReadersQueryWhileAWriteTransactionIsOpen) {
  TempDir dir;
  const std::string path = dir.file("case.db");
  Store store(path, Store::Mode::read_write);
  const auto id = store.add_source("a.nmea", 1, "01", "nmea");
  {
    BatchWriter writer(store, id);
    writer.add_position(1, make_position(1000, 1.0, 1.0));
    writer.commit(1, 0, false);
  }
  // A second connection holds the write lock with uncommitted chunks, as a running ingest does.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "BEGIN IMMEDIATE; INSERT INTO position_chunks (mmsi, source_id, "
                         "t_first_ms, t_last_ms, positions, lat_min_udeg, lat_max_udeg, "
                         "lon_min_udeg, lon_max_udeg, data) SELECT mmsi, source_id, 5000, 5000, "
                         "positions, 0, 0, 0, 0, data FROM position_chunks;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  {
    // Under WAL the reader neither waits nor sees the uncommitted rows.
    Store reader(path, Store::Mode::read_only);
    EXPECT_EQ(reader.summary().chunks, 1U);
    EXPECT_EQ(reader.positions(1, {}).size(), 1U);
  }
  ASSERT_EQ(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  Store reader(path, Store::Mode::read_only);
  EXPECT_EQ(reader.summary().chunks, 2U);
}

}  // namespace
}  // namespace darkfleet::store
