#include <stdexcept>

#include <toml++/toml.h>

#include "darkfleet/report/report.hpp"

namespace darkfleet::report {

CaseInfo load_case_info(const std::string& case_toml) {
  toml::table table;
  try {
    table = toml::parse_file(case_toml);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(case_toml + ": " + std::string(e.description()));
  }
  CaseInfo info;
  info.id = table["case"]["id"].value_or(std::string());
  if (info.id.empty()) throw std::runtime_error(case_toml + ": no [case] id");
  info.title = table["case"]["title"].value_or(std::string());
  info.label = table["case"]["label"].value_or(std::string());
  return info;
}

}  // namespace darkfleet::report
