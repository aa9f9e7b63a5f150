// An article split into the parts readers see differently: headline, teaser, body.
//
// Plain text and HTML are both accepted (HTML is recognised from the content). Every block
// remembers where its text came from, so claims can point at byte offsets in the file as read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/claims/claim.hpp"
#include "darkfleet/core/result.hpp"

namespace darkfleet::claims {

/// Where a stretch of block text starts in the source file. Literal text maps byte for byte
/// after an anchor; an HTML entity is an anchor of its own whose whole text maps to the entity.
struct SourceAnchor {
  std::size_t text_offset = 0;
  std::size_t source_offset = 0;
  bool literal = true;            ///< false for a decoded entity: every byte maps to source_offset
  std::size_t source_length = 0;  ///< bytes in the source for a non-literal anchor
};

/// A headline, a teaser item or a body paragraph, as text (UTF-8, entities decoded).
struct Block {
  Placement placement = Placement::body;
  std::string text;
  std::vector<SourceAnchor> anchors;  ///< sorted by text_offset; the first has offset 0

  /// The source byte offset of the text byte at `text_offset` (a value in [0, text.size()]).
  std::size_t source_offset(std::size_t text_offset) const;
};

/// The input format of an article.
enum class ArticleFormat { automatic, text, html };

/// Limits on article input. The defaults suit news articles and long reports.
struct ArticleLimits {
  std::size_t max_bytes = std::size_t{16} << 20;  ///< larger inputs are article_too_large
};

/// A parsed article.
struct Article {
  std::vector<Block> blocks;
  std::string title;     ///< the headline text (empty when there is none)
  std::string language;  ///< "de" or "en", guessed from function words
  bool html = false;
};

/// Splits `bytes` into blocks. Plain text: the first line is the headline; the bullet lines
/// ("- ", "* ", "• ", "– ") right after it are the teaser; every other paragraph (blank-line
/// separated) is body. HTML: <h1> (else <title>) is the headline; list items before the
/// first paragraph and elements whose class names a teaser/lead/summary are the teaser;
/// <p>, later <li>, <h2>-<h6>, <blockquote> are body; script, style, nav, footer are skipped.
/// Errors: empty_article (no visible text), binary_article (NUL bytes or mostly invalid
/// UTF-8), article_too_large (more than limits.max_bytes).
Result<Article> parse_article(std::string_view bytes,
                              ArticleFormat format = ArticleFormat::automatic,
                              const ArticleLimits& limits = {});

}  // namespace darkfleet::claims
