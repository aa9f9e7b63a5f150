#include "vocabulary.hpp"

#include <algorithm>
#include <initializer_list>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "tokenizer.hpp"

namespace darkfleet::claims::detail {
namespace {

using WordSet = std::unordered_set<std::string>;

WordSet folded_set(std::initializer_list<std::string_view> words) {
  WordSet set;
  for (const auto w : words) set.insert(fold(w));
  return set;
}

template <typename V>
std::unordered_map<std::string, V> folded_map(
    std::initializer_list<std::pair<std::string_view, V>> entries) {
  std::unordered_map<std::string, V> map;
  for (const auto& [w, v] : entries) map.emplace(fold(w), v);
  return map;
}

// Inflected forms share a stem: "Container", "Containern", "containers".
struct Stem {
  std::string stem;
  std::string meaning;
  bool exact = false;  // the word must equal the stem ("won", "schuss")
};

std::vector<Stem> folded_stems(std::initializer_list<Stem> stems) {
  std::vector<Stem> out;
  for (const auto& s : stems) out.push_back({fold(s.stem), s.meaning, s.exact});
  return out;
}

// German compounds name their head last: "Munitionslieferungen" are deliveries,
// "Containerschiffe" ships. So the stem found latest in the word wins, if at most a short
// inflection follows it; otherwise a stem the word starts with ("Munitionseinheiten").
std::optional<std::string> match_stem(const std::vector<Stem>& stems, std::string_view folded) {
  constexpr std::size_t k_max_inflection = 4;        // "-n", "-en", "-ern", "-s", "-es"
  constexpr std::size_t k_min_exact_head_bytes = 5;  // "-schuss" yes, "-won", "-mann" no
  const Stem* best = nullptr;
  std::size_t best_pos = 0;
  for (const auto& s : stems) {
    const std::size_t pos = folded.rfind(s.stem);
    if (pos == std::string_view::npos) continue;
    const std::size_t tail = folded.size() - pos - s.stem.size();
    const bool fits = s.exact ? tail == 0 && (pos == 0 || s.stem.size() >= k_min_exact_head_bytes)
                              : tail <= k_max_inflection;
    if (!fits) continue;
    if (best == nullptr || pos > best_pos ||
        (pos == best_pos && s.stem.size() > best->stem.size())) {
      best = &s;
      best_pos = pos;
    }
  }
  if (best != nullptr) return best->meaning;
  for (const auto& s : stems) {
    if (!s.exact && folded.starts_with(s.stem)) return s.meaning;
  }
  return std::nullopt;
}

bool contains(const WordSet& set, std::string_view folded) {
  return set.find(std::string(folded)) != set.end();
}

}  // namespace

const std::vector<BoundPhrase>& bound_phrases() {
  static const std::vector<BoundPhrase> phrases = [] {
    struct Raw {
      std::string_view text;
      Bound bound;
      bool hedge;
    };
    const Raw raw[] = {
        {"nicht mehr als", Bound::at_most, false},
        {"no more than", Bound::at_most, false},
        {"mehr als", Bound::at_least, false},
        {"more than", Bound::at_least, false},
        {"über", Bound::at_least, false},
        {"mindestens", Bound::at_least, false},
        {"wenigstens", Bound::at_least, false},
        {"over", Bound::at_least, false},
        {"at least", Bound::at_least, false},
        {"upwards of", Bound::at_least, false},
        {"in excess of", Bound::at_least, false},
        {">", Bound::at_least, false},
        {"≥", Bound::at_least, false},
        {"bis zu", Bound::at_most, false},
        {"up to", Bound::at_most, false},
        {"höchstens", Bound::at_most, false},
        {"maximal", Bound::at_most, false},
        {"at most", Bound::at_most, false},
        {"as many as", Bound::at_most, false},
        {"weniger als", Bound::at_most, false},
        {"less than", Bound::at_most, false},
        {"fewer than", Bound::at_most, false},
        {"unter", Bound::at_most, false},
        {"under", Bound::at_most, false},
        {"bis", Bound::at_most, false},
        {"<", Bound::at_most, false},
        {"≤", Bound::at_most, false},
        {"etwa", Bound::about, false},
        {"rund", Bound::about, false},
        {"ca .", Bound::about, false},
        {"ca", Bound::about, false},
        {"circa", Bound::about, false},
        {"zirka", Bound::about, false},
        {"ungefähr", Bound::about, false},
        {"knapp", Bound::about, false},
        {"fast", Bound::about, false},
        {"nahezu", Bound::about, false},
        {"beinahe", Bound::about, false},
        {"annähernd", Bound::about, false},
        {"gut", Bound::about, false},
        {"schätzungsweise", Bound::about, true},
        {"geschätzte", Bound::about, true},
        {"geschätzten", Bound::about, true},
        {"geschätzt", Bound::about, true},
        {"about", Bound::about, false},
        {"around", Bound::about, false},
        {"approximately", Bound::about, false},
        {"approx .", Bound::about, false},
        {"roughly", Bound::about, false},
        {"some", Bound::about, false},
        {"nearly", Bound::about, false},
        {"almost", Bound::about, false},
        {"close to", Bound::about, false},
        {"an estimated", Bound::about, true},
        {"estimated", Bound::about, true},
        {"~", Bound::about, false},
        {"≈", Bound::about, false},
    };
    std::vector<BoundPhrase> out;
    for (const auto& r : raw) {
      BoundPhrase p{{}, r.bound, r.hedge};
      std::string_view text = r.text;
      while (!text.empty()) {
        const auto space = text.find(' ');
        p.words.push_back(fold(text.substr(0, space)));
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
      }
      out.push_back(std::move(p));
    }
    // Longest first, so that "no more than" wins over "more than".
    std::stable_sort(out.begin(), out.end(), [](const BoundPhrase& a, const BoundPhrase& b) {
      return a.words.size() > b.words.size();
    });
    return out;
  }();
  return phrases;
}

std::optional<double> scale_of(std::string_view folded, Language language) {
  static const auto scales = folded_map<double>({
      {"tausend", 1e3},
      {"thousand", 1e3},
      {"million", 1e6},
      {"millionen", 1e6},
      {"mio", 1e6},
      {"mn", 1e6},
      {"milliarde", 1e9},
      {"milliarden", 1e9},
      {"mrd", 1e9},
      {"bn", 1e9},
      {"bln", 1e9},
      {"billionen", 1e12},
      {"trillion", 1e12},
      {"tn", 1e12},
  });
  if (folded == "billion") return language == Language::de ? 1e12 : 1e9;
  const auto it = scales.find(std::string(folded));
  if (it == scales.end()) return std::nullopt;
  return it->second;
}

std::optional<double> number_word_value(std::string_view folded) {
  static const auto words = folded_map<double>({
      {"eins", 1},      {"zwei", 2},      {"drei", 3},     {"vier", 4},     {"fünf", 5},
      {"sechs", 6},     {"sieben", 7},    {"acht", 8},     {"neun", 9},     {"zehn", 10},
      {"elf", 11},      {"zwölf", 12},    {"zwanzig", 20}, {"dreißig", 30}, {"vierzig", 40},
      {"fünfzig", 50},  {"sechzig", 60},  {"siebzig", 70}, {"achtzig", 80}, {"neunzig", 90},
      {"hundert", 100}, {"one", 1},       {"two", 2},      {"three", 3},    {"four", 4},
      {"five", 5},      {"six", 6},       {"seven", 7},    {"eight", 8},    {"nine", 9},
      {"ten", 10},      {"eleven", 11},   {"twelve", 12},  {"twenty", 20},  {"thirty", 30},
      {"forty", 40},    {"fifty", 50},    {"sixty", 60},   {"seventy", 70}, {"eighty", 80},
      {"ninety", 90},   {"hundred", 100}, {"dutzend", 12}, {"dozen", 12},   {"halbe", 0.5},
      {"halben", 0.5},  {"half", 0.5},
  });
  const auto it = words.find(std::string(folded));
  if (it == words.end()) return std::nullopt;
  return it->second;
}

bool is_one_article(std::string_view folded) {
  static const auto set = folded_set({"ein", "eine", "einer", "einen", "a", "an"});
  return contains(set, folded);
}

std::optional<std::string> unit_of_word(std::string_view folded) {
  static const auto stems = folded_stems({
      {"container", "containers"},
      {"teu", "containers", true},
      {"artilleriegranate", "rounds"},
      {"granate", "rounds"},
      {"geschoss", "rounds"},
      {"schuss", "rounds", true},
      {"munition", "rounds"},
      {"rounds", "rounds", true},
      {"shell", "rounds"},
      {"projectile", "rounds"},
      {"projektil", "rounds"},
      {"rakete", "rockets"},
      {"rocket", "rockets"},
      {"missile", "missiles"},
      {"marschflugkörper", "missiles"},
      {"soldat", "soldiers"},
      {"soldier", "soldiers"},
      {"troop", "soldiers"},
      {"truppe", "soldiers"},
      {"kämpfer", "soldiers"},
      {"mann", "soldiers", true},
      {"lieferung", "deliveries"},
      {"deliveries", "deliveries", true},
      {"delivery", "deliveries", true},
      {"shipment", "deliveries"},
      {"voyage", "deliveries"},
      {"fahrten", "deliveries", true},
      {"überfahrt", "deliveries"},
      {"schiffsladung", "deliveries"},
      {"schiffe", "ships", true},
      {"schiffen", "ships", true},
      {"ships", "ships", true},
      {"vessel", "ships"},
      {"frachter", "ships"},
      {"dollar", "usd"},
      {"usd", "usd", true},
      {"euro", "eur"},
      {"eur", "eur", true},
      {"won", "krw", true},
      {"krw", "krw", true},
      {"rubel", "rub"},
      {"ruble", "rub"},
      {"rouble", "rub"},
      {"tonne", "tonnes"},
      {"prozent", "percent", true},
      {"percent", "percent", true},
      {"%", "percent", true},
      {"arbeiter", "workers"},
      {"workers", "workers", true},
  });
  return match_stem(stems, folded);
}

std::optional<std::string> currency_of_symbol(std::string_view symbol) {
  if (symbol == "$") return "usd";
  if (symbol == "€") return "eur";
  if (symbol == "₩") return "krw";
  if (symbol == "₽") return "rub";
  return std::nullopt;
}

std::optional<std::string> category_of_word(std::string_view folded) {
  static const auto stems = folded_stems({
      {"gefallen", "killed"},
      {"getötet", "killed"},
      {"tote", "killed"},
      {"tot", "killed", true},
      {"todesopfer", "killed"},
      {"killed", "killed", true},
      {"dead", "killed", true},
      {"deaths", "killed", true},
      {"died", "killed", true},
      {"starben", "killed", true},
      {"verletzt", "wounded"},
      {"verwundet", "wounded"},
      {"wounded", "wounded", true},
      {"injured", "wounded", true},
      {"verluste", "killed_or_wounded"},
      {"casualties", "killed_or_wounded", true},
  });
  return match_stem(stems, folded);
}

std::optional<int> month_of_word(std::string_view folded) {
  static const auto months = folded_map<int>({
      {"januar", 1},    {"jan", 1},       {"january", 1},  {"jänner", 1},    {"februar", 2},
      {"feb", 2},       {"february", 2},  {"märz", 3},     {"mär", 3},       {"maerz", 3},
      {"march", 3},     {"mar", 3},       {"april", 4},    {"apr", 4},       {"mai", 5},
      {"may", 5},       {"juni", 6},      {"jun", 6},      {"june", 6},      {"juli", 7},
      {"jul", 7},       {"july", 7},      {"august", 8},   {"aug", 8},       {"september", 9},
      {"sep", 9},       {"sept", 9},      {"oktober", 10}, {"okt", 10},      {"october", 10},
      {"oct", 10},      {"november", 11}, {"nov", 11},     {"dezember", 12}, {"dez", 12},
      {"december", 12}, {"dec", 12},
  });
  const auto it = months.find(std::string(folded));
  if (it == months.end()) return std::nullopt;
  return it->second;
}

bool is_hedge_word(std::string_view folded) {
  static const auto stems = folded_stems({
      {"angeblich", "h"},
      {"mutmaßlich", "h"},
      {"vermutlich", "h", true},
      {"offenbar", "h", true},
      {"möglicherweise", "h", true},
      {"schätzungsweise", "h", true},
      {"geschätzt", "h"},
      {"soll", "h", true},
      {"sollen", "h", true},
      {"dürfte", "h"},
      {"unbestätigt", "h"},
      {"reportedly", "h", true},
      {"allegedly", "h", true},
      {"alleged", "h", true},
      {"purportedly", "h", true},
      {"supposedly", "h", true},
      {"estimated", "h", true},
      {"possibly", "h", true},
      {"unconfirmed", "h", true},
      {"apparently", "h", true},
      {"believed", "h", true},
  });
  return match_stem(stems, folded).has_value();
}

const std::vector<std::vector<std::string>>& source_lead_phrases() {
  static const std::vector<std::vector<std::string>> phrases = {
      {"nach", "angaben"}, {"according", "to"}, {"laut"}, {"citing"}, {fold("gemäß")},
  };
  return phrases;
}

bool is_report_noun(std::string_view folded) {
  static const auto set = folded_set({
      "studie",      "untersuchung", "bericht",      "berichten",  "analyse",       "schätzung",
      "schätzungen", "angaben",      "recherche",    "recherchen", "auswertung",    "daten",
      "zahlen",      "study",        "report",       "analysis",   "investigation", "estimate",
      "estimates",   "assessment",   "data",         "figures",    "research",      "sprecher",
      "spokesman",   "spokeswoman",  "spokesperson",
  });
  return contains(set, folded);
}

bool is_saying_verb(std::string_view folded) {
  static const auto set = folded_set({
      "berichten",  "berichtet",   "berichtete", "berichteten", "meldet",   "meldete",
      "melden",     "schreibt",    "schrieb",    "schätzt",     "schätzen", "schätzte",
      "zeigt",      "zeigen",      "zeigte",     "sagt",        "sagte",    "sagten",
      "erklärt",    "erklärte",    "zufolge",    "said",        "says",     "say",
      "reported",   "reports",     "estimates",  "estimated",   "shows",    "showed",
      "show",       "found",       "finds",      "told",        "wrote",    "writes",
      "claimed",    "claims",      "stated",     "concluded",   "counted",  "counts",
      "puts",       "put",         "zählte",     "zählten",     "zählt",    "beziffert",
      "bezifferte", "bezifferten",
  });
  return contains(set, folded);
}

bool is_filler_adverb(std::string_view folded) {
  static const auto set = folded_set({
      "earlier",
      "also",
      "previously",
      "recently",
      "already",
      "now",
      "first",
      "auch",
      "bereits",
      "zuvor",
      "kürzlich",
      "jüngst",
      "nun",
      "zuletzt",
      "jetzt",
      "erst",
      "ebenfalls",
  });
  return contains(set, folded);
}

bool is_name_connector(std::string_view folded) {
  static const auto set = folded_set({
      "der",   "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem",
      "einen", "the", "a",   "an",  "of",  "for", "für", "von",  "vom",   "zur",   "zum",
      "und",   "and", "&",   "'",   "’",   "s",   "-",   "on",   "in",    "im",
  });
  return contains(set, folded);
}

bool is_article_word(std::string_view folded) {
  static const auto set = folded_set({
      "der",
      "die",
      "das",
      "des",
      "dem",
      "den",
      "ein",
      "eine",
      "einer",
      "eines",
      "einem",
      "einen",
      "the",
      "a",
      "an",
  });
  return contains(set, folded);
}

bool is_abbreviation(std::string_view folded) {
  static const auto set = folded_set({
      "mio", "mrd",  "ca",  "bzw",  "dr",  "nr",  "vgl",    "etc",  "usw", "inkl", "rd",
      "st",  "mr",   "mrs", "ms",   "jan", "feb", "mär",    "apr",  "jun", "jul",  "aug",
      "sep", "sept", "okt", "oct",  "nov", "dez", "dec",    "prof", "gen", "lt",   "col",
      "gov", "no",   "vs",  "evtl", "ggf", "sog", "approx", "bn",   "mn",  "tsd",  "zit",
  });
  return folded.size() == 1 || contains(set, folded);
}

bool is_german_function_word(std::string_view folded) {
  static const auto set = folded_set({
      "der", "die", "das",  "und", "ist",   "nicht", "mit",  "von",    "zu",     "den",
      "dem", "ein", "eine", "auf", "für",   "sich",  "auch", "als",    "nach",   "laut",
      "wie", "bei", "sind", "hat", "haben", "oder",  "über", "wurden", "sollen", "bis",
  });
  return contains(set, folded);
}

bool is_english_function_word(std::string_view folded) {
  static const auto set = folded_set({
      "the",  "and",  "of",        "to",   "is",      "was",  "were",  "that",
      "with", "for",  "on",        "by",   "as",      "from", "has",   "have",
      "are",  "this", "according", "than", "between", "up",   "which",
  });
  return contains(set, folded);
}

}  // namespace darkfleet::claims::detail
