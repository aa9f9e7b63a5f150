// `darkfleet anchorages`: anchorages found in the data (GFW's stationary-cluster method).
#pragma once

#include <string>
#include <vector>

#include "command.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::cli {

class AnchoragesCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::string m_db = "darkfleet.db";
  std::string m_from;
  std::string m_to;
  std::vector<std::string> m_params;
  std::string m_format = "csv";
  std::string m_output = "-";
  bool m_overwrite = false;
  track::SegmenterOptions m_options;
};

}  // namespace darkfleet::cli
