// darkfleet: the command-line entry point. Dispatches to one Command per subcommand
// and maps outcomes to exit codes (0 okay, 1 error, 2 bad usage).
#include <cstdio>
#include <exception>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "command.hpp"

int main(int argc, char** argv) {
  using namespace darkfleet::cli;
  CLI::App app{
      "darkfleet: a maritime intelligence engine. Decodes AIS, rebuilds tracks, detects\n"
      "events and checks claims about covert shipments. `darkfleet help COMMAND` shows\n"
      "a command's manual."};
  app.name("darkfleet");
  app.set_version_flag("--version", std::string("darkfleet ") + DARKFLEET_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  std::vector<std::unique_ptr<Command>> instances;
  Command* selected = nullptr;
  for (const auto& entry : commands()) {
    auto command = entry.make();
    CLI::App* sub = app.add_subcommand(std::string(entry.name), std::string(entry.description));
    command->setup(*sub);
    Command* raw = command.get();
    sub->callback([&selected, raw] { selected = raw; });
    instances.push_back(std::move(command));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? k_exit_ok : k_exit_usage;
  }
  if (selected == nullptr) return k_exit_usage;
  try {
    return selected->run();
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? k_exit_ok : k_exit_usage;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    fmt::print(stderr, "darkfleet: error: {}\n", e.what());
    return k_exit_error;
  }
}
