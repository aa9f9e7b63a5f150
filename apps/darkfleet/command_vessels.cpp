#include "command_vessels.hpp"

#include <fmt/format.h>

#include "darkfleet/io/csv_positions.hpp"
#include "darkfleet/store/store.hpp"
#include "output.hpp"
#include "registry_options.hpp"

namespace darkfleet::cli {
namespace {

// CSV text field: quoted when it holds a comma, quote or line break.
std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace

void VesselsCommand::setup(CLI::App& app) {
  app.footer(
      "List the vessels (MMSIs) in a database with their identity history: every distinct\n"
      "combination of name, call sign, IMO, type, size, draught and destination broadcast,\n"
      "with when it was first and last seen. Manual: darkfleet help vessels");
  add_db_option(app, m_db);
  app.add_option("--mmsi", m_mmsi, "Only these vessels, e.g. 211000001,367000140")->type_name("LIST");
  app.add_option("-f,--format", m_format, "text (default) or csv (one row per identity)")
      ->check(CLI::IsMember({"text", "csv"}))
      ->type_name("FORMAT");
  app.add_option("-o,--output", m_output, "Output file; '-' is stdout (default)")->type_name("FILE");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace the output file if it exists");
}

int VesselsCommand::run() {
  store::Store db(m_db, store::Store::Mode::read_only);
  const auto wanted = parse_mmsi_list(m_mmsi);
  const auto identities = db.identities(std::nullopt);
  Output out(m_output, m_overwrite);
  auto& buf = out.buffer();
  const bool csv = m_format == "csv";
  if (csv) {
    buf += "mmsi,positions,first_seen,last_seen,name,call_sign,imo,ship_type,length_m,width_m,"
           "draught_m,destination,identity_first_seen,identity_last_seen,reports\n";
  }
  auto id_it = identities.begin();
  for (const auto& v : db.vessels()) {
    while (id_it != identities.end() && id_it->mmsi < v.mmsi) ++id_it;
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), v.mmsi) == wanted.end()) continue;
    const auto first = io::format_time_iso(v.first_seen_ms);
    const auto last = io::format_time_iso(v.last_seen_ms);
    if (!csv) {
      fmt::format_to(std::back_inserter(buf), "{:09}  {} positions  {} .. {}\n", v.mmsi,
                     v.positions, first, last);
    }
    bool any = false;
    for (auto it = id_it; it != identities.end() && it->mmsi == v.mmsi; ++it) {
      any = true;
      const auto draught = it->draught_dm == 0 ? std::string() : fmt::format("{:.1f}", it->draught_dm / 10.0);
      if (csv) {
        fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                       v.mmsi, v.positions, first, last, csv_text(it->name),
                       csv_text(it->call_sign), it->imo == 0 ? "" : std::to_string(it->imo),
                       it->ship_type == 0 ? "" : std::to_string(it->ship_type),
                       it->length_m == 0 ? "" : std::to_string(it->length_m),
                       it->width_m == 0 ? "" : std::to_string(it->width_m), draught,
                       csv_text(it->destination), io::format_time_iso(it->first_seen_ms),
                       io::format_time_iso(it->last_seen_ms), it->reports);
      } else {
        fmt::format_to(std::back_inserter(buf),
                       "    {:<20} call sign {:<7}  IMO {:<7}  type {:<3}  {}x{} m  draught {} m  "
                       "to {:<20}  {} .. {} ({} reports)\n",
                       or_dash(it->name), or_dash(it->call_sign),
                       it->imo == 0 ? "-" : std::to_string(it->imo),
                       it->ship_type == 0 ? "-" : std::to_string(it->ship_type),
                       it->length_m == 0 ? "-" : std::to_string(it->length_m),
                       it->width_m == 0 ? "-" : std::to_string(it->width_m), or_dash(draught),
                       or_dash(it->destination), io::format_time_iso(it->first_seen_ms),
                       io::format_time_iso(it->last_seen_ms), it->reports);
      }
    }
    if (csv && !any) {
      fmt::format_to(std::back_inserter(buf), "{},{},{},{},,,,,,,,,,,\n", v.mmsi, v.positions,
                     first, last);
    }
    out.write_if_full();
  }
  out.close();
  return k_exit_ok;
}

}  // namespace darkfleet::cli
