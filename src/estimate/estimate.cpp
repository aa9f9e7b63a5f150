// The estimate model (docs/estimate.md, "The model"), its Monte Carlo and the sensitivity
// table.
#include "darkfleet/estimate/estimate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "read_file.hpp"
#include "toml_fields.hpp"

namespace darkfleet::estimate {
namespace {

constexpr std::array<std::string_view, 16> k_global = {"containers",
                                                       "munitions_share",
                                                       "stowage_fill",
                                                       "container.inner_length_m",
                                                       "container.inner_width_m",
                                                       "container.inner_height_m",
                                                       "container.door_width_m",
                                                       "container.door_height_m",
                                                       "container.tare_kg",
                                                       "container.max_gross_kg",
                                                       "missiles.count",
                                                       "missiles.price_usd",
                                                       "troops.soldiers",
                                                       "troops.months",
                                                       "troops.pay_usd_per_month",
                                                       "technology.value_usd"};
constexpr std::array<std::string_view, 8> k_item_fields = {
    "share",          "item_mass_kg",  "items_per_crate", "crate_tare_kg",
    "crate_length_m", "crate_width_m", "crate_height_m",  "price_usd"};
constexpr std::array<std::string_view, 6> k_charge_fields = {
    "charge_mass_kg",        "charges_per_crate",    "charge_crate_tare_kg",
    "charge_crate_length_m", "charge_crate_width_m", "charge_crate_height_m"};

[[noreturn]] void fail(const std::string& file, const toml::node& at, const std::string& message) {
  detail::fail(file, detail::line_of(at), message);
}

std::string string_field(const toml::table& t, std::string_view key, const std::string& file) {
  return detail::text_field(t, key, file, "", true);
}

double number_field(const toml::table& t, std::string_view key, const std::string& file) {
  return *detail::number_field(t, key, file, "", true);
}

/// The model's arithmetic for one set of values (one sample, or the modes).
class Evaluator {
 public:
  explicit Evaluator(const Model& model) : m_model(model) {
    const Assumptions& a = model.assumptions;
    for (const auto id : k_global) m_global.push_back(a.index_of(id));
    for (const Item& item : model.items) {
      ItemIndex ix;
      for (std::size_t f = 0; f < k_item_fields.size(); ++f) {
        ix.fields[f] = a.index_of(fmt::format("{}.{}", item.id, k_item_fields[f]));
      }
      if (item.separate_loading) {
        for (std::size_t f = 0; f < k_charge_fields.size(); ++f) {
          ix.charge[f] = a.index_of(fmt::format("{}.{}", item.id, k_charge_fields[f]));
        }
      }
      m_items.push_back(ix);
    }
    m_ids.push_back("rounds_total");
    m_units.push_back("rounds");
    for (const Item& item : model.items) {
      m_ids.push_back("rounds_per_container." + item.id);
      m_units.push_back("rounds per munitions container");
      m_ids.push_back("rounds." + item.id);
      m_units.push_back("rounds");
    }
    for (const auto* id : {"value_munitions_usd", "value_missiles_usd", "value_weapons_usd",
                           "value_troops_usd", "value_technology_usd", "value_total_usd"}) {
      m_ids.emplace_back(id);
      m_units.emplace_back("USD");
    }
  }

  [[nodiscard]] const std::vector<std::string>& ids() const { return m_ids; }
  [[nodiscard]] const std::vector<std::string>& units() const { return m_units; }

