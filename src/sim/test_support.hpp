// Helpers for the sim tests: decode NMEA text through the real pipeline, run a scenario
// into a temporary folder and read its truth.json back.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "darkfleet/io/nmea_decoder.hpp"
#include "darkfleet/sim/simulate.hpp"

namespace darkfleet::sim::test {

/// What the decoder made of a text.
struct Collected : io::DecodeSink {
  std::vector<io::DecodedMessage> messages;
  std::uint64_t rejects = 0;
  void on_batch(std::span<const io::DecodedMessage> batch) override {
    messages.insert(messages.end(), batch.begin(), batch.end());
  }
  void on_rejected_line(std::uint64_t, std::string_view, ErrorCode) override { ++rejects; }
};

/// A fresh temporary folder, removed with the object.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char name[] = "/tmp/darkfleet_sim_XXXXXX";
    path = ::mkdtemp(name);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

/// Decodes `text` (written to a temporary file) with io::NmeaDecoder.
inline Collected decode_text(const std::string& text, io::DecodeStats* stats) {
  TempDir dir;
  const std::string path = (dir.path / "in.nmea").string();
  std::ofstream(path, std::ios::binary) << text;
  Collected sink;
  io::InputStream input(path);
  io::NmeaDecoder decoder;
  *stats = decoder.decode(input, sink);
  return sink;
}

/// One simulation run kept in memory.
struct Run {
  std::string traffic;
  nlohmann::json truth;
  std::string truth_text;
  std::string imagery;  ///< imagery.geojson ("" when the scenario images nothing)
  SimulateSummary summary;
};

/// Plays `scenario` with `options` and reads the outputs back.
inline Run run(const Scenario& scenario, const SimulateOptions& options = {}) {
  TempDir dir;
  Run r;
  SimulateSinks sinks;
  sinks.traffic = [&r](std::string_view block) { r.traffic.append(block); };
  sinks.truth_path = (dir.path / "truth.json").string();
  sinks.imagery_path = (dir.path / "imagery.geojson").string();
  r.summary = simulate(scenario, options, sinks);
  auto slurp = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  r.truth_text = slurp(sinks.truth_path);
  r.imagery = slurp(sinks.imagery_path);
  r.truth = nlohmann::json::parse(r.truth_text);
  return r;
}

/// The test scenario src/sim/testdata/small.toml.
inline Scenario small_scenario() {
  return load_scenario(std::string(DARKFLEET_SOURCE_DIR) + "/src/sim/testdata/small.toml");
}

}  // namespace darkfleet::sim::test
