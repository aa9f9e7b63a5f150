#include "estimate_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace darkfleet::cli {
namespace {

using estimate::Output;
using estimate::Reference;

using estimate::human;

/// Where the published interval lies against ours (p5-p95).
std::string relation(const Reference& r, const Output& o) {
  const auto& i = o.interval;
  if (r.high < i.p5) return "below our 90 % interval";
  if (r.low > i.p95) return "above our 90 % interval";
  if (r.low >= i.p5 && r.high <= i.p95) return "inside our 90 % interval";
  return "overlaps our 90 % interval";
}

/// "a" or "a-b".
std::string span(double a, double b) {
  return human(a) == human(b) ? human(a) : human(a) + "-" + human(b);
}

/// Why a published figure and ours differ: the assumptions that move the output most, and
/// for the total of rounds the per-container figure the publication implies.
std::string why(const Reference& r, const Output& o, const estimate::Result& result,
                const estimate::Model& model) {
  std::string text;
  if (o.id == "rounds_total") {
    const double containers = model.assumptions.at("containers").mode;
    const double share = model.assumptions.at("munitions_share").mode;
    text += fmt::format(
        "it implies {} munitions per container ({} per munitions container at a munitions "
        "share of {}); ",
        span(r.low / containers, r.high / containers),
        span(r.low / containers / share, r.high / containers / share), share);
  }
  if (o.id == "value_total_usd" || o.id == "value_munitions_usd" || o.id == "value_weapons_usd") {
    const double rounds = result.output("rounds_total").interval.p50;
    const auto p50 = [&](const char* id) { return result.output(id).interval.p50; };
    double others = 0;
    const char* after = "";
    if (o.id == "value_total_usd") {
      others = p50("value_missiles_usd") + p50("value_troops_usd") + p50("value_technology_usd");
      after = " after our median missiles, troops and technology";
    } else if (o.id == "value_weapons_usd") {
      others = p50("value_missiles_usd");
      after = " after our median missiles";
    }
    text += fmt::format("at our median of {} rounds it implies {} USD per round{}; ",
                        human(rounds), span((r.low - others) / rounds, (r.high - others) / rounds),
                        after);
  }
  if (o.id.rfind("rounds_per_container.", 0) == 0) {
    const std::string item = o.id.substr(std::string_view("rounds_per_container.").size());
    for (const auto& p : result.packing) {
      if (p.item != item) continue;
      const double payload = p.projectile.payload_kg;
      text += fmt::format(
          "of a {:.0f} kg payload it leaves {} kg per round, ours {} kg (crates, packing{} "
          "included)",
          payload, span(payload / r.high, payload / r.low), human(payload / o.at_modes),
          p.charge ? " and the charge" : "");
    }
    return text;  // the totals' drivers say nothing about one container
  }
  const auto& drivers = !o.sensitivity.empty()        ? o.sensitivity
                        : o.id.rfind("value", 0) == 0 ? result.output("value_total_usd").sensitivity
                                                      : result.output("rounds_total").sensitivity;
  std::vector<std::string> top;
  for (std::size_t k = 0; k < std::min<std::size_t>(3, drivers.size()); ++k) {
    top.push_back(fmt::format("{} ({:+.2f})", drivers[k].assumption, drivers[k].rank_correlation));
  }
  text += fmt::format("the assumptions that move {} most: {}",
                      o.sensitivity.empty()
                          ? (o.id.rfind("value", 0) == 0 ? "the total value" : "the rounds")
                          : o.id,
                      fmt::join(top, ", "));
  return text;
}

std::string range_text(const estimate::Assumption& a) {
  switch (a.shape) {
    case estimate::Shape::fixed: return human(a.mode);
    case estimate::Shape::uniform:
      return fmt::format("{} - {} (uniform)", human(a.low), human(a.high));
    case estimate::Shape::triangular:
      return fmt::format("{} / {} / {} (triangular)", human(a.low), human(a.mode), human(a.high));
    case estimate::Shape::empirical:
      return fmt::format("{} / {} / {} (p5 / p50 / p95 of {} samples)", human(a.at_quantile(0.05)),
                         human(a.mode), human(a.at_quantile(0.95)), a.values ? a.values->size() : 0);
  }
  return "";
}

std::string bound_text(estimate::Bound b) {
  return b == estimate::Bound::weight ? "weight" : "volume";
}

}  // namespace

