// `darkfleet report`: the case report of a database, as HTML or JSON.
#pragma once

#include <string>

#include "command.hpp"
#include "report_case.hpp"

namespace darkfleet::cli {

class ReportCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::string m_db;
  std::string m_format;
  std::string m_output;
  bool m_overwrite = false;
  ReportOptions m_report;
};

}  // namespace darkfleet::cli
