// Port visits and dark port calls at ports with an area (a GeoJSON polygon): distance to
// such a port is the distance to its polygon, 0 inside, so the 3 km entry / 4 km exit
// hysteresis is measured from the polygon's edge. Hand-made tracks around an elongated
// channel, a ring-shaped port with a hole, and bad GeoJSON.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "darkfleet/events/detectors.hpp"
#include "darkfleet/geo/ports.hpp"

namespace darkfleet::events {
namespace {

constexpr std::int64_t k_h = 3'600'000;
constexpr std::int64_t k_min = 60'000;
constexpr std::int64_t k_t0 = 1'714'521'600'000;  // 2024-05-01T00:00:00Z

// A vessel's raw positions, built leg by leg.
struct Voyage {
  std::vector<store::Position> positions;
  std::int64_t t = k_t0;
  geo::LatLon at;
  explicit Voyage(geo::LatLon start) : at(start) {}
  // stays `h` hours at the current place, reporting every `step` with speed `sog`
  Voyage& stay(double h, double sog = 0.0, std::int64_t step = 10 * k_min) {
    const std::int64_t end = t + static_cast<std::int64_t>(h * k_h);
    for (; t < end; t += step) {
      positions.push_back(store::make_position(t, at.lat_deg, at.lon_deg, sog, 0.0));
    }
    return *this;
  }
  // sails straight (in lon/lat) to `to` at `kn`, reporting every `step`; ends at `to`
  Voyage& sail_to(geo::LatLon to, double kn = 8.0, std::int64_t step = 2 * k_min) {
    const double h = geo::distance_m(at, to) / geo::k_m_per_nm / kn;
    const auto n = std::max<std::int64_t>(1, static_cast<std::int64_t>(h * k_h) / step);
    const geo::LatLon from = at;
    for (std::int64_t i = 0; i < n; ++i) {
      const double f = static_cast<double>(i) / static_cast<double>(n);
      positions.push_back(store::make_position(t, from.lat_deg + f * (to.lat_deg - from.lat_deg),
                                               from.lon_deg + f * (to.lon_deg - from.lon_deg), kn,
                                               0.0));
      t += step;
    }
    at = to;
    return *this;
  }
  // the next position comes `h` hours after the last one
  Voyage& silent(double h) {
    t = positions.back().t_ms + static_cast<std::int64_t>(h * k_h);
    return *this;
  }
};

std::vector<Event> detect(EventKind kind, const std::vector<geo::Port>& ports,
                          const Voyage& voyage) {
  const Parameters parameters = Parameters::gfw();
  auto detector = make_detector(kind);
  EXPECT_TRUE(detector);
  Context context;
  context.parameters = &parameters;
  context.ports = &ports;
  CollectingSink sink;
  const auto track = track::build_track(7, voyage.positions);
  const std::vector<store::Identity> identities;
  detector->on_vessel({7, &track, &identities}, context, sink);
  detector->finish(context, sink);
  sort_events(sink.events);
  return sink.events;
}

// `port` without its area: a point port at its reference point (the polygon's centroid).
std::vector<geo::Port> as_point(geo::Port port) {
  port.area.reset();
  return {std::move(port)};
}

geo::Ring box(double lat0, double lon0, double lat1, double lon1) {
  return {{lat0, lon0}, {lat0, lon1}, {lat1, lon1}, {lat1, lon0}};
}

std::string temp_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("darkfleet-port-areas-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// A channel 1 km wide (55.000-55.009 N) and 12 km long (12.00-12.19 E), read from GeoJSON
// as a user would give it.
geo::Port channel_port() {
  const std::string path =
      temp_file("channel.geojson", R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"id": "channel", "name": "CHANNEL"},
   "geometry": {"type": "Polygon", "coordinates":
     [[[12.00, 55.000], [12.19, 55.000], [12.19, 55.009], [12.00, 55.009], [12.00, 55.000]]]}}
]})");
  std::vector<geo::Port> ports = geo::load_ports(path);
  std::filesystem::remove(path);
  EXPECT_EQ(ports.size(), 1U);
  EXPECT_TRUE(ports.at(0).area.has_value());
  return ports.at(0);
}

