// The table of subcommands.
#include "command.hpp"
#include "command_analyze.hpp"
#include "command_anchorages.hpp"
#include "command_claims.hpp"
#include "command_decode.hpp"
#include "command_estimate.hpp"
#include "command_evaluate.hpp"
#include "command_evidence.hpp"
#include "command_events.hpp"
#include "command_generate.hpp"
#include "command_help.hpp"
#include "command_report.hpp"
#include "command_simulate.hpp"
#include "command_ingest.hpp"
#include "command_tracks.hpp"
#include "command_vessels.hpp"

namespace darkfleet::cli {

const std::vector<CommandEntry>& commands() {
  static const std::vector<CommandEntry> table = {
      {"decode", "Decode AIS NMEA (plain, gzip, zstd) to JSON lines or CSV",
       [] { return std::make_unique<DecodeCommand>(); }},
      {"generate", "Write synthetic AIS traffic as NMEA (demo and test input)",
       [] { return std::make_unique<GenerateCommand>(); }},
      {"claims", "Numeric claims in news and reports: extract, keep in a ledger, check",
       [] { return std::make_unique<ClaimsCommand>(); }},
      {"simulate", "Play a scenario into received AIS traffic (NMEA or DMA CSV) and truth.json",
       [] { return std::make_unique<SimulateCommand>(); }},
      {"ingest", "Load NMEA and CSV files into a database (idempotent, crash-safe)",
       [] { return std::make_unique<IngestCommand>(); }},
      {"tracks", "Export clean vessel tracks as CSV, GeoJSON, GeoPackage, FlatGeobuf or KML",
       [] { return std::make_unique<TracksCommand>(); }},
      {"vessels", "List the vessels in a database with their identity history",
       [] { return std::make_unique<VesselsCommand>(); }},
      {"events", "Detect port visits, AIS gaps and dark port calls (JSON, GeoJSON, CSV, KML)",
       [] { return std::make_unique<EventsCommand>(); }},
      {"anchorages", "Find anchorages in the data (stationary clusters, GFW's method)",
       [] { return std::make_unique<AnchoragesCommand>(); }},
      {"evaluate", "Score events against a simulation's truth.json (precision, recall)",
       [] { return std::make_unique<EvaluateCommand>(); }},
      {"evidence", "Imagery observations of port areas: container counts with provenance",
       [] { return std::make_unique<EvidenceCommand>(); }},
      {"estimate", "Containers -> munitions -> value as intervals, with every assumption's source",
       [] { return std::make_unique<EstimateCommand>(); }},
      {"analyze", "Raw AIS and imagery to a case report (HTML + JSON) in one incremental run",
       [] { return std::make_unique<AnalyzeCommand>(); }},
      {"report", "The case report of a database: one offline HTML page, or JSON",
       [] { return std::make_unique<ReportCommand>(); }},
      {"help", "Show the manual page of a command",
       [] { return std::make_unique<HelpCommand>(); }},
  };
  return table;
}

}  // namespace darkfleet::cli
