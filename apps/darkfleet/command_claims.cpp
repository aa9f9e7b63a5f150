#include "command_claims.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "claims_report.hpp"
#include "darkfleet/claims/article.hpp"
#include "darkfleet/claims/estimates.hpp"
#include "darkfleet/claims/extract.hpp"
#include "darkfleet/claims/ledger_store.hpp"
#include "output.hpp"

namespace darkfleet::cli {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr && f != stdin) std::fclose(f);
  }
};

// Reads at most max_bytes + 1 bytes of `path` ("-" is stdin): enough to tell "too large"
// without reading a huge file into memory.
std::string read_bounded(const std::string& path, std::size_t max_bytes) {
  std::unique_ptr<std::FILE, FileCloser> file(path == "-" ? stdin : std::fopen(path.c_str(), "rb"));
  if (!file)
    throw std::runtime_error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::string bytes;
  char chunk[1 << 16];
  while (bytes.size() <= max_bytes) {
    const std::size_t n = std::fread(chunk, 1, sizeof chunk, file.get());
    bytes.append(chunk, n);
    if (n < sizeof chunk) break;
  }
  if (std::ferror(file.get()) != 0) {
    throw std::runtime_error(fmt::format("{}: read failed: {}", path, std::strerror(errno)));
  }
  return bytes;
}

std::string error_text(ErrorCode code, std::size_t max_bytes) {
  switch (code) {
    case ErrorCode::empty_article: return "empty_article: no visible text";
    case ErrorCode::binary_article:
      return "binary_article: NUL bytes or mostly invalid UTF-8 (not a text or HTML article)";
    case ErrorCode::article_too_large:
      return fmt::format("article_too_large: more than {} bytes (see --max-bytes)", max_bytes);
    default: return std::string(to_string(code));
  }
}

claims::ArticleFormat article_format(const std::string& name) {
  if (name == "text") return claims::ArticleFormat::text;
  if (name == "html") return claims::ArticleFormat::html;
  return claims::ArticleFormat::automatic;
}

}  // namespace

