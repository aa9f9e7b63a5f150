// The report as one HTML page. Everything is inline (style and SVG) and there is no script,
// so the file opens offline, from a mail attachment or a USB stick, and requests nothing.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "darkfleet/estimate/estimate.hpp"
#include "drawings.hpp"
#include "html_text.hpp"

namespace darkfleet::report {
namespace {

constexpr std::size_t k_max_other_rows = 200;

constexpr std::string_view k_style = R"(
:root{--ink:#1d2733;--muted:#5b6b7b;--line:#d5dde5;--bg:#f7f9fb;--accent:#0b5cad}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff;min-height:100vh}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:34px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:20px 0 6px}
.label{display:inline-block;background:#fff3cd;border:1px solid #e0c36a;color:#6b5200;padding:3px 10px;border-radius:4px;font-weight:600;margin:6px 0}
.meta{color:var(--muted);font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px;margin:14px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:#fbfcfd}
.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.card .v{font-size:20px;font-weight:650}.card .s{font-size:12px;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 12px;table-layout:auto}
td.d{min-width:260px}.assumptions{table-layout:fixed}.assumptions td{overflow-wrap:anywhere}td.t{white-space:nowrap}a{overflow-wrap:anywhere}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.watched td{background:#fff8f0}
.conf{display:inline-block;height:8px;background:var(--accent);border-radius:2px;vertical-align:middle;margin-right:4px}
svg{width:100%;height:auto;display:block;border:1px solid var(--line);border-radius:4px;background:#fff}
svg text{font:11px system-ui,sans-serif;fill:#233}
.sea{fill:#dce9f3}.land{fill:#f2efe4;stroke:#a9a38f;stroke-width:.6}
.track{fill:none;stroke:#6f8aa3;stroke-width:.6;stroke-opacity:.55}
.track.watched{stroke-width:1.8;stroke-opacity:.95}
.gap{stroke:#7f7f7f;stroke-width:1.6;stroke-dasharray:5 4;fill:none}.gap.disabling{stroke:#c0392b}
.dark-call{fill:#ff8c00;fill-opacity:.18;stroke:#e67300;stroke-width:2}
.encounter{fill:#7b3fa0;stroke:#fff;stroke-width:.8}.loitering{fill:#c9a400;stroke:#fff;stroke-width:.6}
.port{fill:#111}.port-label{font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px}
.legend-bg{fill:#fff;fill-opacity:.9;stroke:var(--line)}
.box-label{fill:var(--muted)}
.timeline .no-data{fill:#e6ebf0}.timeline .heard{fill:#2e9d57}.timeline rect.gap{fill:#b8b8b8;stroke:none}
.timeline rect.gap.disabling{fill:#c0392b}.timeline .visit{fill:#1f5fa8}.timeline .dark-call{fill:#ff8c00;fill-opacity:1;stroke:none}
.timeline .encounter-span{fill:#7b3fa0}.tick{stroke:#e3e8ee}.tick-label{fill:var(--muted)}
.row-label{font-weight:600}.row-sub{fill:var(--muted)}
.key span{display:inline-block;width:12px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
.how{border-left:3px solid var(--accent);padding:4px 12px;margin:8px 0 14px;background:#f6f9fc}
.note{color:#6b5200}
code{font-size:12px;background:#eef2f6;padding:1px 4px;border-radius:3px}
)";

std::string interval_text(const estimate::Interval& i, std::string_view unit) {
  const std::string prefix = unit == "USD" ? "$" : "";
  return fmt::format("{}{} / {}{} / {}{}", prefix, estimate::human(i.p5), prefix,
                     estimate::human(i.p50), prefix, estimate::human(i.p95));
}

std::string where_text(const events::Event& e) {
  if (!e.port_id.empty()) return e.port_id;
  return fmt::format("{:.3f}, {:.3f}", e.position.lat_deg, e.position.lon_deg);
}

std::string detail_text(const events::Event& e) {
  std::string out = e.subtype;
  if (e.other_mmsi) out += (out.empty() ? "" : ", ") + fmt::format("with {}", *e.other_mmsi);
  for (const auto& [key, value] : e.values) {
    if (key == "duration_h") continue;
    out += (out.empty() ? "" : ", ") + fmt::format("{} {}", key, estimate::human(value));
  }
  for (const auto& [key, value] : e.notes) out += (out.empty() ? "" : ", ") + key + " " + value;
  return out;
}

std::string events_table(const std::vector<const events::Event*>& rows,
                         const std::map<std::uint32_t, std::string>& names) {
  std::string out =
      "<table><thead><tr><th>kind</th><th>vessel</th><th>start</th><th>end</th><th>hours</th>"
      "<th>where</th><th>confidence</th><th>details</th></tr></thead><tbody>\n";
  for (const auto* e : rows) {
    const auto name = names.find(e->mmsi);
    out += fmt::format(
        R"~(<tr id="{}"><td>{}</td><td class="t">{}{}</td><td class="t">{}</td><td class="t">{}{}</td><td class="n">{:.1f}</td><td>{}</td><td class="t"><span class="conf" style="width:{:.0f}px"></span>{:.2f}</td><td class="d">{}</td></tr>)~",
        escape(e->id()), escape(events::to_string(e->kind)), e->mmsi,
        name != names.end() && !name->second.empty() ? "<br>" + escape(name->second) : "",
        escape(time_text(e->start.t_ms)), escape(time_text(e->end.t_ms)), e->open ? " (open)" : "",
        e->duration_h(), escape(where_text(*e)), 40 * e->confidence, e->confidence,
        escape(detail_text(*e)));
    out += '\n';
  }
  out += "</tbody></table>\n";
  return out;
}

std::string card(std::string_view key, const std::string& value, const std::string& sub) {
  return fmt::format(R"~(<div class="card"><div class="k">{}</div><div class="v">{}</div><div class="s">{}</div></div>)~",
                     escape(key), escape(value), escape(sub)) +
         "\n";
}

std::string summary_section(const Report& r) {
  std::map<events::EventKind, std::size_t> by_kind;
  for (const auto& e : r.events) ++by_kind[e.kind];
  std::string out = "<section id=\"summary\"><h2>In short</h2><div class=\"cards\">\n";
  out += card("vessels", grouped(r.store.vessels), grouped(r.store.positions) + " positions");
  out += card("watched", grouped(r.watched.size()), "vessels followed below");
  out += card("dark port calls", grouped(by_kind[events::EventKind::dark_port_call]),
              "candidates during AIS gaps");
  out += card("AIS gaps", grouped(by_kind[events::EventKind::gap]),
              grouped(static_cast<std::uint64_t>(std::count_if(
                  r.events.begin(), r.events.end(),
                  [](const events::Event& e) { return e.subtype == "likely_disabling"; }))) +
                  " likely switched off");
  out += card("encounters", grouped(by_kind[events::EventKind::encounter]),
              grouped(by_kind[events::EventKind::port_visit]) + " port visits");
  if (r.cargo) {
    out += card(std::string(r.cargo->model.counted == evidence::AreaRole::origin
                                ? "containers loaded"
                                : "containers unloaded"),
                interval_text(r.cargo->model.counted == evidence::AreaRole::origin
                                  ? r.cargo->result.loaded
                                  : r.cargo->result.unloaded,
                              ""),
                "p5 / p50 / p95, from the yard imagery");
  }
  if (r.estimate) {
    for (const char* id : {"rounds_total", "value_total_usd"}) {
      for (const auto& o : r.estimate->result.outputs) {
        if (o.id == id) {
          out += card(o.id == "rounds_total" ? "rounds (shells, rockets)" : "value",
                      interval_text(o.interval, o.unit), "p5 / p50 / p95");
        }
      }
    }
  }
  out += "</div></section>\n";
  return out;
}

std::string map_section(const Report& r) {
  std::string out = "<section id=\"map\"><h2>Map</h2>\n";
  out += map_svg(r);
  out += fmt::format(
      "<p class=\"meta\">{} tracks drawn ({} watched in colour){}. Dashed lines join the last "
      "position before an AIS gap of a watched vessel to the first after it (red: likely "
      "switched off). Orange rings: ports with dark port call candidates (a port the vessel "
      "could have reached and left during a gap). Hover for details.</p></section>\n",
      r.tracks.size(), r.watched.size(),
      r.vessels_not_drawn > 0 ? fmt::format("; {} other vessels not drawn", grouped(r.vessels_not_drawn))
                              : "");
  return out;
}

std::string watched_section(const Report& r) {
  std::string out = "<section id=\"vessels\"><h2>Watched vessels</h2>\n";
  if (r.watched.empty()) {
    return out + "<p>No vessel had a dark port call, a likely intentional gap or an encounter.</p></section>\n";
  }
  out += "<p class=\"key\">Timeline:<span style=\"background:#2e9d57\"></span>AIS heard"
         "<span style=\"background:#c0392b\"></span>gap, likely switched off"
         "<span style=\"background:#b8b8b8\"></span>other gap"
         "<span style=\"background:#1f5fa8\"></span>port visit"
         "<span style=\"background:#ff8c00\"></span>dark port call candidate"
         "<span style=\"background:#7b3fa0\"></span>encounter</p>\n";
  out += timeline_svg(r);
  out += "<table><thead><tr><th>MMSI</th><th>name</th><th>why followed</th><th>positions</th>"
         "<th>first seen</th><th>last seen</th><th>AIS heard</th></tr></thead><tbody>\n";
  for (const auto& w : r.watched) {
    std::int64_t heard_ms = 0;
    for (const auto& s : w.heard) heard_ms += s.to_ms - s.from_ms;
    const double span = static_cast<double>(std::max<std::int64_t>(1, r.data_to_ms - r.data_from_ms));
    out += fmt::format(
        R"~(<tr><td>{}</td><td>{}</td><td>{}</td><td class="n">{}</td><td>{}</td><td>{}</td><td class="n">{:.0f} % of the data's span</td></tr>)~",
        w.mmsi, escape(w.name), escape(w.reason), grouped(w.positions),
        w.positions ? escape(time_text(w.first_ms)) : "", w.positions ? escape(time_text(w.last_ms)) : "",
        100.0 * static_cast<double>(heard_ms) / span);
    out += '\n';
  }
  out += "</tbody></table></section>\n";
  return out;
}

std::string events_section(const Report& r) {
  std::set<std::uint32_t> watched;
  std::map<std::uint32_t, std::string> names;
  for (const auto& w : r.watched) {
    watched.insert(w.mmsi);
    names[w.mmsi] = w.name;
  }
  std::vector<const events::Event*> mine;
  std::vector<const events::Event*> others;
  for (const auto& e : r.events) {
    const bool of_watched = watched.contains(e.mmsi) || (e.other_mmsi && watched.contains(*e.other_mmsi));
    if (of_watched) {
      mine.push_back(&e);
    } else if (e.kind != events::EventKind::port_visit && e.kind != events::EventKind::loitering) {
      others.push_back(&e);
    }
  }
  std::string out = fmt::format(
      "<section id=\"events\"><h2>Events</h2><p class=\"meta\">Definitions and confidence: "
      "docs/events.md of darkfleet; parameter set <code>{}</code>.</p>\n",
      escape(r.parameters.name()));
  // What the case turns on first: dark port calls, then gaps, visits, identity, meetings.
  const auto rank = [](events::EventKind k) {
    switch (k) {
      case events::EventKind::dark_port_call: return 0;
      case events::EventKind::gap: return 1;
      case events::EventKind::port_visit: return 2;
      case events::EventKind::identity: return 3;
      case events::EventKind::encounter: return 4;
      case events::EventKind::loitering: return 5;
    }
    return 6;
  };
  std::stable_sort(mine.begin(), mine.end(),
                   [&rank](const auto* a, const auto* b) { return rank(a->kind) < rank(b->kind); });
  out += fmt::format("<h3>Of the watched vessels ({})</h3>\n", mine.size());
  out += events_table(mine, names);
  std::stable_sort(others.begin(), others.end(), [](const auto* a, const auto* b) {
    return a->confidence > b->confidence;
  });
  const std::size_t total_others = others.size();
  if (others.size() > k_max_other_rows) others.resize(k_max_other_rows);
  out += fmt::format("<h3>Other vessels: gaps, dark port calls, encounters, identity ({}{})</h3>\n",
                     total_others,
                     total_others > others.size()
                         ? fmt::format(", the {} of highest confidence shown; all are in report.json", others.size())
                         : "");
  out += events_table(others, names);
  out += "</section>\n";
  return out;
}

std::string assumptions_table(const estimate::Assumptions& all) {
  std::string out =
      "<table class=\"assumptions\"><colgroup><col style=\"width:17%\"><col style=\"width:14%\">"
      "<col style=\"width:10%\"><col style=\"width:8%\"><col style=\"width:25%\">"
      "<col style=\"width:26%\"></colgroup><thead><tr><th>assumption</th><th>range</th>"
      "<th>unit</th><th>kind</th><th>source</th><th>note</th></tr></thead><tbody>\n";
  for (const auto& a : all.all()) {
    const std::string range =
        a.shape == estimate::Shape::fixed
            ? estimate::human(a.mode)
            : fmt::format("{} {} – {} – {}", to_string(a.shape), estimate::human(a.low),
                          estimate::human(a.mode), estimate::human(a.high));
    const bool url = a.source.rfind("https://", 0) == 0 || a.source.rfind("http://", 0) == 0;
    out += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape(a.id), escape(range), escape(a.unit), escape(to_string(a.pedigree)),
        url ? fmt::format(R"~(<a href="{0}" rel="noreferrer">{0}</a>)~", escape(a.source))
            : escape(a.source),
        escape(a.note));
  }
  out += "</tbody></table>\n";
  return out;
}

std::string evidence_section(const Report& r) {
  std::string out = "<section id=\"evidence\"><h2>Evidence: containers in the yards</h2>\n";
  if (!r.cargo) {
    return out + "<p>No imagery evidence in this report.</p></section>\n";
  }
  const auto& c = *r.cargo;
  out += fmt::format(
      "<p>{} observations of the case's port areas; each change of a yard between two images "
      "is tied to the port visits and dark port calls that overlap it, land traffic taken off, "
      "with the analysts' counting error: {} Monte Carlo samples (seed {}).</p>\n",
      c.result.observations, grouped(c.result.samples), c.result.seed);
  out += fmt::format(
      "<div class=\"cards\">{}{}</div>\n",
      card("loaded at origins", interval_text(c.result.loaded, ""),
           fmt::format("{} changes tied to calls", c.result.counted_changes(evidence::AreaRole::origin))),
      card("unloaded at destinations", interval_text(c.result.unloaded, ""),
           fmt::format("{} changes tied to calls",
                       c.result.counted_changes(evidence::AreaRole::destination))));
  out += "<h3>Yard changes</h3><table><thead><tr><th>area</th><th>role</th><th>from</th>"
         "<th>to</th><th>counted change (20 ft / 40 ft)</th><th>calls</th>"
         "<th>containers moved p5 / p50 / p95</th><th>images</th></tr></thead><tbody>\n";
  for (const auto& ch : c.result.changes) {
    std::string calls;
    for (const auto& call : ch.change.calls) {
      calls += fmt::format("{}{} {} ({:.2f})", calls.empty() ? "" : ", ",
                           call.kind == events::EventKind::dark_port_call ? "dark call" : "visit",
                           call.mmsi, call.confidence);
    }
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{:+} / {:+}</td><td>{}</td><td class=\"n\">{}</td><td>{} → {}</td></tr>\n",
        escape(ch.change.area_id), escape(evidence::to_string(ch.role)),
        escape(time_text(ch.change.from_ms)), escape(time_text(ch.change.to_ms)),
        ch.change.change_20ft, ch.change.change_40ft,
        calls.empty() ? "none (land traffic)" : escape(calls),
        ch.attributed() ? interval_text(ch.containers, "") : "–", escape(ch.first_image),
        escape(ch.last_image));
  }
  out += "</tbody></table>\n";
  if (!c.result.voyages.empty()) {
    out += "<h3>Voyages</h3><table><thead><tr><th>vessel</th><th>loading call</th>"
           "<th>unloading call</th><th>containers p5 / p50 / p95</th></tr></thead><tbody>\n";
    for (const auto& v : c.result.voyages) {
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}{}</td></tr>\n",
                         v.mmsi, escape(v.loading_call),
                         v.unloading_call.empty() ? "not seen" : escape(v.unloading_call),
                         interval_text(c.result.changes[v.loading].containers, ""),
                         v.shared ? " (shared with other calls)" : "");
    }
    out += "</tbody></table>\n";
  }
  out += "<h3>Assumptions of the yard model</h3>\n" + assumptions_table(c.model.assumptions);
  out += "</section>\n";
  return out;
}

std::string how_made(const estimate::Output& o, const EstimateSection& e) {
  std::string out = "<div class=\"how\"><b>How this number was made.</b> ";
  out += fmt::format("{} Monte Carlo samples (seed {}) over every assumption below; with each at "
                     "its mode the model gives {}. ",
                     grouped(e.result.samples), e.result.seed, estimate::human(o.at_modes));
  if (!o.sensitivity.empty()) {
    out += "What moves it most (rank correlation): ";
    for (std::size_t i = 0; i < std::min<std::size_t>(3, o.sensitivity.size()); ++i) {
      out += fmt::format("{}<code>{}</code> {:+.2f}", i ? ", " : "",
                         escape(o.sensitivity[i].assumption), o.sensitivity[i].rank_correlation);
    }
    out += ". ";
  }
  if (e.containers_from_evidence) {
    out += "The containers come from the yard imagery (Evidence above), not from a reported "
           "count. ";
  }
  for (const auto& ref : e.model.references) {
    if (ref.output != o.id) continue;
    out += fmt::format("Published: {} ({} – {} {}; {}). ", escape(ref.statement),
                       estimate::human(ref.low), estimate::human(ref.high), escape(ref.unit),
                       escape(ref.source));
  }
  out += "</div>\n";
  return out;
}

std::string estimate_section(const Report& r) {
  std::string out = "<section id=\"estimate\"><h2>Estimate: munitions and value</h2>\n";
  if (!r.estimate) return out + "<p>No estimate in this report (the case has no estimate.toml).</p></section>\n";
  const auto& e = *r.estimate;
  out += "<table><thead><tr><th>output</th><th>unit</th><th class=\"n\">p5</th>"
         "<th class=\"n\">p50</th><th class=\"n\">p95</th></tr></thead><tbody>\n";
  for (const auto& o : e.result.outputs) {
    out += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
        escape(o.id), escape(o.unit), estimate::human(o.interval.p5), estimate::human(o.interval.p50),
        estimate::human(o.interval.p95));
  }
  out += "</tbody></table>\n";
  for (const auto& o : e.result.outputs) {
    if (o.sensitivity.empty()) continue;  // the totals
    out += fmt::format("<h3><code>{}</code>: {}</h3>\n", escape(o.id), interval_text(o.interval, o.unit));
    out += how_made(o, e);
  }
  out += "<h3>Every assumption, with its source</h3>\n" + assumptions_table(e.model.assumptions);
  out += "</section>\n";
  return out;
}

std::string quality_section(const Report& r) {
  std::string out = "<section id=\"quality\"><h2>Data quality</h2>\n";
  out += "<table><thead><tr><th>input</th><th>format</th><th class=\"n\">records</th>"
         "<th class=\"n\">positions</th><th class=\"n\">rejected</th><th>rejected by reason</th>"
         "<th>complete</th></tr></thead><tbody>\n";
  for (const auto& s : r.sources) {
    std::uint64_t rejected = 0;
    std::string reasons;
    for (std::size_t k = 0; k < s.rejects.size(); ++k) {
      if (s.rejects[k] == 0) continue;
      rejected += s.rejects[k];
      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ",
                             to_string(static_cast<ErrorCode>(k)), grouped(s.rejects[k]));
    }
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>\n",
        escape(s.name), escape(s.format), grouped(s.records_done), grouped(s.positions),
        grouped(rejected), escape(reasons), s.complete ? "yes" : "no (interrupted)");
  }
  out += "</tbody></table>\n";
  out += fmt::format(
      "<p>Reception: {:.0f} positions per vessel-day over {} vessels. Cleaning of the {} "
      "positions read for this page: {} exact duplicates, {} heard again by another receiver, "
      "{} impossible jumps (noise).</p>\n",
      r.positions_per_vessel_day, grouped(r.store.vessels), grouped(r.cleaning.input),
      grouped(r.cleaning.exact_duplicates), grouped(r.cleaning.receiver_duplicates),
      grouped(r.cleaning.noise));
  for (const auto& note : r.notes) out += "<p class=\"note\">" + escape(note) + "</p>\n";
  out += "</section>\n";
  return out;
}

}  // namespace

void write_html(std::ostream& out, const Report& r) {
  const std::string title = r.case_info.title.empty() ? "darkfleet report" : r.case_info.title;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // No request may leave the page: the policy blocks any that a later edit might add.
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\">\n"
      << "<title>" << escape(title) << "</title>\n<style>" << k_style << "</style>\n</head>\n"
      << "<body>\n<main>\n<header>\n<h1>" << escape(title) << "</h1>\n";
  if (!r.case_info.label.empty()) {
    out << "<div class=\"label\">" << escape(r.case_info.label) << "</div>\n";
  }
  out << fmt::format(
      "<p class=\"meta\">Case <code>{}</code> · database <code>{}</code> · data {} to {} · "
      "{} · events parameter set <code>{}</code></p>\n</header>\n",
      escape(r.case_info.id), escape(r.database), escape(time_text(r.data_from_ms)),
      escape(time_text(r.data_to_ms)), escape(r.generated_by), escape(r.parameters.name()));
  out << summary_section(r) << map_section(r) << watched_section(r) << events_section(r)
      << evidence_section(r) << estimate_section(r) << quality_section(r);
  out << "<footer class=\"meta\"><p>Made by darkfleet from the database above; the same "
         "content as data: report.json (darkfleet report --format json).</p></footer>\n"
      << "</main>\n</body>\n</html>\n";
}

}  // namespace darkfleet::report
