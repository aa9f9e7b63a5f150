#include "command_evaluate.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "darkfleet/events/evaluate.hpp"
#include "darkfleet/events/output.hpp"
#include "text_file.hpp"

namespace darkfleet::cli {
void EvaluateCommand::setup(CLI::App& app) {
  app.footer(
      "Score events (darkfleet events -f json) against a simulation's truth.json: precision,\n"
      "recall and start/end time errors per kind. Manual: darkfleet help evaluate");
  app.add_option("--truth", m_truth, "truth.json written by darkfleet simulate")
      ->required()
      ->type_name("FILE");
  app.add_option("events", m_events, "Events JSON written by darkfleet events")
      ->required()
      ->type_name("EVENTS.json");
  app.add_option("--tolerance", m_tolerance_h, "Hours an event may miss a true one and still match (default 1)")
      ->check(CLI::NonNegativeNumber)
      ->type_name("HOURS");
  app.add_option("--min-gap", m_min_gap_h,
                 "Shortest dark period that counts as a true gap (default: gap.min_h of the events' "
                 "parameter set, 6 h in gfw)")
      ->check(CLI::NonNegativeNumber)
      ->type_name("HOURS");
  app.add_option("-f,--format", m_format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  app.add_option("--fail-below", m_fail_below,
                 "Exit 1 when a scored kind's precision or recall is below this (0..1)")
      ->check(CLI::Range(0.0, 1.0))
      ->type_name("X");
}

int EvaluateCommand::run() {
  const events::EventsDocument detected = events::read_events_document(read_text_file(m_events));
  // truth is read with the definitions the events were detected with
  events::TruthRules rules = events::truth_rules(detected.parameters);
  if (m_min_gap_h) rules.min_gap_h = *m_min_gap_h;
  const auto truth = events::parse_truth(read_text_file(m_truth), rules);
  const auto scores = events::evaluate(truth, detected.events, m_tolerance_h);
  bool below = false;
  if (m_format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : scores) {
      out.push_back({{"kind", std::string(events::to_string(s.kind))}, {"truth", s.truth},
                     {"detected", s.detected}, {"unscored", s.unscored},
                     {"unobservable", s.unobservable}, {"near_misses", s.near_misses},
                     {"near_misses_detected", s.near_misses_detected},
                     {"true_positives", s.true_positives},
                     {"found", s.found}, {"precision", s.precision},
                     {"recall", s.recall}, {"mean_start_error_min", s.mean_start_error_min},
                     {"mean_end_error_min", s.mean_end_error_min},
                     {"max_start_error_min", s.max_start_error_min},
                     {"max_end_error_min", s.max_end_error_min}});
      if (s.kind == events::EventKind::dark_port_call) {
        out.back()["mean_candidates"] = s.mean_candidates;
        out.back()["mean_true_rank"] = s.mean_true_rank;
        out.back()["true_rank_1_share"] = s.true_rank_1_share;
      }
    }
    fmt::print("{}\n", out.dump(1));
  } else {
    fmt::print("{:<15} {:>6} {:>8} {:>4} {:>5} {:>9} {:>6} {:>13} {:>13} {:>8} {:>6}\n", "kind", "truth",
               "detected", "tp", "found", "precision", "recall", "start err min", "end err min", "unscored",
               "unobs");
    for (const auto& s : scores) {
      fmt::print("{:<15} {:>6} {:>8} {:>4} {:>5} {:>9.3f} {:>6.3f} {:>6.1f} /{:>5.1f} {:>6.1f} /{:>5.1f} {:>8} {:>6}\n",
                 events::to_string(s.kind), s.truth, s.detected, s.true_positives, s.found, s.precision,
                 s.recall, s.mean_start_error_min, s.max_start_error_min, s.mean_end_error_min,
                 s.max_end_error_min, s.unscored, s.unobservable);
    }
    for (const auto& s : scores) {
      if (s.near_misses > 0) {
        fmt::print("{}: {} planted near misses (outside the definition), {} of them detected "
                   "(false positives)\n",
                   events::to_string(s.kind), s.near_misses, s.near_misses_detected);
      }
    }
    for (const auto& s : scores) {
      if (s.kind == events::EventKind::dark_port_call && s.detected > 0) {
        fmt::print("dark_port_call: {:.1f} candidate ports per gap; true port at mean rank {:.2f}, "
                   "ranked first in {:.0f} % of found calls\n",
                   s.mean_candidates, s.mean_true_rank, 100 * s.true_rank_1_share);
      }
    }
  }
  for (const auto& s : scores) {
    if ((s.truth > 0 || s.detected > 0) && (s.precision < m_fail_below || s.recall < m_fail_below)) below = true;
  }
  return below ? k_exit_error : k_exit_ok;
}

}  // namespace darkfleet::cli
