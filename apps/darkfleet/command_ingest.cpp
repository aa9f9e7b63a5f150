#include "command_ingest.hpp"

#include <chrono>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/store/ingest.hpp"
#include "darkfleet/store/store.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "registry_options.hpp"

namespace darkfleet::cli {
namespace {

// Rejects to the --rejects file, progress to the bar.
class IngestToTerminal final : public store::IngestObserver {
 public:
  IngestToTerminal(Output* rejects, ProgressBar& progress) : m_rejects(rejects), m_progress(progress) {}

  void on_reject(std::string_view input, std::uint64_t line, std::string_view text,
                 ErrorCode reason) override {
    if (m_rejects == nullptr) return;
    // input:line <TAB> reason <TAB> the line verbatim (empty for a decoded message)
    fmt::format_to(std::back_inserter(m_rejects->buffer()), "{}:{}\t{}\t{}\n", input, line,
                   to_string(reason), text);
    m_rejects->write_if_full();
  }
  void on_progress(std::uint64_t bytes, std::optional<std::uint64_t> total,
                   std::uint64_t records) override {
    m_progress.update(bytes, total, records);
  }

 private:
  Output* m_rejects;
  ProgressBar& m_progress;
};

std::string reject_summary(const store::IngestReport& report) {
  std::string out;
  for (std::size_t i = 0; i < report.rejects.size(); ++i) {
    if (report.rejects[i] == 0) continue;
    out += fmt::format("{}{} {}", out.empty() ? " (" : ", ", report.rejects[i],
                       to_string(static_cast<ErrorCode>(i)));
  }
  return out.empty() ? out : out + ")";
}

}  // namespace

void IngestCommand::setup(CLI::App& app) {
  app.footer(
      "Load AIS NMEA (tag block, trailer or $PGHP times; plain, gzip, zstd), Danish Maritime\n"
      "Authority CSV, NOAA MarineCadastre CSV (2015-2023 and 2024+) or any CSV with --columns\n"
      "into one database file. Ingesting a file again adds nothing; after a crash, run the\n"
      "same command again. Manual: darkfleet help ingest");
  app.add_option("inputs", m_inputs, "Input files")->required()->type_name("FILE");
  add_db_option(app, m_db);
  app.add_option("-F,--format", m_format, "Input format: nmea, dma, noaa, noaa2024 (default: detect)")
      ->check(CLI::IsMember({"nmea", "dma", "noaa", "noaa2024"}))
      ->type_name("FORMAT");
  app.add_option("--columns", m_columns,
                 "CSV columns by header name: mmsi=H,time=H,lat=H,lon=H[,sog=H,cog=H,heading=H,"
                 "status=H,name=H,call_sign=H,imo=H,ship_type=H,length=H,width=H,draught=H,"
                 "destination=H]")
      ->type_name("SPEC");
  app.add_option("--time", m_time,
                 "Receive time for NMEA messages without one (ISO 8601 UTC or Unix seconds)")
      ->type_name("TIME");
  app.add_option("-r,--rejects", m_rejects,
                 "Write every rejected line/row/message to FILE as 'input:line<TAB>reason<TAB>text'")
      ->type_name("FILE");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace the rejects file if it exists");
  app.add_flag("--no-progress", m_no_progress, "Never show the progress bar (shown on a TTY)");
  app.add_option("--commit-every", m_commit_every,
                 "Records per transaction (default 4194304); a resumed run must use the same")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40))
      ->type_name("N");
}

int IngestCommand::run() {
  store::IngestOptions options;
  options.format = m_format;
  options.commit_every = m_commit_every;
  if (!m_columns.empty()) {
    try {
      options.columns = io::parse_column_spec(m_columns);
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError(e.what());
    }
  }
  if (!m_time.empty()) {
    const auto t = io::parse_time_ms(m_time);
    if (!t) throw CLI::ValidationError("--time: '" + m_time + "' is not an ISO 8601 UTC time");
    options.default_time_ms = *t;
  }
  std::optional<Output> rejects;
  if (!m_rejects.empty()) rejects.emplace(m_rejects, m_overwrite);

  store::Store db(m_db, store::Store::Mode::read_write);
  ProgressBar progress(!m_no_progress);
  IngestToTerminal observer(rejects ? &*rejects : nullptr, progress);
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t records = 0;
  for (const auto& name : m_inputs) {
    const store::IngestReport report = store::ingest_file(db, name, options, &observer);
    progress.finish();
    if (report.outcome == store::IngestReport::Outcome::already_ingested) {
      fmt::print(stderr, "ingest: {}: already ingested{}, nothing added\n", name,
                 report.earlier_name == name ? "" : " as " + report.earlier_name);
      continue;
    }
    records += report.records;
    fmt::print(stderr, "ingest: {} ({}{}): {} records, {} positions, {} identity reports, "
               "{} rejected{}\n",
               name, report.format,
               report.outcome == store::IngestReport::Outcome::resumed ? ", resumed" : "",
               report.records, report.positions, report.identities, report.rejected(),
               reject_summary(report));
  }
  if (rejects) rejects->close();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const store::StoreSummary s = db.summary();
  fmt::print(stderr,
             "ingest: {:.2f} s ({:.2f} M records/s); {} now holds {} vessels, {} positions "
             "({:.2f} bytes each), {} identities\n",
             seconds, seconds > 0 ? static_cast<double>(records) / seconds / 1e6 : 0.0, m_db,
             s.vessels, s.positions,
             s.positions > 0 ? static_cast<double>(s.chunk_bytes) / static_cast<double>(s.positions)
                             : 0.0,
             s.identities);
  return k_exit_ok;
}

}  // namespace darkfleet::cli
