// The map as SVG: an equirectangular projection scaled by the cosine of the box's middle
// latitude, which keeps shapes true enough over a few hundred miles.
#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include <fmt/format.h>

#include "darkfleet/geo/geo.hpp"
#include "drawings.hpp"
#include "html_text.hpp"

namespace darkfleet::report {
namespace {

constexpr double k_width = 1000;
constexpr double k_max_height = 820;
constexpr std::size_t k_max_markers = 500;  // per kind: a dense day must stay readable

class Projection {
 public:
  explicit Projection(const store::BBox& box) : m_box(box) {
    const double mid = (box.min_lat_deg + box.max_lat_deg) / 2 * std::numbers::pi / 180;
    m_x_per_lon = std::cos(mid);
    const double w = std::max(1e-6, (box.max_lon_deg - box.min_lon_deg) * m_x_per_lon);
    const double h = std::max(1e-6, box.max_lat_deg - box.min_lat_deg);
    m_scale = std::min(k_width / w, k_max_height / h);
    m_height = h * m_scale;
    m_width = w * m_scale;
  }
  [[nodiscard]] double x(geo::LatLon p) const {
    return (p.lon_deg - m_box.min_lon_deg) * m_x_per_lon * m_scale;
  }
  [[nodiscard]] double y(geo::LatLon p) const { return (m_box.max_lat_deg - p.lat_deg) * m_scale; }
  [[nodiscard]] double width() const { return m_width; }
  [[nodiscard]] double height() const { return m_height; }