  /// The outputs, in ids() order, for `v` (one value per assumption, in file order).
  void evaluate(const std::vector<double>& v, std::vector<double>& out,
                std::vector<ItemPacking>* packing = nullptr) {
    out.assign(m_ids.size(), 0);
    auto g = [&](std::size_t k) { return v[m_global[k]]; };
    const Container container{"container", g(3), g(4), g(5), g(6), g(7), g(8), g(9)};
    const double munition_containers = g(0) * g(1);
    const double fill = g(2);
    double share_sum = 0;
    for (const ItemIndex& ix : m_items) share_sum += v[ix.fields[0]];
    if (!(share_sum > 0)) throw std::runtime_error("the items' shares add up to 0");
    double rounds_total = 0;
    double value_munitions = 0;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
      const ItemIndex& ix = m_items[i];
      auto f = [&](std::size_t k) { return v[ix.fields[k]]; };
      const Crate crate{m_model.items[i].id, f(4), f(5), f(6), f(2) * f(1) + f(3), f(2)};
      const Load lp = load_of(container, crate);
      double per_container = 0;
      ItemPacking record{m_model.items[i].id, lp, std::nullopt};
      if (m_model.items[i].separate_loading) {
        auto c = [&](std::size_t k) { return v[ix.charge[k]]; };
        const Crate charge{
            m_model.items[i].id + " charge", c(3), c(4), c(5), c(1) * c(0) + c(2), c(1)};
        const Load lc = load_of(container, charge);
        record.charge = lc;
        // Projectiles and charges in equal numbers in one box: by volume, the share of the
        // box each takes adds up to one; by weight, a round weighs its two crates' shares.
        const double by_volume =
            lp.crates_by_volume == 0 || lc.crates_by_volume == 0
                ? 0.0
                : 1.0 / (1.0 / (static_cast<double>(lp.crates_by_volume) * crate.items) +
                         1.0 / (static_cast<double>(lc.crates_by_volume) * charge.items));
        const double by_weight =
            lp.payload_kg / (crate.mass_kg / crate.items + charge.mass_kg / charge.items);
        per_container = std::floor(std::min(by_volume, by_weight)) * fill;
      } else {
        per_container = static_cast<double>(lp.crates) * crate.items * fill;
      }
      if (packing != nullptr) packing->push_back(record);
      const double rounds = munition_containers * f(0) / share_sum * per_container;
      out[1 + 2 * i] = per_container;
      out[2 + 2 * i] = rounds;
      rounds_total += rounds;
      value_munitions += rounds * f(7);
    }
    out[0] = rounds_total;
    const std::size_t base = 1 + 2 * m_items.size();
    out[base] = value_munitions;
    out[base + 1] = g(10) * g(11);
    out[base + 2] = out[base] + out[base + 1];  // KIDA's "munitions and weapons"
    out[base + 3] = g(12) * g(13) * g(14);
    out[base + 4] = g(15);
    out[base + 5] = out[base + 2] + out[base + 3] + out[base + 4];
  }

 private:
  struct ItemIndex {
    std::array<std::size_t, k_item_fields.size()> fields{};
    std::array<std::size_t, k_charge_fields.size()> charge{};
  };

  // Packings are remembered by the sizes in whole millimetres, crate sizes rounded up to whole
  // centimetres (a crate is never taken smaller than drawn): sampled sizes then repeat, and
  // a packing costs far more than the rest of a sample. The weight limit is worked out anew.
  Load load_of(const Container& container, Crate crate) {
    auto mm = [](double m) { return static_cast<long long>(std::llround(m * 1000)); };
    auto cm_up = [](double m) { return std::ceil(m * 100 - 1e-6) / 100; };
    crate.length_m = cm_up(crate.length_m);
    crate.width_m = cm_up(crate.width_m);
    crate.height_m = cm_up(crate.height_m);
    const std::string key = fmt::format("{} {} {} {} {} {} {} {}", mm(container.inner_length_m),
                                        mm(container.inner_width_m), mm(container.inner_height_m),
                                        mm(container.door_width_m), mm(container.door_height_m),
                                        mm(crate.length_m), mm(crate.width_m), mm(crate.height_m));
    auto it = m_cache.find(key);
    if (it == m_cache.end()) it = m_cache.emplace(key, pack(container, crate)).first;
    Load load = it->second;  // its weight limit is that of the first crate mass seen
    load.payload_kg = container.max_gross_kg - container.tare_kg;
    if (!(load.payload_kg > 0)) {
      throw std::runtime_error(
          fmt::format("the container's max gross {} kg does not exceed its tare {} kg",
                      container.max_gross_kg, container.tare_kg));
    }
    if (!(crate.mass_kg > 0))
      throw std::runtime_error(fmt::format("crate '{}' has no mass", crate.name));
    load.crates_by_weight =
        static_cast<std::uint64_t>(std::min(std::floor(load.payload_kg / crate.mass_kg), 1e15));
    load.crates = std::min(load.crates_by_volume, load.crates_by_weight);
    load.bound = load.crates_by_weight < load.crates_by_volume ? Bound::weight : Bound::volume;
    load.volume_fill =
        static_cast<double>(load.crates) * crate.length_m * crate.width_m * crate.height_m /
        (container.inner_length_m * container.inner_width_m * container.inner_height_m);
    return load;
  }