// Metres north of the channel's north edge (55.009 N) at 12.10 E.
double north_of_edge_m(geo::LatLon p) {
  return geo::distance_m(p, {55.009, p.lon_deg});
}

// The latitude `m` metres north of 55.009 N (to about 1 m: 111.25 km per degree there).
double lat_north_of_edge(double m) {
  return 55.009 + m / 111'250.0;
}

TEST(PortAreas, MooredInsideAnElongatedAreaFarFromItsCentroidIsAVisit) {
  const geo::Port port = channel_port();
  const geo::LatLon berth{55.0045, 12.015};
  // Preconditions of the geometry: the berth is inside the area, over 5 km from the centroid.
  ASSERT_GT(geo::distance_m(berth, port.position), 5000);
  ASSERT_EQ(geo::distance_to_port_m(berth, port), 0);

  Voyage v({55.0045, 11.90});  // 6.4 km west of the channel's west end
  v.sail_to(berth).stay(6).sail_to({55.0045, 11.90});
  const auto visits = detect(EventKind::port_visit, {port}, v);
  ASSERT_EQ(visits.size(), 1U);
  const Event& e = visits[0];
  EXPECT_EQ(e.port_id, "channel");
  EXPECT_EQ(e.notes.at("entry"), "true");
  EXPECT_EQ(e.notes.at("exit"), "true");
  EXPECT_EQ(e.notes.at("stop"), "true");
  EXPECT_EQ(e.values.at("confidence_level"), 4);
  EXPECT_FALSE(e.open);
  // The visit starts at the first position within 3 km of the west edge (12.00 E on the
  // vessel's parallel) and ends at the last within 4 km of it; 1 m tolerance.
  const geo::LatLon west_edge{55.0045, 12.00};
  const store::Position* first_in = nullptr;
  const store::Position* last_in = nullptr;
  for (const auto& p : v.positions) {
    const double d =
        p.lon_deg() >= 12.00 ? 0.0 : geo::distance_m({p.lat_deg(), p.lon_deg()}, west_edge);
    if (first_in == nullptr && d <= 3000 - 1) first_in = &p;
    if (first_in != nullptr && d <= 4000 - 1) last_in = &p;
  }
  ASSERT_NE(first_in, nullptr);
  EXPECT_EQ(e.start.t_ms, first_in->t_ms);
  EXPECT_EQ(e.end.t_ms, last_in->t_ms);
  EXPECT_GT(geo::distance_m(e.start.position, west_edge), 2000);  // not at the edge itself
  EXPECT_LT(e.values.at("distance_to_port_m"), 3000);

  // The same track and the centroid as a point port: 5 km away, no visit.
  EXPECT_TRUE(detect(EventKind::port_visit, as_point(port), v).empty());
}

