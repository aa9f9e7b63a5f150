// The watched ports of `darkfleet events --ports FILE`.
#pragma once

#include <string>
#include <vector>

#include "darkfleet/geo/ports.hpp"

namespace darkfleet::cli {

/// Ports from `path` (geo::load_ports); a simulator scenario (.toml) is read for its
/// [[ports]] when geo::load_ports does not take it.
std::vector<geo::Port> load_watched_ports(const std::string& path);

}  // namespace darkfleet::cli
