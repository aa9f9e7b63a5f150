// A test fixture that runs the darkfleet binary in a fresh folder per test and captures what a
// user would see: exit code, standard output, standard error. Shared by the CLI suites.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace darkfleet::test {

/// What one run of the binary left behind.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// The whole content of a file (empty if it cannot be read).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs `BINARY ARGS` in a temporary folder that exists for one test.
class BinaryTest : public ::testing::Test {
 protected:
  /// `binary`: absolute path of the program; `prefix`: names the temporary folder.
  BinaryTest(std::string binary, std::string prefix)
      : m_binary(std::move(binary)), m_prefix(std::move(prefix)) {}

  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            (m_prefix + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }

  /// Runs the binary with ARGS in the test's folder; stdin is `stdin_file` or /dev/null.
  RunResult run(const std::string& args, const std::string& stdin_file = "") {
    return run_shell("'" + m_binary + "' " + args, stdin_file);
  }

  /// Runs the shell command `command` (one command) in the test's folder, like run().
  RunResult run_shell(const std::string& command, const std::string& stdin_file = "") {
    const std::string cmd = "cd '" + m_dir.string() + "' && " + command +
                            (stdin_file.empty() ? " </dev/null" : " <'" + stdin_file + "'") +
                            " >stdout.txt 2>stderr.txt";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(m_dir / "stdout.txt");
    r.err = slurp(m_dir / "stderr.txt");
    return r;
  }

  std::filesystem::path path(const std::string& name) const { return m_dir / name; }

  void write(const std::string& name, const std::string& content) {
    std::ofstream(path(name), std::ios::binary) << content;
  }

  std::filesystem::path m_dir;

 private:
  std::string m_binary;
  std::string m_prefix;
};

}  // namespace darkfleet::test
