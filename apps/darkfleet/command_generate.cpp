#include "command_generate.hpp"

#include <cstdio>
#include <sstream>

#include <fmt/format.h>

#include "output.hpp"

namespace darkfleet::cli {

void GenerateCommand::setup(CLI::App& app) {
  app.footer(
      "Write synthetic AIS traffic (NMEA with tag blocks) made by darkfleet's own encoder:\n"
      "vessels on straight legs in a box, class A and B, base stations and aids to\n"
      "navigation, at ITU-R M.1371 reporting rates. Deterministic for a seed. Synthetic:\n"
      "no real ship. Manual: darkfleet help generate");
  app.add_option("--vessels", m_options.vessels, "Moving vessels, 80 % class A (default 200)")
      ->check(CLI::Range(0, 1000000));
  app.add_option("--hours", m_options.duration_h, "Simulated hours (default 2)")
      ->check(CLI::Range(0.001, 24.0 * 366));
  app.add_option("--seed", m_options.seed, "Random seed (default 1)");
  app.add_option("--box", m_box,
                 "Area as SOUTH,WEST,NORTH,EAST in degrees (default 34,129,44,141: Sea of Japan)");
  app.add_option("-o,--output", m_output, "Output file; '-' is stdout (default)")->type_name("FILE");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace the output file if it exists");
}

int GenerateCommand::run() {
  if (!m_box.empty()) {
    std::istringstream in(m_box);
    char c1 = 0;
    char c2 = 0;
    char c3 = 0;
    in >> m_options.south_deg >> c1 >> m_options.west_deg >> c2 >> m_options.north_deg >> c3 >>
        m_options.east_deg;
    if (!in || c1 != ',' || c2 != ',' || c3 != ',' || !in.eof()) {
      throw CLI::ValidationError("--box", "expected SOUTH,WEST,NORTH,EAST, e.g. 34,129,44,141");
    }
  }
  Output output(m_output, m_overwrite);
  const auto summary = sim::generate_demo_traffic(m_options, [&output](const std::string& block) {
    output.buffer() += block;
    output.write_if_full();
  });
  output.close();
  fmt::print(stderr, "generate: {} messages in {} lines ({} vessels, {} h, seed {})\n",
             summary.messages, summary.lines, m_options.vessels, m_options.duration_h,
             m_options.seed);
  return k_exit_ok;
}

}  // namespace darkfleet::cli
