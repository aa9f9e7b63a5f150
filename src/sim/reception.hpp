// The reception model: which receivers hear a transmission. Shore stations hear vessels
// within their range (looked up in a 1-degree grid; the range test is on the local flat
// projection, within 0.1 % of the spherical distance at 60 nm), each with its own loss;
// a satellite hears everywhere during its passes (pass_min every revisit_min) with its
// loss. Several receivers hearing one message give duplicates, as in merged real feeds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "darkfleet/sim/scenario.hpp"
#include "random.hpp"

namespace darkfleet::sim::detail {

class ReceptionModel {
 public:
  ReceptionModel(const Reception& reception, std::int64_t start_ms);

  /// Receivers that can hear a transmitter at `p` (shore in range, then the satellite
  /// during a pass), before loss; appended to `out` as receiver indices.
  void candidates(const LatLon& p, std::int64_t t_ms, std::vector<std::uint32_t>& out) const;
  /// Loss probability of receiver `r`.
  [[nodiscard]] double loss(std::uint32_t r) const { return m_loss[r]; }
  /// The `s:` id of receiver `r`.
  [[nodiscard]] const std::string& id(std::uint32_t r) const { return m_ids[r]; }
  /// True for the satellite's index.
  [[nodiscard]] bool is_satellite(std::uint32_t r) const { return r == m_satellite; }
  /// True when `t_ms` falls in a satellite pass.
  [[nodiscard]] bool in_pass(std::int64_t t_ms) const;
  /// Receiver clock error for one message: uniform in [-jitter, +jitter] ms.
  [[nodiscard]] std::int64_t jitter_ms(Rng& rng) const;

 private:
  std::vector<std::vector<std::uint32_t>> m_cells;  // 180 x 360 one-degree cells
  std::vector<LatLon> m_position;
  std::vector<double> m_cos_lat;     // cos(latitude) of each station
  std::vector<double> m_range2_deg;  // (range in degrees of latitude)^2
  std::vector<double> m_loss;
  std::vector<std::string> m_ids;
  std::uint32_t m_satellite = UINT32_MAX;
  std::int64_t m_start_ms = 0;
  std::int64_t m_revisit_ms = 0;
  std::int64_t m_pass_ms = 0;
  std::int64_t m_phase_ms = 0;
  double m_jitter_ms = 0;
};

}  // namespace darkfleet::sim::detail
