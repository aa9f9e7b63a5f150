// Event kinds and ids.
#include "darkfleet/events/event.hpp"

#include <array>

#include <fmt/format.h>

namespace darkfleet::events {
namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 6> k_kind_names = {{
    {EventKind::port_visit, "port_visit"},
    {EventKind::gap, "gap"},
    {EventKind::dark_port_call, "dark_port_call"},
    {EventKind::encounter, "encounter"},
    {EventKind::loitering, "loitering"},
    {EventKind::identity, "identity"},
}};

}  // namespace

std::string_view to_string(EventKind kind) {
  for (const auto& [k, name] : k_kind_names) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<EventKind> kind_from_string(std::string_view name) {
  for (const auto& [k, n] : k_kind_names) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string Event::id() const {
  std::string id = fmt::format("{}-{}", to_string(kind), mmsi);
  if (other_mmsi) id += fmt::format("-{}", *other_mmsi);
  if (!port_id.empty()) id += "-" + port_id;
  if (!subtype.empty()) id += "-" + subtype;
  id += fmt::format("-{}", start.t_ms);
  return id;
}

}  // namespace darkfleet::events
