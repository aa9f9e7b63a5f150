#include "darkfleet/estimate/packing.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace darkfleet::estimate {
namespace {

Container box(double l, double w, double h, double payload_kg = 1e6) {
  return {"box", l, w, h, w, h, 0, payload_kg};
}

TEST(Packing, CubesFillACubeExactly) {
  const Load load = pack(box(1.0, 1.0, 1.0, 1000), {"cube", 0.5, 0.5, 0.5, 10, 1});
  EXPECT_EQ(load.crates_by_volume, 8U);
  EXPECT_EQ(load.crates_by_weight, 100U);
  EXPECT_EQ(load.crates, 8U);
  EXPECT_EQ(load.bound, Bound::volume);
  EXPECT_DOUBLE_EQ(load.volume_fill, 1.0);
}

TEST(Packing, ACrateIsTurnedToFit) {
  // only the orientation 1.0 m along the length, 0.3 across, 0.2 up fits
  EXPECT_EQ(crates_fitting(1.0, 0.3, 0.2, {"long", 0.2, 1.0, 0.3, 1, 1}), 1U);
  EXPECT_EQ(crates_fitting(0.99, 0.3, 0.2, {"long", 0.2, 1.0, 0.3, 1, 1}), 0U);
}

TEST(Packing, MixedOrientationsBeatOneOrientation) {
  // 0.4 x 0.3 crates on a 1.0 x 0.7 floor: one orientation gives 4 (2 x 2, or 3 x 1 + 0),
  // turning the last row gives 5 (3 along the length, then 2 turned in the 0.3 m left);
  // 6 would need 0.72 m2 of the 0.70 m2.
  EXPECT_EQ(crates_fitting(1.0, 0.7, 0.1, {"flat", 0.4, 0.3, 0.1, 1, 1}), 5U);
  // 1.0 m high: ten such layers (50) at least, crates stood up where that fits more; never
  // more than the volume allows (0.7 m3 / 0.012 m3 = 58)
  const auto tall = crates_fitting(1.0, 0.7, 1.0, {"flat", 0.4, 0.3, 0.1, 1, 1});
  EXPECT_GE(tall, 50U);
  EXPECT_LE(tall, 58U);
}

TEST(Packing, NoMoreThanTheVolumeAllows) {
  // 0.3 m cubes in a 1 m cube: 3 x 3 x 3 = 27 (the volume would allow 37)
  EXPECT_EQ(crates_fitting(1.0, 1.0, 1.0, {"c", 0.3, 0.3, 0.3, 1, 1}), 27U);
}

TEST(Packing, TheDoorDecides) {
  Container c = box(3.0, 3.0, 3.0);
  c.door_width_m = 2.0;
  c.door_height_m = 2.0;
  const Load none = pack(c, {"wide", 2.3, 2.3, 0.5, 1, 1});
  EXPECT_EQ(none.crates, 0U);
  EXPECT_NE(none.layout.find("door"), std::string::npos);
  // stood on its side, 2.3 m along the length, it passes a 2.4 m high door
  c.door_height_m = 2.4;
  EXPECT_GT(pack(c, {"wide", 2.3, 2.3, 0.5, 1, 1}).crates, 0U);
}

TEST(Packing, WeightBoundAndVolumeBound) {
  // A 20 ft box (MUNITIONS.md 1.1) at the 24 t rail limit: 0.8 x 0.4 x 0.3 m crates.
  const Container teu{"20ft", 5.898, 2.350, 2.392, 2.338, 2.280, 2300, 24000};
  const Load heavy = pack(teu, {"heavy", 0.8, 0.4, 0.3, 100, 2});
  EXPECT_EQ(heavy.crates_by_weight, 217U);  // 21,700 kg / 100 kg
  EXPECT_GT(heavy.crates_by_volume, heavy.crates_by_weight);
  EXPECT_EQ(heavy.crates, 217U);
  EXPECT_EQ(heavy.bound, Bound::weight);
  const Load light = pack(teu, {"light", 0.8, 0.4, 0.3, 50, 2});
  EXPECT_EQ(light.crates_by_weight, 434U);
  EXPECT_LT(light.crates_by_volume, light.crates_by_weight);
  EXPECT_EQ(light.bound, Bound::volume);
  // 7 x 5 x 7 in the best single orientation; the packing must do at least that
  EXPECT_GE(light.crates_by_volume, 245U);
  EXPECT_LE(light.volume_fill, 1.0);
}

TEST(Packing, BadSizesAndMassesAreErrors) {
  EXPECT_THROW(pack(box(1, 1, 1), {"c", -0.5, 0.5, 0.5, 1, 1}), std::invalid_argument);
  EXPECT_THROW(pack(box(1, 1, 1), {"c", 0.5, 0.5, 0.5, 0, 1}), std::invalid_argument);
  EXPECT_THROW(pack(box(0, 1, 1), {"c", 0.5, 0.5, 0.5, 1, 1}), std::invalid_argument);
  EXPECT_THROW(pack(box(5000, 1, 1), {"c", 0.5, 0.5, 0.5, 1, 1}), std::invalid_argument);
  Container c = box(1, 1, 1);
  c.tare_kg = 2000;
  c.max_gross_kg = 1000;
  try {
    pack(c, {"c", 0.5, 0.5, 0.5, 1, 1});
    FAIL() << "no error for a gross below the tare";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("tare"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace darkfleet::estimate
