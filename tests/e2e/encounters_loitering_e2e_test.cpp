// End to end on simulated traffic: a scenario with planted meetings (3 h, side by side),
// near-misses (600 m apart for 3 h; side by side for only 1.5 h), loitering (6 h) and short
// loitering (3 h), lane traffic and an anchorage near the ports, played by the simulator to DMA
// CSV, parsed, cleaned into tracks and run through the encounter and loitering detectors.
// Precision and recall against truth.json are printed and must reach 0.95, over three seeds.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "darkfleet/events/encounter.hpp"
#include "darkfleet/events/loitering.hpp"
#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/sim/simulate.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet {
namespace {

// The coast runs along 20 E (land to the west); ports sit on it. Meetings and loitering are
// 45-120 nm offshore.
constexpr const char* k_scenario = R"toml(
[scenario]
name = "e2e-encounters-loitering"
label = "SIMULATION (events end-to-end test, synthetic)"
start = 2024-03-01T00:00:00Z
end = 2024-03-02T12:00:00Z

[[ports]]
id = "south"
name = "SOUTH"
position = [40.00, 20.02]

[[ports]]
id = "north"
name = "NORTH"
position = [42.00, 20.02]

{meetings}

{vessels}

[background]
  [[background.lanes]]
  from = "south"
  to = "north"
  via = [[41.00, 20.60]]
  vessels = 20

  [[background.anchorages]]
  position = [42.02, 20.06]
  radius_m = 2000
  vessels = 8

[reception]
loss = 0.1

  [[reception.shore]]
  id = "rx"
  position = [41.00, 20.05]
  range_nm = 200
)toml";

std::string fmt_id(const char* prefix, int n) {
  return prefix + std::to_string(n);
}

std::string vessel(const std::string& id, std::uint32_t mmsi, const std::string& port,
                   const std::string& step, const std::string& home) {
  std::ostringstream out;
  out << "[[vessels]]\nid = \"" << id << "\"\nmmsi = " << mmsi << "\nname = \"" << id
      << "\"\nspeed_kn = 12\nstart_port = \"" << port << "\"\n"
      << "  [[vessels.itinerary]]\n  " << step << "\n"
      << "  [[vessels.itinerary]]\n  port = \"" << home << "\"\n";
  return out.str();
}

/// The planted meetings: m1-m3 are encounters; m4 passes at 600 m, m5 lasts 1.5 h.
struct PlantedMeeting {
  const char* position;
  const char* start;
  double duration_h;
  int separation_m;
};
constexpr PlantedMeeting k_meetings[] = {
    {"[40.50, 21.00]", "2024-03-01T11:00:00Z", 3, 80},
    {"[41.00, 21.50]", "2024-03-01T14:00:00Z", 3, 300},
    {"[41.50, 21.00]", "2024-03-01T16:00:00Z", 3, 150},
    {"[41.20, 22.00]", "2024-03-01T14:00:00Z", 3, 600},
    {"[40.80, 22.00]", "2024-03-01T14:00:00Z", 1.5, 100},
};

std::string scenario_text() {
  std::string meetings;
  for (int m = 1; m <= 5; ++m) {
    const PlantedMeeting& pm = k_meetings[m - 1];
    std::ostringstream out;
    out << "[[meetings]]\nid = \"m" << m << "\"\nvessels = [\"a" << m << "\", \"b" << m
        << "\"]\nposition = " << pm.position << "\nstart = " << pm.start
        << "\nduration_h = " << pm.duration_h << "\nseparation_m = " << pm.separation_m << "\n";
    meetings += out.str();
  }
  std::string vessels;
  std::uint32_t mmsi = 273'100'001;
  for (int m = 1; m <= 5; ++m) {
    vessels +=
        vessel(fmt_id("a", m), mmsi++, "south", "meet = \"m" + std::to_string(m) + "\"", "north");
    vessels +=
        vessel(fmt_id("b", m), mmsi++, "north", "meet = \"m" + std::to_string(m) + "\"", "south");
  }
  // Loitering: l1-l3 for 6 h (events), s1-s2 for 3 h (not).
  const char* points[] = {"[40.30, 21.80]", "[41.70, 21.80]", "[41.00, 22.50]", "[40.60, 22.60]",
                          "[41.40, 22.60]"};
  const double hours[] = {6, 6, 6, 3, 3};
  for (int i = 0; i < 5; ++i) {
    const std::string id = (i < 3 ? "l" : "s") + std::to_string(i + 1);
    vessels +=
        vessel(id, mmsi++, i % 2 == 0 ? "south" : "north",
               std::string("point = ") + points[i] + "\n  loiter_h = " + std::to_string(hours[i]),
               i % 2 == 0 ? "south" : "north");
  }
  std::string text = k_scenario;
  text.replace(text.find("{meetings}"), 10, meetings);
  text.replace(text.find("{vessels}"), 9, vessels);
  return text;
}

