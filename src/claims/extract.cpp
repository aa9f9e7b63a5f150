// The extraction rules, sentence by sentence: time spans and dates first (so that years are
// not read as quantities), then every number with its bound, scale, unit and category, then
// the sentence's source and hedge, which apply to every claim in it.
#include "darkfleet/claims/extract.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_set>

#include <fmt/format.h>

#include "sentences.hpp"
#include "tokenizer.hpp"
#include "vocabulary.hpp"

namespace darkfleet::claims {
namespace {

using detail::Language;
using detail::Token;
using detail::TokenKind;

// How far the rules look from a number, in tokens (keeps the work linear).
constexpr std::size_t k_unit_window = 6;
constexpr std::size_t k_category_window = 12;
constexpr std::size_t k_name_tokens = 10;

// A number as read from the text, scale and currency applied.
struct ReadValue {
  double value = 0;
  double step = 1;
  std::size_t first = 0;  // first token (the currency symbol if any)
  std::size_t end = 0;    // one past the last token (number or scale)
  bool scaled = false;
  bool plain_integer = false;
  std::string currency;
};

// A date as read: an ISO-8601 prefix and the tokens it used.
struct ReadDate {
  std::string iso;
  std::size_t end = 0;
  bool has_month = false;
};

class SentenceReader {
 public:
  SentenceReader(const Block& block, const std::vector<Token>& tokens, std::size_t begin,
                 std::size_t end, Language language)
      : m_block(block),
        m_t(tokens),
        m_begin(begin),
        m_end(end),
        m_language(language),
        m_used(end - begin, false) {}

  // The source of a sentence that only attributes what the previous one said: "Das berichtet
  // der südkoreanische Militärgeheimdienst.", "Dies zeigt eine Studie der KIDA."
  std::string attribution_only_source() const {
    if (!is_any(m_begin, "das", "dies", "this", "that") || !is_word(m_begin + 1) ||
        !detail::is_saying_verb(m_t[m_begin + 1].folded)) {
      return {};
    }
    return name_after(m_begin + 2, true);
  }

  void read(std::vector<Claim>& out) {
    find_dates();
    const std::string hedge = find_hedges();
    const std::string source = find_source();
    const std::string sentence = collapse(m_t[m_begin].begin, m_t[m_end - 1].end);
    std::size_t i = m_begin;
    while (i < m_end) {
      std::optional<Claim> claim;
      std::size_t next = i + 1;
      if (!used(i)) claim = read_claim(i, next);
      if (claim) {
        claim->span = m_span;
        claim->source = source;
        claim->hedge = hedge;
        claim->placement = m_block.placement;
        claim->sentence = sentence;
        out.push_back(std::move(*claim));
      }
      i = std::max(next, i + 1);
    }
  }

 private:
  // ---- token helpers
  bool used(std::size_t i) const { return m_used[i - m_begin]; }
  void use(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && i < m_end; ++i) m_used[i - m_begin] = true;
  }
  bool in(std::size_t i) const { return i >= m_begin && i < m_end; }
  bool is_word(std::size_t i) const { return in(i) && m_t[i].kind == TokenKind::word; }
  bool is_number(std::size_t i) const { return in(i) && m_t[i].kind == TokenKind::number; }
  bool is(std::size_t i, std::string_view folded) const {
    return in(i) && m_t[i].kind != TokenKind::number && m_t[i].folded == folded;
  }
  template <typename... S>
  bool is_any(std::size_t i, S... words) const {
    return (is(i, words) || ...);
  }
  std::string original(std::size_t i) const {
    return m_block.text.substr(m_t[i].begin, m_t[i].end - m_t[i].begin);
  }
  // The block text between byte offsets with runs of whitespace (also no-break and thin
  // spaces) collapsed to one ASCII space.
  std::string collapse(std::size_t begin, std::size_t end) const {
    std::string out;
    bool space = false;
    const std::string_view text = m_block.text;
    for (std::size_t k = begin; k < end; ++k) {
      const char c = text[k];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
        space = true;
        continue;
      }
      const std::string_view rest = text.substr(k, end - k);
      if (rest.starts_with("\u00A0") || rest.starts_with("\u2009") || rest.starts_with("\u202F")) {
        space = true;
        k += rest.starts_with("\u00A0") ? std::size_t{1} : std::size_t{2};
        continue;
      }
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
    return out;
  }

