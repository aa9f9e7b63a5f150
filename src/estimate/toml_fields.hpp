// Internal: reading estimate.toml's fields with errors that name the file, line and field.
#pragma once

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "darkfleet/estimate/assumptions.hpp"

namespace darkfleet::estimate::detail {

[[noreturn]] inline void fail(const std::string& file, int line, const std::string& message) {
  throw std::runtime_error(fmt::format("{}:{}: {}", file, line, message));
}

inline int line_of(const toml::node& node) {
  return static_cast<int>(node.source().begin.line);
}

/// The TOML document of `text`; a syntax error names the file and line.
inline toml::table parse_document(std::string_view text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    fail(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
}

/// The string `key` of `t`; "" when absent and not `required`. Messages start with `owner`
/// (e.g. "'containers': ").
inline std::string text_field(const toml::table& t, std::string_view key, const std::string& file,
                              std::string_view owner, bool required) {
  const toml::node* n = t.get(key);
  if (n == nullptr) {
    if (required) fail(file, line_of(t), fmt::format("{}{} is missing", owner, key));
    return {};
  }
  if (const auto v = n->value<std::string>()) return *v;
  fail(file, line_of(*n), fmt::format("{}{} must be a string", owner, key));
}

/// The finite number `key` of `t`; none when absent and not `required`.
inline std::optional<double> number_field(const toml::table& t, std::string_view key,
                                          const std::string& file, std::string_view owner,
                                          bool required) {
  const toml::node* n = t.get(key);
  if (n == nullptr) {
    if (required) fail(file, line_of(t), fmt::format("{}{} is missing", owner, key));
    return std::nullopt;
  }
  if (const auto v = n->value<double>()) {
    if (!std::isfinite(*v)) fail(file, line_of(*n), fmt::format("{}{} is not finite", owner, key));
    return *v;
  }
  fail(file, line_of(*n), fmt::format("{}{} must be a number", owner, key));
}

/// The [[assumptions]] of a parsed estimate.toml (Assumptions::parse without the parsing).
Assumptions assumptions_of(const toml::table& doc, const std::string& file);

}  // namespace darkfleet::estimate::detail
