// Shared by the CLI test files: a per-test folder and a way to run the darkfleet binary.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace darkfleet::cli_testing {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A test with its own empty folder, in which darkfleet runs.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("darkfleet_cli_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  /// Runs `darkfleet ARGS` in the test's folder with stdout/stderr captured, standard
  /// input from `stdin_file` (or /dev/null).
  RunResult run(const std::string& args, const std::string& stdin_file = "") {
    const std::string cmd = "cd '" + m_dir.string() + "' && '" DARKFLEET_BINARY "' " + args +
                            (stdin_file.empty() ? " </dev/null" : " <'" + stdin_file + "'") +
                            " >stdout.txt 2>stderr.txt";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(m_dir / "stdout.txt");
    r.err = slurp(m_dir / "stderr.txt");
    return r;
  }

  [[nodiscard]] fs::path path(const std::string& name) const { return m_dir / name; }

  void write(const std::string& name, const std::string& content) {
    std::ofstream(path(name), std::ios::binary) << content;
  }

  fs::path m_dir;
};

/// Where the shared real data lives, or "" when it is absent.
inline std::string shared_data(const std::string& relative) {
  const fs::path p = fs::path(DARKFLEET_SHARED_DATA) / relative;
  return fs::exists(p) ? p.string() : std::string();
}

}  // namespace darkfleet::cli_testing
