#include "gatehouse.hpp"

#include <gtest/gtest.h>

namespace darkfleet::store::detail {
namespace {

TEST(Gatehouse, ParsesTheTimeOfAWrapperLine) {
  // 2010-06-11 11:46:11.390 UTC, from the DMA's stream_example.txt.
  EXPECT_EQ(parse_gatehouse_time("$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B"),
            std::optional<std::int64_t>(1276256771390));
  EXPECT_FALSE(parse_gatehouse_time("!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B"));
  EXPECT_FALSE(parse_gatehouse_time("$PGHP,1,2010,13,11,11,46,11,390,x*00"));
  EXPECT_FALSE(parse_gatehouse_time("$PGHP,1,2010,6"));
}

TEST(Gatehouse, GivesTheLastTimeBeforeALine) {
  GatehouseTimes times;
  EXPECT_TRUE(times.take(1, "$PGHP,1,2010,6,11,11,46,11,0,1,1,1,1,2B*5B"));
  EXPECT_TRUE(times.take(3, "$PGHP,1,2010,6,11,11,46,12,0,1,1,1,1,2B*5B"));
  EXPECT_FALSE(times.take(4, "garbage"));
  EXPECT_FALSE(times.time_before(1));
  EXPECT_EQ(times.time_before(2), std::optional<std::int64_t>(1276256771000));
  EXPECT_EQ(times.time_before(9), std::optional<std::int64_t>(1276256772000));
  times.forget_before(9);
  EXPECT_EQ(times.time_before(9), std::optional<std::int64_t>(1276256772000));
}

}  // namespace
}  // namespace darkfleet::store::detail
