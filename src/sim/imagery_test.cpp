// [[imagery]]: the yard steps by each call's cargo, the counting error has the stated
// spread, clouds drop images, the output is evidence darkfleet reads, and seeds and threads
// behave.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "darkfleet/evidence/observation_file.hpp"
#include "darkfleet/sim/simulate.hpp"
#include "test_support.hpp"

namespace darkfleet::sim {
namespace {

using test::run;

// One vessel loads 100 x 20 ft and 4 x 40 ft at A and unloads them at B, twice; both yards
// are imaged every 6 h.
std::string shuttle(const std::string& imagery_a, const std::string& imagery_b) {
  return R"toml(
[scenario]
name = "imagery"
label = "SIMULATION (test)"
start = 2024-05-01T00:00:00Z
end = 2024-05-06T00:00:00Z
[[ports]]
id = "a"
position = [42.0, 130.0]
[[ports]]
id = "b"
position = [42.3, 130.4]
[[vessels]]
id = "v"
mmsi = 273000009
name = "V"
speed_kn = 12
start_port = "b"
depart = 2024-05-01T03:00:00Z
repeat = 2
  [[vessels.itinerary]]
  port = "a"
  dwell_h = 10
  load_20ft = 100
  load_40ft = 4
  [[vessels.itinerary]]
  port = "b"
  dwell_h = 10
  unload_20ft = 100
  unload_40ft = 4
[[imagery]]
port = "a"
start_20ft = 500
start_40ft = 10
every_h = 6
)toml" + imagery_a +
         R"toml(
[[imagery]]
port = "b"
area_id = "b-yard"
every_h = 6
offset_h = 3
)toml" + imagery_b +
         R"toml(
[reception]
  [[reception.shore]]
  id = "rx"
  position = [42.15, 130.2]
  range_nm = 60
)toml";
}

const std::string k_exact = "count_error_relative = 0\ncount_error_absolute = 0\n";

TEST(Imagery, TheYardStepsByTheCargoAtEachCall) {
  const auto r = run(parse_scenario(shuttle(k_exact, k_exact), "imagery.toml"));
  // The truth's calls at each port, and their middles.
  std::vector<std::pair<std::int64_t, int>> moves_a;  // (middle, change of 20 ft)
  for (const auto& c : r.truth["port_calls"]) {
    if (c["port"] != "a" || c["depart"].is_null()) continue;
    const auto middle =
        (c["arrive_ms"].get<std::int64_t>() + c["depart_ms"].get<std::int64_t>()) / 2;
    moves_a.emplace_back(middle, -c["loaded_20ft"].get<int>());
  }
  ASSERT_EQ(moves_a.size(), 2U);
  int seen_a = 0;
  for (const auto& image : r.truth["imagery"]) {
    if (image["area_id"] != "a") continue;
    ++seen_a;
    int expected = 500;
    for (const auto& [middle, change] : moves_a) {
      if (middle <= image["acquired_ms"].get<std::int64_t>()) expected += change;
    }
    EXPECT_EQ(image["true_20ft"].get<int>(), expected) << image.dump();
    EXPECT_EQ(image["observed_20ft"], image["true_20ft"]);  // no counting error
    EXPECT_EQ(image["true_40ft"].get<int>(), expected == 500 ? 10 : expected == 400 ? 6 : 2);
  }
  EXPECT_EQ(seen_a, 20);  // every 6 h for 5 days, no cloud
  // B starts empty and only ever holds what was unloaded.
  for (const auto& image : r.truth["imagery"]) {
    if (image["area_id"] != "b-yard") continue;
    const int n = image["true_20ft"].get<int>();
    EXPECT_TRUE(n == 0 || n == 100 || n == 200) << n;
  }
}

TEST(Imagery, CountsScatterByTheStatedErrorAndLandFlowAccumulates) {
  const std::string noisy =
      "count_error_relative = 0.05\ncount_error_absolute = 3\nland_flow_20ft_per_day = 40\n";
  SimulateOptions options;
  double sum = 0, sum2 = 0;
  int n = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    options.seed = seed;
    const auto r = run(parse_scenario(shuttle(noisy, noisy), "imagery.toml"), options);
    for (const auto& image : r.truth["imagery"]) {
      const double truth = image["true_20ft"].get<double>();
      const double z = (image["observed_20ft"].get<double>() - truth) / (3 + 0.05 * truth);
      sum += z;
      sum2 += z * z;
      ++n;
    }
  }
  ASSERT_GT(n, 300);
  const double mean = sum / n;
  const double sd = std::sqrt(sum2 / n - mean * mean);
  EXPECT_NEAR(mean, 0, 0.15);
  EXPECT_NEAR(sd, 1.0, 0.1);  // rounding to whole containers adds a little
  // 40 a day arrive at A by land: five days and 200 loaded leave about 500 + 200 - 200.
  const auto r = run(
      parse_scenario(shuttle(k_exact + "land_flow_20ft_per_day = 40\n", k_exact), "imagery.toml"));
  const auto& last_a = [&]() -> const nlohmann::json& {
    const nlohmann::json* last = nullptr;
    for (const auto& image : r.truth["imagery"]) {
      if (image["area_id"] == "a") last = &image;
    }
    return *last;
  }();
  EXPECT_NEAR(last_a["true_20ft"].get<double>(), 500 + 40 * 4.75 - 200, 4 * std::sqrt(190.0));
}

