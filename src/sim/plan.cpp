// Building movement plans: scenario itineraries up front, background vessels lazily.
#include "plan.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "geo.hpp"
#include "truth_json.hpp"

namespace darkfleet::sim::detail {

namespace {

constexpr double k_ms_per_h = 3600000.0;
constexpr double k_loiter_speed_kn = 1.5;  // slow circles: GFW's loitering threshold is 2 kn

double mps(double kn) {
  return kn * k_m_per_nm / 3600.0;
}

// Appends a stay (or drift, when `to` differs) from t to `until`.
void push_line(std::deque<Segment>& segs, std::int64_t t0, std::int64_t t1, const LatLon& from,
               const LatLon& to, std::uint8_t status) {
  if (t1 <= t0) return;
  Segment s;
  s.t0_ms = t0;
  s.t1_ms = t1;
  s.from = from;
  s.to = to;
  s.status = status;
  const double d = distance_m(from, to);
  s.sog_kn = d / (static_cast<double>(t1 - t0) / 1000.0) / mps(1.0);
  s.cog_deg = d > 0 ? course_deg(from, to) : 0.0;
  segs.push_back(s);
}

// Sails from `pos` through `path` at `speed_kn`; returns the arrival time, updates `pos`.
std::int64_t push_sail(std::deque<Segment>& segs, std::int64_t t, LatLon& pos,
                       const std::vector<LatLon>& path, double speed_kn, std::uint8_t status) {
  for (const LatLon& p : path) {
    const double d = distance_m(pos, p);
    const auto dur = static_cast<std::int64_t>(std::llround(d / mps(speed_kn) * 1000.0));
    push_line(segs, t, t + dur, pos, p, status);
    t += dur;
    pos = p;
  }
  return t;
}

double path_length_m(LatLon pos, const std::vector<LatLon>& path) {
  double total = 0;
  for (const LatLon& p : path) {
    total += distance_m(pos, p);
    pos = p;
  }
  return total;
}

std::string time_field(std::string_view key, std::optional<std::int64_t> t_ms) {
  if (!t_ms) return fmt::format("\"{}\":null,\"{}_ms\":null", key, key);
  return fmt::format("\"{}\":\"{}\",\"{}_ms\":{}", key, iso_time(*t_ms), key, *t_ms);
}

std::string point_json(const LatLon& p) {
  return fmt::format("[{:.6f},{:.6f}]", p.lat_deg, p.lon_deg);
}

// Where a meeting puts `vessel`: vessel_a at the point, vessel_b abeam of it.
LatLon meeting_position(const Meeting& m, const std::string& vessel) {
  if (vessel == m.vessel_a) return m.position;
  return move(m.position, std::fmod(m.drift_course_deg + 90.0, 360.0), m.separation_m);
}

const Meeting* find_meeting(const Scenario& sc, const std::string& id) {
  for (const auto& m : sc.meetings) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

}  // namespace

TrueState state_on(const Segment& s, std::int64_t t_ms) {
  const std::int64_t t = std::clamp(t_ms, s.t0_ms, s.t1_ms);
  TrueState st;
  st.status = s.status;
  if (s.kind == SegmentKind::circle) {
    const double elapsed_s = static_cast<double>(t - s.t0_ms) / 1000.0;
    const double angle = elapsed_s * mps(s.sog_kn) / s.radius_m;
    st.position = offset(s.from, s.radius_m * std::cos(angle), s.radius_m * std::sin(angle));
    st.sog_kn = s.sog_kn;
    st.cog_deg = std::fmod(angle / k_deg + 90.0, 360.0);
    return st;
  }
  const double f = s.t1_ms > s.t0_ms
                       ? static_cast<double>(t - s.t0_ms) / static_cast<double>(s.t1_ms - s.t0_ms)
                       : 1.0;
  st.position = interpolate(s.from, s.to, f);
  st.sog_kn = s.sog_kn;
  st.cog_deg = s.cog_deg;
  return st;
}

TrueState Plan::at(std::int64_t t_ms) {
  for (;;) {
    while (segments.size() > 1 && segments.front().t1_ms <= t_ms) segments.pop_front();
    if (segments.front().t1_ms > t_ms || !extend) break;
    const std::size_t before = segments.size();
    extend(*this, t_ms);
    if (segments.size() == before) break;
  }
  const Segment& s = segments.front();
  TrueState st = state_on(s, t_ms);
  if (t_ms >= s.t1_ms) st.sog_kn = 0;  // the plan has ended: the vessel stays put
  return st;
}

Plan build_vessel_plan(const Scenario& sc, const Vessel& v, std::vector<PlannedEvent>& events,
                       std::vector<PortCallRecord>* calls) {
  Plan plan;
  auto& segs = plan.segments;
  auto fail = [&](int line, const std::string& message) {
    throw ScenarioError(sc.file, line, message);
  };
  LatLon pos;
  std::string at_port;
  if (!v.start_port.empty()) {
    const Port* p = sc.find_port(v.start_port);
    if (p == nullptr)
      fail(v.line, fmt::format("vessel `{}`: unknown start_port `{}`", v.id, v.start_port));
    pos = p->position;
    at_port = p->id;
  } else {
    pos = *v.start_point;
  }
  std::int64_t t = sc.start_ms;

  // Port-call and voyage bookkeeping (containers on board by size).
  struct OpenCall {
    std::string port;
    std::optional<std::int64_t> arrive_ms;
    Cargo cargo;
  };
  std::optional<OpenCall> call;
  if (!at_port.empty()) call = OpenCall{at_port, std::nullopt, {}};
  int on_board_20 = 0;
  int on_board_40 = 0;
  std::string voyage_from;
  std::int64_t voyage_depart_ms = 0;
  const std::string vessel_json = json_string(v.id);

  auto close_call = [&](std::optional<std::int64_t> depart_ms) {
    if (!call) return;
    events.push_back(
        {k_port_calls, call->arrive_ms.value_or(sc.start_ms),
         fmt::format("{{\"vessel\":{},\"port\":{},{},{},\"loaded_20ft\":{},\"loaded_40ft\":{},"
                     "\"unloaded_20ft\":{},\"unloaded_40ft\":{}}}",
                     vessel_json, json_string(call->port), time_field("arrive", call->arrive_ms),
                     time_field("depart", depart_ms), call->cargo.load_20ft, call->cargo.load_40ft,
                     call->cargo.unload_20ft, call->cargo.unload_40ft)});
    if (calls != nullptr) {
      const std::int64_t arrive = call->arrive_ms.value_or(sc.start_ms);
      calls->push_back(
          {v.id, call->port, arrive, depart_ms.value_or(std::max(sc.end_ms, arrive)), call->cargo});
    }
    voyage_from = call->port;
    voyage_depart_ms = depart_ms.value_or(0);
    call.reset();
  };
  auto stay = [&](std::int64_t until, std::uint8_t status) {
    if (until > t) push_line(segs, t, until, pos, pos, status);
    t = std::max(t, until);
  };
  auto idle_status = [&] { return call ? k_moored : k_under_way; };

  if (v.depart_ms) stay(*v.depart_ms, idle_status());
  auto sail_step = [&](const Step& step) {
    const double speed = step.speed_kn.value_or(v.speed_kn);
    const Port* port = nullptr;
    const Meeting* meet = nullptr;
    LatLon target;
    if (!step.port.empty()) {
      port = sc.find_port(step.port);
      if (port == nullptr) fail(step.line, fmt::format("unknown port `{}`", step.port));
      target = port->position;
    } else if (step.point) {
      target = *step.point;
    } else {
      meet = find_meeting(sc, step.meeting);
      if (meet == nullptr) fail(step.line, fmt::format("unknown meeting `{}`", step.meeting));
      target = meeting_position(*meet, v.id);
    }
    std::vector<LatLon> path = step.via;
    path.push_back(target);
    if (meet != nullptr) {
      const auto travel_ms =
          static_cast<std::int64_t>(std::llround(path_length_m(pos, path) / mps(speed) * 1000.0));
      const std::int64_t leave = meet->start_ms - travel_ms;
      if (leave < t) {
        fail(step.line,
             fmt::format("vessel `{}` cannot reach meeting `{}` by its start at {} kn ({:.1f} h "
                         "late); start it later or sail faster",
                         v.id, meet->id, speed, static_cast<double>(t - leave) / k_ms_per_h));
      }
      stay(leave, idle_status());
    }
    const bool moving = path_length_m(pos, path) > 1.0;
    if (moving) close_call(t);
    t = push_sail(segs, t, pos, path, speed, k_under_way);
    if (port != nullptr && (moving || !call)) {
      if (!voyage_from.empty()) {
        events.push_back({k_voyages, voyage_depart_ms,
                          fmt::format("{{\"vessel\":{},\"from\":{},\"to\":{},{},{},"
                                      "\"on_board_20ft\":{},\"on_board_40ft\":{}}}",
                                      vessel_json, json_string(voyage_from), json_string(port->id),
                                      time_field("depart", voyage_depart_ms),
                                      time_field("arrive", t), on_board_20, on_board_40)});
      }
      call = OpenCall{port->id, t, {}};
    }
    if (port != nullptr) {
      on_board_20 -= step.cargo.unload_20ft;
      on_board_40 -= step.cargo.unload_40ft;
      if (on_board_20 < 0 || on_board_40 < 0) {
        fail(step.line,
             fmt::format("vessel `{}` unloads more containers than it has on board", v.id));
      }
      on_board_20 += step.cargo.load_20ft;
      on_board_40 += step.cargo.load_40ft;
      call->cargo.load_20ft += step.cargo.load_20ft;
      call->cargo.load_40ft += step.cargo.load_40ft;
      call->cargo.unload_20ft += step.cargo.unload_20ft;
      call->cargo.unload_40ft += step.cargo.unload_40ft;
    }
    if (meet != nullptr) {
      const auto dur_ms = static_cast<std::int64_t>(meet->duration_h * k_ms_per_h);
      const LatLon end = move(pos, meet->drift_course_deg,
                              mps(meet->drift_kn) * static_cast<double>(dur_ms) / 1000.0);
      push_line(segs, t, t + dur_ms, pos, end, k_under_way);
      if (v.id == meet->vessel_a) {
        events.push_back({k_meetings, t,
                          fmt::format("{{\"id\":{},\"vessels\":[{},{}],{},{},\"position\":{},"
                                      "\"separation_m\":{},\"drift_kn\":{}}}",
                                      json_string(meet->id), json_string(meet->vessel_a),
                                      json_string(meet->vessel_b), time_field("start", t),
                                      time_field("end", t + dur_ms), point_json(meet->position),
                                      meet->separation_m, meet->drift_kn)});
      }
      t += dur_ms;
      pos = end;
    }
    if (step.loiter_h > 0) {
      const auto dur_ms = static_cast<std::int64_t>(step.loiter_h * k_ms_per_h);
      Segment c;
      c.t0_ms = t;
      c.t1_ms = t + dur_ms;
      c.kind = SegmentKind::circle;
      c.from = pos;
      c.radius_m = step.loiter_radius_m;
      c.sog_kn = k_loiter_speed_kn;
      segs.push_back(c);
      events.push_back(
          {k_loitering, t,
           fmt::format("{{\"vessel\":{},{},{},\"centre\":{},\"radius_m\":{},"
                       "\"speed_kn\":{}}}",
                       vessel_json, time_field("start", t), time_field("end", t + dur_ms),
                       point_json(pos), step.loiter_radius_m, k_loiter_speed_kn)});
      t += dur_ms;
      pos = state_on(c, t).position;
    }
    if (step.dwell_h > 0) {
      stay(t + static_cast<std::int64_t>(step.dwell_h * k_ms_per_h),
           port != nullptr ? k_moored : (step.point ? k_at_anchor : k_under_way));
    }
  };
  for (int rep = 0; rep < v.repeat && t < sc.end_ms; ++rep) {
    for (const Step& step : v.itinerary) {
      if (t < sc.end_ms) sail_step(step);
    }
  }
  for (const Step& step : v.finally) {
    if (t < sc.end_ms) sail_step(step);
  }
  stay(std::max(sc.end_ms, t + 1), idle_status());
  close_call(std::nullopt);
  return plan;
}

// ---------------------------------------------------------------------------------------
// Background vessels.

namespace {

constexpr std::string_view k_words_a[] = {"OCEAN",  "SEA",   "PACIFIC", "EASTERN", "NORTH",
                                          "GOLDEN", "BLUE",  "GRAND",   "SILVER",  "STAR",
                                          "HANA",   "SUNNY", "DONG",    "NEW",     "AMUR"};
constexpr std::string_view k_words_b[] = {"PIONEER", "BRIDGE", "GLORY", "HARMONY", "TRADER",
                                          "SPIRIT",  "WAY",    "HOPE",  "EXPRESS", "FORTUNE",
                                          "MARU",    "LINE",   "WIND",  "PEARL",   "DAWN"};

std::string random_name(Rng& rng, std::uint64_t k) {
  return fmt::format("{} {} {}", k_words_a[rng.below(std::size(k_words_a))],
                     k_words_b[rng.below(std::size(k_words_b))], 1 + k % 97);
}

std::string random_callsign(Rng& rng) {
  std::string s;
  for (int i = 0; i < 5; ++i) s += static_cast<char>('A' + rng.below(26));
  return s;
}

// Shuttles between the two ends of a lane, dwelling at each.
struct LaneWalker {
  std::vector<LatLon> path;  // from-port, via..., to-port
  std::string vessel;
  std::string from_port;
  std::string to_port;
  bool forward = true;
  double speed_kn = 12;
  double min_dwell_h = 6;
  double max_dwell_h = 36;
  Rng rng{0, 0};

