// The schema migrations, in order: migration i brings a database from version i to i + 1.
#pragma once

#include <span>
#include <string_view>

namespace darkfleet::store::detail {

/// SQL of every migration; index 0 creates version 1 from an empty file.
std::span<const std::string_view> migrations();

}  // namespace darkfleet::store::detail
