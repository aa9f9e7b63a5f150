#include "command_help.hpp"

#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "man_pages.hpp"

namespace darkfleet::cli {

void HelpCommand::setup(CLI::App& app) {
  app.add_option("command", m_topic, "The command whose manual to show (default: the overview)");
}

int HelpCommand::run() {
  const std::string topic = m_topic.empty() ? "darkfleet" : "darkfleet-" + m_topic;
  for (const auto& page : man_pages()) {
    if (page.name == topic) {
      fmt::print("{}", page.text);
      return k_exit_ok;
    }
  }
  fmt::print(stderr, "darkfleet help: no manual page for '{}'. Commands:", m_topic);
  for (const auto& entry : commands()) fmt::print(stderr, " {}", entry.name);
  fmt::print(stderr, "\n");
  return k_exit_usage;
}

}  // namespace darkfleet::cli
