// `darkfleet vessels`: the vessel registry of a database with each vessel's identity history.
#pragma once

#include <string>

#include "command.hpp"

namespace darkfleet::cli {

class VesselsCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::string m_db = "darkfleet.db";
  std::string m_mmsi;
  std::string m_format = "text";
  std::string m_output = "-";
  bool m_overwrite = false;
};

}  // namespace darkfleet::cli
