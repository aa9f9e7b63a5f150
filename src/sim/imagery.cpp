// The yard model and the counting error of [[imagery]] (docs/scenario-format.md, "Imagery").
//
// Time is event-driven: the yard is evaluated at its model times only -- every revisit
// (cloudy or not) and every call's midpoint. Between two consecutive model times the land
// traffic is one Poisson draw of |rate| x the interval in days, with the rate's sign (the sum
// of independent Poisson draws over sub-intervals has the same law, so hourly steps would
// not change the distribution); the yard is clamped at 0 after each change.
#include "imagery.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "geo.hpp"
#include "truth_json.hpp"

namespace darkfleet::sim::detail {
namespace {

constexpr double k_ms_per_h = 3'600'000.0;
constexpr double k_ms_per_day = 86'400'000.0;
constexpr double k_half_side_m = 300;  // the area polygon: a square of ~600 m

// Land traffic over `days` at `rate_per_day` (negative: out of the yard).
std::int64_t land_flow(double rate_per_day, double days, Rng& rng) {
  const std::int64_t n = poisson(std::abs(rate_per_day) * days, rng);
  return rate_per_day < 0 ? -n : n;
}

// An analyst's count of `n`: round(n + N(0, absolute + relative * n)), at least 0.
int observed(std::int64_t n, double z, const Imagery& m) {
  const double sd = m.count_error_absolute + m.count_error_relative * static_cast<double>(n);
  return static_cast<int>(std::max<std::int64_t>(0, std::llround(static_cast<double>(n) + sd * z)));
}

// "2024-01-21T00:00:00Z" -> "20240121T000000Z".
std::string compact_time(std::int64_t t_ms) {
  std::string iso = iso_time(t_ms);
  std::erase(iso, '-');
  std::erase(iso, ':');
  return iso;
}

}  // namespace

double standard_normal(Rng& rng) {
  const double u1 = 1.0 - rng.unit();  // (0, 1]: log(u1) is finite
  const double u2 = rng.unit();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::int64_t poisson(double mean, Rng& rng) {
  if (!(mean > 0)) return 0;
  if (mean >= 50) {
    return std::max<std::int64_t>(0, std::llround(mean + std::sqrt(mean) * standard_normal(rng)));
  }
  const double u = rng.unit();
  double p = std::exp(-mean);
  double cdf = p;
  std::int64_t k = 0;
  while (u >= cdf && k < 1000) {  // mean < 50: P(k >= 1000) is nil; the cap guards rounding
    ++k;
    p *= mean / static_cast<double>(k);
    cdf += p;
  }
  return k;
}

ImageryResult play_imagery(const Scenario& sc, const std::vector<PortCallRecord>& calls,
                           std::uint64_t seed) {
  ImageryResult out;
  for (std::size_t k = 0; k < sc.imagery.size(); ++k) {
    const Imagery& m = sc.imagery[k];
    Rng yard_rng(seed, k_imagery_stream + 2 * k);
    Rng image_rng(seed, k_imagery_stream + 2 * k + 1);
    // Each call's cargo moves at the middle of its stay: unloads in, loads out.
    struct Move {
      std::int64_t t_ms;
      std::int64_t d20;
      std::int64_t d40;
    };
    std::vector<Move> moves;
    for (const auto& c : calls) {
      if (c.port != m.port || c.cargo.empty()) continue;
      moves.push_back({c.arrive_ms + (c.depart_ms - c.arrive_ms) / 2,
                       std::int64_t{c.cargo.unload_20ft} - c.cargo.load_20ft,
                       std::int64_t{c.cargo.unload_40ft} - c.cargo.load_40ft});
    }
    std::stable_sort(moves.begin(), moves.end(),
                     [](const Move& a, const Move& b) { return a.t_ms < b.t_ms; });
    std::int64_t y20 = m.start_20ft;
    std::int64_t y40 = m.start_40ft;
    std::int64_t t = sc.start_ms;
    auto advance = [&](std::int64_t until) {  // land traffic over [t, until]
      if (until <= t) return;
      const double days = static_cast<double>(until - t) / k_ms_per_day;
      y20 = std::max<std::int64_t>(0, y20 + land_flow(m.land_flow_20ft_per_day, days, yard_rng));
      y40 = std::max<std::int64_t>(0, y40 + land_flow(m.land_flow_40ft_per_day, days, yard_rng));
      t = until;
    };
    std::size_t next_move = 0;
    for (std::int64_t j = 0;; ++j) {
      const std::int64_t at =
          sc.start_ms + std::llround((m.offset_h + static_cast<double>(j) * m.every_h) * k_ms_per_h);
      if (at >= sc.end_ms) break;
      // A call whose midpoint is at or before the image is in it.
      for (; next_move < moves.size() && moves[next_move].t_ms <= at; ++next_move) {
        advance(moves[next_move].t_ms);
        y20 = std::max<std::int64_t>(0, y20 + moves[next_move].d20);
        y40 = std::max<std::int64_t>(0, y40 + moves[next_move].d40);
      }
      advance(at);
      // Always three draws per revisit, so a cloud does not shift the later counts.
      const bool cloudy = image_rng.chance(m.cloud);
      const double z20 = standard_normal(image_rng);
      const double z40 = standard_normal(image_rng);
      if (cloudy) {
        ++out.cloudy;
        continue;
      }
      YardImage image;
      image.imagery = k;
      image.t_ms = at;
      image.image_id = fmt::format("sim-{}-{}", m.area_id, compact_time(at));
      image.true_20ft = static_cast<int>(y20);
      image.true_40ft = static_cast<int>(y40);
      image.observed_20ft = observed(y20, z20, m);
      image.observed_40ft = observed(y40, z40, m);
      out.images.push_back(std::move(image));
    }
  }
  std::stable_sort(out.images.begin(), out.images.end(),
                   [&sc](const YardImage& a, const YardImage& b) {
                     if (a.t_ms != b.t_ms) return a.t_ms < b.t_ms;
                     return sc.imagery[a.imagery].area_id < sc.imagery[b.imagery].area_id;
                   });
  return out;
}

std::string imagery_geojson(const Scenario& sc, const std::vector<YardImage>& images) {
  std::string out = fmt::format(
      "{{\"type\": \"FeatureCollection\", \"label\": {}, \"scenario\": {}, \"features\": [",
      json_string(sc.label.empty() ? "SIMULATION (synthetic imagery)" : sc.label),
      json_string(sc.name));
  for (std::size_t i = 0; i < images.size(); ++i) {
    const YardImage& image = images[i];
    const Imagery& m = sc.imagery[image.imagery];
    const LatLon c = sc.find_port(m.port)->position;
    const LatLon sw = offset(c, -k_half_side_m, -k_half_side_m);
    const LatLon ne = offset(c, k_half_side_m, k_half_side_m);
    out += fmt::format(
        "{}\n  {{\"type\": \"Feature\", \"geometry\": {{\"type\": \"Polygon\", \"coordinates\": "
        "[[[{:.6f}, {:.6f}], [{:.6f}, {:.6f}], [{:.6f}, {:.6f}], [{:.6f}, {:.6f}], "
        "[{:.6f}, {:.6f}]]]}}, \"properties\": {{\"area_id\": {}, \"image_id\": {}, "
        "\"acquired\": \"{}\", \"provider\": {}, {}\"resolution_m\": {}, \"containers_20ft\": {}, "
        "\"containers_40ft\": {}, \"confidence\": {}, \"analyst\": {}, \"note\": \"simulated\"}}}}",
        i == 0 ? "" : ",", sw.lon_deg, sw.lat_deg, ne.lon_deg, sw.lat_deg, ne.lon_deg, ne.lat_deg,
        sw.lon_deg, ne.lat_deg, sw.lon_deg, sw.lat_deg, json_string(m.area_id),
        json_string(image.image_id), iso_time(image.t_ms), json_string(m.provider),
        m.sensor.empty() ? "" : fmt::format("\"sensor\": {}, ", json_string(m.sensor)),
        m.resolution_m, image.observed_20ft, image.observed_40ft, m.confidence,
        json_string(m.analyst));
  }
  out += "\n]}\n";
  return out;
}

std::string imagery_truth_json(const Scenario& sc, const YardImage& image) {
  const Imagery& m = sc.imagery[image.imagery];
  return fmt::format(
      "{{\"area_id\":{},\"port\":{},\"image_id\":{},\"acquired\":\"{}\",\"acquired_ms\":{},"
      "\"true_20ft\":{},\"true_40ft\":{},\"observed_20ft\":{},\"observed_40ft\":{}}}",
      json_string(m.area_id), json_string(m.port), json_string(image.image_id),
      iso_time(image.t_ms), image.t_ms, image.true_20ft, image.true_40ft, image.observed_20ft,
      image.observed_40ft);
}

}  // namespace darkfleet::sim::detail
