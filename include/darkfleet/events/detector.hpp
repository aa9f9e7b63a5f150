// The detector interface. Detectors see one vessel at a time (its clean track and identity
// history), and once more at the end for what spans vessels (encounters, shared MMSIs).
// Memory then grows with what a detector must keep across vessels, not with the input.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "darkfleet/events/event.hpp"
#include "darkfleet/events/parameters.hpp"
#include "darkfleet/geo/coast.hpp"
#include "darkfleet/geo/ports.hpp"
#include "darkfleet/store/store.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::events {

/// What every detector may consult.
struct Context {
  const Parameters* parameters = nullptr;
  const geo::Coast* coast = nullptr;              ///< null: distance from shore unknown
  const std::vector<geo::Port>* ports = nullptr;  ///< watched ports (may be empty)
  std::optional<std::int64_t> data_end_ms;        ///< end of the data, for open events
};

/// One vessel as detectors see it.
struct VesselData {
  std::uint32_t mmsi = 0;
  const track::Track* track = nullptr;                    ///< clean segments
  const std::vector<store::Identity>* identities = nullptr;  ///< identity history
};

/// Receives events as detectors find them.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(Event event) = 0;
};

/// A detector of one kind of event.
class Detector {
 public:
  virtual ~Detector() = default;
  [[nodiscard]] virtual EventKind kind() const = 0;
  /// Called once per vessel, in MMSI order.
  virtual void on_vessel(const VesselData& vessel, const Context& context, EventSink& sink) = 0;
  /// Called after the last vessel: events that need several vessels.
  virtual void finish(const Context& context, EventSink& sink) {
    (void)context;
    (void)sink;
  }
};

}  // namespace darkfleet::events
