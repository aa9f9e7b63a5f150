// Small pieces of HTML and SVG text shared by the page and its drawings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "darkfleet/report/report.hpp"

namespace darkfleet::report {

/// `text` with &, <, >, " and ' escaped, for element content and attribute values.
std::string escape(std::string_view text);

/// Unix ms as "2024-01-20 14:05 UTC".
std::string time_text(std::int64_t t_ms);

/// The colour of the i-th watched vessel (a palette that stays apart on land and sea).
std::string_view vessel_colour(std::size_t i);

}  // namespace darkfleet::report
