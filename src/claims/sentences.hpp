// Sentence boundaries in a token stream. A claim's source, hedge and period are read from
// its sentence, so the split decides what applies to what.
#pragma once

#include <cstddef>
#include <vector>

#include "tokenizer.hpp"

namespace darkfleet::claims::detail {

/// Tokens [begin, end) of one sentence.
struct SentenceRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// The longest sentence, in tokens; longer runs are cut (bounds the work on text without
/// punctuation).
inline constexpr std::size_t k_max_sentence_tokens = 200;

/// Splits after '.', '!', '?' and '…' unless the dot ends an abbreviation ("Mio.", "ca.",
/// "U.S."), a German ordinal before a month ("12. März"), or the next word is lower case.
std::vector<SentenceRange> split_sentences(const std::vector<Token>& tokens);

}  // namespace darkfleet::claims::detail
