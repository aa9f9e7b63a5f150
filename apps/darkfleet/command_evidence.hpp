// `darkfleet evidence`: analysts' imagery observations of port areas (add, list, series, voyages).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "command.hpp"

namespace darkfleet::cli {

class EvidenceCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  CLI::App* m_add = nullptr;
  CLI::App* m_list = nullptr;
  CLI::App* m_series = nullptr;
  CLI::App* m_voyages = nullptr;
  int series() const;
  int voyages() const;
  std::string m_file;
  std::string m_db = "darkfleet.db";
  std::string m_area;
  std::string m_format = "text";
  std::string m_events;
  std::string m_case;
  std::string m_model;
  std::optional<std::uint64_t> m_samples;
  std::optional<std::uint64_t> m_seed;
  std::string m_output = "-";
  bool m_overwrite = false;
};

}  // namespace darkfleet::cli
