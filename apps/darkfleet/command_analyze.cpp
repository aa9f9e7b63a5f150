#include "command_analyze.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "darkfleet/estimate/estimate.hpp"
#include "darkfleet/evidence/observation_file.hpp"
#include "darkfleet/events/output.hpp"
#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/store/ingest.hpp"
#include "progress.hpp"
#include "text_file.hpp"

namespace darkfleet::cli {
namespace {

namespace fs = std::filesystem;
using report::grouped;

class IngestProgress final : public store::IngestObserver {
 public:
  explicit IngestProgress(ProgressBar& bar) : m_bar(bar) {}
  void on_progress(std::uint64_t bytes, std::optional<std::uint64_t> total,
                   std::uint64_t records) override {
    m_bar.update(bytes, total, records);
  }

 private:
  ProgressBar& m_bar;
};

bool is_evidence_file(const fs::path& path) { return path.extension() == ".geojson"; }

// What a folder's file may be: AIS (NMEA or CSV, maybe compressed) or imagery counts; the
// rest (a simulation's truth.json, notes) is left out, with a word.
bool is_input_file(const fs::path& path) {
  fs::path p = path;
  if (p.extension() == ".gz" || p.extension() == ".zst") p = p.stem();
  const std::string ext = p.extension().string();
  return is_evidence_file(path) || ext == ".nmea" || ext == ".txt" || ext == ".log" ||
         ext == ".ais" || ext == ".csv";
}

// The positional arguments: at most one case folder (it holds case.toml), input files, and
// folders of input files (taken in name order, hidden files skipped).
struct Inputs {
  std::string case_dir;
  std::vector<std::string> traffic;
  std::vector<std::string> evidence;
};

Inputs sort_inputs(const std::vector<std::string>& args, const std::string& database) {
  Inputs in;
  const auto take_file = [&in](const fs::path& p) {
    (is_evidence_file(p) ? in.evidence : in.traffic).push_back(p.string());
  };
  // The database may live in an input folder: it and its WAL files are never inputs.
  const std::string db_name = fs::path(database).filename().string();
  const auto is_database = [&db_name](const std::string& name) {
    return name == db_name || name == db_name + "-wal" || name == db_name + "-shm" ||
           name == db_name + "-journal";
  };
  for (const auto& arg : args) {
    const fs::path path(arg);
    if (!fs::exists(path)) throw std::runtime_error(arg + ": no such file or folder");
    if (!fs::is_directory(path)) {
      take_file(path);
      continue;
    }
    if (fs::exists(path / "case.toml")) {
      if (!in.case_dir.empty()) {
        throw CLI::ValidationError("two case folders given: " + in.case_dir + " and " + arg);
      }
      in.case_dir = arg;
      continue;
    }
    std::vector<fs::path> files;
    std::vector<std::string> left_out;
    for (const auto& entry : fs::directory_iterator(path)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || name.front() == '.' || is_database(name)) continue;
      if (is_input_file(entry.path())) {
        files.push_back(entry.path());
      } else {
        left_out.push_back(name);
      }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error(arg + ": the folder holds no input files");
    if (!left_out.empty()) {
      std::sort(left_out.begin(), left_out.end());
      std::string names;
      for (const auto& n : left_out) names += (names.empty() ? "" : ", ") + n;
      fmt::print(stderr, "analyze: {}: left out {} (inputs are .nmea .txt .log .ais .csv, also "
                         ".gz or .zst, and .geojson imagery)\n", arg, names);
    }
    for (const auto& f : files) take_file(f);
  }
  return in;
}

// FNV-1a, 64 bits: stable across builds and machines, which std::hash is not.
std::string fnv1a_hex(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

// Everything the report is made from: the database's sources and observations, every case
// file read, the options and this build. Equal fingerprints, equal reports.
std::string fingerprint(const store::Store& db, const LoadedCase& loaded,
                        const ReportOptions& options) {
  std::string text = std::string("darkfleet ") + DARKFLEET_VERSION + "\n";
  std::vector<std::string> sources;
  for (const auto& s : db.sources()) {
    sources.push_back(fmt::format("{} {} {}", s.content_hash, s.complete, s.records_done));
  }
  std::sort(sources.begin(), sources.end());
  for (const auto& s : sources) text += "source " + s + "\n";
  const auto summary = db.summary();
  text += fmt::format("store {} {} {}\n", summary.vessels, summary.positions, summary.identities);
  for (const auto& o : db.observations()) {
    text += fmt::format("observation {} {} {} {} {}\n", o.area_id, o.image_id, o.acquired_ms,
                        o.containers_20ft, o.containers_40ft);
  }
  for (const auto& f : loaded.files) text += "file " + store::hash_file(f) + "\n";
  for (const auto& p : options.params) text += "param " + p + "\n";
  for (const auto m : options.watch) text += fmt::format("watch {}\n", m);
  const auto& s = options.segmenter;
  text += fmt::format("segmenter {} {} {} {} {} {} {}\n", s.max_hours, s.max_speed_kn,
                      s.reported_speed_multiplier, s.buffer_hours, s.duplicate_window_s,
                      s.min_good_positions, s.max_open_segments);
  return fnv1a_hex(text);
}

// The fingerprint recorded in an earlier run's report.json, if any.
std::string previous_fingerprint(const fs::path& report_json) {
  std::ifstream in(report_json);
  if (!in) return {};
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded()) return {};
  return doc.value("/report/fingerprint"_json_pointer, std::string());
}

// Written beside and renamed over: a crash never leaves half a report.
void write_atomically(const fs::path& path, const std::string& content) {
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw std::runtime_error(tmp.string() + ": cannot write");
  }
  fs::rename(tmp, path);
}

std::string interval_line(const estimate::Interval& i, std::string_view unit) {
  const std::string p = unit == "USD" ? "$" : "";
  return fmt::format("{}{} / {}{} / {}{} (p5 / p50 / p95)", p, estimate::human(i.p5), p,
                     estimate::human(i.p50), p, estimate::human(i.p95));
}

std::string summary_text(const report::Report& r) {
  std::map<events::EventKind, std::size_t> by_kind;
  std::size_t disabling = 0;
  for (const auto& e : r.events) {
    ++by_kind[e.kind];
    if (e.kind == events::EventKind::gap && e.subtype == "likely_disabling") ++disabling;
  }
  std::string out = fmt::format(
      "  data: {} vessels, {} positions, {} to {}\n", grouped(r.store.vessels),
      grouped(r.store.positions), io::format_time_iso(r.data_from_ms), io::format_time_iso(r.data_to_ms));
  out += fmt::format(
      "  events: {} port visits, {} gaps ({} with AIS likely off), {} dark port call "
      "candidates, {} encounters, {} loitering, {} identity\n",
      by_kind[events::EventKind::port_visit], by_kind[events::EventKind::gap], disabling,
      by_kind[events::EventKind::dark_port_call], by_kind[events::EventKind::encounter],
      by_kind[events::EventKind::loitering], by_kind[events::EventKind::identity]);
  for (const auto& w : r.watched) {
    out += fmt::format("  watched: {} {}: {}\n", w.mmsi, w.name.empty() ? "(no name)" : w.name,
                       w.reason);
  }
  if (r.cargo) {
    const bool origin = r.cargo->model.counted == evidence::AreaRole::origin;
    out += fmt::format("  containers {} (imagery): {}\n", origin ? "loaded" : "unloaded",
                       interval_line(origin ? r.cargo->result.loaded : r.cargo->result.unloaded, ""));
  }
  if (r.estimate) {
    for (const auto& o : r.estimate->result.outputs) {
      if (o.id == "rounds_total" || o.id == "value_total_usd") {
        out += fmt::format("  {}: {}\n", o.id, interval_line(o.interval, o.unit));
      }
    }
  }
  return out;
}

}  // namespace