  // ---- dates and spans
  std::optional<int> plain_year(std::size_t i) const {
    if (!is_number(i) || m_t[i].folded.size() != 4) return std::nullopt;
    const auto n = detail::parse_written_number(m_t[i].folded, m_language);
    if (!n || !n->is_plain_integer || n->value < 1900 || n->value > 2099) return std::nullopt;
    return static_cast<int>(n->value);
  }
  std::optional<int> day_number(std::size_t i) const {
    if (!is_number(i) || m_t[i].folded.size() > 2) return std::nullopt;
    const auto n = detail::parse_written_number(m_t[i].folded, m_language);
    if (!n || !n->is_plain_integer || n->value < 1 || n->value > 31) return std::nullopt;
    return static_cast<int>(n->value);
  }
  std::optional<int> month_at(std::size_t i) const {
    if (!is_word(i)) return std::nullopt;
    return detail::month_of_word(m_t[i].folded);
  }

  // A date at token i: "12. März 2024", "März 2025", "March 12, 2024", "Aug. 2023",
  // "Mitte 2022", "mid-2022", "2023".
  std::optional<ReadDate> date_at(std::size_t i) const {
    std::size_t j = i;
    if (day_number(j) && (month_at(j + 1) || (is(j + 1, ".") && month_at(j + 2)))) {
      j += is(j + 1, ".") ? std::size_t{2} : std::size_t{1};  // the day; a German ordinal dot
    }
    if (const auto month = month_at(j)) {
      std::size_t k = j + 1;
      if (is(k, ".")) ++k;
      if (day_number(k) && !plain_year(k)) {
        ++k;
        if (is(k, ",")) ++k;
      }
      if (const auto year = plain_year(k)) {
        return ReadDate{fmt::format("{:04}-{:02}", *year, *month), k + 1, true};
      }
      return std::nullopt;
    }
    if (j != i) return std::nullopt;
    std::size_t k = i;
    if (is_any(k, "mitte", "mid", "ende", "end", "anfang", "early", "late", "beginning")) {
      ++k;
      if (is_any(k, "-", "of")) ++k;
    }
    if (const auto year = plain_year(k)) {
      // A year followed by a unit is a count ("2000 Soldaten"), not a date.
      if (k + 1 < m_end && is_word(k + 1) && detail::unit_of_word(m_t[k + 1].folded)) {
        return std::nullopt;
      }
      return ReadDate{fmt::format("{:04}", *year), k + 1, false};
    }
    return std::nullopt;
  }

  void find_dates() {
    for (std::size_t i = m_begin; i < m_end; ++i) {
      if (used(i)) continue;
      // "zwischen A und B", "between A and B", "von A bis B", "from A to B"
      if (is_any(i, "zwischen", "between", "von", "vom", "from")) {
        if (const auto a = date_at(i + 1)) {
          const std::size_t sep = a->end;
          if (is_any(sep, "und", "and", "bis", "to", "until", "till", "through", "-")) {
            if (const auto b = date_at(sep + 1)) {
              set_span(a->iso, b->iso);
              use(i, b->end);
              i = b->end - 1;
              continue;
            }
          }
        }
      }
      if (is_any(i, "seit", "since")) {
        if (const auto a = date_at(i + 1)) {
          set_span(a->iso, "");
          use(i, a->end);
          i = a->end - 1;
          continue;
        }
      }
      if (is_any(i, "bis", "by", "until", "till") || (is(i, "as") && is(i + 1, "of"))) {
        const std::size_t at =
            is(i, "as") ? i + 2 : (is_any(i + 1, "zum", "ende", "end") ? i + 2 : i + 1);
        if (const auto a = date_at(at)) {
          set_span("", a->iso);
          use(i, a->end);
          i = a->end - 1;
          continue;
        }
      }
      if (const auto a = date_at(i)) {
        // "Aug 2023 - Mar 2025", "2023-2025"
        if (is_any(a->end, "-", "bis", "to")) {
          if (const auto b = date_at(a->end + 1)) {
            set_span(a->iso, b->iso);
            use(i, b->end);
            i = b->end - 1;
            continue;
          }
        }
        // "im Jahr 2024", "in 2024"
        if (!a->has_month && (is(i - 1, "in") || (is(i - 1, "jahr") && is(i - 2, "im")))) {
          set_span(a->iso, a->iso);
        }
        use(i, a->end);
        i = a->end - 1;
      }
    }
  }

  void set_span(const std::string& from, const std::string& to) {
    if (!m_span) m_span = TimeSpan{from, to};
  }