std::string estimate_text(const estimate::Model& model, const estimate::Result& result) {
  std::string s;
  s += fmt::format("darkfleet estimate: {} ({} samples, seed {})\n", model.assumptions.file(),
                   result.samples, result.seed);
  s += "Every figure is an interval: p5 / p50 / p95 of the Monte Carlo, and the value with every\n"
       "assumption at its mode. How it is made: docs/estimate.md.\n\n";
  s += fmt::format("{:<36} {:>12} {:>12} {:>12} {:>12}  {}\n", "output", "p5", "p50", "p95",
                   "at modes", "unit");
  for (const Output& o : result.outputs) {
    s += fmt::format("{:<36} {:>12} {:>12} {:>12} {:>12}  {}\n", o.id, human(o.interval.p5),
                     human(o.interval.p50), human(o.interval.p95), human(o.at_modes), o.unit);
  }
  s += "\nPacking of one container, every assumption at its mode:\n";
  for (const auto& p : result.packing) {
    auto line = [&](const char* what, const estimate::Load& l) {
      s += fmt::format(
          "  {} {}: {} crates by volume, {} by weight -> {} ({}-bound, {:.0f} % of the "
          "volume); first block {}\n",
          p.item, what, l.crates_by_volume, l.crates_by_weight, l.crates, bound_text(l.bound),
          100 * l.volume_fill, l.layout);
    };
    line(p.charge ? "projectile crates" : "crates", p.projectile);
    if (p.charge) line("charge crates", *p.charge);
  }
  if (!model.references.empty()) {
    s += "\nBeside the published figures:\n";
    for (const Reference& r : model.references) {
      const Output& o = result.output(r.output);
      s += fmt::format(
          "  {}\n    {}: {}{} {} vs ours {} / {} / {}: {}.\n    Why: {}.\n    Source: {}\n",
          r.statement, r.output, human(r.low), r.high != r.low ? " - " + human(r.high) : "", r.unit,
          human(o.interval.p5), human(o.interval.p50), human(o.interval.p95), relation(r, o),
          why(r, o, result, model), r.source);
    }
  }
  for (const Output& o : result.outputs) {
    if (o.sensitivity.empty()) continue;
    s += fmt::format(
        "\nSensitivity of {} (Spearman rank correlation of each assumption with it):\n", o.id);
    for (std::size_t k = 0; k < std::min<std::size_t>(10, o.sensitivity.size()); ++k) {
      s += fmt::format("  {:<34} {:+.3f}\n", o.sensitivity[k].assumption,
                       o.sensitivity[k].rank_correlation);
    }
  }
  s += "\nAssumptions (kind: reported, derived or assumption):\n";
  for (const auto& a : model.assumptions.all()) {
    s += fmt::format("  {:<34} {} {} [{}] {}{}\n", a.id, range_text(a), a.unit,
                     to_string(a.pedigree), a.source,
                     a.note.empty() ? "" : (a.source.empty() ? "" : " -- ") + a.note);
  }
  return s;
}

std::string estimate_json(const estimate::Model& model, const estimate::Result& result) {
  using nlohmann::json;
  json outputs = json::array();
  for (const Output& o : result.outputs) {
    json j = {{"id", o.id},
              {"unit", o.unit},
              {"p5", o.interval.p5},
              {"p50", o.interval.p50},
              {"p95", o.interval.p95},
              {"mean", o.interval.mean},
              {"at_modes", o.at_modes}};
    if (!o.sensitivity.empty()) {
      json s = json::array();
      for (const auto& x : o.sensitivity)
        s.push_back({{"assumption", x.assumption}, {"rank_correlation", x.rank_correlation}});
      j["sensitivity"] = s;
    }
    outputs.push_back(j);
  }
  auto load_json = [](const estimate::Load& l) {
    return json{{"crates_by_volume", l.crates_by_volume},
                {"crates_by_weight", l.crates_by_weight},
                {"crates", l.crates},
                {"bound", bound_text(l.bound)},
                {"payload_kg", l.payload_kg},
                {"volume_fill", l.volume_fill},
                {"layout", l.layout}};
  };
  json packing = json::array();
  for (const auto& p : result.packing) {
    json j = {{"item", p.item}, {"crates", load_json(p.projectile)}};
    if (p.charge) j["charge_crates"] = load_json(*p.charge);
    packing.push_back(j);
  }
  json references = json::array();
  for (const Reference& r : model.references) {
    const Output& o = result.output(r.output);
    references.push_back({{"id", r.id},
                          {"statement", r.statement},
                          {"output", r.output},
                          {"low", r.low},
                          {"high", r.high},
                          {"unit", r.unit},
                          {"source", r.source},
                          {"relation", relation(r, o)},
                          {"why", why(r, o, result, model)}});
  }
  json assumptions = json::array();
  for (const auto& a : model.assumptions.all()) {
    assumptions.push_back({{"id", a.id},
                           {"shape", std::string(to_string(a.shape))},
                           {"low", a.low},
                           {"mode", a.mode},
                           {"high", a.high},
                           {"unit", a.unit},
                           {"kind", std::string(to_string(a.pedigree))},
                           {"source", a.source},
                           {"note", a.note}});
  }
  return json{{"model", model.assumptions.file()},
              {"samples", result.samples},
              {"seed", result.seed},
              {"outputs", outputs},
              {"packing", packing},
              {"references", references},
              {"assumptions", assumptions}}
             .dump(1) +
         "\n";
}

}  // namespace darkfleet::cli
