// `darkfleet evidence`: analysts' imagery observations of port areas (add, list).
#pragma once

#include <string>

#include "command.hpp"

namespace darkfleet::cli {

class EvidenceCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  CLI::App* m_add = nullptr;
  CLI::App* m_list = nullptr;
  std::string m_file;
  std::string m_db = "darkfleet.db";
  std::string m_area;
  std::string m_format = "text";
};

}  // namespace darkfleet::cli
