// `darkfleet simulate`: plays a scenario file into received AIS traffic (NMEA with tag
// blocks, or DMA-style CSV) and its ground truth (truth.json), in an output folder.
#pragma once

#include <string>

#include "command.hpp"
#include "darkfleet/sim/simulate.hpp"

namespace darkfleet::cli {

class SimulateCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::string m_scenario;
  std::string m_output_dir;
  std::string m_format = "nmea";
  sim::SimulateOptions m_options;
  bool m_full = false;
  bool m_check = false;
  bool m_overwrite = false;
  bool m_no_progress = false;
};

}  // namespace darkfleet::cli