  const Model& m_model;
  std::vector<std::size_t> m_global;
  std::vector<ItemIndex> m_items;
  std::vector<std::string> m_ids;
  std::vector<std::string> m_units;
  std::unordered_map<std::string, Load> m_cache;
};

std::vector<double> ranks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double mean_rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = mean_rank;  // ties share their mean rank
    i = j + 1;
  }
  return r;
}

}  // namespace

Model Model::parse(std::string_view toml_text, const std::string& file) {
  const toml::table doc = detail::parse_document(toml_text, file);
  Model model{detail::assumptions_of(doc, file), {}, {}};
  for (const Assumption& a : model.assumptions.all()) {
    // counts, sizes, masses, shares and prices: nothing in the model can be negative
    if (a.low < 0) {
      throw std::runtime_error(
          fmt::format("{}:{}: '{}' cannot be negative (got {})", file, a.line, a.id, a.low));
    }
  }
  if (const toml::table* e = doc["estimate"].as_table()) {
    auto integer = [&](std::string_view key, std::int64_t min, std::uint64_t& into) {
      const toml::node* n = e->get(key);
      if (n == nullptr) return;
      const auto v = n->value<std::int64_t>();
      if (!v || *v < min)
        fail(file, *n, fmt::format("[estimate] {} must be an integer >= {}", key, min));
      into = static_cast<std::uint64_t>(*v);
    };
    integer("samples", 20, model.samples);
    integer("seed", 0, model.seed);
  }
  const toml::array* items = doc["items"].as_array();
  if (items == nullptr || items->empty()) {
    throw std::runtime_error(
        fmt::format("{}: no [[items]]: the model needs at least one munition", file));
  }
  for (const toml::node& n : *items) {
    const toml::table* t = n.as_table();
    if (t == nullptr) fail(file, n, "items must be tables ([[items]])");
    Item item;
    item.id = string_field(*t, "id", file);
    item.name = string_field(*t, "name", file);
    if (const toml::node* s = t->get("separate_loading")) {
      const auto b = s->value<bool>();
      if (!b) fail(file, *s, "separate_loading must be true or false");
      item.separate_loading = *b;
    }
    for (const auto f : k_item_fields) {
      if (!model.assumptions.contains(fmt::format("{}.{}", item.id, f))) {
        fail(file, *t, fmt::format("item '{}' needs the assumption '{}.{}'", item.id, item.id, f));
      }
    }
    if (item.separate_loading) {
      for (const auto f : k_charge_fields) {
        if (!model.assumptions.contains(fmt::format("{}.{}", item.id, f))) {
          fail(file, *t,
               fmt::format("item '{}' loads separately and needs '{}.{}'", item.id, item.id, f));
        }
      }
    }
    model.items.push_back(std::move(item));
  }
  for (const auto id : k_global) {
    if (!model.assumptions.contains(id)) {
      throw std::runtime_error(fmt::format("{}: the model needs the assumption '{}'", file, id));
    }
  }
  if (const toml::array* refs = doc["references"].as_array()) {
    for (const toml::node& n : *refs) {
      const toml::table* t = n.as_table();
      if (t == nullptr) fail(file, n, "references must be tables ([[references]])");
      Reference r;
      r.id = string_field(*t, "id", file);
      r.statement = string_field(*t, "statement", file);
      r.output = string_field(*t, "output", file);
      r.low = number_field(*t, "low", file);
      r.high = number_field(*t, "high", file);
      r.unit = string_field(*t, "unit", file);
      r.source = string_field(*t, "source", file);
      if (r.low > r.high) fail(file, *t, fmt::format("reference '{}': low > high", r.id));
      model.references.push_back(std::move(r));
    }
  }
  Evaluator check(model);  // every output a reference names must exist
  for (const Reference& r : model.references) {
    if (std::find(check.ids().begin(), check.ids().end(), r.output) == check.ids().end()) {
      throw std::runtime_error(
          fmt::format("{}: reference '{}' compares with '{}', which the model does not compute",
                      file, r.id, r.output));
    }
  }
  return model;
}

