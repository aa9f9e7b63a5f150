// Test helpers for the store: a temporary folder and a canonical dump of a database.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace darkfleet::store::testing {

/// A fresh folder under the temp directory, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() /
             ("darkfleet_store_" + std::to_string(::getpid()) + "_" + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() { std::filesystem::remove_all(m_path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] std::string file(const std::string& name) const { return (m_path / name).string(); }
  /// Writes `content` to `name` and returns its path.
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream(file(name), std::ios::binary) << content;
    return file(name);
  }

 private:
  std::filesystem::path m_path;
};

/// Where the shared real data lives (compile definition), or "" when absent.
inline std::string shared_data(const std::string& relative) {
  const std::filesystem::path p = std::filesystem::path(DARKFLEET_SHARED_DATA) / relative;
  return std::filesystem::exists(p) ? p.string() : std::string();
}

}  // namespace darkfleet::store::testing
