// Anchorages derived from the data: GFW's stationary-cluster method (DOMAIN.md 1.3). A
// stationary period is a run of positions within anchorage.stationary_radius_m of its first
// position lasting anchorage.stationary_min_h; a grid cell of about anchorage.cell_m becomes
// an anchorage when stationary periods of at least anchorage.min_vessels vessels fall in it.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "darkfleet/events/parameters.hpp"
#include "darkfleet/geo/ports.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::events {

/// A stationary period of one vessel.
struct StationaryPeriod {
  std::uint32_t mmsi = 0;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  geo::LatLon mean;
  double rms_drift_m = 0;
  std::uint32_t positions = 0;
};

/// The stationary periods of `track` (non-noise segments, each segment on its own).
std::vector<StationaryPeriod> stationary_periods(const track::Track& track,
                                                 const Parameters& parameters);

/// An anchorage found in the data.
struct Anchorage {
  std::string id;  ///< "anc-<lat>_<lon>" of the cell
  geo::LatLon position;  ///< mean of its stationary periods' means
  std::uint32_t vessels = 0;
  std::uint32_t periods = 0;
  double stationary_h = 0;  ///< total stationary time
};

/// Collects stationary periods vessel by vessel and clusters them into anchorages.
class AnchorageFinder {
 public:
  explicit AnchorageFinder(const Parameters& parameters) : m_parameters(parameters) {}
  void add(const track::Track& track);
  /// Anchorages with at least anchorage.min_vessels vessels, by position.
  [[nodiscard]] std::vector<Anchorage> anchorages() const;
  /// The anchorages as ports (for port visits on data-derived ports).
  [[nodiscard]] std::vector<geo::Port> as_ports() const;

 private:
  struct CellStats {
    std::set<std::uint32_t> vessels;
    std::uint32_t periods = 0;
    double lat_sum = 0, lon_sum = 0, hours = 0;
  };
  Parameters m_parameters;
  std::map<std::pair<std::int64_t, std::int64_t>, CellStats> m_cells;
};

}  // namespace darkfleet::events
