// Reading estimate.toml's [[assumptions]] and drawing values from their ranges.
#include "darkfleet/estimate/assumptions.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "read_file.hpp"
#include "toml_fields.hpp"

namespace darkfleet::estimate {
namespace {

using detail::fail;
using detail::line_of;

Assumption parse_one(const toml::table& t, const std::string& file) {
  Assumption a;
  a.line = line_of(t);
  a.id = detail::text_field(t, "id", file, "", true);
  if (a.id.empty()) fail(file, a.line, "an assumption has an empty id");
  const std::string owner = fmt::format("'{}': ", a.id);
  a.unit = detail::text_field(t, "unit", file, owner, true);
  a.note = detail::text_field(t, "note", file, owner, false);
  const std::string kind = detail::text_field(t, "kind", file, owner, true);
  if (kind == "reported") {
    a.pedigree = Pedigree::reported;
  } else if (kind == "derived") {
    a.pedigree = Pedigree::derived;
  } else if (kind == "assumption") {
    a.pedigree = Pedigree::assumption;
  } else {
    fail(file, a.line,
         fmt::format("'{}': kind '{}' is not one of reported, derived, assumption", a.id, kind));
  }
  a.source = detail::text_field(t, "source", file, owner, a.pedigree != Pedigree::assumption);
  const auto value = detail::number_field(t, "value", file, owner, false);
  const auto low = detail::number_field(t, "low", file, owner, false);
  const auto mode = detail::number_field(t, "mode", file, owner, false);
  const auto high = detail::number_field(t, "high", file, owner, false);
  const std::string shape = detail::text_field(t, "shape", file, owner, false);
  if (value) {
    if (low || mode || high || !shape.empty()) {
      fail(file, a.line, fmt::format("'{}': give either value or low/high, not both", a.id));
    }
    a.shape = Shape::fixed;
    a.low = a.mode = a.high = *value;
    return a;
  }
  if (!low || !high) fail(file, a.line, fmt::format("'{}': needs value, or low and high", a.id));
  a.low = *low;
  a.high = *high;
  if (shape == "uniform" || (shape.empty() && !mode)) {
    if (mode) fail(file, a.line, fmt::format("'{}': a uniform range has no mode", a.id));
    a.shape = Shape::uniform;
    a.mode = (a.low + a.high) / 2;
  } else if (shape == "triangular" || shape.empty()) {
    if (!mode) fail(file, a.line, fmt::format("'{}': a triangular range needs a mode", a.id));
    a.shape = Shape::triangular;
    a.mode = *mode;
  } else {
    fail(file, a.line, fmt::format("'{}': shape '{}' is not uniform or triangular", a.id, shape));
  }
  if (!(a.low <= a.mode && a.mode <= a.high)) {
    fail(file, a.line,
         fmt::format("'{}': needs low <= mode <= high (got {} / {} / {})", a.id, a.low, a.mode,
                     a.high));
  }
  return a;
}

}  // namespace

double unit_uniform(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

double Assumption::at_quantile(double u) const {
  switch (shape) {
    case Shape::fixed: return mode;
    case Shape::uniform: return low + u * (high - low);
    case Shape::triangular: {
      if (high == low) return mode;
      // inverse of the triangular CDF
      const double f = (mode - low) / (high - low);
      if (u < f) return low + std::sqrt(u * (high - low) * (mode - low));
      return high - std::sqrt((1 - u) * (high - low) * (high - mode));
    }
    case Shape::empirical: {
      if (!values || values->empty()) return mode;
      const double at = u * static_cast<double>(values->size() - 1);
      const auto k = static_cast<std::size_t>(at);
      if (k + 1 >= values->size()) return values->back();
      return (*values)[k] + (at - static_cast<double>(k)) * ((*values)[k + 1] - (*values)[k]);
    }
  }
  return mode;
}

Assumption Assumption::empirical(std::string id, std::vector<double> values, std::string unit,
                                 Pedigree pedigree, std::string source, std::string note) {
  if (values.empty()) {
    throw std::invalid_argument(fmt::format("'{}': an empirical range needs values", id));
  }
  std::sort(values.begin(), values.end());
  Assumption a;
  a.id = std::move(id);
  a.shape = Shape::empirical;
  a.unit = std::move(unit);
  a.pedigree = pedigree;
  a.source = std::move(source);
  a.note = std::move(note);
  a.low = values.front();
  a.high = values.back();
  a.values = std::make_shared<const std::vector<double>>(std::move(values));
  a.mode = a.at_quantile(0.5);
  return a;
}

std::string_view to_string(Shape shape) {
  switch (shape) {
    case Shape::fixed: return "fixed";
    case Shape::uniform: return "uniform";
    case Shape::triangular: return "triangular";
    case Shape::empirical: return "empirical";
  }
  return "?";
}

std::string_view to_string(Pedigree pedigree) {
  switch (pedigree) {
    case Pedigree::reported: return "reported";
    case Pedigree::derived: return "derived";
    case Pedigree::assumption: return "assumption";
  }
  return "?";
}

Assumptions Assumptions::from(std::vector<Assumption> all, const std::string& file) {
  Assumptions out;
  out.m_file = file;
  if (all.empty()) fail(file, 1, "no [[assumptions]] tables");
  for (Assumption& a : all) {
    if (out.contains(a.id)) {
      fail(file, a.line,
           fmt::format("'{}' is defined twice (first on line {})", a.id, out.at(a.id).line));
    }
    out.m_all.push_back(std::move(a));
  }
  return out;
}

Assumptions detail::assumptions_of(const toml::table& doc, const std::string& file) {
  std::vector<Assumption> all;
  if (const toml::array* list = doc["assumptions"].as_array()) {
    for (const toml::node& n : *list) {
      const toml::table* t = n.as_table();
      if (t == nullptr) fail(file, line_of(n), "assumptions must be tables ([[assumptions]])");
      all.push_back(parse_one(*t, file));
    }
  }
  return Assumptions::from(std::move(all), file);
}

Assumptions Assumptions::parse(std::string_view toml_text, const std::string& file) {
  return detail::assumptions_of(detail::parse_document(toml_text, file), file);
}

Assumptions Assumptions::load(const std::string& path) {
  return parse(detail::read_file(path), path);
}

std::size_t Assumptions::index_of(std::string_view id) const {
  const auto it =
      std::find_if(m_all.begin(), m_all.end(), [&](const Assumption& a) { return a.id == id; });
  if (it == m_all.end()) {
    throw std::runtime_error(fmt::format("{}: no assumption '{}'", m_file, id));
  }
  return static_cast<std::size_t>(it - m_all.begin());
}

const Assumption& Assumptions::at(std::string_view id) const {
  return m_all[index_of(id)];
}

void Assumptions::set(std::string_view assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw std::invalid_argument(fmt::format("--set {}: expected ID=VALUE", assignment));
  }
  const std::string id(assignment.substr(0, eq));
  const std::string text(assignment.substr(eq + 1));
  if (!contains(id)) {
    throw std::invalid_argument(
        fmt::format("--set {}: {} has no assumption '{}'", assignment, m_file, id));
  }
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(value)) {
    throw std::invalid_argument(fmt::format("--set {}: '{}' is not a number", assignment, text));
  }
  Assumption& a = m_all[index_of(id)];
  a.shape = Shape::fixed;
  a.low = a.mode = a.high = value;
  a.note = fmt::format("set on the command line (file: {})", a.note);
}

void Assumptions::replace(Assumption a) {
  if (!contains(a.id)) {
    throw std::invalid_argument(fmt::format("{} has no assumption '{}' to replace", m_file, a.id));
  }
  const std::size_t k = index_of(a.id);
  a.line = m_all[k].line;
  m_all[k] = std::move(a);
}

bool Assumptions::contains(std::string_view id) const {
  return std::any_of(m_all.begin(), m_all.end(), [&](const Assumption& a) { return a.id == id; });
}

}  // namespace darkfleet::estimate