  void operator()(Plan& plan, std::int64_t /*t_now*/) {
    const Segment last = plan.segments.back();
    LatLon pos = state_on(last, last.t1_ms).position;
    if (last.status != k_moored) {  // arrived: dwell, and tell the truth about the call
      const auto dur = std::max<std::int64_t>(
          static_cast<std::int64_t>(rng.uniform(min_dwell_h, max_dwell_h) * k_ms_per_h), 60000);
      push_line(plan.segments, last.t1_ms, last.t1_ms + dur, pos, pos, k_moored);
      plan.new_events.push_back(
          {k_port_calls, last.t1_ms,
           fmt::format("{{\"vessel\":{},\"port\":{},{},{},\"loaded_20ft\":0,\"loaded_40ft\":0,"
                       "\"unloaded_20ft\":0,\"unloaded_40ft\":0}}",
                       json_string(vessel), json_string(forward ? to_port : from_port),
                       time_field("arrive", last.t1_ms), time_field("depart", last.t1_ms + dur))});
      return;
    }
    forward = !forward;
    std::vector<LatLon> legs(path.begin() + 1, path.end());
    if (!forward) legs.assign(path.rbegin() + 1, path.rend());
    push_sail(plan.segments, last.t1_ms, pos, legs, speed_kn, k_under_way);
  }
};

// Fishing-like movement: slow legs in random directions and short stops, inside a box. A
// stop lasts at most 1.5 h and only follows a leg of at least 2 h at 3 kn or more, so no
// four consecutive hours average under 2 kn: background fishing is never loitering by the
// loitering definition (docs/events.md), and truth, which lists planted loitering only,
// stays complete.
struct FishingWalker {
  Box area;
  Rng rng{0, 0};

