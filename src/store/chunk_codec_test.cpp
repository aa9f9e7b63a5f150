#include "darkfleet/store/chunk_codec.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace darkfleet::store {
namespace {

// A random walk of a vessel: what real tracks look like to the codec.
std::vector<Position> random_track(std::mt19937_64& rng, std::size_t n, bool whole_seconds) {
  std::vector<Position> ps;
  std::int64_t t = 1'600'000'000'000 + static_cast<std::int64_t>(rng() % 1'000'000'000);
  std::int32_t lat = static_cast<std::int32_t>(rng() % 180'000'000) - 90'000'000;
  std::int32_t lon = static_cast<std::int32_t>(rng() % 360'000'000) - 180'000'000;
  for (std::size_t i = 0; i < n; ++i) {
    t += whole_seconds ? static_cast<std::int64_t>(rng() % 120) * 1000
                       : static_cast<std::int64_t>(rng() % 120'000);
    lat = std::clamp<std::int32_t>(lat + static_cast<std::int32_t>(rng() % 2001) - 1000,
                                   -90'000'000, 90'000'000);
    lon = std::clamp<std::int32_t>(lon + static_cast<std::int32_t>(rng() % 2001) - 1000,
                                   -180'000'000, 180'000'000);
    Position p;
    p.t_ms = t;
    p.lat_udeg = lat;
    p.lon_udeg = lon;
    p.sog_dkn = static_cast<std::uint16_t>(rng() % 1024);
    p.cog_ddeg = static_cast<std::uint16_t>(rng() % 3601);
    p.heading_deg = static_cast<std::uint16_t>(rng() % 2 == 0 ? 511 : rng() % 360);
    p.status = static_cast<std::uint8_t>(rng() % 16);
    ps.push_back(p);
  }
  return ps;
}

TEST(ChunkCodec, RoundTripIsExactForRandomTracks) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 200; ++round) {
    const auto ps = random_track(rng, rng() % 3000, round % 2 == 0);
    std::string blob;
    encode_chunk(ps, blob);
    std::vector<Position> back;
    const auto n = decode_chunk(
        {reinterpret_cast<const std::uint8_t*>(blob.data()), blob.size()}, back);
    ASSERT_TRUE(n.has_value()) << "round " << round;
    EXPECT_EQ(*n, ps.size());
    ASSERT_EQ(back, ps) << "round " << round;
  }
}

TEST(ChunkCodec, RoundTripKeepsExtremeValues) {
  std::vector<Position> ps(3);
  ps[0] = {-5'000'000'000'000, -90'000'000, -180'000'000, 0, 0, 0, 0};
  ps[1] = {0, 90'000'000, 180'000'000, 1023, 3600, 511, 15};
  ps[2] = {4'102'444'800'123, 0, -1, 1022, 3599, 359, 14};
  std::string blob;
  encode_chunk(ps, blob);
  std::vector<Position> back;
  ASSERT_TRUE(decode_chunk({reinterpret_cast<const std::uint8_t*>(blob.data()), blob.size()}, back));
  EXPECT_EQ(back, ps);
}

TEST(ChunkCodec, PhysicalValuesRoundTripAtTheStatedPrecision) {
  // Property: any physical value comes back within half a stored unit.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> lat(-90, 90), lon(-180, 180), sog(0, 102.2),
      cog(0, 359.94), heading(0, 359.4);
  std::vector<Position> ps;
  std::vector<std::array<double, 5>> truth;
  for (int i = 0; i < 5000; ++i) {
    const std::array<double, 5> v = {lat(rng), lon(rng), sog(rng), cog(rng), heading(rng)};
    truth.push_back(v);
    ps.push_back(make_position(i * 1000, v[0], v[1], v[2], v[3], v[4], 0));
  }
  std::string blob;
  encode_chunk(ps, blob);
  std::vector<Position> back;
  ASSERT_TRUE(decode_chunk({reinterpret_cast<const std::uint8_t*>(blob.data()), blob.size()}, back));
  ASSERT_EQ(back.size(), truth.size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    EXPECT_NEAR(back[i].lat_deg(), truth[i][0], 0.5e-6 + 1e-12);
    EXPECT_NEAR(back[i].lon_deg(), truth[i][1], 0.5e-6 + 1e-12);
    EXPECT_NEAR(*back[i].sog_kn(), truth[i][2], 0.05 + 1e-9);
    EXPECT_NEAR(*back[i].cog_deg(), truth[i][3], 0.05 + 1e-9);
    EXPECT_NEAR(*back[i].heading(), truth[i][4], 0.5 + 1e-9);
    EXPECT_EQ(back[i].t_ms, static_cast<std::int64_t>(i) * 1000);
  }
}

TEST(ChunkCodec, SteadyTrackCostsFewBytesPerPosition) {
  // A vessel on a straight course reporting every 10 s: second-order deltas are ~0.
  std::vector<Position> ps;
  for (int i = 0; i < 4096; ++i) {
    ps.push_back(make_position(1'700'000'000'000 + i * 10'000, 55.0 + i * 1e-4, 11.0 + i * 2e-4,
                               12.3, 45.0, 45.0, 0));
  }
  std::string blob;
  encode_chunk(ps, blob);
  EXPECT_LT(static_cast<double>(blob.size()) / static_cast<double>(ps.size()), 1.0);
}

TEST(ChunkCodec, CorruptChunksAreErrorsNotCrashes) {
  std::mt19937_64 rng(3);
  const auto ps = random_track(rng, 500, false);
  std::string blob;
  encode_chunk(ps, blob);
  std::vector<Position> out;
  for (std::size_t cut = 0; cut < blob.size(); cut += 7) {
    const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(blob.data()),
                                              cut);
    EXPECT_FALSE(decode_chunk(bytes, out).has_value()) << "cut at " << cut;
    EXPECT_TRUE(out.empty());
  }
  std::string flipped = blob;
  flipped[0] = 9;  // unknown format
  EXPECT_FALSE(decode_chunk({reinterpret_cast<const std::uint8_t*>(flipped.data()), flipped.size()},
                            out));
}

}  // namespace
}  // namespace darkfleet::store