void ClaimsCommand::setup(CLI::App& app) {
  app.footer(
      "Numeric claims in news and reports (German and English): figures with their bounds,\n"
      "units, periods, sources and hedges, kept in a ledger and checked against each other\n"
      "and against darkfleet's estimates. Rules: src/claims/README.md.\n"
      "Manual: darkfleet help claims");
  app.require_subcommand(1);

  auto add_article_options = [this](CLI::App* sub) {
    sub->add_option("article", m_article, "Article file (plain text or HTML); '-' is stdin")
        ->required()
        ->type_name("ARTICLE");
    sub->add_option("--input-format", m_input_format, "auto (default), text or html")
        ->check(CLI::IsMember({"auto", "text", "html"}))
        ->type_name("FORMAT");
    sub->add_option("--max-bytes", m_max_bytes,
                    "Refuse articles larger than this (default 16777216)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
        ->type_name("N");
  };
  auto add_db_option = [this](CLI::App* sub) {
    sub->add_option("--db", m_db,
                    "Ledger database (SQLite; created if missing; default darkfleet.db)")
        ->type_name("FILE");
  };
  auto add_format_option = [this](CLI::App* sub) {
    sub->add_option("-f,--format", m_format, "Output: text (default) or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}))
        ->type_name("FORMAT");
  };

  m_add = app.add_subcommand("add", "Extract an article's claims into the ledger");
  m_add->footer(
      "ARTICLE is plain text (first line headline, '- ' bullets teaser, paragraphs body) or\n"
      "HTML (<h1>/<title>, teaser lists and lead paragraphs, <p>). German or English.\n"
      "The same bytes are added once. Manual: darkfleet help claims");
  add_article_options(m_add);
  add_db_option(m_add);
  m_add->add_option("--publisher", m_publisher, "Who published the article")->type_name("NAME");
  m_add->add_option("--date", m_date, "When it was published (YYYY-MM-DD)")->type_name("DATE");
  m_add->add_option("--url", m_url, "Where it was published")->type_name("URL");

  m_list = app.add_subcommand("list", "Show every claim in the ledger");
  m_list->footer(
      "Text columns: id, article, placement, quantity (>=x at least, <=x at most, ~x about,\n"
      "a-b between), unit[/category], period, source, hedge, the claim's text.");
  add_db_option(m_list);
  add_format_option(m_list);

  m_check = app.add_subcommand("check",
                               "Compare the ledger's claims: agreement, conflicts, changed "
                               "categories, lost hedges or sources, estimates");
  m_check->footer(
      "Claims are grouped by unit and category (containers, rounds, soldiers/killed, ...).\n"
      "Two claims agree when the values they admit overlap: exact +-half the rounding step\n"
      "(15.800 -> 15750..15850), about +-10 %, at least [x, inf), at most [0, x], between\n"
      "[a, b]. Findings: consistent, conflicting, changed_category, lost_hedge, lost_source,\n"
      "estimate_inside|below|above|overlaps. Manual: darkfleet help claims");
  add_db_option(m_check);
  add_format_option(m_check);
  m_check
      ->add_option("--estimates", m_estimates,
                   "JSON file of darkfleet's estimates: [{name, unit, category, low, high}]")
      ->type_name("FILE");

  m_extract = app.add_subcommand("extract", "Show an article's claims without a ledger");
  m_extract->footer("The same columns as `claims list`; nothing is stored.");
  add_article_options(m_extract);
  add_format_option(m_extract);
}

int ClaimsCommand::run() {
  if (m_add->parsed()) return run_add();
  if (m_list->parsed()) return run_list();
  if (m_check->parsed()) return run_check();
  return run_extract();
}

namespace {

struct ReadArticle {
  std::string bytes;
  claims::Article article;
};

ReadArticle read_article(const std::string& path, const std::string& input_format,
                         std::size_t max_bytes) {
  ReadArticle out;
  out.bytes = read_bounded(path, max_bytes);
  claims::ArticleLimits limits;
  limits.max_bytes = max_bytes;
  auto article = claims::parse_article(out.bytes, article_format(input_format), limits);
  if (!article) {
    throw std::runtime_error(fmt::format("{}: {}", path == "-" ? "<stdin>" : path,
                                         error_text(article.error(), max_bytes)));
  }
  out.article = std::move(*article);
  return out;
}

}  // namespace

int ClaimsCommand::run_add() {
  const ReadArticle read = read_article(m_article, m_input_format, m_max_bytes);
  claims::LedgerStore store(m_db);
  const std::string hash = claims::content_hash(read.bytes);
  if (const auto existing = store.find_article(hash)) {
    fmt::print(stderr, "{}: already in the ledger as article {}\n", m_article, *existing);
    return k_exit_ok;
  }
  const auto found = claims::extract_claims(read.article);
  claims::ArticleRecord record;
  record.path = m_article;
  record.publisher = m_publisher;
  record.published = m_date;
  record.url = m_url;
  record.title = read.article.title;
  record.language = read.article.language;
  record.content_hash = hash;
  const std::int64_t id = store.add_article(record, found);
  fmt::print(stderr, "{}: article {} ({}), {} claims\n", m_article, id, read.article.language,
             found.size());
  return k_exit_ok;
}

int ClaimsCommand::run_list() {
  claims::LedgerStore store(m_db);
  Output out("-", true);
  append_claims(out.buffer(), store.claims(), m_format == "json");
  out.close();
  return k_exit_ok;
}

int ClaimsCommand::run_check() {
  claims::LedgerStore store(m_db);
  std::vector<claims::Estimate> estimates = store.estimates();
  if (!m_estimates.empty()) {
    const auto from_file = claims::read_estimates_file(m_estimates);
    estimates.insert(estimates.end(), from_file.begin(), from_file.end());
  }
  const auto all = store.claims();
  const auto findings = claims::check_claims(all, estimates);
  Output out("-", true);
  append_findings(out.buffer(), findings, m_format == "json");
  out.close();
  fmt::print(stderr, "{} claims, {} estimates, {} findings\n", all.size(), estimates.size(),
             findings.size());
  return k_exit_ok;
}

int ClaimsCommand::run_extract() {
  const ReadArticle read = read_article(m_article, m_input_format, m_max_bytes);
  std::vector<claims::LedgerClaim> found;
  for (auto& claim : claims::extract_claims(read.article)) {
    claims::LedgerClaim lc;
    lc.id = static_cast<std::int64_t>(found.size()) + 1;  // position in the article
    lc.claim = std::move(claim);
    found.push_back(std::move(lc));
  }
  Output out("-", true);
  append_claims(out.buffer(), found, m_format == "json");
  out.close();
  return k_exit_ok;
}

}  // namespace darkfleet::cli