TEST(PortAreas, EntryDistanceIsMeasuredFromTheEdge) {
  const geo::Port port = channel_port();
  for (const double target_m : {2900.0, 3100.0}) {
    const geo::LatLon stop{lat_north_of_edge(target_m), 12.10};
    const double d = north_of_edge_m(stop);
    ASSERT_NEAR(d, target_m, 5);
    ASSERT_NEAR(geo::distance_to_port_m(stop, port), d, 1.0);
    Voyage v({lat_north_of_edge(12'000), 12.10});
    v.sail_to(stop).stay(3).sail_to({lat_north_of_edge(12'000), 12.10});
    const auto visits = detect(EventKind::port_visit, {port}, v);
    if (target_m < 3000) {
      ASSERT_EQ(visits.size(), 1U) << "stopped " << d << " m from the edge";
      EXPECT_EQ(visits[0].values.at("confidence_level"), 4);
      // the visit's mean position lies among its positions, d..4000 m from the edge
      EXPECT_GT(visits[0].values.at("distance_to_port_m"), d - 10);
      EXPECT_LT(visits[0].values.at("distance_to_port_m"), 4000);
    } else {
      EXPECT_TRUE(visits.empty()) << "stopped " << d << " m from the edge";
    }
  }
}

TEST(PortAreas, ExitDistanceIsMeasuredFromTheEdge) {
  const geo::Port port = channel_port();
  const geo::LatLon berth{55.0045, 12.10};
  for (const double target_m : {3900.0, 4100.0}) {
    const geo::LatLon out{lat_north_of_edge(target_m), 12.10};
    ASSERT_NEAR(north_of_edge_m(out), target_m, 5);
    // moored, out to `target_m` from the north edge for 2 h, back to the berth, away for good
    Voyage v(berth);
    v.stay(3).sail_to(out).stay(2, 0.0).sail_to(berth).stay(3).sail_to(
        {lat_north_of_edge(20'000), 12.10});
    const auto visits = detect(EventKind::port_visit, {port}, v);
    if (target_m < 4000) {
      ASSERT_EQ(visits.size(), 1U) << "within the exit distance the visit goes on";
      EXPECT_EQ(visits[0].start.t_ms, k_t0);
      EXPECT_EQ(visits[0].notes.at("exit"), "true");
    } else {
      ASSERT_EQ(visits.size(), 2U) << "beyond the exit distance the vessel left and came back";
      EXPECT_EQ(visits[0].notes.at("exit"), "true");
      EXPECT_EQ(visits[1].notes.at("entry"), "true");
      EXPECT_LE(visits[0].end.t_ms, visits[1].start.t_ms);
    }
  }
}

TEST(PortAreas, AHoleIsOutsideTheArea) {
  // A ring-shaped port: water 54.90-55.10 N, 11.80-12.20 E around an island (the hole)
  // 54.92-55.08 N, 11.83-12.17 E. The reference point is the outer ring's centroid, on the
  // island.
  geo::Port port;
  port.id = "ring";
  port.name = "RING";
  port.position = {55.0, 12.0};
  port.area = geo::Polygon{box(54.90, 11.80, 55.10, 12.20), {box(54.92, 11.83, 55.08, 12.17)}};

  const geo::LatLon island{55.0, 12.0};
  // 8.9 km to the hole's north and south edges, 10.9 km to its east and west edges.
  EXPECT_NEAR(geo::distance_to_port_m(island, port), geo::distance_m(island, {55.08, 12.0}), 1.0);
  Voyage on_island(island);
  on_island.stay(6);
  EXPECT_TRUE(detect(EventKind::port_visit, {port}, on_island).empty());
  EXPECT_EQ(detect(EventKind::port_visit, as_point(port), on_island).size(), 1U)
      << "a point port at the centroid would count it";

  // 2 km inside the hole from its north edge: within the entry distance of the area.
  const geo::LatLon near_edge{55.08 - 2000 / 111'250.0, 12.0};
  ASSERT_NEAR(geo::distance_to_port_m(near_edge, port), 2000, 10);
  Voyage close(near_edge);
  close.stay(6);
  EXPECT_EQ(detect(EventKind::port_visit, {port}, close).size(), 1U);

  // Moored in the ring of water, 12 km from the reference point.
  const geo::LatLon water{54.91, 12.0};
  ASSERT_EQ(geo::distance_to_port_m(water, port), 0);
  Voyage moored(water);
  moored.stay(6);
  const auto visits = detect(EventKind::port_visit, {port}, moored);
  ASSERT_EQ(visits.size(), 1U);
  EXPECT_EQ(visits[0].values.at("confidence_level"), 2);  // stop, no entry or exit seen
  EXPECT_EQ(visits[0].values.at("distance_to_port_m"), 0);
}

TEST(PortAreas, DarkPortCallsMeasureToTheNearestPointOfTheArea) {
  // A fjord 40 km long (12.00-12.63 E); the vessel goes dark 19 km west of its mouth and
  // reappears at the same place 8 h later. At 15 kn with 6 h dwell the mouth is reachable
  // (2 x 10.4 nm in 1.4 h of the 2 h to spare), the centroid 39 km away is not (2.8 h).
  geo::Port fjord;
  fjord.id = "fjord";
  fjord.name = "FJORD";
  fjord.area = geo::Polygon{box(55.000, 12.00, 55.009, 12.63), {}};
  fjord.position = {55.0045, 12.315};
  const geo::LatLon off{55.0045, 11.70};
  Voyage v(off);
  v.stay(2).silent(8).stay(2);
  const auto calls = detect(EventKind::dark_port_call, {fjord}, v);
  ASSERT_EQ(calls.size(), 1U);
  const Event& e = calls[0];
  const double d_nm = geo::distance_m(off, {55.0045, 12.00}) / geo::k_m_per_nm;
  EXPECT_NEAR(e.values.at("distance_in_nm"), d_nm, 0.01);
  EXPECT_NEAR(e.values.at("distance_out_nm"), d_nm, 0.01);
  const double gap_h = e.values.at("gap_duration_h");
  EXPECT_NEAR(e.values.at("slack_h"), gap_h - 6 - 2 * d_nm / 15, 0.01);
  EXPECT_EQ(e.position, fjord.position);  // the event still names the reference point
  EXPECT_TRUE(detect(EventKind::dark_port_call, as_point(fjord), v).empty());
}

TEST(PortAreas, PointPortJustInsideTheEntryDistanceAtTheEquator) {
  // A degree of latitude is 110.57 km at the equator: a vessel 2,990 m due north of a point
  // port is within the 3 km entry distance (the lookup band must not assume 111 km).
  geo::Port port;
  port.id = "equator";
  port.position = {0.0, 10.0};
  const geo::LatLon moored{2990 / 110'574.0, 10.0};
  const double d = geo::distance_m(moored, port.position);
  ASSERT_GT(d, 2980);
  ASSERT_LT(d, 3000);
  Voyage v(moored);
  v.stay(3);
  EXPECT_EQ(detect(EventKind::port_visit, {port}, v).size(), 1U) << d << " m from the port";
}

// The message of the std::runtime_error that load_ports(text as a file) throws.
std::string error_of(const std::string& name, const std::string& text) {
  const std::string path = temp_file(name, text);
  std::string message = "(no error)";
  try {
    (void)geo::load_ports(path);
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  std::filesystem::remove(path);
  return message;
}

std::string polygon_feature(const std::string& rings) {
  return "{\"type\": \"FeatureCollection\", \"features\": [\n"
         "  {\"type\": \"Feature\", \"properties\": {\"id\": \"ok\"},\n"
         "   \"geometry\": {\"type\": \"Point\", \"coordinates\": [12, 55]}},\n"
         "  {\"type\": \"Feature\", \"properties\": {\"id\": \"bad\"},\n"
         "   \"geometry\": {\"type\": \"Polygon\", \"coordinates\": " +
         rings + "}}\n]}\n";
}

TEST(PortAreas, BadGeoJsonAreasAreRejectedWithFileAndFeature) {
  const auto check = [](const std::string& rings, const std::string& what) {
    const std::string message = error_of("bad.geojson", polygon_feature(rings));
    EXPECT_NE(message.find("bad.geojson:4: feature 1: " + what), std::string::npos) << message;
  };
  check("[[[12, 95], [12.1, 55], [12.1, 55.1], [12, 95]]]", "polygon vertex out of range");
  check("[[[12, 55], [200, 55], [12.1, 55.1], [12, 55]]]", "polygon vertex out of range");
  check("[[[12, 55], [12.1, 55]]]", "polygon with under 3 vertices");
  check("[[[12, 55], [12.2, 55], [12.2, 55.2], [12, 55.2]], [[12.05, 55.05], [12.1, 55.1]]]",
        "hole with under 3 vertices");
  check("[[[12, 55], [12.1, 55.1], [12.2, 55.2], [12, 55]]]", "polygon with zero area");
  check("[[[12, 55], [12.1, \"x\"], [12.2, 55.2], [12, 55]]]", "[json.exception");
  check("[]", "[json.exception");
  // A good polygon with a hole loads with both rings.
  const std::string path = temp_file(
      "good.geojson", polygon_feature("[[[12, 55], [12.2, 55], [12.2, 55.2], [12, 55.2], [12, 55]],"
                                      " [[12.05, 55.05], [12.1, 55.05], [12.1, 55.1]]]"));
  const auto ports = geo::load_ports(path);
  std::filesystem::remove(path);
  ASSERT_EQ(ports.size(), 2U);
  ASSERT_TRUE(ports[1].area.has_value());
  EXPECT_EQ(ports[1].area->outer.size(), 4U);
  ASSERT_EQ(ports[1].area->holes.size(), 1U);
  EXPECT_EQ(ports[1].area->holes[0].size(), 3U);
}

}  // namespace
}  // namespace darkfleet::events
