#include <gtest/gtest.h>

#include <string>

#include "darkfleet/sim/scenario.hpp"

namespace darkfleet::sim {
namespace {

// A minimal valid scenario; tests append to it or replace parts of it.
const std::string k_head = R"([scenario]
name = "t"
start = 2024-01-01T00:00:00Z
end = 2024-01-02T00:00:00Z

[[ports]]
id = "a"
position = [42.0, 130.0]

[[ports]]
id = "b"
position = [42.5, 131.0]

[reception]
  [[reception.shore]]
  id = "rx"
  position = [42.2, 130.5]
)";

const std::string k_vessel = R"(
[[vessels]]
id = "v"
mmsi = 273000001
name = "V"
start_port = "a"
)";

// Parses `text`, expecting a ScenarioError at `line` whose message contains `what`.
void expect_error(const std::string& text, int line, const std::string& what) {
  try {
    (void)parse_scenario(text, "test.toml");
    ADD_FAILURE() << "no error; expected line " << line << ": " << what;
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("test.toml:", 0), 0U) << e.what();
  }
}

int line_count(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST(ScenarioParse, ValidMinimalScenario) {
  const Scenario s = parse_scenario(k_head + k_vessel, "test.toml");
  EXPECT_EQ(s.name, "t");
  EXPECT_EQ(s.start_ms, 1704067200000);
  EXPECT_EQ(s.end_ms - s.start_ms, 86400000);
  ASSERT_EQ(s.ports.size(), 2U);
  EXPECT_DOUBLE_EQ(s.ports[1].position.lon_deg, 131.0);
  ASSERT_EQ(s.vessels.size(), 1U);
  EXPECT_EQ(s.vessels[0].mmsi, 273000001U);
  EXPECT_EQ(s.vessels[0].ais_class, AisClass::a);
  ASSERT_EQ(s.reception.shore.size(), 1U);
  EXPECT_DOUBLE_EQ(s.reception.shore[0].range_nm, 40.0);
}

TEST(ScenarioParse, TimeOffsetsAreHonoured) {
  std::string text = k_head;
  text.replace(text.find("2024-01-01T00:00:00Z"), 20, "2024-01-01T09:00:00+09:00");
  EXPECT_EQ(parse_scenario(text, "test.toml").start_ms, 1704067200000);
}

TEST(ScenarioParse, SyntaxErrorHasItsLine) {
  const std::string text = k_head + "\n[[vessels]\nid = \"x\"\n";
  expect_error(text, line_count(k_head) + 2, "");
}

TEST(ScenarioParse, UnknownKeyIsAnError) {
  const std::string text = k_head + k_vessel + "spead_kn = 12\n";
  expect_error(text, line_count(k_head + k_vessel) + 1, "unknown key `spead_kn`");
}

TEST(ScenarioParse, WrongTypeAndRange) {
  expect_error(k_head + k_vessel + "speed_kn = \"fast\"\n", line_count(k_head + k_vessel) + 1,
               "must be a number");
  expect_error(k_head + k_vessel + "speed_kn = 99\n", line_count(k_head + k_vessel) + 1,
               "out of range");
  std::string bad_position = k_head;
  bad_position.replace(bad_position.find("[42.0, 130.0]"), 13, "[95.0, 130.0]");
  expect_error(bad_position, 8, "outside lat");
}

TEST(ScenarioParse, MissingAndUnknownReferences) {
  const std::string unknown_port =
      k_head + k_vessel + "\n  [[vessels.itinerary]]\n  port = \"nowhere\"\n";
  expect_error(unknown_port, line_count(k_head + k_vessel) + 2, "unknown port `nowhere`");
  std::string no_end = k_head;
  no_end.erase(no_end.find("end = "),
               no_end.find('\n', no_end.find("end = ")) + 1 - no_end.find("end = "));
  expect_error(no_end, 1, "needs `start` and `end`");
}

TEST(ScenarioParse, DuplicateMmsiNeedsAnIdentityChange) {
  std::string second = k_vessel;
  second.replace(second.find("id = \"v\""), 8, "id = \"w\"");
  expect_error(k_head + k_vessel + second, line_count(k_head + k_vessel) + 2, "already used");
}

TEST(ScenarioParse, UnreachableMeetingPointsAtTheStep) {
  const std::string text = k_head + k_vessel + R"(
  [[vessels.itinerary]]
  meet = "m"

[[vessels]]
id = "w"
mmsi = 273000002
name = "W"
start_port = "b"

  [[vessels.itinerary]]
  meet = "m"

[[meetings]]
id = "m"
vessels = ["v", "w"]
position = [44.0, 135.0]
start = 2024-01-01T01:00:00Z
)";
  expect_error(text, line_count(k_head + k_vessel) + 2, "cannot reach meeting `m`");
}

