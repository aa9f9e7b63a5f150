// The estimate as text for people and as JSON for programs.
#pragma once

#include <string>

#include "darkfleet/estimate/estimate.hpp"

namespace darkfleet::cli {

/// Outputs, packing, references beside the outputs they check (and why they differ),
/// sensitivity and the assumptions with their sources.
std::string estimate_text(const estimate::Model& model, const estimate::Result& result);
std::string estimate_json(const estimate::Model& model, const estimate::Result& result);

}  // namespace darkfleet::cli
