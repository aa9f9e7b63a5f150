// Shared by the CLI test files: a per-test folder in which the darkfleet binary runs
// (test::BinaryTest), and where the shared real data is.
#pragma once

#include <filesystem>
#include <string>

#include "binary_runner.hpp"

namespace darkfleet::cli_testing {

namespace fs = std::filesystem;

using test::RunResult;
using test::slurp;

/// A test with its own empty folder, in which darkfleet runs.
class CliTest : public test::BinaryTest {
 protected:
  CliTest() : BinaryTest(DARKFLEET_BINARY, "darkfleet_cli_") {}
};

/// Where the shared real data lives, or "" when it is absent.
inline std::string shared_data(const std::string& relative) {
  const fs::path p = fs::path(DARKFLEET_SHARED_DATA) / relative;
  return fs::exists(p) ? p.string() : std::string();
}

}  // namespace darkfleet::cli_testing
