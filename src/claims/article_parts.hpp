// The two article splitters behind parse_article(): plain text and (tolerant) HTML.
#pragma once

#include <string_view>
#include <vector>

#include "darkfleet/claims/article.hpp"

namespace darkfleet::claims::detail {

/// Blocks of a plain-text article: headline line, bullet teaser, blank-line paragraphs.
std::vector<Block> split_plain_text(std::string_view text);

/// Blocks of an HTML article (see parse_article for the rules and src/claims/README.md for
/// the limits of this tag stripper).
std::vector<Block> split_html(std::string_view html);

/// Whether `bytes` looks like HTML: after leading space it starts with a tag and names one
/// of html, head, body, title, h1, p, article, div or a doctype.
bool looks_like_html(std::string_view bytes);

}  // namespace darkfleet::claims::detail
