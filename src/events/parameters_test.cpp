#include "darkfleet/events/parameters.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
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

/// docs/events.md, read from the source tree.
std::string events_doc() {
  const std::string path = std::string(DARKFLEET_SOURCE_DIR) + "/docs/events.md";
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The text under `heading` (a whole line, e.g. "## Parameters") up to the next heading.
std::string section_of(const std::string& doc, const std::string& heading) {
  const auto begin = doc.find("\n" + heading + "\n");
  EXPECT_NE(begin, std::string::npos) << "docs/events.md has no \"" << heading << "\"";
  if (begin == std::string::npos) return {};
  const auto end = doc.find("\n#", begin + 1);
  return doc.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

/// The table rows of `text` whose first cell is a `key`: key -> the rest of the row.
std::multimap<std::string, std::string> key_rows(const std::string& text) {
  std::multimap<std::string, std::string> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    const auto close = line.find("` | ", 3);
    if (close == std::string::npos) continue;
    rows.emplace(line.substr(3, close - 3), line.substr(close + 4));
  }
  return rows;
}

TEST(Parameters, DocsListEveryParameterWithItsDefaultAndUnit) {
  const std::string doc = events_doc();
  const Parameters p = Parameters::gfw();
  const auto rows = key_rows(section_of(doc, "## Parameters"));
  for (const Parameter& parameter : p.all()) {
    const std::string expected = fmt::format("{} | {} |", parameter.value, parameter.unit);
    const auto [first, last] = rows.equal_range(parameter.key);
    if (std::distance(first, last) != 1) {
      ADD_FAILURE() << "docs/events.md, ## Parameters: not one row for `" << parameter.key << "`";
      continue;
    }
    EXPECT_EQ(first->second.rfind(expected, 0), 0U)
        << "`" << parameter.key << "` should read " << expected << " not " << first->second;
  }
  for (const auto& [key, row] : rows) {
    EXPECT_NO_THROW((void)p.get(key)) << "docs/events.md, ## Parameters: stale row " << key;
  }
  // Tables elsewhere (the kinds' own) that give a parameter a number give its default.
  for (const auto& [key, row] : key_rows(doc)) {
    double value = 0;
    const auto cell = row.substr(0, row.find(" |"));
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (ec != std::errc() || end != cell.data() + cell.size()) continue;
    EXPECT_EQ(value, p.get(key)) << "docs/events.md: `" << key << "` | " << row;
  }
}

TEST(Parameters, DocsNameAnExistingBoundaryTestForEveryParameter) {
  std::set<std::string> tests;  // every test of this binary, "Suite.Name"
  const auto& unit = *::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const auto& suite = *unit.GetTestSuite(i);
    for (int j = 0; j < suite.total_test_count(); ++j) {
      tests.insert(fmt::format("{}.{}", suite.name(), suite.GetTestInfo(j)->name()));
    }
  }
  const auto rows = key_rows(section_of(events_doc(), "### Boundary tests"));
  const Parameters p = Parameters::gfw();
  for (const Parameter& parameter : p.all()) {
    EXPECT_EQ(rows.count(parameter.key), 1U) << "### Boundary tests: no row for " << parameter.key;
  }
  const std::regex test_name("`([A-Z]\\w*\\.[A-Z]\\w*)`");
  for (const auto& [key, row] : rows) {
    EXPECT_NO_THROW((void)p.get(key)) << "### Boundary tests: stale row " << key;
    std::size_t named = 0;
    for (auto it = std::sregex_iterator(row.begin(), row.end(), test_name);
         it != std::sregex_iterator(); ++it, ++named) {
      EXPECT_TRUE(tests.contains((*it)[1].str())) << key << ": no test " << (*it)[1].str();
    }
    EXPECT_GT(named, 0U) << key << " names no test";
  }
}

}  // namespace
}  // namespace darkfleet::events
