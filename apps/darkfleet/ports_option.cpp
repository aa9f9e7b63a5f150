#include "ports_option.hpp"

#include <stdexcept>

#include "darkfleet/sim/scenario.hpp"

namespace darkfleet::cli {

std::vector<geo::Port> load_watched_ports(const std::string& path) {
  try {
    return geo::load_ports(path);
  } catch (const std::runtime_error&) {
    if (!path.ends_with(".toml")) throw;
  }
  const sim::Scenario scenario = sim::load_scenario(path);
  std::vector<geo::Port> out;
  for (const auto& p : scenario.ports) {
    geo::Port port;
    port.id = p.id;
    port.name = p.name;
    port.position = {p.position.lat_deg, p.position.lon_deg};
    port.source = path;
    out.push_back(std::move(port));
  }
  return out;
}

}  // namespace darkfleet::cli
