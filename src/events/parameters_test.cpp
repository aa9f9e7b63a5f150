#include "darkfleet/events/parameters.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace darkfleet::events {
namespace {

TEST(Parameters, GfwSetHasEveryValueWithASourceAndUnit) {
  const Parameters p = Parameters::gfw();
  ASSERT_GT(p.all().size(), 20U);
  for (const Parameter& parameter : p.all()) {
    EXPECT_FALSE(parameter.source.empty()) << parameter.key;
    EXPECT_FALSE(parameter.unit.empty()) << parameter.key;
    EXPECT_FALSE(parameter.overridden) << parameter.key;
  }
  EXPECT_EQ(p.get("encounter.max_distance_m"), 500);
  EXPECT_EQ(p.get("loitering.min_shore_nm"), 20);
  EXPECT_EQ(p.name(), "gfw");
}

TEST(Parameters, OverridesAreCountedInTheName) {
  Parameters p = Parameters::gfw();
  p.set("encounter.max_distance_m=600");
  p.set("gap.min_h=4.5");
  EXPECT_EQ(p.get("encounter.max_distance_m"), 600);
  EXPECT_EQ(p.get("gap.min_h"), 4.5);
  EXPECT_EQ(p.name(), "gfw+2");
}

TEST(Parameters, BadAssignmentsSayWhatIsWrong) {
  Parameters p = Parameters::gfw();
  for (const char* bad : {"encounter.max_distance_m", "nope=1", "gap.min_h=abc", "gap.min_h=-1",
                          "gap.min_h=", "gap.min_h=1x", "gap.min_h=inf"}) {
    EXPECT_THROW(p.set(bad), std::invalid_argument) << bad;
  }
  EXPECT_EQ(p.name(), "gfw");
  EXPECT_THROW((void)p.get("no.such.key"), std::out_of_range);
  EXPECT_THROW(p.add({"gap.min_h", 1, "h", "x"}), std::logic_error);
}

/// The "## Parameters" section of docs/events.md.
std::string parameters_section_of_the_docs() {
  const std::string path = std::string(DARKFLEET_SOURCE_DIR) + "/docs/events.md";
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto begin = doc.find("\n## Parameters\n");
  EXPECT_NE(begin, std::string::npos) << path << " has no \"## Parameters\" section";
  if (begin == std::string::npos) return {};
  const auto end = doc.find("\n## ", begin + 1);
  return doc.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

TEST(Parameters, DocsListEveryParameterWithItsDefaultAndUnit) {
  const std::string section = parameters_section_of_the_docs();
  const Parameters p = Parameters::gfw();
  std::set<std::string> keys;
  for (const Parameter& parameter : p.all()) {
    keys.insert(parameter.key);
    const std::string row =
        fmt::format("| `{}` | {} | {} |", parameter.key, parameter.value, parameter.unit);
    EXPECT_NE(section.find(row), std::string::npos)
        << "docs/events.md, ## Parameters: no row starting " << row;
  }
  // and no row for a key the set does not have
  std::istringstream lines(section);
  std::string line;
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    const auto close = line.find('`', 3);
    ASSERT_NE(close, std::string::npos) << line;
    EXPECT_TRUE(keys.contains(line.substr(3, close - 3))) << "stale row: " << line;
    ++rows;
  }
  EXPECT_EQ(rows, p.all().size());
}

}  // namespace
}  // namespace darkfleet::events