void AnalyzeCommand::setup(CLI::App& app) {
  app.footer(
      "From raw inputs to a case report in one command: ingest the AIS files (NMEA, DMA or\n"
      "NOAA CSV; plain, gzip, zstd) and the imagery counts (.geojson) into the database, run\n"
      "every event detector, tie the yard changes to the port calls, estimate munitions and\n"
      "value, and write DIR/index.html (one self-contained page), DIR/report.json (the same\n"
      "as data) and DIR/events.json. A case folder (one holding case.toml) gives the title,\n"
      "ports, evidence.toml and estimate.toml. Incremental: files already in the database\n"
      "are not read again, and when nothing changed since the last report it is kept as it\n"
      "is. Manual: darkfleet help analyze");
  app.add_option("inputs", m_inputs, "A case folder, input files, folders of input files")
      ->required()
      ->type_name("CASE_DIR|FILE|DIR");
  app.add_option("--db", m_db, "Database file (created if missing)")->required()->type_name("FILE");
  app.add_option("-o,--output", m_output_dir, "Report folder (created; default: report)")
      ->type_name("DIR");
  app.add_flag("--force", m_force, "Write the report again even when nothing changed");
  app.add_flag("--no-progress", m_no_progress, "No progress line while ingesting");
  add_report_options(app, m_report);
}

