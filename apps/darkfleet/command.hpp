// The CLI's building blocks: one Command class per subcommand, registered in one table.
//
// A command parses its options in setup() (opening nothing) and does its work in run();
// it holds no logic of its own beyond wiring library calls to files and the terminal.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace darkfleet::cli {

/// Process exit codes, as in osmium: 0 okay, 1 error while running, 2 bad usage.
enum ExitCode : int { k_exit_ok = 0, k_exit_error = 1, k_exit_usage = 2 };

/// One subcommand.
class Command {
 public:
  virtual ~Command() = default;
  /// Declares the subcommand's options on `app`.
  virtual void setup(CLI::App& app) = 0;
  /// Runs the command after options were parsed; returns an ExitCode. Throws
  /// std::exception for errors that end the command (main prints them).
  virtual int run() = 0;
};

/// A registered subcommand: its name, a one-line description, and a factory.
struct CommandEntry {
  std::string_view name;
  std::string_view description;
  std::function<std::unique_ptr<Command>()> make;
};

/// Every subcommand, in the order `darkfleet --help` lists them.
const std::vector<CommandEntry>& commands();

}  // namespace darkfleet::cli
