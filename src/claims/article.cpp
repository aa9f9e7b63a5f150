#include "darkfleet/claims/article.hpp"

#include <algorithm>
#include <cstdint>

#include <unicode/utf8.h>

#include "article_parts.hpp"
#include "tokenizer.hpp"
#include "vocabulary.hpp"

namespace darkfleet::claims {
namespace {

// Binary input: NUL bytes, or more than one byte in ten that is not well-formed UTF-8.
bool looks_binary(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos) return true;
  std::size_t bad = 0;
  std::int32_t i = 0;
  const auto n = static_cast<std::int32_t>(bytes.size());
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(data, i, n, c);
    bad += c < 0;
  }
  return bad * 10 > bytes.size();
}

std::string guess_language(const std::vector<Block>& blocks) {
  std::size_t de = 0;
  std::size_t en = 0;
  for (const auto& block : blocks) {
    for (const auto& token : detail::tokenize(block.text)) {
      if (token.kind != detail::TokenKind::word) continue;
      de += detail::is_german_function_word(token.folded);
      en += detail::is_english_function_word(token.folded);
    }
  }
  return en > de ? "en" : "de";
}

bool has_visible_text(const std::vector<Block>& blocks) {
  return std::any_of(blocks.begin(), blocks.end(), [](const Block& b) {
    return b.text.find_first_not_of(" \t\r\n\f\v") != std::string::npos;
  });
}

}  // namespace

std::size_t Block::source_offset(std::size_t text_offset) const {
  if (anchors.empty()) return text_offset;
  auto it =
      std::upper_bound(anchors.begin(), anchors.end(), text_offset,
                       [](std::size_t t, const SourceAnchor& a) { return t < a.text_offset; });
  if (it != anchors.begin()) --it;
  if (it->literal) return it->source_offset + (text_offset - it->text_offset);
  return text_offset == it->text_offset ? it->source_offset : it->source_offset + it->source_length;
}

Result<Article> parse_article(std::string_view bytes, ArticleFormat format,
                              const ArticleLimits& limits) {
  if (bytes.size() > limits.max_bytes) return fail(ErrorCode::article_too_large);
  if (looks_binary(bytes)) return fail(ErrorCode::binary_article);
  Article article;
  article.html = format == ArticleFormat::html ||
                 (format == ArticleFormat::automatic && detail::looks_like_html(bytes));
  article.blocks = article.html ? detail::split_html(bytes) : detail::split_plain_text(bytes);
  if (!has_visible_text(article.blocks)) return fail(ErrorCode::empty_article);
  for (const auto& block : article.blocks) {
    if (block.placement == Placement::headline) {
      article.title = block.text;
      break;
    }
  }
  article.language = guess_language(article.blocks);
  return article;
}

}  // namespace darkfleet::claims
