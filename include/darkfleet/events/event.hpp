// What a detector finds: an event with its vessel(s), time span, positions, the parameter set
// that produced it, a confidence, and the evidence it rests on.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/geo/geo.hpp"

namespace darkfleet::events {

/// The kinds of event darkfleet detects (docs/events.md has each definition).
enum class EventKind : std::uint8_t {
  port_visit,      ///< a stay in a watched port (GFW port visit, confidence 1-4)
  gap,             ///< AIS silent for at least the gap threshold (open when the data ends)
  dark_port_call,  ///< a port the vessel could have visited during a gap
  encounter,       ///< two vessels side by side, slow, for hours, away from ports
  loitering,       ///< slow for hours, far from shore
  identity,        ///< an MMSI in two places at once, identity changes, invalid ids, spoofing
};

/// The stable name of a kind ("port_visit", "gap", ...).
std::string_view to_string(EventKind kind);
/// The kind named `name`, if any.
std::optional<EventKind> kind_from_string(std::string_view name);

/// A time and place an event refers to.
struct EventPoint {
  std::int64_t t_ms = 0;
  geo::LatLon position;
  friend bool operator==(const EventPoint&, const EventPoint&) = default;
};

/// The positions an event rests on: which vessel, which segment, which time span of it.
struct Evidence {
  std::uint32_t mmsi = 0;
  std::uint32_t segment = 0;   ///< track::Segment::index
  std::int64_t from_ms = 0;    ///< first position used
  std::int64_t to_ms = 0;      ///< last position used
  std::uint32_t positions = 0; ///< positions used
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

/// One detected event.
struct Event {
  EventKind kind = EventKind::gap;
  std::uint32_t mmsi = 0;                 ///< the vessel
  std::optional<std::uint32_t> other_mmsi;  ///< the other vessel of an encounter
  EventPoint start;                       ///< where and when it starts
  EventPoint end;                         ///< where and when it ends (== start for instants)
  geo::LatLon position;                   ///< representative position (e.g. mean)
  bool open = false;                      ///< still going on when the data ends
  double confidence = 1.0;                ///< 0..1; port visits map GFW's 1-4 to 0.25-1
  std::string subtype;                    ///< kind-specific: "likely_disabling", "name_change", ...
  std::string port_id;                    ///< the port of a port visit or dark port call
  std::string parameter_set;              ///< e.g. "gfw" or "gfw+2" (with overrides)
  /// Kind-specific numbers, by stable name with the unit in it ("duration_h", "distance_nm",
  /// "implied_speed_kn", "distance_from_shore_nm", "slack_h", ...).
  std::map<std::string, double> values;
  /// Kind-specific text ("old_name", "new_name", ...).
  std::map<std::string, std::string> notes;
  std::vector<Evidence> evidence;

  /// A stable id: kind, vessel(s) and start time ("gap-273123456-1707228088000").
  [[nodiscard]] std::string id() const;
  /// Duration in hours (0 for instants).
  [[nodiscard]] double duration_h() const {
    return static_cast<double>(end.t_ms - start.t_ms) / 3'600'000.0;
  }
};

}  // namespace darkfleet::events
