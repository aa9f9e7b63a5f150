#include "sentences.hpp"

#include "vocabulary.hpp"

namespace darkfleet::claims::detail {
namespace {

bool ends_sentence(const std::vector<Token>& t, std::size_t i) {
  const Token& p = t[i];
  if (p.kind != TokenKind::punct) return false;
  if (p.folded == "!" || p.folded == "?" || p.folded == "\u2026") return true;
  if (p.folded != ".") return false;
  if (i + 1 >= t.size()) return true;
  const Token& next = t[i + 1];
  if (i > 0 && !p.space_before) {
    const Token& prev = t[i - 1];
    if (prev.kind == TokenKind::word && is_abbreviation(prev.folded)) return false;
    if (prev.kind == TokenKind::number && prev.folded.size() <= 2 && next.kind == TokenKind::word &&
        month_of_word(next.folded)) {
      return false;
    }
  }
  if (next.kind == TokenKind::word && !next.capitalized) return false;
  return true;
}

}  // namespace

std::vector<SentenceRange> split_sentences(const std::vector<Token>& tokens) {
  std::vector<SentenceRange> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (ends_sentence(tokens, i) || i + 1 - begin >= k_max_sentence_tokens) {
      out.push_back({begin, i + 1});
      begin = i + 1;
    }
  }
  if (begin < tokens.size()) out.push_back({begin, tokens.size()});
  return out;
}

}  // namespace darkfleet::claims::detail
