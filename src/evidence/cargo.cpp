// Yard changes -> containers moved by ships, as Monte Carlo intervals (docs/evidence.md,
// "Containers per voyage").
#include "darkfleet/evidence/cargo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

#include <fmt/format.h>

namespace darkfleet::evidence {
namespace {

constexpr double k_ms_per_day = 86'400'000.0;

/// Standard normal by Box-Muller from the platform-independent uniform draws.
double standard_normal(std::mt19937_64& rng) {
  const double u1 = 1.0 - estimate::unit_uniform(rng);  // (0, 1]
  const double u2 = estimate::unit_uniform(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

/// A true count behind an analyst's count `n`: n plus a normal error whose sd is
/// absolute + relative x n, scaled by 1 / confidence; never below 0.
double true_count(std::int64_t n, double relative, double absolute, double confidence,
                  std::mt19937_64& rng) {
  const auto counted = static_cast<double>(n);
  const double sd = (absolute + relative * counted) / std::max(confidence, 0.05);
  return std::max(0.0, counted + sd * standard_normal(rng));
}

struct Prepared {
  const YardSeries* series = nullptr;
  const Area* area = nullptr;
  std::size_t flow = 0;  // index of land_flow_per_day.<area>; unused for other areas
};

}  // namespace

std::size_t CargoResult::counted_changes(AreaRole role) const {
  return static_cast<std::size_t>(std::count_if(
      changes.begin(), changes.end(),
      [role](const ChangeEstimate& e) { return e.attributed() && e.role == role; }));
}

const std::vector<double>& CargoResult::counted_samples(AreaRole counted) const {
  return counted == AreaRole::destination ? unloaded_samples : loaded_samples;
}

CargoResult estimate_cargo(const std::vector<YardSeries>& series,
                           const std::vector<PortCall>& calls, const CargoModel& model,
                           std::uint64_t samples, std::uint64_t seed) {
  if (samples < 20) throw std::invalid_argument("a cargo estimate needs at least 20 samples");
  CargoResult result;
  result.samples = samples;
  result.seed = seed;
  const auto& all = model.assumptions.all();
  const std::size_t relative_at = model.assumptions.index_of("count_error.relative");
  const std::size_t absolute_at = model.assumptions.index_of("count_error.absolute");

  std::vector<Prepared> areas;
  std::vector<std::size_t> change_area;  // index into `areas` per change
  for (const YardSeries& s : series) {
    const Area* area = model.area(s.area_id);
    if (area == nullptr) {
      result.areas_not_in_model.push_back(s.area_id);
      continue;
    }
    Prepared p{&s, area, 0};
    if (area->role != AreaRole::other) {
      p.flow = model.assumptions.index_of("land_flow_per_day." + area->id);
    }
    result.observations += s.observations.size();
    for (auto& change : yard_changes(s, area->port_id, calls)) {
      ChangeEstimate e;
      e.role = area->role;
      e.first_observation = s.observations[change.first].id;
      e.last_observation = s.observations[change.last].id;
      e.first_image = s.observations[change.first].image_id;
      e.last_image = s.observations[change.last].image_id;
      e.change = std::move(change);
      result.changes.push_back(std::move(e));
      change_area.push_back(areas.size());
    }
    areas.push_back(p);
  }

  // Every sample draws, in this order: each assumption once (file order), then each
  // observation's true 20 ft and 40 ft counts (areas in order), then each change's land
  // traffic; so a seed fixes every draw.
  std::mt19937_64 rng(seed);
  std::vector<std::vector<double>> moved(result.changes.size(), std::vector<double>(samples));
  result.loaded_samples.assign(samples, 0);
  result.unloaded_samples.assign(samples, 0);
  std::vector<double> values(all.size());
  std::vector<std::vector<double>> truth(areas.size());
  for (std::uint64_t n = 0; n < samples; ++n) {
    for (std::size_t k = 0; k < all.size(); ++k) {
      values[k] = all[k].at_quantile(estimate::unit_uniform(rng));
    }
    const double relative = std::max(0.0, values[relative_at]);
    const double absolute = std::max(0.0, values[absolute_at]);
    for (std::size_t a = 0; a < areas.size(); ++a) {
      const auto& obs = areas[a].series->observations;
      truth[a].resize(obs.size());
      for (std::size_t i = 0; i < obs.size(); ++i) {
        truth[a][i] =
            true_count(obs[i].containers_20ft, relative, absolute, obs[i].confidence, rng) +
            true_count(obs[i].containers_40ft, relative, absolute, obs[i].confidence, rng);
      }
    }
    for (std::size_t c = 0; c < result.changes.size(); ++c) {
      const ChangeEstimate& e = result.changes[c];
      const Prepared& p = areas[change_area[c]];
      const double change =
          truth[change_area[c]][e.change.last] - truth[change_area[c]][e.change.first];
      double ship_in = change;  // containers that came in by sea (negative: left by sea)
      if (p.area->role != AreaRole::other) {
        // Land traffic over the interval: the rate times the days, with Poisson scatter.
        const double days = static_cast<double>(e.change.to_ms - e.change.from_ms) / k_ms_per_day;
        const double mean = values[p.flow] * days;
        const double land = mean + std::sqrt(std::abs(mean)) * standard_normal(rng);
        ship_in -= land;
      }
      double& m = moved[c][n];
      switch (p.area->role) {
        case AreaRole::origin: m = std::max(0.0, -ship_in); break;
        case AreaRole::destination: m = std::max(0.0, ship_in); break;
        case AreaRole::other: m = ship_in; break;
      }
      if (!e.attributed()) continue;
      if (p.area->role == AreaRole::origin) result.loaded_samples[n] += m;
      if (p.area->role == AreaRole::destination) result.unloaded_samples[n] += m;
    }
  }
  for (std::size_t c = 0; c < result.changes.size(); ++c) {
    result.changes[c].containers = estimate::interval_of(moved[c]);
  }
  result.loaded = estimate::interval_of(result.loaded_samples);
  result.unloaded = estimate::interval_of(result.unloaded_samples);

  // Voyages: each call behind an origin change, with the vessel's next destination call.
  for (std::size_t c = 0; c < result.changes.size(); ++c) {
    const ChangeEstimate& load = result.changes[c];
    if (load.role != AreaRole::origin) continue;
    for (const PortCall& call : load.change.calls) {
      Voyage v;
      v.mmsi = call.mmsi;
      v.loading = c;
      v.loading_call = call.event_id;
      v.shared = load.change.calls.size() > 1;
      std::int64_t best = 0;
      for (std::size_t d = 0; d < result.changes.size(); ++d) {
        const ChangeEstimate& unload = result.changes[d];
        if (unload.role != AreaRole::destination) continue;
        for (const PortCall& u : unload.change.calls) {
          if (u.mmsi != call.mmsi || u.from_ms < call.to_ms) continue;
          if (!v.unloading || u.from_ms < best) {
            best = u.from_ms;
            v.unloading = d;
            v.unloading_call = u.event_id;
          }
        }
      }
      if (v.unloading) v.shared = v.shared || result.changes[*v.unloading].change.calls.size() > 1;
      result.voyages.push_back(std::move(v));
    }
  }
  return result;
}

estimate::Assumption containers_assumption(const CargoResult& result, const CargoModel& model,
                                           const std::string& database) {
  const bool loads = model.counted != AreaRole::destination;
  const std::size_t changes = result.counted_changes(model.counted);
  const auto& values = result.counted_samples(model.counted);
  return estimate::Assumption::empirical(
      "containers", values, "containers", estimate::Pedigree::derived,
      fmt::format("evidence: {} observations in {}", result.observations, database),
      fmt::format("containers {} by ships at the {} areas: {} yard changes tied to port calls "
                  "({} samples, seed {}; docs/evidence.md)",
                  loads ? "loaded" : "unloaded", loads ? "origin" : "destination", changes,
                  result.samples, result.seed));
}

}  // namespace darkfleet::evidence
