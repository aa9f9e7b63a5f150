// Splits block text into words, numbers and punctuation, with ICU for what a letter, a space
// and a case-insensitive word are (NFKC case folding: "ÜBER", "über" and "u\u0308ber" match).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace darkfleet::claims::detail {

enum class TokenKind : std::uint8_t { word, number, punct };

/// A token of block text. Offsets are bytes in the block text.
struct Token {
  TokenKind kind = TokenKind::word;
  std::size_t begin = 0;
  std::size_t end = 0;
  /// word: NFKC case-folded text; punct: the character (UTF-8, dashes folded to '-');
  /// number: the digits and separators as written.
  std::string folded;
  bool capitalized = false;   ///< word whose first letter is upper or title case
  bool space_before = false;  ///< whitespace (or the block start) precedes the token
};

/// The tokens of `text`. Invalid UTF-8 bytes and control characters separate tokens and are
/// otherwise ignored. Digits are ASCII 0-9; a '.', ',', apostrophe, no-break space (U+00A0),
/// thin space (U+2009) or narrow no-break space (U+202F) between digits stays in the number.
std::vector<Token> tokenize(std::string_view text);

/// NFKC case folding of a UTF-8 word ("Größe" -> "grösse" with ß -> ss: "grösse").
std::string fold(std::string_view word);

}  // namespace darkfleet::claims::detail