 private:
  store::BBox m_box;
  double m_x_per_lon = 1;
  double m_scale = 1;
  double m_width = k_width;
  double m_height = k_max_height;
};

void append_path(std::string& d, const Projection& proj, const std::vector<geo::LatLon>& points,
                 bool close) {
  bool first = true;
  for (const auto& p : points) {
    d += fmt::format("{}{:.1f},{:.1f}", first ? "M" : "L", proj.x(p), proj.y(p));
    first = false;
  }
  if (close && !points.empty()) d += "Z";
}

std::string land_layer(const Report& r, const Projection& proj) {
  std::string d;
  for (const auto& polygon : r.land) {
    append_path(d, proj, polygon.outer, true);
    for (const auto& hole : polygon.holes) append_path(d, proj, hole, true);
  }
  if (d.empty()) return {};
  return fmt::format(R"~(<path class="land" fill-rule="evenodd" d="{}"/>)~", d) + "\n";
}

std::string track_layer(const Report& r, const Projection& proj) {
  std::string out;
  std::map<std::uint32_t, std::size_t> colour_of;
  for (std::size_t i = 0; i < r.watched.size(); ++i) colour_of[r.watched[i].mmsi] = i;
  // Background first, so the watched vessels lie on top.
  for (const bool watched : {false, true}) {
    for (const auto& t : r.tracks) {
      if (t.watched != watched) continue;
      std::string d;
      for (const auto& part : t.parts) append_path(d, proj, part, false);
      if (d.empty()) continue;
      if (watched) {
        out += fmt::format(
            R"~(<path class="track watched" style="stroke:{}" d="{}"><title>MMSI {}</title></path>)~",
            vessel_colour(colour_of[t.mmsi]), d, t.mmsi);
      } else {
        out += fmt::format(R"~(<path class="track" d="{}"/>)~", d);
      }
      out += '\n';
    }
  }
  return out;
}

std::string event_layer(const Report& r, const Projection& proj) {
  std::string gaps;
  std::string encounters;
  std::string loitering;
  std::map<std::string, std::size_t> dark_calls;  // port id -> candidates
  std::map<std::uint32_t, bool> watched;
  for (const auto& w : r.watched) watched[w.mmsi] = true;
  std::size_t n_encounters = 0;
  std::size_t n_loitering = 0;
  for (const auto& e : r.events) {
    switch (e.kind) {
      case events::EventKind::gap:
        if (!watched.contains(e.mmsi) || e.open) break;
        gaps += fmt::format(
            R"~(<line class="gap{}" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"><title>MMSI {}: AIS silent {:.0f} h, {} to {}</title></line>)~",
            e.subtype == "likely_disabling" ? " disabling" : "", proj.x(e.start.position),
            proj.y(e.start.position), proj.x(e.end.position), proj.y(e.end.position), e.mmsi,
            e.duration_h(), escape(time_text(e.start.t_ms)), escape(time_text(e.end.t_ms)));
        gaps += '\n';
        break;
      case events::EventKind::dark_port_call: ++dark_calls[e.port_id]; break;
      case events::EventKind::encounter:
        if (n_encounters++ >= k_max_markers) break;
        encounters += fmt::format(
            R"~(<rect class="encounter" x="{:.1f}" y="{:.1f}" width="9" height="9" transform="rotate(45 {:.1f} {:.1f})"><title>Encounter MMSI {} and {}, {:.1f} h from {}</title></rect>)~",
            proj.x(e.position) - 4.5, proj.y(e.position) - 4.5, proj.x(e.position),
            proj.y(e.position), e.mmsi, e.other_mmsi.value_or(0), e.duration_h(),
            escape(time_text(e.start.t_ms)));
        encounters += '\n';
        break;
      case events::EventKind::loitering:
        if (n_loitering++ >= k_max_markers) break;
        loitering += fmt::format(
            R"~(<circle class="loitering" cx="{:.1f}" cy="{:.1f}" r="3"><title>Loitering MMSI {}, {:.1f} h from {}</title></circle>)~",
            proj.x(e.position), proj.y(e.position), e.mmsi, e.duration_h(),
            escape(time_text(e.start.t_ms)));
        loitering += '\n';
        break;
      default: break;
    }
  }
  std::string ports;
  for (const auto& p : r.ports) {
    const double x = proj.x(p.position);
    const double y = proj.y(p.position);
    const auto dark = dark_calls.find(p.id);
    if (dark != dark_calls.end()) {
      ports += fmt::format(
          R"~(<circle class="dark-call" cx="{:.1f}" cy="{:.1f}" r="{:.1f}"><title>{}: {} dark port call candidate{}</title></circle>)~",
          x, y, 9 + 2 * std::sqrt(static_cast<double>(dark->second)), escape(p.name),
          dark->second, dark->second == 1 ? "" : "s");
      ports += '\n';
    }
    ports += fmt::format(
        R"~(<rect class="port" x="{:.1f}" y="{:.1f}" width="7" height="7"><title>{} ({})</title></rect><text class="port-label" x="{:.1f}" y="{:.1f}">{}{}</text>)~",
        x - 3.5, y - 3.5, escape(p.name), escape(p.id), x + 8, y + 4, escape(p.name),
        dark != dark_calls.end() ? fmt::format(" ({} dark)", dark->second) : "");
    ports += '\n';
  }
  return gaps + loitering + encounters + ports;
}

std::string legend(double y) {
  return fmt::format(
      R"~(<g class="legend" transform="translate(10,{:.1f})"><rect class="legend-bg" width="470" height="24" rx="3"/>)~"
      R"~(<line class="track watched" style="stroke:#d62728" x1="8" y1="12" x2="28" y2="12"/><text x="32" y="16">watched vessel</text>)~"
      R"~(<line class="gap disabling" x1="125" y1="12" x2="150" y2="12"/><text x="154" y="16">AIS gap</text>)~"
      R"~(<circle class="dark-call" cx="222" cy="12" r="7"/><text x="233" y="16">dark port call</text>)~"
      R"~(<rect class="encounter" x="330" y="8" width="8" height="8" transform="rotate(45 334 12)"/><text x="343" y="16">encounter</text>)~"
      R"~(<rect class="port" x="410" y="8" width="7" height="7"/><text x="421" y="16">port</text></g>)~",
      y - 30);
}

}  // namespace

std::string map_svg(const Report& r) {
  const Projection proj(r.map_box);
  std::string out = fmt::format(
      R"~(<svg class="map" viewBox="0 0 {:.0f} {:.0f}" role="img" aria-label="Map of tracks, gaps, dark port call candidates and encounters">)~",
      proj.width(), proj.height());
  out += '\n';
  out += fmt::format(R"~(<rect class="sea" width="{:.0f}" height="{:.0f}"/>)~", proj.width(),
                     proj.height());
  out += '\n';
  out += land_layer(r, proj);
  out += track_layer(r, proj);
  out += event_layer(r, proj);
  out += fmt::format(
      R"~(<text class="box-label" x="{:.0f}" y="14" text-anchor="end">{:.1f}–{:.1f}° E, {:.1f}–{:.1f}° N</text>)~",
      proj.width() - 8, r.map_box.min_lon_deg, r.map_box.max_lon_deg, r.map_box.min_lat_deg,
      r.map_box.max_lat_deg);
  out += legend(proj.height());
  out += "</svg>\n";
  return out;
}

}  // namespace darkfleet::report