  void operator()(Plan& plan, std::int64_t /*t_now*/) {
    const Segment last = plan.segments.back();
    LatLon pos = state_on(last, last.t1_ms).position;
    const bool after_long_leg = static_cast<double>(last.t1_ms - last.t0_ms) >= 2 * k_ms_per_h &&
                                distance_m(state_on(last, last.t0_ms).position, pos) > 100;
    if (after_long_leg && rng.chance(0.35)) {
      const auto dur = static_cast<std::int64_t>(rng.uniform(0.5, 1.5) * k_ms_per_h);
      push_line(plan.segments, last.t1_ms, last.t1_ms + dur, pos, pos, k_fishing);
      return;
    }
    const double speed_kn = rng.uniform(3, 6);
    LatLon target = move(pos, rng.uniform(0, 360), speed_kn * rng.uniform(2, 3) * k_m_per_nm);
    target.lat_deg = std::clamp(target.lat_deg, area.south_deg, area.north_deg);
    target.lon_deg = std::clamp(target.lon_deg, area.west_deg, area.east_deg);
    if (distance_m(pos, target) < 100)
      target = {(area.south_deg + area.north_deg) / 2, (area.west_deg + area.east_deg) / 2};
    push_sail(plan.segments, last.t1_ms, pos, {target}, speed_kn, k_fishing);
  }
};

// A background vessel's IMO number: six digits from its index and the check digit the IMO
// scheme requires, so that only planted identity faults fail the identity detector's check.
// An IMO number with a valid check digit for background vessel k, never one of `taken`
// (the scenario's own vessels: sharing theirs would plant identity changes).
std::uint32_t background_imo(std::uint64_t k, std::set<std::uint32_t>& taken) {
  auto body = 910000U + static_cast<std::uint32_t>(k * 7U % 89999U);
  for (;; body = body == 999999U ? 910000U : body + 1) {
    std::uint32_t sum = 0;
    std::uint32_t rest = body;
    for (std::uint32_t weight = 2; weight <= 7; ++weight, rest /= 10) sum += (rest % 10) * weight;
    const std::uint32_t imo = body * 10U + sum % 10U;
    if (taken.insert(imo).second) return imo;
  }
}

}  // namespace

std::vector<BackgroundVessel> make_background(const Scenario& sc, std::uint64_t seed) {
  std::vector<BackgroundVessel> out;
  std::set<std::uint32_t> taken;
  std::set<std::uint32_t> taken_imo;
  for (const auto& v : sc.vessels) {
    taken.insert(v.mmsi);
    if (v.imo != 0) taken_imo.insert(v.imo);
    for (const auto& change : v.identity) {
      if (change.imo) taken_imo.insert(*change.imo);
    }
  }
  std::uint64_t k = 0;
  auto make = [&](std::uint32_t mid, Rng& rng) {
    BackgroundVessel b;
    b.id = fmt::format("bg-{}", k);
    std::uint32_t mmsi = mid * 1000000U + 500000U + static_cast<std::uint32_t>(k % 500000U);
    while (taken.count(mmsi) != 0) ++mmsi;
    taken.insert(mmsi);
    b.mmsi = mmsi;
    b.name = random_name(rng, k);
    b.callsign = random_callsign(rng);
    ++k;
    return b;
  };
  for (const Lane& lane : sc.lanes) {
    const Port* from = sc.find_port(lane.from_port);
    const Port* to = sc.find_port(lane.to_port);
    std::vector<LatLon> path{from->position};
    path.insert(path.end(), lane.via.begin(), lane.via.end());
    path.push_back(to->position);
    for (int i = 0; i < lane.vessels; ++i) {
      Rng rng(seed, (1ULL << 40U) + k);
      BackgroundVessel b = make(lane.mids[rng.below(lane.mids.size())], rng);
      b.ais_class = rng.chance(lane.class_b_share) ? AisClass::b : AisClass::a;
      b.ship_type = lane.ship_types[rng.below(lane.ship_types.size())];
      b.length_m =
          std::round(b.ais_class == AisClass::b ? rng.uniform(12, 30) : rng.uniform(80, 300));
      b.beam_m = std::round(b.length_m / rng.uniform(5.5, 7.5));
      b.imo = b.ais_class == AisClass::a ? background_imo(k, taken_imo) : 0;
      LaneWalker w;
      w.path = path;
      w.vessel = b.id;
      w.from_port = from->id;
      w.to_port = to->id;
      w.forward = rng.chance(0.5);
      w.speed_kn = rng.uniform(lane.min_speed_kn, lane.max_speed_kn);
      w.min_dwell_h = lane.min_dwell_h;
      w.max_dwell_h = lane.max_dwell_h;
      // Start somewhere on the lane, sailing towards one end.
      const std::size_t leg = rng.below(path.size() - 1);
      LatLon pos = interpolate(path[leg], path[leg + 1], rng.unit());
      std::vector<LatLon> rest;
      if (w.forward) {
        rest.assign(path.begin() + static_cast<std::ptrdiff_t>(leg) + 1, path.end());
      } else {
        for (std::size_t j = leg + 1; j-- > 0;) rest.push_back(path[j]);
      }
      b.destination = w.forward ? to->name : from->name;
      push_sail(b.plan.segments, sc.start_ms, pos, rest, w.speed_kn, k_under_way);
      if (b.plan.segments.empty()) {  // started at the lane's end: a plan is never empty
        push_line(b.plan.segments, sc.start_ms, sc.start_ms + 60000, pos, pos, k_under_way);
      }
      w.rng = Rng(seed, (2ULL << 40U) + k);
      b.plan.extend = w;
      out.push_back(std::move(b));
    }
  }
  for (const Anchorage& a : sc.anchorages) {
    for (int i = 0; i < a.vessels; ++i) {
      Rng rng(seed, (1ULL << 40U) + k);
      BackgroundVessel b =
          make(std::array<std::uint32_t, 4>{273, 440, 431, 412}[rng.below(4)], rng);
      b.ship_type = rng.chance(0.3) ? 80 : 70;
      b.length_m = std::round(rng.uniform(60, 200));
      b.beam_m = std::round(b.length_m / 6.5);
      b.imo = background_imo(k, taken_imo);
      const double r = a.radius_m * std::sqrt(rng.unit());
      const double bearing = rng.uniform(0, 360);
      const LatLon p = move(a.position, bearing, r);
      push_line(b.plan.segments, sc.start_ms, sc.end_ms, p, p, k_at_anchor);
      out.push_back(std::move(b));
    }
  }
  for (const FishingGround& f : sc.fishing) {
    for (int i = 0; i < f.vessels; ++i) {
      Rng rng(seed, (1ULL << 40U) + k);
      BackgroundVessel b =
          make(std::array<std::uint32_t, 4>{273, 440, 431, 412}[rng.below(4)], rng);
      b.ais_class = rng.chance(f.class_b_share) ? AisClass::b : AisClass::a;
      b.ship_type = 30;
      b.length_m = std::round(rng.uniform(15, 60));
      b.beam_m = std::round(b.length_m / 4.5);
      const LatLon p{rng.uniform(f.area.south_deg, f.area.north_deg),
                     rng.uniform(f.area.west_deg, f.area.east_deg)};
      push_line(b.plan.segments, sc.start_ms, sc.start_ms + 60000, p, p, k_fishing);
      b.plan.extend = FishingWalker{f.area, Rng(seed, (2ULL << 40U) + k)};
      out.push_back(std::move(b));
    }
  }
  return out;
}

}  // namespace darkfleet::sim::detail