  // ---- hedges and sources
  std::string find_hedges() const {
    std::string out;
    std::unordered_set<std::string> seen;
    for (std::size_t i = m_begin; i < m_end; ++i) {
      if (!is_word(i) || !detail::is_hedge_word(m_t[i].folded)) continue;
      if (!seen.insert(m_t[i].folded).second) continue;
      if (!out.empty()) out += ", ";
      out += original(i);
    }
    return out;
  }

  // Tokens [first, last] of a name, trimmed of articles and connectors at both ends, and cut
  // to the author after a report noun ("eine Untersuchung des Open Source Centre").
  std::string name_text(std::size_t first, std::size_t last) const {
    for (std::size_t k = first; k + 1 <= last; ++k) {
      if (is_word(k) && detail::is_report_noun(m_t[k].folded) &&
          is_any(k + 1, "des", "der", "von", "vom", "by", "from", "of")) {
        first = k + 2;
        break;
      }
    }
    while (first <= last && in(first) &&
           (detail::is_article_word(m_t[first].folded) ||
            detail::is_name_connector(m_t[first].folded))) {
      ++first;
    }
    while (last >= first && in(last) && detail::is_name_connector(m_t[last].folded)) {
      if (last == 0) return {};
      --last;
    }
    if (first > last || !in(first) || !in(last)) return {};
    return collapse(m_t[first].begin, m_t[last].end);
  }

  bool name_token(std::size_t k) const {
    if (is_number(k)) return false;
    if (m_t[k].kind == TokenKind::punct) return is_any(k, "-", "'", "’", "&", "(", ")");
    return true;
  }

  // A name after a lead phrase: capitalised words and connectors; a lower-case word only
  // right after an article ("dem südkoreanischen Verteidigungsministerium").
  std::string name_after(std::size_t i, bool loose) const {
    std::size_t last = i;
    bool any = false;
    for (std::size_t k = i; k < m_end && k < i + k_name_tokens && name_token(k); ++k) {
      const bool ok = loose || m_t[k].kind == TokenKind::punct || m_t[k].capitalized ||
                      detail::is_name_connector(m_t[k].folded) ||
                      (k > i && detail::is_article_word(m_t[k - 1].folded));
      if (!ok) break;
      last = k;
      any = true;
    }
    return any ? name_text(i, last) : std::string{};
  }

  // A name before a verb of saying: the capitalised chain, or the whole stretch from the
  // sentence start or a comma when it starts with an article ("the ministry said").
  std::string name_before(std::size_t verb_token) const {
    // "South Korean officials earlier put ...": adverbs between name and verb are not the name.
    std::size_t verb = verb_token;
    while (verb > m_begin && is_word(verb - 1) && detail::is_filler_adverb(m_t[verb - 1].folded)) {
      --verb;
    }
    std::size_t first = verb;
    for (std::size_t k = verb; k-- > m_begin && verb - k <= k_name_tokens;) {
      if (!name_token(k)) break;
      if (!(m_t[k].kind == TokenKind::punct || m_t[k].capitalized ||
            detail::is_name_connector(m_t[k].folded))) {
        break;
      }
      first = k;
    }
    if (first < verb) {
      std::string name = name_text(first, verb - 1);
      if (!name.empty()) return name;
    }
    std::size_t start = verb;
    while (start > m_begin && verb - start < 5 && name_token(start - 1)) --start;
    if (start < verb && (start == m_begin || is(start - 1, ",")) &&
        (detail::is_article_word(m_t[start].folded) || m_t[start].capitalized)) {
      return name_text(start, verb - 1);
    }
    return {};
  }

  std::string find_source() const {
    for (std::size_t i = m_begin; i < m_end; ++i) {
      for (const auto& phrase : detail::source_lead_phrases()) {
        bool match = true;
        for (std::size_t w = 0; w < phrase.size() && match; ++w) match = is(i + w, phrase[w]);
        if (!match) continue;
        std::string name = name_after(i + phrase.size(), false);
        if (!name.empty()) return name;
      }
    }
    for (std::size_t i = m_begin; i < m_end; ++i) {
      if (is_word(i) && detail::is_report_noun(m_t[i].folded) &&
          is_any(i + 1, "des", "der", "von", "vom", "by", "from")) {
        std::string name = name_after(i + 2, false);
        if (!name.empty()) return name;
      }
    }
    for (std::size_t i = m_begin; i < m_end; ++i) {
      if (!is_word(i)) continue;
      const bool after_comma = is(i - 1, ",");
      if (after_comma && (is(i, "so") || detail::is_saying_verb(m_t[i].folded))) {
        std::string name = name_after(i + 1, true);
        if (!name.empty()) return name;
      }
      if (!after_comma && detail::is_saying_verb(m_t[i].folded)) {
        std::string name = name_before(i);
        if (!name.empty()) return name;
      }
    }
    return {};
  }

