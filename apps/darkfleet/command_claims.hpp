// `darkfleet claims`: the claims ledger. `add` reads an article into the ledger, `list` shows
// the claims, `check` compares them, `extract` shows an article's claims without a ledger.
#pragma once

#include <string>

#include "command.hpp"

namespace darkfleet::cli {

class ClaimsCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  int run_add();
  int run_list();
  int run_check();
  int run_extract();

  CLI::App* m_add = nullptr;
  CLI::App* m_list = nullptr;
  CLI::App* m_check = nullptr;
  CLI::App* m_extract = nullptr;
  std::string m_article;
  std::string m_db = "darkfleet.db";
  std::string m_publisher;
  std::string m_date;
  std::string m_url;
  std::string m_input_format = "auto";
  std::string m_format = "text";
  std::string m_estimates;
  std::size_t m_max_bytes = std::size_t{16} << 20;
};

}  // namespace darkfleet::cli
