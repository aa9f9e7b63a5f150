// Simulated traffic against Debian's gpsdecode: every sentence `darkfleet simulate` writes
// must decode with gpsd too, to the same values as with darkfleet's decoder.
//
// Pairing: gpsdecode prints the messages in input order, except that it merges type 24
// part A into the following part B of the same MMSI (and prints nothing for part A, nor for
// a part B without a part A held); the rest pair one to one, in order.
// Tolerances: both print positions with 6 decimals and speed/course with 1 decimal from the
// same raw integers, so they must agree to 1e-6.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "darkfleet/ais/messages.hpp"
#include "darkfleet/io/nmea_decoder.hpp"
#include "darkfleet/sim/scenario.hpp"
#include "darkfleet/sim/simulate.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

bool gpsdecode_on_path() {
  return std::system("command -v gpsdecode >/dev/null 2>&1") == 0;
}

struct Collect final : darkfleet::io::DecodeSink {
  std::vector<darkfleet::io::DecodedMessage> messages;
  std::uint64_t rejects = 0;
  void on_batch(std::span<const darkfleet::io::DecodedMessage> batch) override {
    messages.insert(messages.end(), batch.begin(), batch.end());
  }
  void on_rejected_line(std::uint64_t, std::string_view, darkfleet::ErrorCode) override {
    ++rejects;
  }
};

std::vector<json> run_gpsdecode(const std::string& path) {
  const std::string command = "gpsdecode < '" + path + "' 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::vector<json> out;
  std::string line;
  char chunk[4096];
  while (std::fgets(chunk, sizeof(chunk), pipe.get()) != nullptr) {
    line += chunk;
    if (line.back() != '\n') continue;
    json j = json::parse(line, nullptr, false);
    if (!j.is_discarded() && j.value("class", "") == "AIS") out.push_back(std::move(j));
    line.clear();
  }
  return out;
}

void expect_near(const json& g, const char* key, double ours, const std::string& where) {
  ASSERT_TRUE(g.contains(key)) << where << " " << key;
  EXPECT_NEAR(g[key].get<double>(), ours, 1e-6 + 1e-12) << where << " " << key;
}

TEST(SimGpsdecodeOracle, EverySimulatedSentenceDecodesWithGpsd) {
  if (!gpsdecode_on_path()) GTEST_SKIP() << "gpsdecode is not on PATH (Debian gpsd-clients)";
  char name[] = "/tmp/darkfleet_sim_oracle_XXXXXX";
  const fs::path dir = ::mkdtemp(name);
  const std::string traffic = (dir / "traffic.nmea").string();
  {
    auto scenario = darkfleet::sim::load_scenario(std::string(DARKFLEET_SOURCE_DIR) +
                                                  "/src/sim/testdata/small.toml");
    scenario.end_ms = scenario.start_ms + 8 * 3600000LL;  // keeps the test fast
    std::ofstream out(traffic, std::ios::binary);
    darkfleet::sim::SimulateSinks sinks;
    sinks.traffic = [&out](std::string_view block) {
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
    };
    sinks.truth_path = (dir / "truth.json").string();
    (void)darkfleet::sim::simulate(scenario, {}, sinks);
  }
  Collect ours;
  {
    darkfleet::io::InputStream input(traffic);
    darkfleet::io::NmeaDecoder decoder;
    (void)decoder.decode(input, ours);
  }
  const std::vector<json> gpsd = run_gpsdecode(traffic);
  fs::remove_all(dir);
  EXPECT_EQ(ours.rejects, 0U);
  // gpsd prints a type 24 part B merged with a part A it still holds for that MMSI; a part
  // B whose part A was lost in reception (or already used by a duplicate) prints nothing.
  // So darkfleet's messages, without the parts A, pair in order with gpsdecode's, where
  // only a type 24 part B may be missing on gpsd's side.
  std::size_t j = 0;
  std::size_t compared = 0;
  std::size_t compared_positions = 0;
  std::size_t unpaired_b = 0;
  std::size_t parts_b = 0;
  for (const auto& om : ours.messages) {
    const auto& m = om.message;
    const auto* sdr = std::get_if<darkfleet::ais::StaticDataReport>(&m);
    if (sdr != nullptr && sdr->partno == 0) continue;
    if (sdr != nullptr) ++parts_b;
    const bool same = j < gpsd.size() &&
                      gpsd[j]["type"].get<unsigned>() == darkfleet::ais::message_type(m) &&
                      gpsd[j]["mmsi"].get<std::uint32_t>() == darkfleet::ais::mmsi(m);
    if (!same) {
      ASSERT_NE(sdr, nullptr) << "gpsdecode has no message for darkfleet's line " << om.first_line;
      ++unpaired_b;
      continue;
    }
    const json& g = gpsd[j++];
    ++compared;
    const std::string where = "line " + std::to_string(om.first_line) + " " + g.dump();
    if (const auto* p = std::get_if<darkfleet::ais::PositionReport>(&m)) {
      expect_near(g, "lat", *p->lat_deg, where);
      expect_near(g, "lon", *p->lon_deg, where);
      expect_near(g, "speed", *p->speed_kn, where);
      expect_near(g, "course", *p->course_deg, where);
      EXPECT_EQ(g["status"].get<unsigned>(), p->status) << where;
      ++compared_positions;
    } else if (const auto* b = std::get_if<darkfleet::ais::ClassBPosition>(&m)) {
      expect_near(g, "lat", *b->lat_deg, where);
      expect_near(g, "lon", *b->lon_deg, where);
      expect_near(g, "speed", *b->speed_kn, where);
      ++compared_positions;
    } else if (const auto* v = std::get_if<darkfleet::ais::StaticVoyage>(&m)) {
      EXPECT_EQ(g["shipname"].get<std::string>(), v->shipname.view()) << where;
      EXPECT_EQ(g["imo"].get<std::uint32_t>(), v->imo) << where;
      EXPECT_EQ(g["destination"].get<std::string>(), v->destination.view()) << where;
    } else if (sdr != nullptr) {
      EXPECT_EQ(g["callsign"].get<std::string>(), sdr->callsign.view()) << where;
      EXPECT_EQ(g["shiptype"].get<unsigned>(), sdr->shiptype) << where;
    }
  }
  EXPECT_EQ(j, gpsd.size()) << "gpsdecode printed messages darkfleet did not decode";
  EXPECT_GT(compared, 10000U);
  EXPECT_LT(unpaired_b, parts_b / 2 + 1) << "most type 24 parts B pair";
  EXPECT_GT(compared_positions, compared / 2);
}

}  // namespace
