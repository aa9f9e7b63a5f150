// The detectors darkfleet ships, the registry that makes them by kind, and the runner that
// streams vessels from a store through them.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "darkfleet/events/detector.hpp"
#include "darkfleet/store/store.hpp"

namespace darkfleet::events {

/// A new detector of `kind`, or nullptr when this build has none yet (the encounter,
/// loitering and identity detectors are built on their own branch and plugged in here).
std::unique_ptr<Detector> make_detector(EventKind kind);

/// Every kind make_detector() can build, in EventKind order.
std::vector<EventKind> available_kinds();

/// AIS class of a vessel as darkfleet can tell it from the store, which keeps neither the
/// message type nor the transponder class: a vessel that ever broadcast a Class-A-only
/// static field (IMO number, draught or destination, message 5) is Class A; one with an
/// identity but none of those is Class B (message 24); one without identity counts as A.
enum class AisClass : std::uint8_t { a, b };
AisClass ais_class_of(const std::vector<store::Identity>& identities);

/// Reception quality measured from the data: mean positions per vessel-day in each 1 degree
/// cell, per calendar month, Class A and B apart. Only positions from vessels whose
/// reporting rate is predictable count (Class A 0.5-14 kn, Class B above 2 kn, as GFW's
/// reception_measured.sql).
class ReceptionMap {
 public:
  /// Adds the positions of one vessel.
  void add(const track::Track& track, AisClass ais_class);
  /// Mean positions per vessel-day at `p` in the month of `t_ms`; 0 when nothing was seen.
  [[nodiscard]] double positions_per_day(geo::LatLon p, std::int64_t t_ms, AisClass ais_class) const;
  /// Number of (month, cell, class) entries.
  [[nodiscard]] std::size_t cells() const { return m_cells.size(); }

 private:
  struct Cell {
    std::uint64_t positions = 0;
    std::uint64_t vessel_days = 0;
  };
  std::map<std::uint64_t, Cell> m_cells;
};

/// A gap between two consecutive positions of one vessel (or after its last position).
struct Gap {
  store::Position before;          ///< last position before the gap
  std::uint32_t before_segment = 0;
  std::optional<store::Position> after;  ///< first position after; none for an open gap
  std::uint32_t after_segment = 0;
  std::int64_t end_ms = 0;         ///< after->t_ms, or the end of the data for an open gap
  std::uint32_t positions_before = 0;  ///< positions in the lookback window before the gap
};

/// The gaps of at least `min_h` hours in `track` (all segments but noise, merged in time
/// order), and the open gap to `data_end_ms` when that is long enough too.
std::vector<Gap> find_gaps(const track::Track& track, double min_h, double lookback_h,
                           std::optional<std::int64_t> data_end_ms);

/// How many detector passes a run made and what they found.
struct RunStats {
  std::uint64_t vessels = 0;
  std::uint64_t positions = 0;
  std::map<EventKind, std::uint64_t> events;
  std::vector<EventKind> missing;  ///< kinds asked for that this build cannot detect
};

/// Runs the detectors of `kinds` over every vessel of `db` with positions in `window`, in
/// MMSI order, then calls finish(). Up to two threads (one per core) read and segment the
/// vessels, the second with a read-only connection of its own to db.path(); each detector
/// runs on a thread of its own; at most a few dozen tracks are in memory at a time. Events
/// reach `sink` after the run, detector by detector in the order of `kinds` (each detector's
/// in the order it found them); sort_events() gives the documented output order. An
/// exception in any detector or in the reader ends the run and is rethrown here. When
/// `context` has no data_end_ms, the end of the window (or the latest position stored) is
/// used.
RunStats run_detectors(const store::Store& db, const std::vector<EventKind>& kinds,
                       Context context, const store::Window& window, EventSink& sink,
                       const track::SegmenterOptions& segmenter = {});
/// run_detectors() with detectors of the caller's own (null entries are skipped); events
/// reach `sink` in the order of `detectors`.
RunStats run_own_detectors(const store::Store& db, std::vector<std::unique_ptr<Detector>> detectors,
                           Context context, const store::Window& window, EventSink& sink,
                           const track::SegmenterOptions& segmenter = {});

/// A sink that keeps every event.
class CollectingSink final : public EventSink {
 public:
  void on_event(Event event) override { events.push_back(std::move(event)); }
  std::vector<Event> events;
};

/// Sorts events by start time, kind, vessel (a stable output order).
void sort_events(std::vector<Event>& events);

}  // namespace darkfleet::events
