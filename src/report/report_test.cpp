#include "darkfleet/report/report.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "../store/test_support.hpp"
#include "darkfleet/store/batch_writer.hpp"

namespace darkfleet::report {
namespace {

using store::testing::TempDir;

constexpr std::uint32_t k_dark = 273000001;
constexpr std::uint32_t k_other = 273000002;
constexpr std::int64_t k_t0 = 1705708800000;  // 2024-01-20T00:00Z
constexpr std::int64_t k_min = 60'000;

// A vessel that sails east for 12 h, is silent for 48 h next to a watched port, and comes
// back 20 nm further east; and one that sails on without a pause far away.
void fill(store::Store& db) {
  const auto id = db.add_source("handmade.nmea", 1, "0123456789abcdef0123456789abcdef", "nmea");
  store::BatchWriter writer(db, id);
  for (int i = 0; i <= 72; ++i) {
    const std::int64_t t = k_t0 + i * 10 * k_min;
    writer.add_position(k_dark, store::make_position(t, 42.0, 131.0 + i * 0.0015, 5.0, 90.0));
  }
  for (int i = 0; i <= 432; ++i) {
    const std::int64_t t = k_t0 + i * 10 * k_min;
    writer.add_position(k_other, store::make_position(t, 38.0, 134.0 + i * 0.003, 10.0, 90.0));
  }
  for (int i = 0; i <= 72; ++i) {
    const std::int64_t t = k_t0 + (12 + 48) * 60 * k_min + i * 10 * k_min;
    writer.add_position(k_dark, store::make_position(t, 42.0, 131.45 + i * 0.0015, 5.0, 90.0));
  }
  store::Identity who;
  who.mmsi = k_dark;
  who.name = "<b>DARK & DEEP</b>";  // what a hostile broadcast could carry
  who.first_seen_ms = who.last_seen_ms = k_t0;
  who.reports = 1;
  writer.add_identity(who);
  writer.add_reject(ErrorCode::bad_checksum);
  writer.commit(300, 1, true);
}

geo::Port watched_port() {
  geo::Port port;
  port.id = "rajin";
  port.name = "Rajin (Najin)";
  port.position = {42.25, 131.2};
  return port;
}

struct Built {
  TempDir dir;
  events::Parameters parameters = events::Parameters::gfw();
  Report report;
};

std::unique_ptr<Built> build() {
  auto b = std::make_unique<Built>();
  store::Store db(b->dir.file("case.db"), store::Store::Mode::read_write);
  fill(db);
  Inputs in;
  in.case_info = {"test-case", "A test case", "SIMULATION for a test"};
  in.database = "case.db";
  in.parameters = &b->parameters;
  in.ports = {watched_port()};
  in.generated_by = "darkfleet test";
  b->report = build_report(db, in);
  return b;
}

TEST(BuildReport, FollowsTheVesselWithADarkPortCall) {
  const auto b = build();
  const Report& r = b->report;
  ASSERT_EQ(r.watched.size(), 1U);
  const auto& w = r.watched[0];
  EXPECT_EQ(w.mmsi, k_dark);
  EXPECT_EQ(w.name, "<b>DARK & DEEP</b>");
  EXPECT_NE(w.reason.find("dark port call"), std::string::npos) << w.reason;
  EXPECT_NE(w.reason.find("rajin"), std::string::npos) << w.reason;
  // Heard before and after the gap, not during it.
  ASSERT_EQ(w.heard.size(), 2U);
  EXPECT_EQ(w.heard[0].from_ms, k_t0);
  EXPECT_EQ(w.heard[0].to_ms, k_t0 + 12 * 60 * k_min);
  EXPECT_EQ(w.heard[1].from_ms, k_t0 + 60 * 60 * k_min);

  bool dark_call = false;
  for (const auto& e : r.events) {
    dark_call = dark_call || (e.kind == events::EventKind::dark_port_call && e.mmsi == k_dark &&
                              e.port_id == "rajin");
  }
  EXPECT_TRUE(dark_call);
  // The watched vessel's track is drawn first and in full; the other in the background.
  ASSERT_EQ(r.tracks.size(), 2U);
  EXPECT_TRUE(r.tracks[0].watched);
  EXPECT_EQ(r.tracks[0].mmsi, k_dark);
  EXPECT_FALSE(r.tracks[1].watched);
  // The box holds the port and the watched track.
  EXPECT_LT(r.map_box.min_lon_deg, 131.0);
  EXPECT_GT(r.map_box.max_lon_deg, 131.55);
  EXPECT_GT(r.map_box.max_lat_deg, 42.25);
  EXPECT_EQ(r.data_from_ms, k_t0);
  EXPECT_EQ(r.store.vessels, 2U);
  EXPECT_FALSE(r.notes.empty());  // no coastline given: the report says so
}

TEST(WriteHtml, OnePageWithEscapedTextAndNothingToFetch) {
  const auto b = build();
  std::ostringstream out;
  write_html(out, b->report);
  const std::string html = out.str();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;DARK &amp; DEEP&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>DARK"), std::string::npos);
  // Nothing the browser would load: no script, no external style, image or frame.
  for (const char* forbidden : {"<script", " src=", "<link", "@import", "url(", "<iframe"}) {
    EXPECT_EQ(html.find(forbidden), std::string::npos) << forbidden;
  }
  EXPECT_NE(html.find("SIMULATION for a test"), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"map\""), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"timeline\""), std::string::npos);
  EXPECT_NE(html.find("class=\"dark-call\""), std::string::npos);
  EXPECT_NE(html.find(">dark_port_call<"), std::string::npos);
  EXPECT_NE(html.find("bad_checksum 1"), std::string::npos);  // data quality: the reject
}

