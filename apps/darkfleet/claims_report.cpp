#include "claims_report.hpp"

#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace darkfleet::cli {
namespace {

std::string number_text(double v) {
  return fmt::format("{:.15g}", v);
}

}  // namespace

std::string quantity_text(const claims::Quantity& q) {
  switch (q.bound) {
    case claims::Bound::exact: return number_text(q.low);
    case claims::Bound::about: return "~" + number_text(q.low);
    case claims::Bound::at_least: return ">=" + number_text(q.low);
    case claims::Bound::at_most: return "<=" + number_text(q.high);
    case claims::Bound::between: return number_text(q.low) + "-" + number_text(q.high);
  }
  return number_text(q.low);
}

void append_claim_json(std::string& out, const claims::LedgerClaim& lc) {
  const claims::Claim& c = lc.claim;
  nlohmann::ordered_json j;
  j["id"] = lc.id;
  j["article"] = lc.article_id;
  j["placement"] = std::string(to_string(c.placement));
  j["bound"] = std::string(to_string(c.quantity.bound));
  j["low"] = c.quantity.low;
  j["high"] = c.quantity.high;
  j["step"] = c.quantity.step;
  j["unit"] = c.unit;
  j["category"] = c.category;
  j["from"] = c.span ? c.span->from : "";
  j["to"] = c.span ? c.span->to : "";
  j["source"] = c.source;
  j["hedge"] = c.hedge;
  j["begin"] = c.begin_byte;
  j["end"] = c.end_byte;
  j["text"] = c.text;
  j["sentence"] = c.sentence;
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
}

void append_claim_text(std::string& out, const claims::LedgerClaim& lc) {
  const claims::Claim& c = lc.claim;
  const std::string unit = c.category.empty() ? c.unit : c.unit + "/" + c.category;
  std::string period;
  if (c.span) period = fmt::format("{}..{}", c.span->from, c.span->to);
  fmt::format_to(std::back_inserter(out), "#{:<4} a{:<3} {:<8} {:>22} {:<26} {:<17}", lc.id,
                 lc.article_id, to_string(c.placement), quantity_text(c.quantity), unit, period);
  if (!c.source.empty()) fmt::format_to(std::back_inserter(out), " source=\"{}\"", c.source);
  if (!c.hedge.empty()) fmt::format_to(std::back_inserter(out), " hedge=\"{}\"", c.hedge);
  fmt::format_to(std::back_inserter(out), "  \"{}\"\n", c.text);
}

void append_finding_json(std::string& out, const claims::Finding& f) {
  nlohmann::ordered_json j;
  j["kind"] = std::string(to_string(f.kind));
  j["group"] = f.group;
  j["claims"] = f.claim_ids;
  if (!f.estimate.empty()) j["estimate"] = f.estimate;
  j["message"] = f.message;
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
}

void append_finding_text(std::string& out, const claims::Finding& f) {
  fmt::format_to(std::back_inserter(out), "[{}] {}: {}\n", to_string(f.kind), f.group, f.message);
}

void append_claims(std::string& out, const std::vector<claims::LedgerClaim>& all, bool json) {
  for (const auto& c : all) json ? append_claim_json(out, c) : append_claim_text(out, c);
}

void append_findings(std::string& out, const std::vector<claims::Finding>& all, bool json) {
  for (const auto& f : all) json ? append_finding_json(out, f) : append_finding_text(out, f);
}

}  // namespace darkfleet::cli
