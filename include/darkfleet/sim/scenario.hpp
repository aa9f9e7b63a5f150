// A traffic scenario: what `darkfleet simulate` plays. Read from a TOML file by
// load_scenario() / parse_scenario(); docs/scenario-format.md is the reference.
//
// A scenario names ports and vessels, gives each vessel an itinerary (port calls, sea
// waypoints, planted meetings and loitering, cargo per call), rules for its AIS behaviour
// (off, on, spoofed position, identity changes), background traffic, and the reception
// model (shore stations, satellite passes, loss, duplicates, clock jitter), and satellite
// imagery of port container yards (a yard model and analysts' simulated counts).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace darkfleet::sim {

/// A point in WGS84 degrees.
struct LatLon {
  double lat_deg = 0;
  double lon_deg = 0;
};

/// A box in degrees (south < north, west < east; no antimeridian crossing).
struct Box {
  double south_deg = 0;
  double west_deg = 0;
  double north_deg = 0;
  double east_deg = 0;
  /// True when `p` lies inside the box (edges included).
  [[nodiscard]] bool contains(const LatLon& p) const {
    return p.lat_deg >= south_deg && p.lat_deg <= north_deg && p.lon_deg >= west_deg &&
           p.lon_deg <= east_deg;
  }
};

/// A named place where vessels call.
struct Port {
  std::string id;    ///< key used by itineraries and lanes
  std::string name;  ///< display name (truth.json, AIS destination)
  LatLon position;
  std::string source;  ///< where the coordinates come from (optional)
};

/// Containers moved by a port call, by size.
struct Cargo {
  int load_20ft = 0;
  int load_40ft = 0;
  int unload_20ft = 0;
  int unload_40ft = 0;
  [[nodiscard]] bool empty() const {
    return load_20ft == 0 && load_40ft == 0 && unload_20ft == 0 && unload_40ft == 0;
  }
};

/// One step of an itinerary: sail (via waypoints) to a port or a point, then stay.
/// Exactly one of `port`, `point`, `meeting` is set.
struct Step {
  std::string port;                ///< port id to sail to
  std::optional<LatLon> point;     ///< or a position at sea
  std::string meeting;             ///< or a planted meeting's id
  std::vector<LatLon> via;         ///< sea waypoints before the destination
  std::optional<double> speed_kn;  ///< overrides the vessel's speed on this leg
  double dwell_h = 0;              ///< hours moored / drifting at the destination
  double loiter_h = 0;             ///< hours loitering (slow circles) at the destination
  double loiter_radius_m = 1500;   ///< radius of the loitering circle
  Cargo cargo;                     ///< containers loaded / unloaded at a port
  int line = 0;                    ///< scenario file line (for errors)
};

/// How a vessel's AIS behaves while a rule applies.
enum class AisMode : std::uint8_t { on, off, offset, fixed };

/// A rule for a vessel's AIS. Rules are evaluated in file order; the last one that
/// matches (time window and area) decides. No rule matching means `on`.
struct AisRule {
  AisMode mode = AisMode::on;
  std::optional<std::int64_t> from_ms;  ///< Unix ms, inclusive
  std::optional<std::int64_t> to_ms;    ///< Unix ms, exclusive
  std::optional<Box> area;              ///< applies only while the true position is inside
  double offset_north_m = 0;            ///< mode offset: reported = true + offset
  double offset_east_m = 0;
  LatLon fixed;  ///< mode fixed: the false position reported
  int line = 0;
};

/// A change of the identity a vessel transmits from `t_ms` on. Empty fields keep the
/// previous value. Setting `mmsi` to another vessel's MMSI makes two ships share it.
struct IdentityChange {
  std::int64_t t_ms = 0;
  std::optional<std::uint32_t> mmsi;
  std::optional<std::uint32_t> imo;
  std::string name;
  std::string callsign;
  int line = 0;
};

/// AIS equipment class.
enum class AisClass : std::uint8_t { a, b };

/// A vessel of the scenario (the ones the truth is about).
struct Vessel {
  std::string id;
  std::uint32_t mmsi = 0;
  std::uint32_t imo = 0;
  std::string name;
  std::string callsign;
  int ship_type = 70;
  double length_m = 100;
  double beam_m = 18;
  AisClass ais_class = AisClass::a;
  double speed_kn = 10;    ///< default sailing speed
  std::string start_port;  ///< where the vessel is at `depart_ms` (port id)
  std::optional<LatLon> start_point;
  std::optional<std::int64_t> depart_ms;  ///< first departure; default scenario start
  std::vector<Step> itinerary;
  int repeat = 1;             ///< times the itinerary is sailed
  std::vector<Step> finally;  ///< steps sailed once after the repeats
  std::vector<AisRule> ais;
  std::vector<IdentityChange> identity;
  std::string note;  ///< free text copied to truth.json (e.g. the source)
  int line = 0;
};