TEST(WriteJson, TheSameContentAsData) {
  const auto b = build();
  std::ostringstream out;
  write_json(out, b->report);
  const auto doc = nlohmann::json::parse(out.str());
  EXPECT_EQ(doc["report"]["format"], "darkfleet-report");
  EXPECT_EQ(doc["report"]["case"]["label"], "SIMULATION for a test");
  ASSERT_EQ(doc["watched"].size(), 1U);
  EXPECT_EQ(doc["watched"][0]["mmsi"], k_dark);
  EXPECT_EQ(doc["watched"][0]["ais_heard"].size(), 2U);
  EXPECT_EQ(doc["events"]["total"], b->report.events.size());
  EXPECT_EQ(doc["map"]["tracks"].size(), 2U);
  EXPECT_EQ(doc["data_quality"]["sources"][0]["rejected_by_reason"]["bad_checksum"], 1);
  EXPECT_TRUE(doc["evidence"].is_null());  // no evidence model given
  EXPECT_TRUE(doc["estimate"].is_null());
}

TEST(BuildReport, RefusesADatabaseWithoutPositions) {
  TempDir dir;
  store::Store db(dir.file("empty.db"), store::Store::Mode::read_write);
  const auto parameters = events::Parameters::gfw();
  Inputs in;
  in.database = "empty.db";
  in.parameters = &parameters;
  EXPECT_THROW((void)build_report(db, in), std::runtime_error);
}

TEST(LoadCaseInfo, ReadsTheCaseTableAndNamesABadFile) {
  TempDir dir;
  const auto good = dir.write("case.toml", "[case]\nid = \"x\"\ntitle = \"T\"\nlabel = \"L\"\n");
  const auto info = load_case_info(good);
  EXPECT_EQ(info.id, "x");
  EXPECT_EQ(info.title, "T");
  EXPECT_EQ(info.label, "L");
  const auto bad = dir.write("bad.toml", "[case]\ntitle = \"no id\"\n");
  try {
    (void)load_case_info(bad);
    FAIL() << "no [case] id was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.toml"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace darkfleet::report
