// AIS gaps (GFW pipe-gaps, DOMAIN.md 1.4): every silence of at least gap.min_h between two
// consecutive positions of a vessel, across segments, plus the open gap at the end of the
// data. A reception map measured from the same data feeds the "likely intentional disabling"
// rule; since the map is complete only after the last vessel, gaps that could qualify are
// held back until finish(), as are all gaps so that a gap that ends with the vessel's IMO
// number appearing on another MMSI can be marked "identity_change".
#include <algorithm>
#include <chrono>

#include "darkfleet/events/detectors.hpp"
#include "imo_sightings.hpp"
#include "sequence.hpp"

namespace darkfleet::events {
namespace {

using detail::hours;
using detail::latlon;

constexpr std::int64_t k_ms_per_day = 86'400'000;

std::uint64_t month_of(std::int64_t t_ms) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<milliseconds>{milliseconds{t_ms}});
  const year_month_day ymd{day};
  return static_cast<std::uint64_t>(static_cast<int>(ymd.year()) * 12 +
                                    static_cast<int>(static_cast<unsigned>(ymd.month())) - 1);
}

std::uint64_t cell_key(std::uint64_t month, int lat_cell, int lon_cell, AisClass c) {
  return (month << 20) | (static_cast<std::uint64_t>(lat_cell + 90) << 11) |
         (static_cast<std::uint64_t>(lon_cell + 180) << 1) | (c == AisClass::b ? 1U : 0U);
}

int cell_of(double deg) { return static_cast<int>(std::floor(deg)); }

}  // namespace

AisClass ais_class_of(const std::vector<store::Identity>& identities) {
  if (identities.empty()) return AisClass::a;
  for (const auto& i : identities) {
    if (i.imo != 0 || i.draught_dm != 0 || !i.destination.empty()) return AisClass::a;
  }
  return AisClass::b;
}

void ReceptionMap::add(const track::Track& track, AisClass ais_class) {
  // positions per (day, cell) of this vessel, then one vessel-day per (day, cell)
  std::map<std::pair<std::int64_t, std::pair<int, int>>, std::uint64_t> days;
  for (const auto& s : track.segments) {
    if (s.quality == track::SegmentQuality::noise) continue;
    for (const auto& p : s.positions) {
      const auto sog = p.sog_kn();
      if (!sog) continue;
      const bool predictable =
          ais_class == AisClass::a ? (*sog >= 0.5 && *sog <= 14.0) : *sog > 2.0;
      if (!predictable) continue;
      const std::int64_t day = p.t_ms >= 0 ? p.t_ms / k_ms_per_day : (p.t_ms + 1) / k_ms_per_day - 1;
      ++days[{day, {cell_of(p.lat_deg()), cell_of(p.lon_deg())}}];
    }
  }
  for (const auto& [key, n] : days) {
    const auto month = month_of(key.first * k_ms_per_day);
    Cell& c = m_cells[cell_key(month, key.second.first, key.second.second, ais_class)];
    c.positions += n;
    ++c.vessel_days;
  }
}

double ReceptionMap::positions_per_day(geo::LatLon p, std::int64_t t_ms, AisClass ais_class) const {
  const auto it = m_cells.find(cell_key(month_of(t_ms), cell_of(p.lat_deg), cell_of(p.lon_deg), ais_class));
  if (it == m_cells.end() || it->second.vessel_days == 0) return 0;
  return static_cast<double>(it->second.positions) / static_cast<double>(it->second.vessel_days);
}

std::vector<Gap> find_gaps(const track::Track& track, double min_h, double lookback_h,
                           std::optional<std::int64_t> data_end_ms) {
  std::vector<Gap> out;
  const auto seq = detail::merged_positions(track);
  const auto lookback_ms = static_cast<std::int64_t>(lookback_h * detail::k_ms_per_h);
  std::size_t window_start = 0;
  auto count_before = [&](std::size_t i) {
    while (seq[window_start].p->t_ms < seq[i].p->t_ms - lookback_ms) ++window_start;
    return static_cast<std::uint32_t>(i - window_start + 1);
  };
  for (std::size_t i = 0; i + 1 < seq.size(); ++i) {
    const auto& a = seq[i];
    const auto& b = seq[i + 1];
    if (hours(a.p->t_ms, b.p->t_ms) < min_h) continue;
    Gap g;
    g.before = *a.p;
    g.before_segment = a.segment;
    g.after = *b.p;
    g.after_segment = b.segment;
    g.end_ms = b.p->t_ms;
    g.positions_before = count_before(i);
    out.push_back(g);
  }
  if (!seq.empty() && data_end_ms && hours(seq.back().p->t_ms, *data_end_ms) >= min_h) {
    Gap g;
    g.before = *seq.back().p;
    g.before_segment = seq.back().segment;
    g.end_ms = *data_end_ms;
    g.positions_before = count_before(seq.size() - 1);
    out.push_back(g);
  }
  return out;
}

