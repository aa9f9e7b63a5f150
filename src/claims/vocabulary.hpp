// The words the extraction rules know, in German and English. Lists are written as a reader
// would spell them and case-folded once, so that "Über", "über" and "ÜBER" all match.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/claims/claim.hpp"
#include "number_format.hpp"

namespace darkfleet::claims::detail {

/// A phrase of folded words (and punctuation) with what it means.
struct BoundPhrase {
  std::vector<std::string> words;
  Bound bound;
  bool hedge = false;  ///< "schätzungsweise", "an estimated": a bound that also hedges
};

/// Phrases before a number that bound it, longest first.
const std::vector<BoundPhrase>& bound_phrases();

/// The power of ten of a scale word ("Millionen" 1e6, "bn" 1e9; German "Billion" 1e12 but
/// English "billion" 1e9), nullopt for other words.
std::optional<double> scale_of(std::string_view folded, Language language);

/// The value of a number word ("vier" 4, "twenty" 20, "hundert" 100), nullopt otherwise.
/// Articles ("ein", "a") count as 1 only before a scale word; the caller checks.
std::optional<double> number_word_value(std::string_view folded);
/// Whether `folded` is an article that reads as "one" before a scale ("eine Million").
bool is_one_article(std::string_view folded);

/// The canonical unit a noun names ("Containern" -> "containers", "Granaten" -> "rounds",
/// "Dollar" -> "usd"), nullopt for other words. Matches inflected forms by prefix.
std::optional<std::string> unit_of_word(std::string_view folded);
/// The currency a symbol names ("$" -> "usd", "€" -> "eur", "₩" -> "krw").
std::optional<std::string> currency_of_symbol(std::string_view symbol);

/// The casualty category a word names: "killed" (gefallen, getötet, Tote, killed, dead),
/// "wounded" (verletzt, verwundet, wounded, injured) or "killed_or_wounded" (Verluste,
/// casualties).
std::optional<std::string> category_of_word(std::string_view folded);

/// The month (1-12) a word names ("März", "Mar", "March"), nullopt otherwise.
std::optional<int> month_of_word(std::string_view folded);

/// Whether `folded` is a hedge word ("angeblich", "sollen", "reportedly", "allegedly", ...).
bool is_hedge_word(std::string_view folded);

/// Words that introduce a source after them ("laut", "according to", "citing").
const std::vector<std::vector<std::string>>& source_lead_phrases();
/// Nouns of reports whose author follows ("Untersuchung des", "study by").
bool is_report_noun(std::string_view folded);
/// Verbs of saying: the source stands before them, or after them when a comma precedes.
bool is_saying_verb(std::string_view folded);
/// Adverbs that stand between a source and its verb ("earlier", "bereits") but are no name.
bool is_filler_adverb(std::string_view folded);
/// Articles, prepositions and conjunctions allowed inside a source's name.
bool is_name_connector(std::string_view folded);
/// Articles that may start a source phrase ("der", "the").
bool is_article_word(std::string_view folded);

/// Words that end a sentence-internal abbreviation ("Mio.", "ca.", "z. B.", "U.S.").
bool is_abbreviation(std::string_view folded);

/// German and English function words, for guessing the language of an article.
bool is_german_function_word(std::string_view folded);
bool is_english_function_word(std::string_view folded);

}  // namespace darkfleet::claims::detail
