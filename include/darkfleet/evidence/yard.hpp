// Yard series and their changes: the containers seen in a port area image after image, and
// each change between two images tied to the port calls (visits in sight, dark port calls)
// that overlap it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "darkfleet/events/event.hpp"
#include "darkfleet/store/observation.hpp"

namespace darkfleet::evidence {

/// The observations of one area, oldest first (ties by image id, then by id).
struct YardSeries {
  std::string area_id;
  std::vector<store::Observation> observations;
};

/// Splits `observations` into one series per area, areas by id.
std::vector<YardSeries> yard_series(std::vector<store::Observation> observations);

/// A time a vessel was, or could have been, in a port: a port visit or a dark port call.
struct PortCall {
  std::string event_id;
  events::EventKind kind = events::EventKind::port_visit;
  std::uint32_t mmsi = 0;
  std::string port_id;
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
  double confidence = 1;  ///< the event's (a dark port call: 1 / candidates of its gap)
};

/// The port visits and dark port calls of `events`, by start time.
std::vector<PortCall> port_calls(const std::vector<events::Event>& events);

/// What an area is in the case's flow of containers.
enum class AreaRole : std::uint8_t {
  origin,       ///< ships load here (containers leave the yard by sea)
  destination,  ///< ships unload here (containers arrive by sea)
  other,        ///< counted, but not part of the flow
};

/// A change of an area's yard between two of its observations, and the calls that overlap
/// it. A call that spans an image joins the changes before and after it into one, so a
/// call's loading is never split between two changes.
struct YardChange {
  std::string area_id;
  std::size_t first = 0;  ///< index of the first observation in the area's series
  std::size_t last = 0;   ///< index of the last (the change is last - first)
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
  std::int64_t change_20ft = 0;  ///< as counted: last - first
  std::int64_t change_40ft = 0;
  std::vector<PortCall> calls;  ///< empty: only land traffic explains it
};

/// The changes of one series: consecutive observations, joined where a call overlaps both
/// sides of an image. `calls` at other ports are ignored; a call overlaps [t1, t2] when it
/// starts before t2 and ends after t1.
std::vector<YardChange> yard_changes(const YardSeries& series, const std::string& port_id,
                                     const std::vector<PortCall>& calls);

}  // namespace darkfleet::evidence
