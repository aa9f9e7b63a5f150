// Reading a case's evidence.toml: the areas with their roles, and the assumptions of the
// yard model (counting error, land traffic) with their sources.
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "darkfleet/evidence/cargo.hpp"

namespace darkfleet::evidence {
namespace {

[[noreturn]] void fail(const std::string& file, const toml::node& at, const std::string& message) {
  throw std::runtime_error(fmt::format("{}:{}: {}", file, at.source().begin.line, message));
}

std::string text_of(const toml::table& t, std::string_view key, const std::string& file,
                    bool required) {
  const toml::node* n = t.get(key);
  if (n == nullptr) {
    if (required) fail(file, t, fmt::format("[[areas]]: {} is missing", key));
    return {};
  }
  const auto v = n->value<std::string>();
  if (!v || v->empty())
    fail(file, *n, fmt::format("[[areas]]: {} must be a non-empty string", key));
  return *v;
}

AreaRole role_of(const std::string& name, const toml::node& at, const std::string& file) {
  if (name == "origin") return AreaRole::origin;
  if (name == "destination") return AreaRole::destination;
  if (name == "other") return AreaRole::other;
  fail(file, at, fmt::format("role '{}' is not one of origin, destination, other", name));
}

}  // namespace

std::string_view to_string(AreaRole role) {
  switch (role) {
    case AreaRole::origin: return "origin";
    case AreaRole::destination: return "destination";
    case AreaRole::other: return "other";
  }
  return "?";
}

CargoModel CargoModel::parse(std::string_view toml_text, const std::string& file) {
  CargoModel model;
  model.assumptions = estimate::Assumptions::parse(toml_text, file);
  toml::table doc;
  try {
    doc = toml::parse(toml_text, file);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(
        fmt::format("{}:{}: {}", file, e.source().begin.line, e.description()));
  }
  if (const toml::table* head = doc["evidence"].as_table()) {
    if (const toml::node* n = head->get("counted")) {
      const auto name = n->value<std::string>();
      if (!name || (*name != "origin" && *name != "destination"))
        fail(file, *n,
             "[evidence] counted must be \"origin\" (loads) or \"destination\" (unloads)");
      model.counted = role_of(*name, *n, file);
    }
    for (const auto& [key, target] :
         {std::pair{"samples", &model.samples}, std::pair{"seed", &model.seed}}) {
      if (const toml::node* n = head->get(key)) {
        const auto v = n->value<std::int64_t>();
        if (!v || *v < (std::string_view(key) == "samples" ? 20 : 0))
          fail(file, *n,
               fmt::format("[evidence] {} must be a whole number{}", key,
                           std::string_view(key) == "samples" ? " >= 20" : " >= 0"));
        *target = static_cast<std::uint64_t>(*v);
      }
    }
  }
  const toml::array* list = doc["areas"].as_array();
  if (list == nullptr || list->empty()) fail(file, doc, "no [[areas]] tables");
  for (const toml::node& n : *list) {
    const toml::table* t = n.as_table();
    if (t == nullptr) fail(file, n, "areas must be tables ([[areas]])");
    Area a;
    a.line = static_cast<int>(t->source().begin.line);
    a.id = text_of(*t, "id", file, true);
    a.port_id = text_of(*t, "port", file, false);
    if (a.port_id.empty()) a.port_id = a.id;
    a.role = role_of(text_of(*t, "role", file, true), *t, file);
    if (const Area* twice = model.area(a.id)) {
      fail(file, *t,
           fmt::format("area '{}' is defined twice (first on line {})", a.id, twice->line));
    }
    model.areas.push_back(std::move(a));
  }
  for (const char* id : {"count_error.relative", "count_error.absolute"}) {
    if (!model.assumptions.contains(id)) {
      fail(file, doc, fmt::format("no assumption '{}' (the analysts' counting error)", id));
    }
  }
  for (const Area& a : model.areas) {
    if (a.role == AreaRole::other) continue;
    const std::string id = "land_flow_per_day." + a.id;
    if (!model.assumptions.contains(id)) {
      throw std::runtime_error(fmt::format(
          "{}:{}: area '{}' ({}) needs the assumption '{}' (containers per day arriving by "
          "land; negative when they leave by land; 0 if none)",
          file, a.line, a.id, to_string(a.role), id));
    }
  }
  return model;
}

CargoModel CargoModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

const Area* CargoModel::area(std::string_view id) const {
  for (const Area& a : areas) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

}  // namespace darkfleet::evidence
