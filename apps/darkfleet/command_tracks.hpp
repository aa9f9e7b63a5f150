// `darkfleet tracks`: clean per-vessel tracks from the store as points or lines, written as
// CSV, GeoJSON, GeoPackage, FlatGeobuf or KML.
#pragma once

#include <string>

#include "command.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::cli {

class TracksCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::string m_db = "darkfleet.db";
  std::string m_mmsi;
  std::string m_from;
  std::string m_to;
  std::string m_bbox;
  std::string m_as = "points";
  std::string m_format;
  std::string m_output;
  bool m_overwrite = false;
  bool m_include_noise = false;
  track::SegmenterOptions m_options;
};

}  // namespace darkfleet::cli
