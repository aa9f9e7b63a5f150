// The manual pages of docs/man/, embedded at build time (see CMakeLists.txt).
#pragma once

#include <string_view>
#include <vector>

namespace darkfleet::cli {

struct ManPage {
  std::string_view name;  ///< file name without ".md", e.g. "darkfleet-decode"
  std::string_view text;  ///< the page's Markdown
};

/// Every page in docs/man/.
const std::vector<ManPage>& man_pages();

}  // namespace darkfleet::cli
