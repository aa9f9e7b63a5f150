// Loitering: one vessel slow for hours far from shore (GFW: hourly mean implied speed under
// 2 kn for at least 4 h, average distance from shore at least 20 nm).
#pragma once

#include <memory>

#include "darkfleet/events/detector.hpp"

namespace darkfleet::events {

/// The loitering detector. Works per vessel; keeps nothing across vessels. Without a coast
/// in the Context the shore rule is skipped and each event says so (notes "shore_rule").
std::unique_ptr<Detector> make_loitering_detector();

}  // namespace darkfleet::events
