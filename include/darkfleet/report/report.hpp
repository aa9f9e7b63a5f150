// A case report: what the database holds about a case, the events found in it, the
// containers the imagery gives and the estimate made from them, gathered once so the HTML
// page and the JSON document say the same thing (docs/report.md).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "darkfleet/estimate/estimate.hpp"
#include "darkfleet/events/event.hpp"
#include "darkfleet/events/parameters.hpp"
#include "darkfleet/evidence/cargo.hpp"
#include "darkfleet/geo/coast.hpp"
#include "darkfleet/geo/ports.hpp"
#include "darkfleet/store/store.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::report {

/// The case a report is about (case.toml's [case], or the database's name).
struct CaseInfo {
  std::string id;
  std::string title;
  std::string label;  ///< e.g. "SIMULATION built from public reporting"; shown on every page
};

/// The [case] table of a case.toml (id, title, label); throws std::runtime_error naming the
/// file when it cannot be read or has no [case] id.
CaseInfo load_case_info(const std::string& case_toml);

/// What a report is made from besides the database. Pointers may be null: that part of the
/// report is then left out and a note says why.
struct Inputs {
  CaseInfo case_info;
  std::string database;  ///< shown as the report's source
  const events::Parameters* parameters = nullptr;  ///< required
  const geo::Coast* coast = nullptr;
  std::vector<geo::Port> ports;  ///< watched ports
  const evidence::CargoModel* cargo_model = nullptr;
  const estimate::Model* estimate_model = nullptr;
  std::vector<std::uint32_t> watch;  ///< vessels to follow; empty: chosen from the events
  std::size_t max_watched = 12;      ///< vessels chosen from the events at most
  std::size_t max_background_tracks = 300;  ///< other vessels drawn on the map at most
  track::SegmenterOptions segmenter;
  std::string generated_by;  ///< e.g. "darkfleet 0.7.0"
  std::string fingerprint;   ///< of everything the report is made from (darkfleet analyze)
};

/// A vessel's track as the map draws it: its clean segments, thinned to a few hundred
/// points each.
struct TrackLine {
  std::uint32_t mmsi = 0;
  bool watched = false;
  std::vector<std::vector<geo::LatLon>> parts;
};

/// A span of time, Unix ms.
struct Span {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
};

/// A watched vessel: why it is followed, when its AIS was heard, and its latest identity.
struct WatchedVessel {
  std::uint32_t mmsi = 0;
  std::string name;       ///< latest broadcast name; empty when none
  std::string reason;     ///< "asked for", "dark port call at rajin", ...
  std::uint64_t positions = 0;  ///< clean positions
  std::vector<Span> heard;      ///< AIS on: the data's span of the vessel minus its gaps
  std::int64_t first_ms = 0;
  std::int64_t last_ms = 0;
};

/// The yard evidence and the containers it gives (darkfleet evidence voyages).
struct CargoSection {
  evidence::CargoModel model;
  evidence::CargoResult result;
};

/// The estimate (darkfleet estimate), with the model it ran, whose assumptions carry their
/// sources.
struct EstimateSection {
  estimate::Model model;
  estimate::Result result;
  bool containers_from_evidence = false;
};

/// One input file and what became of it.
struct SourceQuality {
  store::SourceInfo source;
};

struct Report {
  CaseInfo case_info;
  std::string database;
  std::string generated_by;
  std::string fingerprint;
  events::Parameters parameters = events::Parameters::gfw();  ///< the events' parameter set
  std::int64_t data_from_ms = 0;
  std::int64_t data_to_ms = 0;
  store::StoreSummary store;
  std::vector<store::SourceInfo> sources;
  std::size_t observations = 0;
  /// Positions per vessel-day over all vessels with positions (a reception measure).
  double positions_per_vessel_day = 0;
  /// What cleaning dropped over all vessels read for the report.
  track::TrackStats cleaning;
  std::vector<geo::Port> ports;
  store::BBox map_box;               ///< what the map shows
  std::vector<geo::Polygon> land;    ///< land polygons that reach into map_box
  std::vector<TrackLine> tracks;     ///< watched first
  std::size_t vessels_not_drawn = 0;
  std::vector<events::Event> events;  ///< sort_events() order
  std::vector<WatchedVessel> watched;
  std::optional<CargoSection> cargo;
  std::optional<EstimateSection> estimate;
  std::vector<std::string> notes;  ///< what was left out and why
};

/// Runs the detectors over `db` and gathers everything a report shows. Throws
/// std::runtime_error when the database holds no positions.
Report build_report(const store::Store& db, const Inputs& inputs);

/// 1234567 -> "1,234,567" (the report's way with counts).
std::string grouped(std::uint64_t n);

/// The report as one self-contained HTML page: inline CSS and SVG, no script, no request
/// to anything outside the file.
void write_html(std::ostream& out, const Report& report);

/// The same content as JSON (docs/report.md gives the fields).
void write_json(std::ostream& out, const Report& report);

}  // namespace darkfleet::report
