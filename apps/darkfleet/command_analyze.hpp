// `darkfleet analyze`: raw inputs to a case report in one command, incrementally.
#pragma once

#include <string>
#include <vector>

#include "command.hpp"
#include "report_case.hpp"

namespace darkfleet::cli {

class AnalyzeCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::vector<std::string> m_inputs;
  std::string m_db;
  std::string m_output_dir = "report";
  bool m_no_progress = false;
  bool m_force = false;
  ReportOptions m_report;
};

}  // namespace darkfleet::cli