namespace {

class GapDetector final : public Detector {
 public:
  [[nodiscard]] EventKind kind() const override { return EventKind::gap; }

  void on_vessel(const VesselData& vessel, const Context& context, EventSink& sink) override {
    const Parameters& prm = *context.parameters;
    const AisClass cls = vessel.identities != nullptr ? ais_class_of(*vessel.identities) : AisClass::a;
    m_reception.add(*vessel.track, cls);
    std::vector<std::uint32_t> imos = m_imos.add(vessel);
    for (const Gap& g : find_gaps(*vessel.track, prm.get("gap.min_h"), prm.get("gap.lookback_h"),
                                  context.data_end_ms)) {
      Event e;
      e.kind = EventKind::gap;
      e.mmsi = vessel.mmsi;
      e.start = {g.before.t_ms, latlon(g.before)};
      e.end = {g.end_ms, g.after ? latlon(*g.after) : latlon(g.before)};
      e.position = e.start.position;
      e.open = !g.after;
      e.parameter_set = prm.name();
      e.values["duration_h"] = e.duration_h();
      e.values["positions_before"] = g.positions_before;
      if (g.after) {
        const double nm = track::distance_nm(g.before, *g.after);
        e.values["distance_nm"] = nm;
        e.values["implied_speed_kn"] = e.duration_h() > 0 ? nm / e.duration_h() : 0;
      }
      e.values["ais_class_b"] = cls == AisClass::b ? 1 : 0;
      std::optional<double> shore_nm;
      if (context.coast != nullptr) {
        shore_nm = context.coast->distance_to_shore_m(e.start.position) / geo::k_m_per_nm;
        e.values["distance_from_shore_nm"] = *shore_nm;
      }
      e.evidence.push_back({vessel.mmsi, g.before_segment, g.before.t_ms, g.before.t_ms, 1});
      if (g.after) e.evidence.push_back({vessel.mmsi, g.after_segment, g.after->t_ms, g.after->t_ms, 1});
      // "likely intentional disabling" needs the complete reception map: hold back candidates
      const bool candidate = e.duration_h() >= prm.get("gap.disabling_min_h") && shore_nm &&
                             *shore_nm >= prm.get("gap.disabling_min_shore_nm") &&
                             g.positions_before >= prm.get("gap.disabling_min_positions_before");
      (void)sink;  // gaps wait for finish(): the reception map and other MMSIs are complete then
      m_held.push_back({std::move(e), cls, candidate, imos});
    }
  }

  void finish(const Context& context, EventSink& sink) override {
    const double min_rate = context.parameters->get("gap.disabling_min_cell_positions_per_day");
    for (auto& h : m_held) {
      Event& e = h.event;
      // the same IMO number appearing on another MMSI during the gap: a new identity, not silence
      if (const auto other = m_imos.new_mmsi(e.mmsi, h.imos, e.start.t_ms, e.end.t_ms)) {
        e.subtype = "identity_change";
        e.notes["new_mmsi"] = std::to_string(*other);
      }
      if (h.candidate && e.subtype.empty()) {
        const double rate = m_reception.positions_per_day(e.start.position, e.start.t_ms, h.ais_class);
        e.values["reception_positions_per_day"] = rate;
        if (rate > min_rate) e.subtype = "likely_disabling";
      }
      sink.on_event(std::move(e));
    }
    m_held.clear();
  }

 private:
  ReceptionMap m_reception;
  struct Held {
    Event event;
    AisClass ais_class;
    bool candidate;  // may be likely disabling
    std::vector<std::uint32_t> imos;
  };
  std::vector<Held> m_held;
  detail::ImoSightings m_imos;
};

}  // namespace

std::unique_ptr<Detector> make_gap_detector() { return std::make_unique<GapDetector>(); }

}  // namespace darkfleet::events
