// Events written as JSON shaped like Global Fishing Watch's events API (docs/events.md has
// every field), GeoJSON, CSV or KML; and darkfleet's JSON read back (for `evaluate`).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/events/event.hpp"
#include "darkfleet/events/parameters.hpp"

namespace darkfleet::events {

enum class OutputFormat { json, geojson, csv, kml };

/// The format named "json", "geojson", "csv" or "kml".
std::optional<OutputFormat> output_format_from_name(std::string_view name);
/// The format of a path's extension (.json .geojson .csv .kml).
std::optional<OutputFormat> output_format_from_path(std::string_view path);

/// Writes `events` (in the order given) to `out`. JSON carries the parameter set in
/// "metadata"; the other formats carry it per event.
void write_events(std::ostream& out, const std::vector<Event>& events, OutputFormat format,
                  const Parameters& parameters);

/// An events JSON document read back: its events and the parameter set its metadata
/// records (the `gfw` set with the recorded overrides; `gfw` when there is none).
struct EventsDocument {
  std::vector<Event> events;
  Parameters parameters = Parameters::gfw();
};

/// darkfleet's JSON output, parsed once. Throws std::runtime_error when `text` is not such
/// a document (saying what is wrong).
EventsDocument read_events_document(std::string_view text);

/// The events of read_events_document().
std::vector<Event> read_events_json(std::string_view text);

}  // namespace darkfleet::events
