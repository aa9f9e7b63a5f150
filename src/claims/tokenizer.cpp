#include "tokenizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace darkfleet::claims::detail {
namespace {

// The next code point at `i` (advancing i); a negative value for an ill-formed byte.
UChar32 next_code_point(std::string_view text, std::size_t& i) {
  UChar32 c = 0;
  auto pos = static_cast<std::int32_t>(i);
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), pos,
          static_cast<std::int32_t>(text.size()), c);
  i = static_cast<std::size_t>(pos);
  return c;
}

bool is_word_char(UChar32 c) {
  return c > 0 && (u_isUAlphabetic(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
}

bool is_digit(UChar32 c) {
  return c >= '0' && c <= '9';
}

// Characters that may group digits or mark decimals inside one number.
bool is_number_separator(UChar32 c) {
  return c == '.' || c == ',' || c == '\'' || c == 0x2019 || c == 0x00A0 || c == 0x2009 ||
         c == 0x202F;
}

bool is_dash(UChar32 c) {
  return c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 ||
         c == 0x2212;
}

bool is_space(UChar32 c) {
  return c < 0 || u_isUWhiteSpace(c) || u_iscntrl(c);
}

}  // namespace

std::string fold(std::string_view word) {
  bool ascii = true;
  for (const char ch : word) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (ascii) {
    std::string out(word);
    for (char& ch : out) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* folding = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return std::string(word);
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<std::int32_t>(word.size())));
  const icu::UnicodeString folded = folding->normalize(source, status);
  if (U_FAILURE(status)) return std::string(word);
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  bool space_before = true;
  while (i < text.size()) {
    const std::size_t start = i;
    const UChar32 c = next_code_point(text, i);
    if (is_space(c)) {
      space_before = true;
      continue;
    }
    Token token;
    token.begin = start;
    token.space_before = space_before;
    space_before = false;
    if (is_digit(c)) {
      token.kind = TokenKind::number;
      // Digits, and separators that have a digit right after them.
      for (;;) {
        std::size_t j = i;
        if (j >= text.size()) break;
        const UChar32 d = next_code_point(text, j);
        if (is_digit(d)) {
          i = j;
          continue;
        }
        if (!is_number_separator(d) || j >= text.size()) break;
        std::size_t k = j;
        if (!is_digit(next_code_point(text, k))) break;
        i = j;
      }
      token.end = i;
      token.folded.assign(text.substr(start, i - start));
    } else if (is_word_char(c)) {
      token.kind = TokenKind::word;
      token.capitalized = u_isupper(c) || u_istitle(c);
      for (;;) {
        std::size_t j = i;
        if (j >= text.size() || !is_word_char(next_code_point(text, j))) break;
        i = j;
      }
      token.end = i;
      token.folded = fold(text.substr(start, i - start));
    } else {
      token.kind = TokenKind::punct;
      token.end = i;
      token.folded = is_dash(c) ? std::string("-") : std::string(text.substr(start, i - start));
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace darkfleet::claims::detail
