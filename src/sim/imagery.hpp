// Satellite images of port container yards ([[imagery]]): the true yard over time (start
// count, land traffic, the scenario vessels' cargo) and the analysts' noisy counts of it,
// written as the GeoJSON `darkfleet evidence add` reads and as truth.json records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "darkfleet/sim/scenario.hpp"
#include "plan.hpp"
#include "random.hpp"

namespace darkfleet::sim::detail {

/// One image of one yard: what was there and what the analyst counted.
struct YardImage {
  std::size_t imagery = 0;  ///< index into Scenario::imagery
  std::int64_t t_ms = 0;    ///< acquisition time, Unix ms
  std::string image_id;     ///< "sim-<area>-20240121T000000Z"
  int true_20ft = 0;
  int true_40ft = 0;
  int observed_20ft = 0;
  int observed_40ft = 0;
};

/// What play_imagery() made.
struct ImageryResult {
  std::vector<YardImage> images;  ///< by time, then area id
  std::uint64_t cloudy = 0;       ///< revisits that yielded no image
};

/// The images of every [[imagery]] table of `scenario`. `calls` are the scenario vessels'
/// port calls (build_vessel_plan); a call's cargo changes the yard at the middle of its
/// stay. Table k draws its land traffic from stream (seed, k_imagery_stream + 2k) and its
/// clouds and counting errors from the next stream, so the result depends on nothing else
/// (not threads, not the other tables) and the true yard not on `cloud` or the errors.
ImageryResult play_imagery(const Scenario& scenario, const std::vector<PortCallRecord>& calls,
                           std::uint64_t seed);

/// The images as a GeoJSON FeatureCollection for `darkfleet evidence add` (docs/evidence.md):
/// a ~600 m square around the port per image, features in the order of `images`.
std::string imagery_geojson(const Scenario& scenario, const std::vector<YardImage>& images);

/// One image's truth.json record (area, image, time, true and observed counts).
std::string imagery_truth_json(const Scenario& scenario, const YardImage& image);

/// A standard normal deviate by Box-Muller from two uniform doubles of `rng` (the
/// standard library's distributions differ between implementations).
double standard_normal(Rng& rng);

/// A Poisson(mean) count: inversion for mean < 50 (exact), a rounded normal approximation
/// N(mean, mean) clamped at 0 above. Requires: mean >= 0 and finite.
std::int64_t poisson(double mean, Rng& rng);

/// The first random stream of the imagery tables (apart from the vessels' streams).
inline constexpr std::uint64_t k_imagery_stream = 3ULL << 40U;

}  // namespace darkfleet::sim::detail