int AnalyzeCommand::run() {
  const auto started = std::chrono::steady_clock::now();
  const auto seconds = [&started] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  const Inputs inputs = sort_inputs(m_inputs, m_db);
  m_report.case_dir = inputs.case_dir;
  if (inputs.traffic.empty() && !fs::exists(m_db)) {
    throw CLI::ValidationError("no AIS input given and " + m_db +
                               " does not exist yet: give NMEA or CSV files");
  }
  const auto loaded = load_case(m_report, m_db);

  // Ingest: what the database already holds is known by its content hash and skipped.
  std::uint64_t new_records = 0;
  std::size_t new_files = 0;
  std::size_t known_files = 0;
  {
    store::Store db(m_db, store::Store::Mode::read_write);
    ProgressBar bar(!m_no_progress);
    IngestProgress observer(bar);
    for (const auto& file : inputs.traffic) {
      const auto result = store::ingest_file(db, file, {}, &observer);
      bar.finish();
      if (result.outcome == store::IngestReport::Outcome::already_ingested) {
        ++known_files;
        continue;
      }
      ++new_files;
      new_records += result.records;
      fmt::print(stderr, "analyze: {}: {} records ({}), {} positions, {} rejected\n", file,
                 grouped(result.records), result.format, grouped(result.positions),
                 grouped(result.rejected()));
    }
    for (const auto& file : inputs.evidence) {
      const auto observations =
          evidence::parse_observation_file(read_text_file(file), file);
      if (db.add_observations(fs::path(file).filename().string(), store::hash_file(file),
                              observations)) {
        ++new_files;
        fmt::print(stderr, "analyze: {}: {} imagery observations\n", file, observations.size());
      } else {
        ++known_files;
      }
    }
  }

  const store::Store db(m_db, store::Store::Mode::read_only);
  loaded->inputs.fingerprint = fingerprint(db, *loaded, m_report);
  const fs::path dir(m_output_dir);
  const fs::path html = dir / "index.html";
  const std::string label =
      loaded->inputs.case_info.label.empty() ? "" : " (" + loaded->inputs.case_info.label + ")";
  if (!m_force && fs::exists(html) &&
      previous_fingerprint(dir / "report.json") == loaded->inputs.fingerprint) {
    fmt::print("analyze: {}{}: up to date, nothing new ({} input file{} already in {}); "
               "report kept: {} ({:.2f} s)\n",
               loaded->inputs.case_info.id, label, known_files, known_files == 1 ? "" : "s",
               m_db, html.string(), seconds());
    return k_exit_ok;
  }

  load_coast(*loaded, m_report);
  const report::Report report = report::build_report(db, loaded->inputs);
  fs::create_directories(dir);
  std::ostringstream page;
  report::write_html(page, report);
  std::ostringstream data;
  report::write_json(data, report);
  std::ostringstream events_json;
  events::write_events(events_json, report.events, events::OutputFormat::json, report.parameters);
  write_atomically(dir / "events.json", events_json.str());
  write_atomically(dir / "report.json", data.str());
  write_atomically(html, page.str());  // last: its presence says the rest is there

  fmt::print("analyze: {}{}\n", loaded->inputs.case_info.id, label);
  fmt::print("  inputs: {} new file{} ({} records), {} already in {}\n", new_files,
             new_files == 1 ? "" : "s", grouped(new_records), known_files, m_db);
  fmt::print("{}", summary_text(report));
  fmt::print("  report: {} (also report.json, events.json) in {:.1f} s\n", html.string(),
             seconds());
  return k_exit_ok;
}

}  // namespace darkfleet::cli
