// `darkfleet generate`: synthetic AIS traffic as NMEA, from the AIS encoder (demo input
// until `darkfleet simulate` plays scenario files).
#pragma once

#include <string>

#include "command.hpp"
#include "darkfleet/sim/demo_traffic.hpp"

namespace darkfleet::cli {

class GenerateCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  sim::DemoTrafficOptions m_options;
  std::string m_box;
  std::string m_output = "-";
  bool m_overwrite = false;
};

}  // namespace darkfleet::cli
