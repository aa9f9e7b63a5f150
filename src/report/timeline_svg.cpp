// The timeline: one row per watched vessel, time left to right over the data's span.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "darkfleet/io/csv_positions.hpp"
#include "drawings.hpp"
#include "html_text.hpp"

namespace darkfleet::report {
namespace {

constexpr double k_width = 1000;
constexpr double k_label_width = 170;
constexpr double k_row_height = 34;
constexpr double k_axis_height = 26;
constexpr std::int64_t k_day_ms = 86'400'000;

struct TimeAxis {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 1;
  [[nodiscard]] double x(std::int64_t t) const {
    const double f = static_cast<double>(t - from_ms) / static_cast<double>(to_ms - from_ms);
    return k_label_width + std::clamp(f, 0.0, 1.0) * (k_width - k_label_width - 10);
  }
};

std::string bar(const TimeAxis& axis, std::int64_t from, std::int64_t to, double y, double h,
                std::string_view css, const std::string& title) {
  const double x0 = axis.x(from);
  const double w = std::max(1.5, axis.x(to) - x0);
  return fmt::format(R"~(<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"><title>{}</title></rect>)~",
                     css, x0, y, w, h, escape(title)) +
         "\n";
}

std::string axis_ticks(const TimeAxis& axis, double height) {
  const std::int64_t span_days = (axis.to_ms - axis.from_ms) / k_day_ms + 1;
  // A label every day for a week or two, every week for a few months, else every 30 days.
  const std::int64_t step = span_days <= 14 ? 1 : span_days <= 120 ? 7 : 30;
  std::string out;
  const std::int64_t first = (axis.from_ms / k_day_ms + 1) * k_day_ms;
  for (std::int64_t t = first; t <= axis.to_ms; t += step * k_day_ms) {
    const double x = axis.x(t);
    out += fmt::format(
        R"~(<line class="tick" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/><text class="tick-label" x="{:.1f}" y="{:.1f}">{}</text>)~",
        x, k_axis_height - 6, x, height, x + 2, k_axis_height - 10,
        io::format_time_iso(t).substr(5, 5));
    out += '\n';
  }
  return out;
}

}  // namespace

std::string timeline_svg(const Report& r) {
  if (r.watched.empty()) return {};
  const TimeAxis axis{r.data_from_ms, std::max(r.data_to_ms, r.data_from_ms + 1)};
  const double height = k_axis_height + k_row_height * static_cast<double>(r.watched.size()) + 6;
  std::string out = fmt::format(
      R"~(<svg class="timeline" viewBox="0 0 {:.0f} {:.0f}" role="img" aria-label="When each watched vessel's AIS was heard">)~",
      k_width, height);
  out += '\n';
  out += axis_ticks(axis, height);
  for (std::size_t i = 0; i < r.watched.size(); ++i) {
    const auto& w = r.watched[i];
    const double y = k_axis_height + k_row_height * static_cast<double>(i);
    out += fmt::format(
        R"~(<rect class="row-marker" x="0" y="{:.1f}" width="6" height="{:.1f}" fill="{}"/><text class="row-label" x="12" y="{:.1f}">{}</text><text class="row-sub" x="12" y="{:.1f}">MMSI {}</text>)~",
        y + 4, k_row_height - 8, vessel_colour(i), y + 15,
        escape(w.name.empty() ? "(no name)" : w.name), y + 28, w.mmsi);
    out += '\n';
    out += bar(axis, axis.from_ms, axis.to_ms, y + 15, 4, "no-data",
               "the data's span; nothing of this vessel outside its bars");
    for (const auto& s : w.heard) {
      out += bar(axis, s.from_ms, s.to_ms, y + 11, 12, "heard",
                 fmt::format("AIS heard {} to {}", time_text(s.from_ms), time_text(s.to_ms)));
    }
    for (const auto& e : r.events) {
      if (e.mmsi != w.mmsi && e.other_mmsi != w.mmsi) continue;
      const std::string when = time_text(e.start.t_ms) + " to " + time_text(e.end.t_ms);
      switch (e.kind) {
        case events::EventKind::gap:
          out += bar(axis, e.start.t_ms, e.end.t_ms, y + 11, 12,
                     e.subtype == "likely_disabling" ? "gap disabling" : "gap",
                     fmt::format("AIS gap{} {:.0f} h: {}{}", e.open ? " (open)" : "",
                                 e.duration_h(), when,
                                 e.subtype == "likely_disabling" ? ", likely switched off" : ""));
          break;
        case events::EventKind::port_visit:
          out += bar(axis, e.start.t_ms, e.end.t_ms, y + 5, 6, "visit",
                     fmt::format("Port visit {}: {}", e.port_id, when));
          break;
        case events::EventKind::dark_port_call:
          out += bar(axis, e.start.t_ms, e.end.t_ms, y + 24, 5, "dark-call",
                     fmt::format("Dark port call candidate {} (confidence {:.2f}): {}", e.port_id,
                                 e.confidence, when));
          break;
        case events::EventKind::encounter:
          out += bar(axis, e.start.t_ms, e.end.t_ms, y + 3, 3, "encounter-span",
                     fmt::format("Encounter of {} and {}: {}", e.mmsi, e.other_mmsi.value_or(0),
                                 when));
          break;
        default: break;
      }
    }
  }
  out += "</svg>\n";
  return out;
}

}  // namespace darkfleet::report
