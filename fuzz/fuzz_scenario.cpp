// libFuzzer target: parse_scenario() on arbitrary text.
//
// Invariants checked (a violation aborts): the parser either returns a scenario or throws
// ScenarioError -- never another exception, never a crash; an error's message starts with
// the file name and names a line when it has one; an accepted scenario has start < end and
// ports, vessels and stations with the ranges the validator promises.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "darkfleet/sim/scenario.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto s = darkfleet::sim::parse_scenario(text, "fuzz.toml");
    check(s.start_ms < s.end_ms);
    for (const auto& p : s.ports) {
      check(p.position.lat_deg >= -85 && p.position.lat_deg <= 85);
      check(p.position.lon_deg >= -180 && p.position.lon_deg <= 180);
    }
    for (const auto& v : s.vessels) check(v.mmsi > 0 && v.speed_kn > 0 && v.repeat >= 1);
    for (const auto& st : s.reception.shore) check(st.range_nm > 0);
  } catch (const darkfleet::sim::ScenarioError& e) {
    const std::string message = e.what();
    check(message.rfind("fuzz.toml", 0) == 0);
    check(e.line() >= 0);
  }
  return 0;
}