/// A planted ship-to-ship meeting: two vessels side by side, drifting slowly.
struct Meeting {
  std::string id;
  std::string vessel_a;
  std::string vessel_b;
  LatLon position;
  std::int64_t start_ms = 0;
  double duration_h = 4;
  double separation_m = 60;  ///< distance between the two, constant during the meeting
  double drift_kn = 0.5;     ///< common drift speed
  double drift_course_deg = 45;
  int line = 0;
};

/// Background vessels shuttling along a lane between two ports.
struct Lane {
  std::string from_port;
  std::string to_port;
  std::vector<LatLon> via;
  int vessels = 0;
  double min_speed_kn = 10;
  double max_speed_kn = 16;
  double min_dwell_h = 6;
  double max_dwell_h = 36;
  double class_b_share = 0;  ///< share of class B vessels
  std::vector<int> ship_types = {70, 70, 70, 79, 80, 71};
  std::vector<std::uint32_t> mids = {273, 440, 431, 412, 351, 636};  ///< MMSI country codes
  int line = 0;
};

/// Background vessels at anchor near a point.
struct Anchorage {
  LatLon position;
  double radius_m = 3000;
  int vessels = 0;
  int line = 0;
};

/// Background fishing-like vessels: slow zig-zags and stops inside a box.
struct FishingGround {
  Box area;
  int vessels = 0;
  double class_b_share = 0.5;
  int line = 0;
};

/// A shore receiver.
struct ShoreStation {
  std::string id;  ///< written as the tag block `s:` source
  LatLon position;
  double range_nm = 40;
  std::optional<double> loss;  ///< per-message loss probability; default reception.loss
  int line = 0;
};

/// Satellite reception: passes of `pass_min` every `revisit_min`, everywhere.
struct Satellite {
  std::string id = "sat";
  double revisit_min = 90;
  double pass_min = 10;
  double loss = 0.5;
  double phase_min = 0;
  bool enabled = false;
};

/// The reception model.
struct Reception {
  double loss = 0.1;     ///< default per-message loss probability of shore stations
  double jitter_ms = 0;  ///< receiver clock error: uniform in [-jitter, +jitter]
  std::vector<ShoreStation> shore;
  Satellite satellite;
};

/// What truth.json holds beyond the events.
struct TruthOptions {
  double track_sample_s = 600;     ///< true positions of scenario vessels every N s
  bool background_tracks = false;  ///< also sample background vessels
};

/// Satellite imagery of one port's container yard ([[imagery]]): the yard's true content
/// (start count + land flow + the scenario vessels' unloads - loads at the port) and an
/// analyst's count of it on each image. docs/scenario-format.md gives the model.
struct Imagery {
  std::string port;     ///< port id of the scenario whose yard is imaged
  std::string area_id;  ///< the observations' area_id (default: the port id)
  int start_20ft = 0;   ///< containers in the yard at the scenario start, >= 0
  int start_40ft = 0;
  double land_flow_20ft_per_day = 0;  ///< mean net containers/day by road or rail (< 0: leaving)
  double land_flow_40ft_per_day = 0;
  double every_h = 24;   ///< revisit interval, hours > 0
  double offset_h = 0;   ///< first revisit this many hours after the start, >= 0
  double cloud = 0;      ///< probability in [0, 1) that a revisit yields no image
  double count_error_relative = 0.03;  ///< count sd = absolute + relative * n (per size)
  double count_error_absolute = 2;
  std::string provider = "Simulated";
  std::string sensor;  ///< omitted from the GeoJSON when empty
  double resolution_m = 0.5;  ///< ground sample distance, > 0
  double confidence = 0.8;    ///< the analyst's, (0, 1]
  std::string analyst = "darkfleet simulate";
  int line = 0;
};

/// A whole scenario.
struct Scenario {
  std::string name;
  std::string label;  ///< e.g. "SIMULATION built from public reporting"
  std::string description;
  std::string file;  ///< path it was read from (for messages)
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::vector<Port> ports;
  std::vector<Vessel> vessels;
  std::vector<Meeting> meetings;
  std::vector<Lane> lanes;
  std::vector<Anchorage> anchorages;
  std::vector<FishingGround> fishing;
  Reception reception;
  TruthOptions truth;
  std::vector<Imagery> imagery;  ///< port yards imaged (empty: no imagery.geojson)

  /// The port with `id`, or nullptr.
  [[nodiscard]] const Port* find_port(std::string_view id) const;
};

/// An invalid scenario: what() is "file:line: what is wrong". Ends the command.
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(const std::string& file, int line, const std::string& message);
  [[nodiscard]] int line() const { return m_line; }

 private:
  int m_line;
};

/// Parses and validates scenario text; `file` names it in errors.
/// Throws ScenarioError for syntax errors and invalid values.
Scenario parse_scenario(std::string_view text, const std::string& file);

/// Reads and parses the scenario file at `path`. Throws ScenarioError (also when the
/// file cannot be read).
Scenario load_scenario(const std::string& path);

}  // namespace darkfleet::sim
