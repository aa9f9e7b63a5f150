#include "scenario_validate.hpp"

#include <map>
#include <set>

#include <fmt/format.h>

#include "plan.hpp"

namespace darkfleet::sim {

void validate_scenario(const Scenario& s) {
  auto fail = [&](int line, const std::string& message) {
    throw ScenarioError(s.file, line, message);
  };
  std::map<std::string, const Vessel*> by_id;
  std::set<std::uint32_t> mmsis;
  for (const auto& v : s.vessels) {
    if (!by_id.emplace(v.id, &v).second)
      fail(v.line, fmt::format("vessel `{}` defined twice", v.id));
    if (!mmsis.insert(v.mmsi).second) {
      fail(v.line, fmt::format("vessel `{}`: MMSI {} is already used (to make two ships share "
                               "an MMSI, use an [[vessels.identity]] change)",
                               v.id, v.mmsi));
    }
    if (!v.start_port.empty() && s.find_port(v.start_port) == nullptr) {
      fail(v.line, fmt::format("vessel `{}`: unknown start_port `{}`", v.id, v.start_port));
    }
    std::vector<Step> all = v.itinerary;
    all.insert(all.end(), v.finally.begin(), v.finally.end());
    for (const auto& step : all) {
      if (!step.port.empty() && s.find_port(step.port) == nullptr) {
        fail(step.line, fmt::format("vessel `{}`: unknown port `{}`", v.id, step.port));
      }
      if (!step.meeting.empty() && v.repeat != 1 && &step < all.data() + v.itinerary.size()) {
        fail(step.line,
             fmt::format("vessel `{}`: an itinerary with a meeting cannot repeat", v.id));
      }
    }
    for (std::size_t i = 1; i < v.identity.size(); ++i) {
      if (v.identity[i].t_ms < v.identity[i - 1].t_ms) {
        fail(v.identity[i].line, "identity changes must be in time order");
      }
    }
  }
  std::set<std::string> meeting_ids;
  for (const auto& m : s.meetings) {
    if (!meeting_ids.insert(m.id).second)
      fail(m.line, fmt::format("meeting `{}` defined twice", m.id));
    if (m.vessel_a == m.vessel_b) fail(m.line, fmt::format("meeting `{}` needs two vessels", m.id));
    for (const auto& id : {m.vessel_a, m.vessel_b}) {
      const auto it = by_id.find(id);
      if (it == by_id.end())
        fail(m.line, fmt::format("meeting `{}`: unknown vessel `{}`", m.id, id));
      int steps = 0;
      for (const auto& step : it->second->itinerary) steps += step.meeting == m.id ? 1 : 0;
      for (const auto& step : it->second->finally) steps += step.meeting == m.id ? 1 : 0;
      if (steps != 1) {
        fail(m.line, fmt::format("meeting `{}`: vessel `{}` needs exactly one itinerary step "
                                 "`meet = \"{}\"`",
                                 m.id, id, m.id));
      }
    }
  }
  for (const auto& v : s.vessels) {
    std::vector<Step> all = v.itinerary;
    all.insert(all.end(), v.finally.begin(), v.finally.end());
    for (const auto& step : all) {
      if (!step.meeting.empty() && meeting_ids.count(step.meeting) == 0) {
        fail(step.line, fmt::format("vessel `{}`: unknown meeting `{}`", v.id, step.meeting));
      }
    }
  }
  long long background = 0;
  for (const auto& l : s.lanes) {
    for (const auto& id : {l.from_port, l.to_port}) {
      if (s.find_port(id) == nullptr) fail(l.line, fmt::format("lane: unknown port `{}`", id));
    }
    if (l.from_port == l.to_port && l.via.empty()) fail(l.line, "a lane needs two different ends");
    background += l.vessels;
  }
  for (const auto& a : s.anchorages) background += a.vessels;
  for (const auto& f : s.fishing) background += f.vessels;
  if (background > 500000) fail(0, "at most 500,000 background vessels");
  if ((!s.vessels.empty() || background > 0) && s.reception.shore.empty() &&
      !s.reception.satellite.enabled) {
    fail(0, "[reception] has no shore station and no satellite: nothing would be received");
  }
  std::set<std::string> stations;
  for (const auto& st : s.reception.shore) {
    if (!stations.insert(st.id).second)
      fail(st.line, fmt::format("station `{}` defined twice", st.id));
  }
  std::set<std::string> areas;
  for (const auto& im : s.imagery) {
    if (s.find_port(im.port) == nullptr) {
      fail(im.line, fmt::format("imagery: unknown port `{}`", im.port));
    }
    if (!areas.insert(im.area_id).second) {
      fail(im.line, fmt::format("imagery: area `{}` is imaged twice (give each [[imagery]] its "
                                "own area_id)",
                                im.area_id));
    }
    const double revisits =
        (static_cast<double>(s.end_ms - s.start_ms) / 3600000.0 - im.offset_h) / im.every_h;
    if (revisits > 1e6) {
      fail(im.line, fmt::format("imagery `{}`: every_h = {} gives {:.0f} revisits; at most "
                                "1,000,000 per area",
                                im.area_id, im.every_h, revisits));
    }
  }
  // Build every plan once: unreachable meetings and cargo errors surface here, with lines.
  std::vector<detail::PlannedEvent> events;
  for (const auto& v : s.vessels) (void)detail::build_vessel_plan(s, v, events);
}

}  // namespace darkfleet::sim