/// Tracks and truth of one simulated run.
struct Played {
  std::vector<track::Track> tracks;  // by MMSI
  nlohmann::json truth;
  std::map<std::string, std::uint32_t> mmsi_of;  // scenario vessel id -> MMSI
  std::vector<geo::Port> ports;
};

Played play(std::uint64_t seed) {
  const sim::Scenario scenario = sim::parse_scenario(scenario_text(), "e2e.toml");
  char dir_name[] = "/tmp/darkfleet_e2e_XXXXXX";
  const std::filesystem::path dir = ::mkdtemp(dir_name);
  std::string csv;
  sim::SimulateOptions options;
  options.seed = seed;
  options.format = sim::TrafficFormat::dma_csv;
  sim::SimulateSinks sinks;
  sinks.traffic = [&csv](std::string_view block) { csv.append(block); };
  sinks.truth_path = (dir / "truth.json").string();
  sim::simulate(scenario, options, sinks);
  Played played;
  {
    std::ifstream in(sinks.truth_path, std::ios::binary);
    played.truth = nlohmann::json::parse(in);
  }
  std::filesystem::remove_all(dir);

  std::map<std::uint32_t, std::vector<store::Position>> positions;
  std::size_t line_end = csv.find('\n');
  io::CsvPositionParser parser(std::string_view(csv).substr(0, line_end), std::nullopt);
  while (line_end != std::string::npos && line_end + 1 < csv.size()) {
    const std::size_t next = csv.find('\n', line_end + 1);
    const std::string_view row = std::string_view(csv).substr(
        line_end + 1, (next == std::string::npos ? csv.size() : next) - line_end - 1);
    line_end = next;
    if (row.empty()) continue;
    const auto record = parser.parse(row);
    if (!record) continue;
    positions[record->mmsi].push_back(
        store::make_position(record->t_ms, record->lat_deg, record->lon_deg, record->sog_kn,
                             record->cog_deg, record->heading_deg, record->status));
  }
  for (auto& [mmsi, list] : positions)
    played.tracks.push_back(track::build_track(mmsi, std::move(list)));
  for (const auto& v : scenario.vessels) played.mmsi_of[v.id] = v.mmsi;
  for (const auto& p : scenario.ports)
    played.ports.push_back({p.id, p.name, "", {p.position.lat_deg, p.position.lon_deg}, {}, "e2e"});
  return played;
}

/// Land west of 20 E.
geo::Coast west_land() {
  return geo::Coast::from_polygons({{{{30, 10}, {50, 10}, {50, 20}, {30, 20}}, {}}});
}

struct Score {
  int truth = 0;
  int found = 0;
  int detected = 0;
  int correct = 0;
  void add(const Score& o) {
    truth += o.truth;
    found += o.found;
    detected += o.detected;
    correct += o.correct;
  }
  [[nodiscard]] double precision() const {
    return detected == 0 ? 1.0 : static_cast<double>(correct) / detected;
  }
  [[nodiscard]] double recall() const {
    return truth == 0 ? 1.0 : static_cast<double>(found) / truth;
  }
};

bool overlaps(std::int64_t a0, std::int64_t a1, std::int64_t b0, std::int64_t b1) {
  return a0 <= b1 && b0 <= a1;
}

class Collect final : public events::EventSink {
 public:
  void on_event(events::Event event) override { events.push_back(std::move(event)); }
  std::vector<events::Event> events;
};

std::vector<events::Event> run(events::Detector& detector, const Played& played,
                               const events::Context& context) {
  Collect sink;
  for (const auto& t : played.tracks) detector.on_vessel({t.mmsi, &t, nullptr}, context, sink);
  detector.finish(context, sink);
  return sink.events;
}

