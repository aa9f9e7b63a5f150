// `darkfleet evaluate`: score detected events against the simulator's truth.json.
#pragma once

#include <optional>
#include <string>

#include "command.hpp"

namespace darkfleet::cli {

class EvaluateCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::string m_truth;
  std::string m_events;
  double m_tolerance_h = 1.0;
  std::optional<double> m_min_gap_h;
  std::string m_format = "text";
  double m_fail_below = 0;
};

}  // namespace darkfleet::cli
