// `darkfleet estimate`: containers -> munitions -> value from a case's estimate.toml.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"

namespace darkfleet::cli {

class EstimateCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::string m_case;
  std::string m_model;
  std::string m_db;
  std::string m_events;
  std::string m_evidence_model;
  std::optional<std::uint64_t> m_samples;
  std::optional<std::uint64_t> m_seed;
  std::vector<std::string> m_set;
  std::string m_format = "text";
  std::string m_output = "-";
  bool m_overwrite = false;
};

}  // namespace darkfleet::cli
