// `darkfleet ingest`: NMEA and CSV files into the store, idempotent and crash-safe.
#pragma once

#include <string>
#include <vector>

#include "command.hpp"
#include "darkfleet/store/ingest.hpp"

namespace darkfleet::cli {

class IngestCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::vector<std::string> m_inputs;
  std::string m_db = "darkfleet.db";
  std::string m_format;
  std::string m_columns;
  std::string m_time;
  std::string m_rejects;
  bool m_overwrite = false;
  bool m_no_progress = false;
  std::uint64_t m_commit_every = store::k_default_commit_every;
};

}  // namespace darkfleet::cli
