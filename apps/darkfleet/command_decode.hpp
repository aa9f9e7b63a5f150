// `darkfleet decode`: AIS NMEA in, JSON lines / CSV / nothing out, with stats and rejects.
#pragma once

#include <string>
#include <vector>

#include "command.hpp"

namespace darkfleet::cli {

class DecodeCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::vector<std::string> m_inputs{"-"};
  std::string m_format = "json";
  std::string m_output = "-";
  bool m_overwrite = false;
  std::string m_types;
  bool m_stats = false;
  std::string m_rejects;
  bool m_no_progress = false;
  std::size_t m_max_line_bytes = 1 << 20;
};

}  // namespace darkfleet::cli
