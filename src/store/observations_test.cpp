#include <gtest/gtest.h>

#include "darkfleet/store/store.hpp"
#include "test_support.hpp"

namespace darkfleet::store {
namespace {

using testing::TempDir;

Observation observation(const std::string& area, std::int64_t t_ms, std::int64_t c20) {
  Observation o;
  o.area_id = area;
  o.image_id = "img-" + std::to_string(t_ms);
  o.acquired_ms = t_ms;
  o.provider = "Planet";
  o.resolution_m = 3;
  o.containers_20ft = c20;
  o.containers_40ft = 1;
  o.confidence = 0.7;
  o.analyst = "A";
  o.lat_deg = 42.25;
  o.lon_deg = 130.3;
  o.geometry_json = R"({"type":"Point","coordinates":[130.3,42.25]})";
  return o;
}

TEST(Observations, AddedOnceReadBackByAreaAndTime) {
  TempDir dir;
  Store store(dir.file("case.db"), Store::Mode::read_write);
  ASSERT_TRUE(
      store.add_observations("a.geojson", "hash-a",
                             {observation("rajin", 3000, 30), observation("dunai", 1000, 10),
                              observation("rajin", 2000, 20)}));
  // the same file again adds nothing
  EXPECT_FALSE(store.add_observations("copy.geojson", "hash-a", {observation("rajin", 4000, 40)}));
  const auto all = store.observations();
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].area_id, "dunai");
  EXPECT_EQ(all[1].acquired_ms, 2000);
  EXPECT_EQ(all[2].containers_20ft, 30);
  EXPECT_EQ(all[2].file, "a.geojson");
  EXPECT_EQ(all[2].stacks_json, "[]");
  EXPECT_EQ(all[2].geometry_json, R"({"type":"Point","coordinates":[130.3,42.25]})");
  const auto rajin = store.observations("rajin");
  ASSERT_EQ(rajin.size(), 2U);
  EXPECT_LT(rajin[0].acquired_ms, rajin[1].acquired_ms);
  EXPECT_TRUE(store.observations("vostochny").empty());
}

}  // namespace
}  // namespace darkfleet::store
