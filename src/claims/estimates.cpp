#include "darkfleet/claims/estimates.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace darkfleet::claims {

std::vector<Estimate> parse_estimates_json(std::string_view json_text) {
  const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) throw std::runtime_error("estimates: not valid JSON");
  const nlohmann::json* list = &doc;
  if (doc.is_object() && doc.contains("estimates")) list = &doc.at("estimates");
  if (!list->is_array()) {
    throw std::runtime_error("estimates: expected an array or {\"estimates\": [...]}");
  }
  std::vector<Estimate> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& e = (*list)[i];
    auto bad = [i](std::string_view why) {
      return std::runtime_error(fmt::format("estimates: entry {}: {}", i + 1, why));
    };
    if (!e.is_object()) throw bad("not an object");
    for (const char* key : {"name", "unit"}) {
      if (!e.contains(key) || !e[key].is_string())
        throw bad(fmt::format("\"{}\" must be a string", key));
    }
    for (const char* key : {"low", "high"}) {
      if (!e.contains(key) || !e[key].is_number())
        throw bad(fmt::format("\"{}\" must be a number", key));
    }
    Estimate est;
    est.name = e["name"].get<std::string>();
    est.unit = e["unit"].get<std::string>();
    if (e.contains("category")) {
      if (!e["category"].is_string()) throw bad("\"category\" must be a string");
      est.category = e["category"].get<std::string>();
    }
    est.low = e["low"].get<double>();
    est.high = e["high"].get<double>();
    if (!(est.low <= est.high)) throw bad("\"low\" is greater than \"high\"");
    out.push_back(std::move(est));
  }
  return out;
}

std::vector<Estimate> read_estimates_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot open estimates file", path));
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_estimates_json(text.str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace darkfleet::claims
