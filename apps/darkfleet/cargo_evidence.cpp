#include "cargo_evidence.hpp"

#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "darkfleet/events/output.hpp"
#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/store/store.hpp"
#include "text_file.hpp"

namespace darkfleet::cli {
namespace {

std::string interval_text(const estimate::Interval& i) {
  return fmt::format("{:.0f} / {:.0f} / {:.0f}", i.p5, i.p50, i.p95);
}

std::string calls_text(const evidence::YardChange& c) {
  if (c.calls.empty()) return "no call (land traffic only)";
  std::string s;
  for (const auto& call : c.calls) {
    if (!s.empty()) s += ", ";
    s += fmt::format("{} {} (conf {:.2f})",
                     call.kind == events::EventKind::dark_port_call ? "dark call" : "visit",
                     call.mmsi, call.confidence);
  }
  return s;
}

std::string_view moved_word(evidence::AreaRole role) {
  switch (role) {
    case evidence::AreaRole::origin: return "loaded";
    case evidence::AreaRole::destination: return "unloaded";
    case evidence::AreaRole::other: return "net";
  }
  return "";
}

nlohmann::json interval_json(const estimate::Interval& i) {
  return {{"p5", i.p5}, {"p50", i.p50}, {"p95", i.p95}, {"mean", i.mean}};
}

}  // namespace

std::string evidence_model_path(const std::string& case_dir) {
  const auto path = (std::filesystem::path(case_dir) / "evidence.toml").string();
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error(fmt::format(
        "{}: the case has no evidence.toml (the areas and the yard model; docs/evidence.md)",
        case_dir));
  }
  return path;
}

EvidenceCargo cargo_from_evidence(const std::string& database, const std::string& events_file,
                                  const std::string& model_file,
                                  std::optional<std::uint64_t> samples,
                                  std::optional<std::uint64_t> seed) {
  EvidenceCargo cargo;
  cargo.database = database;
  cargo.events_file = events_file;
  cargo.model = evidence::CargoModel::load(model_file);
  {
    const store::Store db(database, store::Store::Mode::read_only);
    cargo.series = evidence::yard_series(db.observations(""));
  }
  if (cargo.series.empty()) {
    throw std::runtime_error(fmt::format(
        "{} holds no imagery observations (darkfleet evidence add FILE.geojson --db {})", database,
        database));
  }
  try {
    cargo.calls = evidence::port_calls(events::read_events_json(read_text_file(events_file)));
  } catch (const std::exception& e) {
    throw std::runtime_error(
        fmt::format("{}: {} (make it with darkfleet events -f json)", events_file, e.what()));
  }
  cargo.result = evidence::estimate_cargo(cargo.series, cargo.calls, cargo.model,
                                          samples.value_or(cargo.model.samples),
                                          seed.value_or(cargo.model.seed));
  return cargo;
}