Model Model::load(const std::string& path) {
  return parse(detail::read_file(path), path);
}

const Output& Result::output(std::string_view id) const {
  for (const Output& o : outputs) {
    if (o.id == id) return o;
  }
  throw std::out_of_range(fmt::format("no output '{}'", id));
}

namespace {

/// The q-quantile of already sorted, non-empty `sorted`.
double quantile_of_sorted(const std::vector<double>& sorted, double q) {
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (at - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

std::string human(double v) {
  const double a = std::abs(v);
  if (a >= 1e9) return fmt::format("{:.2f} bn", v / 1e9);
  if (a >= 1e6) return fmt::format("{:.2f} M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:.1f} k", v / 1e3);
  if (a >= 100 || v == std::floor(v)) return fmt::format("{:.0f}", v);
  return fmt::format("{:.2f}", v);
}

Interval interval_of(const std::vector<double>& values) {
  std::vector<double> sorted = values;  // sorted once for the three points
  std::sort(sorted.begin(), sorted.end());
  return {quantile_of_sorted(sorted, 0.05), quantile_of_sorted(sorted, 0.50),
          quantile_of_sorted(sorted, 0.95),
          std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size())};
}

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return quantile_of_sorted(values, q);
}

double rank_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) return 0;
  const auto rx = ranks(x);
  const auto ry = ranks(y);
  const double n = static_cast<double>(x.size());
  const double mean = (n - 1) / 2;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (sxx == 0 || syy == 0) return 0;
  return sxy / std::sqrt(sxx * syy);
}

Result run(const Model& model, std::uint64_t samples, std::uint64_t seed) {
  if (samples < 20) throw std::invalid_argument("an estimate needs at least 20 samples");
  const auto& all = model.assumptions.all();
  Evaluator evaluator(model);
  Result result;
  result.samples = samples;
  result.seed = seed;

  std::vector<double> values(all.size());
  std::vector<double> out;
  for (std::size_t k = 0; k < all.size(); ++k) values[k] = all[k].mode;
  evaluator.evaluate(values, out, &result.packing);
  const std::vector<double> at_modes = out;

  // One stream per run; every sample draws one number per assumption in file order, so a
  // seed fixes every draw whatever the model computes from them.
  std::mt19937_64 rng(seed);
  std::vector<std::vector<double>> drawn(all.size(), std::vector<double>(samples));
  std::vector<std::vector<double>> outputs(evaluator.ids().size(), std::vector<double>(samples));
  for (std::uint64_t s = 0; s < samples; ++s) {
    for (std::size_t k = 0; k < all.size(); ++k) {
      values[k] = all[k].at_quantile(unit_uniform(rng));
      drawn[k][s] = values[k];
    }
    evaluator.evaluate(values, out);
    for (std::size_t o = 0; o < out.size(); ++o) outputs[o][s] = out[o];
  }
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    Output output;
    output.id = evaluator.ids()[o];
    output.unit = evaluator.units()[o];
    output.at_modes = at_modes[o];
    const auto& x = outputs[o];
    output.interval = interval_of(x);
    if (output.id == "rounds_total" || output.id == "value_total_usd") {
      for (std::size_t k = 0; k < all.size(); ++k) {
        if (all[k].shape == Shape::fixed) continue;
        output.sensitivity.push_back({all[k].id, rank_correlation(drawn[k], x)});
      }
      std::stable_sort(output.sensitivity.begin(), output.sensitivity.end(),
                       [](const Sensitivity& a, const Sensitivity& b) {
                         return std::abs(a.rank_correlation) > std::abs(b.rank_correlation);
                       });
    }
    result.outputs.push_back(std::move(output));
  }
  return result;
}

}  // namespace darkfleet::estimate