  // ---- numbers
  // A number (digits or words) at i with an optional currency before and scale after.
  std::optional<ReadValue> value_at(std::size_t i) const {
    ReadValue v;
    v.first = i;
    if (is(i, "us") && is(i + 1, "$")) ++i;
    if (in(i) && m_t[i].kind == TokenKind::punct) {
      if (const auto c = detail::currency_of_symbol(m_t[i].folded)) {
        v.currency = *c;
        ++i;
      }
    }
    if (!in(i) || used(i)) return std::nullopt;
    if (is_number(i)) {
      const auto n = detail::parse_written_number(m_t[i].folded, m_language);
      if (!n) return std::nullopt;
      v.value = n->value;
      v.step = n->step;
      v.plain_integer = n->is_plain_integer;
      ++i;
    } else if (is_word(i)) {
      if (detail::is_one_article(m_t[i].folded) && is_any(i + 1, "halbe", "halben")) {
        v.value = 0.5;
        v.step = 0.5;
        i += 2;
      } else if (is(i, "half") && is_any(i + 1, "a", "an")) {
        v.value = 0.5;
        v.step = 0.5;
        i += 2;
      } else if (detail::is_one_article(m_t[i].folded) &&
                 detail::scale_of(in(i + 1) ? m_t[i + 1].folded : "", m_language)) {
        v.value = 1;
        ++i;
      } else if (const auto w = detail::number_word_value(m_t[i].folded)) {
        v.value = *w;
        v.step = *w >= 1 ? 1 : *w;
        ++i;
      } else {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
    if (in(i) && is_word(i)) {
      auto scale = detail::scale_of(m_t[i].folded, m_language);
      if (!scale && !v.currency.empty() && !m_t[i].space_before && m_t[i].folded == "m") {
        scale = 1e6;  // "$20m"
      }
      if (scale) {
        v.value *= *scale;
        v.step *= *scale;
        v.scaled = true;
        ++i;
        if (is(i, ".") && !m_t[i].space_before &&
            (m_t[i - 1].folded == "mio" || m_t[i - 1].folded == "mrd")) {
          ++i;
        }
      }
    }
    if (!std::isfinite(v.value) || !std::isfinite(v.step)) return std::nullopt;
    v.end = i;
    return v;
  }

  // A number that is part of a name or a measure, not a count: "Maia-1", "20-Fuß",
  // "152 mm", "Resolution 2270".
  bool is_label_number(std::size_t i) const {
    if (!is_number(i)) return false;
    if (is(i + 1, "-") && !m_t[i + 1].space_before && is_word(i + 2)) return true;
    if (is_any(i + 1, "mm", "cm", "km", "kg", "nm", "kn", "m")) return true;
    if (is(i - 1, "-") && !m_t[i].space_before && is_word(i - 2) && !m_t[i - 1].space_before) {
      return true;
    }
    return is_any(i - 1, "nr", "no", "resolution", "kapitel", "chapter", "seite", "page", "typ",
                  "type", "model", "modell");
  }

  // The bound phrase ending right before token `start`, and the token it starts at.
  std::optional<std::pair<const detail::BoundPhrase*, std::size_t>> bound_before(
      std::size_t start) const {
    for (const auto& phrase : detail::bound_phrases()) {
      const std::size_t n = phrase.words.size();
      if (start < m_begin + n) continue;
      bool match = true;
      for (std::size_t w = 0; w < n && match; ++w) {
        const std::size_t k = start - n + w;
        match = !used(k) && m_t[k].kind != TokenKind::number && m_t[k].folded == phrase.words[w];
      }
      if (match) return std::make_pair(&phrase, start - n);
    }
    return std::nullopt;
  }

  std::optional<Claim> read_claim(std::size_t i, std::size_t& next) {
    if (is_label_number(i)) return std::nullopt;
    const auto first = value_at(i);
    if (!first) return std::nullopt;
    ReadValue low = *first;
    ReadValue high = *first;
    Bound bound = Bound::exact;
    std::size_t start = first->first;
    std::size_t end = first->end;

    // A range: "4.000 bis 5.000", "4,2 bis 5,8 Millionen", "4-6 million", "zwischen A und B".
    const bool opened_between = is_any(start - 1, "zwischen", "between") && in(start - 1);
    const bool from_to = is_any(start - 1, "von", "from") && in(start - 1);
    if (is_any(end, "bis", "to", "-") || (opened_between && is_any(end, "und", "and"))) {
      if (const auto second = value_at(end + 1); second && !is_label_number(end + 1)) {
        ReadValue a = *first;
        if (!a.scaled && second->scaled) {
          const double factor = scale_factor(*second);
          a.value *= factor;
          a.step *= factor;
          if (!std::isfinite(a.value) || !std::isfinite(a.step)) return std::nullopt;
        }
        if (a.currency.empty()) a.currency = second->currency;
        if (a.value <= second->value) {
          low = a;
          high = *second;
          if (high.currency.empty()) high.currency = a.currency;
          bound = Bound::between;
          end = second->end;
          if (opened_between || from_to) --start;
        }
      }
    }
    if (bound == Bound::exact) {
      if (const auto phrase = bound_before(start)) {
        bound = phrase->first->bound;
        start = phrase->second;
      }
    }

    Claim claim;
    claim.quantity.bound = bound;
    claim.quantity.low = low.value;
    claim.quantity.high = high.value;
    claim.quantity.step = std::max(low.step, high.step);
    claim.unit = !high.currency.empty() ? high.currency : low.currency;
    std::size_t text_end = end;
    read_unit(end, claim, text_end);
    if (claim.unit.empty()) claim.unit = unit_named_before(start);
    if (claim.unit.empty()) {
      next = first->end;  // try the next token as a number of its own
      return std::nullopt;
    }
    next = std::max(end, text_end);
    // "15.000 Container oder mehr", "15,000 or more containers"
    for (const std::size_t k : {end, next}) {
      if (claim.quantity.bound == Bound::exact && is_any(k, "oder", "or", "und", "and") &&
          is_any(k + 1, "mehr", "more")) {
        claim.quantity.bound = Bound::at_least;
        if (k == next) text_end = next = k + 2;
      }
    }
    use(start, next);
    const std::size_t begin_byte = m_t[start].begin;
    const std::size_t end_byte = m_t[text_end - 1].end;
    claim.begin_byte = m_block.source_offset(begin_byte);
    claim.end_byte = m_block.source_offset(end_byte);
    claim.text = collapse(begin_byte, end_byte);
    return claim;
  }

  double scale_factor(const ReadValue& v) const {
    for (std::size_t k = v.first; k < v.end; ++k) {
      if (is_word(k)) {
        if (const auto s = detail::scale_of(m_t[k].folded, m_language)) return *s;
      }
    }
    return 1;
  }

  // A unit named before the figure: "die Zahl der Container auf rund 7.000", "the number of
  // containers at about 7,000".
  std::string unit_named_before(std::size_t start) const {
    constexpr std::size_t k_window = 8;
    for (std::size_t k = start; k-- > m_begin && start - k <= k_window;) {
      if (is_number(k)) break;
      if (!is_word(k)) continue;
      const auto unit = detail::unit_of_word(m_t[k].folded);
      if (unit && is_any(k - 1, "of", "der", "an", "von") &&
          is_any(k - 2, "number", "zahl", "anzahl", "total", "count", "summe")) {
        return *unit;
      }
    }
    return {};
  }

  // The unit, category and rate after a number ending at token `end`; `text_end` moves past
  // the unit word when one is found.
  void read_unit(std::size_t end, Claim& claim, std::size_t& text_end) const {
    std::size_t k = end;
    std::size_t words = 0;
    if (claim.unit.empty()) {
      for (; k < m_end && words < k_unit_window; ++k) {
        const Token& t = m_t[k];
        if (t.kind == TokenKind::number) {
          if (is_label_number(k)) continue;
          break;
        }
        if (t.kind == TokenKind::punct) {
          if (t.folded == "%") {
            claim.unit = "percent";
            text_end = k + 1;
            break;
          }
          if (t.folded == "-" || t.folded == "'" || t.folded == "’") continue;
          if (const auto c = detail::currency_of_symbol(t.folded); c && k == end) {
            claim.unit = *c;  // "20 Mrd. $"
            text_end = k + 1;
            break;
          }
          break;
        }
        ++words;
        if (const auto unit = detail::unit_of_word(t.folded)) {
          claim.unit = *unit;
          text_end = k + 1;
          break;
        }
        if (const auto category = detail::category_of_word(t.folded)) {
          claim.unit = "soldiers";
          claim.category = combined_category(k, *category, text_end);
          break;
        }
      }
    } else {
      // The currency came with a symbol; "US-Dollar" after the number still belongs to it.
      for (std::size_t j = end; j < end + 3 && j < m_end; ++j) {
        if (is_word(j) && detail::unit_of_word(m_t[j].folded) == claim.unit) text_end = j + 1;
      }
    }
    if (claim.unit == "soldiers" && claim.category.empty()) {
      for (std::size_t j = text_end; j < m_end && j < text_end + k_category_window; ++j) {
        if (is_number(j) || (is_word(j) && detail::number_word_value(m_t[j].folded))) break;
        if (!is_word(j)) continue;
        if (const auto category = detail::category_of_word(m_t[j].folded)) {
          std::size_t unused = 0;
          claim.category = combined_category(j, *category, unused);
          break;
        }
      }
    }
    if (!claim.unit.empty()) {
      std::size_t rate_tokens = 0;
      claim.unit += rate_after(text_end, rate_tokens);
      text_end += rate_tokens;
    }
  }

  // "gefallen oder verletzt", "killed or wounded", "Tote und Verletzte": one category.
  std::string combined_category(std::size_t k, const std::string& category,
                                std::size_t& text_end) const {
    text_end = k + 1;
    if (is_any(k + 1, "oder", "or", "und", "and", "bzw", "/", "-")) {
      std::size_t j = k + 2;
      if (is(j, ".")) ++j;  // "bzw."
      if (is_word(j)) {
        if (const auto other = detail::category_of_word(m_t[j].folded);
            other && *other != category) {
          text_end = j + 1;
          return "killed_or_wounded";
        }
      }
    }
    return category;
  }

  // "pro Monat", "per year", "je Container": the unit becomes a ratio; `tokens` is how many
  // tokens the phrase used.
  std::string rate_after(std::size_t k, std::size_t& tokens) const {
    tokens = 2;
    // "266 bis 367 Schuss pro Container": a ratio, not a total.
    if (is_any(k, "pro", "per", "je", "each") && is_word(k + 1)) {
      if (const auto per = detail::unit_of_word(m_t[k + 1].folded)) return "/" + *per;
    }
    if (is_any(k, "pro", "per", "je", "a", "each", "im", "every") && in(k + 1)) {
      if (is_any(k + 1, "monat", "month")) return "/month";
      if (is_any(k + 1, "jahr", "year", "annum")) return "/year";
    }
    tokens = 1;
    if (is_any(k, "monatlich", "monthly")) return "/month";
    if (is_any(k, "jährlich", "annually", "yearly")) return "/year";
    tokens = 0;
    return {};
  }

  const Block& m_block;
  const std::vector<Token>& m_t;
  std::size_t m_begin;
  std::size_t m_end;
  Language m_language;
  std::vector<bool> m_used;
  std::optional<TimeSpan> m_span;
};

}  // namespace

std::vector<Claim> extract_claims(const Article& article) {
  const Language language = article.language == "en" ? Language::en : Language::de;
  std::vector<Claim> claims;
  for (const auto& block : article.blocks) {
    const std::vector<Token> tokens = detail::tokenize(block.text);
    std::size_t previous_sentence = claims.size();  // first claim of the previous sentence
    for (const auto& s : detail::split_sentences(tokens)) {
      const std::size_t first = claims.size();
      SentenceReader reader(block, tokens, s.begin, s.end, language);
      reader.read(claims);
      if (claims.size() == first) {
        const std::string source = reader.attribution_only_source();
        for (std::size_t k = previous_sentence; k < first && !source.empty(); ++k) {
          if (claims[k].source.empty()) claims[k].source = source;
        }
      }
      previous_sentence = first;
    }
  }
  return claims;
}

std::vector<Claim> extract_from_sentence(std::string_view text, std::string_view language) {
  Article article;
  article.language = std::string(language);
  Block block;
  block.text = std::string(text);
  block.anchors.push_back({0, 0, true, 0});
  article.blocks.push_back(std::move(block));
  return extract_claims(article);
}

}  // namespace darkfleet::claims
