#include "command_report.hpp"

#include <sstream>

#include "darkfleet/report/report.hpp"
#include "output.hpp"

namespace darkfleet::cli {

void ReportCommand::setup(CLI::App& app) {
  app.footer(
      "The case report of a database: map, watched vessels' timelines, events with their\n"
      "confidence, the yard evidence and the estimate with its sources, data quality. HTML\n"
      "(one self-contained page, no network) or the same content as JSON. darkfleet analyze\n"
      "writes both after ingesting. Manual: darkfleet help report");
  app.add_option("--db", m_db, "Database file")->required()->type_name("FILE");
  app.add_option("--case", m_report.case_dir,
                 "Case folder: case.toml (title, ports), evidence.toml, estimate.toml")
      ->type_name("DIR");
  app.add_option("-f,--format", m_format, "html or json (default: from -o's extension, else html)")
      ->check(CLI::IsMember({"html", "json"}))
      ->type_name("FORMAT");
  app.add_option("-o,--output", m_output, "Output file; '-' is stdout")->required()->type_name("FILE");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace the output file if it exists");
  add_report_options(app, m_report);
}

int ReportCommand::run() {
  std::string format = m_format;
  if (format.empty()) {
    format = m_output.size() >= 5 && m_output.ends_with(".json") ? "json" : "html";
  }
  const auto loaded = load_case(m_report, m_db);
  load_coast(*loaded, m_report);
  const store::Store db(m_db, store::Store::Mode::read_only);
  const report::Report report = report::build_report(db, loaded->inputs);
  std::ostringstream text;
  if (format == "json") {
    report::write_json(text, report);
  } else {
    report::write_html(text, report);
  }
  Output out(m_output, m_overwrite);
  out.buffer() = text.str();
  out.close();
  return k_exit_ok;
}

}  // namespace darkfleet::cli
