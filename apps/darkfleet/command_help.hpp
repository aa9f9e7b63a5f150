// `darkfleet help [COMMAND]`: prints a command's manual page (docs/man/darkfleet-CMD.md,
// compiled into the binary so that it is always the one of this version).
#pragma once

#include <string>

#include "command.hpp"

namespace darkfleet::cli {

class HelpCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::string m_topic;
};

}  // namespace darkfleet::cli
