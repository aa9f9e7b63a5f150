// Finds every numeric claim in an article with rules a reader can check (see
// src/claims/README.md): number formats, bounds, units, periods, sources and hedges.
#pragma once

#include <string_view>
#include <vector>

#include "darkfleet/claims/article.hpp"
#include "darkfleet/claims/claim.hpp"

namespace darkfleet::claims {

/// The claims in `article`, in reading order. Never throws on content; the work is linear in
/// the article size.
std::vector<Claim> extract_claims(const Article& article);

/// Convenience for tests and tools: parses `text` as one body paragraph and extracts from it.
/// `language` is "de" or "en" (it decides what "15.800" means when nothing else does).
std::vector<Claim> extract_from_sentence(std::string_view text, std::string_view language);

}  // namespace darkfleet::claims