std::int64_t duration_ms(const nlohmann::json& item) {
  return item["end_ms"].get<std::int64_t>() - item["start_ms"].get<std::int64_t>();
}

/// Scores `detections` against the `truth` items (with start_ms, end_ms): `positive(item)`
/// says whether an item must be found, `same_vessels(item, event)` whether the event is about
/// its vessel(s); an event finds an item when that holds and their times overlap. Returns the
/// score and how many negative items were reported.
template <class Positive, class SameVessels>
std::pair<Score, int> score(const nlohmann::json& truth,
                            const std::vector<events::Event>& detections, Positive positive,
                            SameVessels same_vessels) {
  Score s;
  int negatives_reported = 0;
  std::vector<bool> correct(detections.size(), false);
  for (const auto& item : truth) {
    const bool wanted = positive(item);
    bool hit = false;
    for (std::size_t i = 0; i < detections.size(); ++i) {
      const events::Event& e = detections[i];
      if (same_vessels(item, e) &&
          overlaps(e.start.t_ms, e.end.t_ms, item["start_ms"].get<std::int64_t>(),
                   item["end_ms"].get<std::int64_t>())) {
        correct[i] = correct[i] || wanted;
        hit = true;
      }
    }
    if (wanted) {
      ++s.truth;
      s.found += hit ? 1 : 0;
    } else {
      negatives_reported += hit ? 1 : 0;
    }
  }
  s.detected = static_cast<int>(detections.size());
  s.correct = static_cast<int>(std::count(correct.begin(), correct.end(), true));
  return {s, negatives_reported};
}

TEST(EventsEndToEnd, EncountersAndLoiteringOnSimulatedTraffic) {
  Score encounters_total;
  Score loitering_total;
  const geo::Coast coast = west_land();
  for (const std::uint64_t seed : {1U, 2U, 3U}) {
    const Played played = play(seed);
    events::Context context;
    context.coast = &coast;
    context.ports = &played.ports;

    // Encounters: truth = planted meetings at most 500 m apart for at least 2 h.
    const auto found = run(*events::make_encounter_detector(), played, context);
    const auto [enc, near_misses_reported] = score(
        played.truth["meetings"], found,
        [](const nlohmann::json& m) {
          return m["separation_m"].get<double>() <= 500 && duration_ms(m) >= 2 * 3'600'000;
        },
        [&played](const nlohmann::json& m, const events::Event& e) {
          auto a = played.mmsi_of.at(m["vessels"][0].get<std::string>());
          auto b = played.mmsi_of.at(m["vessels"][1].get<std::string>());
          if (a > b) std::swap(a, b);
          return e.mmsi == a && e.other_mmsi == b;
        });
    EXPECT_EQ(near_misses_reported, 0) << "seed " << seed;

    // Loitering: truth = planted loitering of at least 4 h.
    const auto loiters = run(*events::make_loitering_detector(), played, context);
    const auto [loi, short_reported] = score(
        played.truth["loitering"], loiters,
        [](const nlohmann::json& l) { return duration_ms(l) >= 4 * 3'600'000; },
        [&played](const nlohmann::json& l, const events::Event& e) {
          return e.mmsi == played.mmsi_of.at(l["vessel"].get<std::string>());
        });
    EXPECT_EQ(short_reported, 0) << "seed " << seed;
    std::printf(
        "seed %llu: encounters truth %d found %d detected %d correct %d; loitering truth %d found "
        "%d detected %d correct %d\n",
        static_cast<unsigned long long>(seed), enc.truth, enc.found, enc.detected, enc.correct,
        loi.truth, loi.found, loi.detected, loi.correct);
    encounters_total.add(enc);
    loitering_total.add(loi);
  }
  std::printf("encounters: precision %.3f recall %.3f; loitering: precision %.3f recall %.3f\n",
              encounters_total.precision(), encounters_total.recall(), loitering_total.precision(),
              loitering_total.recall());
  EXPECT_EQ(encounters_total.truth, 9);
  EXPECT_EQ(loitering_total.truth, 9);
  EXPECT_GE(encounters_total.precision(), 0.95);
  EXPECT_GE(encounters_total.recall(), 0.95);
  EXPECT_GE(loitering_total.precision(), 0.95);
  EXPECT_GE(loitering_total.recall(), 0.95);
}

}  // namespace
}  // namespace darkfleet
