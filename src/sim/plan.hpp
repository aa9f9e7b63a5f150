// Movement plans: where a vessel truly is at any time, as a queue of segments (sail a leg,
// stay, drift, circle). Scenario vessels get their whole plan up front (its size is bounded
// by the scenario file); background vessels extend theirs one leg at a time, so memory does
// not grow with the simulated duration.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "darkfleet/sim/scenario.hpp"
#include "random.hpp"

namespace darkfleet::sim::detail {

/// AIS navigation status codes used by the simulator (ITU-R M.1371-5, message 1).
enum NavStatus : std::uint8_t {
  k_under_way = 0,
  k_at_anchor = 1,
  k_moored = 5,
  k_fishing = 7,
};

enum class SegmentKind : std::uint8_t { line, circle };

/// A stretch of the true track. `line`: linear motion from `from` to `to` (a stay when
/// they are equal). `circle`: slow circles of `radius_m` around `from`.
struct Segment {
  std::int64_t t0_ms = 0;
  std::int64_t t1_ms = 0;
  SegmentKind kind = SegmentKind::line;
  LatLon from;
  LatLon to;
  double radius_m = 0;
  std::uint8_t status = k_under_way;
  double sog_kn = 0;   ///< line: computed from distance and time
  double cog_deg = 0;  ///< line: course from `from` to `to`
};

/// The true state at one time.
struct TrueState {
  LatLon position;
  double sog_kn = 0;
  double cog_deg = 0;
  std::uint8_t status = k_under_way;
};

/// State on `s` at `t_ms` (clamped to the segment).
TrueState state_on(const Segment& s, std::int64_t t_ms);

/// A truth record made while planning (port call, voyage, meeting, loitering, identity).
struct PlannedEvent {
  int section = 0;  ///< TruthSection value
  std::int64_t t_ms = 0;
  std::string json;  ///< one JSON object
};

/// The movement of one vessel.
class Plan {
 public:
  /// The true state at `t_ms`; calls must come in non-decreasing time order.
  TrueState at(std::int64_t t_ms);
  /// Segments still to sail (front is current).
  std::deque<Segment> segments;
  /// Extends `segments` when it runs out; null for plans built up front (the vessel
  /// then stays where its last segment ended).
  std::function<void(Plan&, std::int64_t)> extend;
  /// Events produced by extend() (background port calls), drained by the caller.
  std::vector<PlannedEvent> new_events;
};

/// A scenario vessel's port call with the containers it moved: the same call as its
/// `port_calls` truth event, as a record (the yard model of imagery.cpp reads these).
/// A vessel that starts in port arrives at the scenario start; one still in port at the
/// end departs at the scenario end (or at its arrival, when that is later).
struct PortCallRecord {
  std::string vessel;  ///< vessel id
  std::string port;    ///< port id
  std::int64_t arrive_ms = 0;
  std::int64_t depart_ms = 0;
  Cargo cargo;  ///< loaded / unloaded during the call, by size
};

/// The plan of a scenario vessel, and the truth events it implies (port calls with cargo,
/// voyages, meetings, loitering); its port calls also go to `calls` when given, in the
/// order they happen. Throws ScenarioError when a meeting cannot be reached in time or a
/// port is unknown.
Plan build_vessel_plan(const Scenario& scenario, const Vessel& vessel,
                       std::vector<PlannedEvent>& events,
                       std::vector<PortCallRecord>* calls = nullptr);

/// Background vessels (lanes, anchorages, fishing grounds): identity and lazy plan.
struct BackgroundVessel {
  std::string id;
  std::uint32_t mmsi = 0;
  std::string name;
  std::string callsign;
  std::uint32_t imo = 0;
  int ship_type = 70;
  AisClass ais_class = AisClass::a;
  double length_m = 100;
  double beam_m = 18;
  std::string destination;
  Plan plan;
};

/// Creates every background vessel of `scenario`; `seed` and the vessel's index choose
/// its random stream, so the result does not depend on threads.
std::vector<BackgroundVessel> make_background(const Scenario& scenario, std::uint64_t seed);

}  // namespace darkfleet::sim::detail
