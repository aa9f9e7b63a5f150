#include "darkfleet/sim/demo_traffic.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "darkfleet/io/nmea_decoder.hpp"
#include "test_support.hpp"

namespace darkfleet::sim {
namespace {

std::string generate(const DemoTrafficOptions& options, DemoTrafficSummary* summary = nullptr) {
  std::string out;
  const auto s = generate_demo_traffic(options, [&out](const std::string& block) { out += block; });
  if (summary != nullptr) *summary = s;
  return out;
}

DemoTrafficOptions small() {
  DemoTrafficOptions o;
  o.vessels = 30;
  o.duration_h = 0.5;
  o.seed = 7;
  return o;
}

using test::Collected;
using test::decode_text;

TEST(DemoTraffic, SameSeedGivesIdenticalBytes) {
  EXPECT_EQ(generate(small()), generate(small()));
}

TEST(DemoTraffic, OtherSeedGivesOtherTraffic) {
  auto other = small();
  other.seed = 8;
  EXPECT_NE(generate(small()), generate(other));
}

TEST(DemoTraffic, DecodesCleanlyWithTheCountsItReports) {
  DemoTrafficSummary summary;
  const std::string text = generate(small(), &summary);
  io::DecodeStats stats;
  const Collected got = decode_text(text, &stats);
  EXPECT_EQ(stats.rejected(), 0U);
  EXPECT_EQ(stats.lines, summary.lines);
  EXPECT_EQ(stats.messages, summary.messages);
  for (int type = 1; type <= 27; ++type) {
    EXPECT_EQ(stats.messages_by_type[static_cast<std::size_t>(type)],
              summary.messages_by_type[type])
        << "type " << type;
  }
  // The mix a receiver sees: class A positions and statics, class B, base stations, aids.
  EXPECT_GT(summary.messages_by_type[1], 0U);
  EXPECT_GT(summary.messages_by_type[5], 0U);
  EXPECT_GT(summary.messages_by_type[18], 0U);
  EXPECT_GT(summary.messages_by_type[24], 0U);
  EXPECT_GT(summary.messages_by_type[4], 0U);
  EXPECT_GT(summary.messages_by_type[21], 0U);
}

TEST(DemoTraffic, PositionsStayInTheBoxAndTimesAdvance) {
  const auto options = small();
  io::DecodeStats stats;
  const Collected got = decode_text(generate(options), &stats);
  ASSERT_FALSE(got.messages.empty());
  std::int64_t last_ms = 0;
  for (const auto& m : got.messages) {
    ASSERT_TRUE(m.receive_time_ms.has_value());
    EXPECT_EQ(m.time_source, nmea::TimeSource::tag_block);
    EXPECT_GE(*m.receive_time_ms, last_ms);
    last_ms = *m.receive_time_ms;
    EXPECT_GE(*m.receive_time_ms, options.start_ms);
    EXPECT_LT(*m.receive_time_ms, options.start_ms + 1800 * 1000);
    if (const auto* p = std::get_if<ais::PositionReport>(&m.message)) {
      ASSERT_TRUE(p->lat_deg && p->lon_deg);
      EXPECT_GE(*p->lat_deg, options.south_deg - 1e-6);
      EXPECT_LE(*p->lat_deg, options.north_deg + 1e-6);
      EXPECT_GE(*p->lon_deg, options.west_deg - 1e-6);
      EXPECT_LE(*p->lon_deg, options.east_deg + 1e-6);
    }
  }
}

TEST(DemoTraffic, RejectsNonsenseOptions) {
  auto o = small();
  o.duration_h = 0;
  EXPECT_THROW(generate(o), std::invalid_argument);
  o = small();
  o.vessels = -1;
  EXPECT_THROW(generate(o), std::invalid_argument);
  o = small();
  o.south_deg = 50;
  o.north_deg = 40;
  EXPECT_THROW(generate(o), std::invalid_argument);
}

}  // namespace
}  // namespace darkfleet::sim