TEST(Imagery, CloudsDropImages) {
  SimulateOptions options;
  int images = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    options.seed = seed;
    const auto r =
        run(parse_scenario(shuttle("cloud = 0.5\n", "cloud = 0.5\n"), "imagery.toml"), options);
    images += static_cast<int>(r.truth["imagery"].size());
  }
  // 10 seeds x 40 revisits, half of them cloudy: 200 +- 4 sd (10)
  EXPECT_NEAR(images, 200, 40);
}

TEST(Imagery, TheFileIsEvidenceDarkfleetReads) {
  const auto r = run(parse_scenario(shuttle("sensor = \"SkySat\"\n", ""), "imagery.toml"));
  const auto observations = evidence::parse_observation_file(r.imagery, "imagery.geojson");
  ASSERT_EQ(observations.size(), r.truth["imagery"].size());
  ASSERT_EQ(observations.size(), 40U);
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const auto& o = observations[i];
    const auto& t = r.truth["imagery"][i];
    EXPECT_EQ(o.area_id, t["area_id"].get<std::string>());
    EXPECT_EQ(o.image_id, t["image_id"].get<std::string>());
    EXPECT_EQ(o.acquired_ms, t["acquired_ms"].get<std::int64_t>());
    EXPECT_EQ(o.containers_20ft, t["observed_20ft"].get<std::int64_t>());
    EXPECT_EQ(o.containers_40ft, t["observed_40ft"].get<std::int64_t>());
    EXPECT_EQ(o.provider, "Simulated");
    EXPECT_DOUBLE_EQ(o.confidence, 0.8);
    if (i > 0) {
      EXPECT_LE(observations[i - 1].acquired_ms, o.acquired_ms);
    }
  }
  EXPECT_EQ(observations[0].sensor, "SkySat");
  EXPECT_NEAR(observations[0].lat_deg, 42.0, 0.01);
  EXPECT_EQ(observations[0].image_id, "sim-a-20240501T000000Z");
}

TEST(Imagery, SameSeedSameImagesWhateverTheThreadsOtherSeedOtherCounts) {
  const Scenario s = parse_scenario(shuttle("cloud = 0.2\n", ""), "imagery.toml");
  SimulateOptions one;
  SimulateOptions two;
  two.threads = 2;
  SimulateOptions other;
  other.seed = 2;
  const auto a = run(s, one);
  EXPECT_EQ(a.imagery, run(s, two).imagery);
  EXPECT_NE(a.imagery, run(s, other).imagery);
  // A scenario without imagery writes none.
  EXPECT_TRUE(test::run(test::small_scenario()).imagery.empty());
}

TEST(Imagery, BadTablesNameTheirLine) {
  auto error_of = [](const std::string& text) -> std::string {
    try {
      (void)parse_scenario(text, "imagery.toml");
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "";
  };
  const std::string base = shuttle("", "");
  const std::size_t at = base.find("[[imagery]]\nport = \"a\"");
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = base;
    s.replace(s.find(from, at), from.size(), to);
    return s;
  };
  EXPECT_NE(error_of(with("port = \"a\"\nstart_20ft", "port = \"z\"\nstart_20ft"))
                .find("imagery.toml:31: imagery: unknown port `z`"),
            std::string::npos)
      << error_of(with("port = \"a\"\nstart_20ft", "port = \"z\"\nstart_20ft"));
  EXPECT_NE(error_of(with("start_20ft = 500", "start_20ft = -5")).find("out of range"),
            std::string::npos);
  EXPECT_NE(
      error_of(with("every_h = 6", "every_h = 0")).find("imagery.every_h = 0 is out of range"),
      std::string::npos)
      << error_of(with("every_h = 6", "every_h = 0"));
  EXPECT_NE(error_of(with("every_h = 6", "every_h = 6\ncloud = 1.0")).find("cloud"),
            std::string::npos);
  EXPECT_NE(error_of(with("every_h = 6", "every_h = 6\nclouds = 0.1")).find("unknown key `clouds`"),
            std::string::npos);
  EXPECT_NE(error_of(with("area_id = \"b-yard\"", "area_id = \"a\"")).find("imaged twice"),
            std::string::npos);
}

}  // namespace
}  // namespace darkfleet::sim