std::string cargo_text(const EvidenceCargo& cargo) {
  const auto& r = cargo.result;
  std::string s = fmt::format(
      "darkfleet evidence voyages: {} observations in {}, {} port calls in {}, model {} ({} "
      "samples, seed {})\n",
      r.observations, cargo.database, cargo.calls.size(), cargo.events_file,
      cargo.model.assumptions.file(), r.samples, r.seed);
  s += "Containers moved by ships, p5 / p50 / p95: counting error and land traffic as in the\n"
       "model file; how: docs/evidence.md.\n\n";
  s +=
      fmt::format("loaded at origins:        {}{}\n", interval_text(r.loaded),
                  cargo.model.counted == evidence::AreaRole::origin ? "  (the counted total)" : "");
  s += fmt::format(
      "unloaded at destinations: {}{}\n", interval_text(r.unloaded),
      cargo.model.counted == evidence::AreaRole::destination ? "  (the counted total)" : "");
  s += "\nYard changes (between two images; calls that overlap them):\n";
  for (const auto& e : r.changes) {
    const auto& c = e.change;
    s += fmt::format("  {:<12} {} -> {}  counted {:+} x 20ft {:+} x 40ft  {} {}  [{} -> {}]  {}\n",
                     c.area_id, io::format_time_iso(c.from_ms), io::format_time_iso(c.to_ms),
                     c.change_20ft, c.change_40ft, moved_word(e.role), interval_text(e.containers),
                     e.first_image, e.last_image, calls_text(c));
  }
  if (!r.voyages.empty()) s += "\nVoyages (a loading call and the vessel's next unloading call):\n";
  for (const auto& v : r.voyages) {
    const auto& load = r.changes[v.loading];
    std::string unload = "no later unloading call seen";
    if (v.unloading) {
      const auto& u = r.changes[*v.unloading];
      unload = fmt::format("unloaded {} at {} ({} -> {})", interval_text(u.containers),
                           u.change.area_id, u.first_image, u.last_image);
    }
    s += fmt::format("  {} loaded {} at {} ({} -> {}); {}{}\n", v.mmsi,
                     interval_text(load.containers), load.change.area_id, load.first_image,
                     load.last_image, unload,
                     v.shared ? "  (a change shared with other calls)" : "");
  }
  for (const auto& e : r.changes) {
    if (e.role == evidence::AreaRole::origin && !e.attributed() && e.containers.p5 > 0) {
      s += fmt::format(
          "\nwarning: {} lost {} containers between {} and {} with no call seen: a call the "
          "events missed, or land traffic the model does not expect\n",
          e.change.area_id, interval_text(e.containers), io::format_time_iso(e.change.from_ms),
          io::format_time_iso(e.change.to_ms));
    }
  }
  for (const auto& a : r.areas_not_in_model) {
    s += fmt::format("\nnote: area '{}' has observations but is not in {}; not used\n", a,
                     cargo.model.assumptions.file());
  }
  return s;
}

std::string cargo_json(const EvidenceCargo& cargo) {
  using nlohmann::json;
  const auto& r = cargo.result;
  json changes = json::array();
  for (const auto& e : r.changes) {
    json calls = json::array();
    for (const auto& c : e.change.calls) {
      calls.push_back({{"event_id", c.event_id},
                       {"kind", std::string(events::to_string(c.kind))},
                       {"mmsi", c.mmsi},
                       {"port_id", c.port_id},
                       {"from", io::format_time_iso(c.from_ms)},
                       {"to", io::format_time_iso(c.to_ms)},
                       {"confidence", c.confidence}});
    }
    changes.push_back({{"area_id", e.change.area_id},
                       {"role", std::string(evidence::to_string(e.role))},
                       {"from", io::format_time_iso(e.change.from_ms)},
                       {"to", io::format_time_iso(e.change.to_ms)},
                       {"counted_change_20ft", e.change.change_20ft},
                       {"counted_change_40ft", e.change.change_40ft},
                       {"observations", {e.first_observation, e.last_observation}},
                       {"images", {e.first_image, e.last_image}},
                       {"containers", interval_json(e.containers)},
                       {"calls", calls}});
  }
  json voyages = json::array();
  for (const auto& v : r.voyages) {
    json j = {{"mmsi", v.mmsi},
              {"loading_change", v.loading},
              {"loading_call", v.loading_call},
              {"loaded", interval_json(r.changes[v.loading].containers)},
              {"shared", v.shared}};
    if (v.unloading) {
      j["unloading_change"] = *v.unloading;
      j["unloading_call"] = v.unloading_call;
      j["unloaded"] = interval_json(r.changes[*v.unloading].containers);
    }
    voyages.push_back(j);
  }
  return json{{"database", cargo.database},
              {"events", cargo.events_file},
              {"model", cargo.model.assumptions.file()},
              {"samples", r.samples},
              {"seed", r.seed},
              {"observations", r.observations},
              {"counted", std::string(evidence::to_string(cargo.model.counted))},
              {"loaded", interval_json(r.loaded)},
              {"unloaded", interval_json(r.unloaded)},
              {"changes", changes},
              {"voyages", voyages},
              {"areas_not_in_model", r.areas_not_in_model}}
             .dump(1) +
         "\n";
}

}  // namespace darkfleet::cli