TEST(ScenarioParse, AisRulesAndIdentity) {
  const std::string text = k_head + k_vessel + R"(
  [[vessels.ais]]
  mode = "fixed"
  position = [40.0, 130.0]
  from = 2024-01-01T06:00:00Z

  [[vessels.identity]]
  at = 2024-01-01T12:00:00Z
  name = "NEW NAME"
)";
  const Scenario s = parse_scenario(text, "test.toml");
  ASSERT_EQ(s.vessels[0].ais.size(), 1U);
  EXPECT_EQ(s.vessels[0].ais[0].mode, AisMode::fixed);
  EXPECT_DOUBLE_EQ(s.vessels[0].ais[0].fixed.lat_deg, 40.0);
  ASSERT_EQ(s.vessels[0].identity.size(), 1U);
  EXPECT_EQ(s.vessels[0].identity[0].name, "NEW NAME");
  expect_error(k_head + k_vessel + "\n  [[vessels.ais]]\n  mode = \"sleep\"\n",
               line_count(k_head + k_vessel) + 2, "not one of on, off, offset, fixed");
  expect_error(k_head + k_vessel + "\n  [[vessels.ais]]\n  mode = \"offset\"\n",
               line_count(k_head + k_vessel) + 2, "needs offset_north_m");
}

TEST(ScenarioParse, NothingReceivedIsAnError) {
  std::string text = k_head.substr(0, k_head.find("[reception]")) + k_vessel;
  expect_error(text, 0, "nothing would be received");
}

TEST(ScenarioParse, CargoCannotGoNegative) {
  const std::string text =
      k_head + k_vessel + "\n  [[vessels.itinerary]]\n  port = \"b\"\n  unload_20ft = 5\n";
  expect_error(text, line_count(k_head + k_vessel) + 2, "more containers than it has on board");
}

TEST(ScenarioParse, UnreadableFile) {
  EXPECT_THROW((void)load_scenario("/nonexistent/scenario.toml"), ScenarioError);
}

// The bundled case and the test and bench scenarios validate (they are data: a typo there
// must fail CI, not the demo).
TEST(ScenarioParse, BundledScenariosValidate) {
  const std::string root = DARKFLEET_SOURCE_DIR;
  for (const char* file : {"/cases/dprk-russia-2023-2025/scenario.toml",
                           "/cases/dprk-russia-2023-2025/scenario-full.toml",
                           "/src/sim/testdata/small.toml", "/bench/scenarios/scale-50k.toml"}) {
    SCOPED_TRACE(file);
    const Scenario s = load_scenario(root + file);
    EXPECT_LT(s.start_ms, s.end_ms);
    EXPECT_FALSE(s.label.empty()) << "every bundled scenario says what it is";
  }
  const Scenario c = load_scenario(root + "/cases/dprk-russia-2023-2025/scenario.toml");
  EXPECT_EQ(c.vessels.size(), 4U);
  EXPECT_NE(c.label.find("SIMULATION"), std::string::npos);
}

}  // namespace
}  // namespace darkfleet::sim
