// simulate(): plays a scenario window by window. In each window every vessel (sharded over
// the threads) advances its own plan, decides its AIS behaviour, transmits at its ITU rate
// and draws its receptions from its own random stream; each shard's output records are
// sorted by (time, vessel, sequence) and the shards merged, so the bytes do not depend on
// the number of threads.
#include "darkfleet/sim/simulate.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <barrier>
#include <cmath>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "emit.hpp"
#include "geo.hpp"
#include "imagery.hpp"
#include "plan.hpp"
#include "random.hpp"
#include "reception.hpp"
#include "reporting.hpp"
#include "truth_json.hpp"
#include "truth_writer.hpp"

namespace darkfleet::sim {

std::string_view dma_csv_header() {
  return "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
         "Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,"
         "Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D\n";
}

namespace {

using namespace detail;

constexpr std::int64_t k_never = std::numeric_limits<std::int64_t>::max();

// A vessel while playing: identity, plan, AIS rules, clocks, random stream.
struct Runtime {
  std::string id;
  bool in_truth = false;  // scenario vessel, or background with [truth] background
  bool sample_tracks = false;
  AisClass ais_class = AisClass::a;
  int ship_type = 70;
  double length_m = 100;
  double beam_m = 18;
  std::string destination;
  std::uint32_t mmsi = 0;
  std::uint32_t imo = 0;
  std::string name;
  std::string callsign;
  const std::vector<AisRule>* rules = nullptr;
  const std::vector<IdentityChange>* changes = nullptr;
  std::size_t next_change = 0;
  Plan plan;
  Rng rng{0, 0};
  std::int64_t next_tx_ms = 0;
  std::int64_t next_static_ms = 0;
  std::int64_t next_sample_ms = k_never;
  std::uint32_t seq = 0;
  std::uint8_t sequence_id = 0;
  AisMode mode = AisMode::on;
  std::int64_t mode_since_ms = 0;
  bool mode_started = false;
};

// One output item of a window: text in the shard's buffer, with its sort key.
struct Record {
  std::int64_t t_ms;
  std::uint32_t vessel;
  std::uint32_t seq;
  std::uint32_t offset;
  std::uint32_t size;
  bool operator<(const Record& o) const {
    return std::tie(t_ms, vessel, seq) < std::tie(o.t_ms, o.vessel, o.seq);
  }
};

struct TruthRecord {
  int section;
  std::int64_t t_ms;
  std::uint32_t vessel;
  std::uint32_t seq;
  std::string json;
  bool operator<(const TruthRecord& o) const {
    return std::tie(section, t_ms, vessel, seq) < std::tie(o.section, o.t_ms, o.vessel, o.seq);
  }
};

struct Shard {
  std::string text;
  std::vector<Record> records;
  std::vector<TruthRecord> truth;
  SimulateSummary counts;
  std::string sentences;  // scratch
  std::vector<std::uint32_t> heard;
  std::vector<std::uint32_t> candidates;
  std::vector<Record> sorted;  // sort_records() scratch
  std::vector<std::size_t> bucket_start;
  std::vector<std::size_t> bucket_fill;
  std::uint64_t lines = 0;
};

std::string_view mode_name(AisMode m) {
  switch (m) {
    case AisMode::on: return "on";
    case AisMode::off: return "off";
    case AisMode::offset: return "offset";
    case AisMode::fixed: return "fixed";
  }
  return "on";
}

const AisRule* rule_at(const Runtime& v, std::int64_t t_ms, const LatLon& p) {
  const AisRule* match = nullptr;
  if (v.rules == nullptr) return match;
  for (const auto& r : *v.rules) {
    if (r.from_ms && t_ms < *r.from_ms) continue;
    if (r.to_ms && t_ms >= *r.to_ms) continue;
    if (r.area && !r.area->contains(p)) continue;
    match = &r;
  }
  return match;
}

std::string period_json(const Runtime& v, AisMode mode, std::int64_t start_ms, std::int64_t end_ms,
                        bool open) {
  return fmt::format(
      "{{\"vessel\":{},\"mode\":\"{}\",\"start\":\"{}\",\"start_ms\":{},\"end\":\"{}\","
      "\"end_ms\":{},\"duration_h\":{:.3f},\"open\":{}}}",
      json_string(v.id), mode_name(mode), iso_time(start_ms), start_ms, iso_time(end_ms), end_ms,
      static_cast<double>(end_ms - start_ms) / 3600000.0, open ? "true" : "false");
}

// The identity fields a scenario vessel and a background vessel share.
template <typename VesselLike>
Runtime runtime_of(const VesselLike& v) {
  Runtime r;
  r.id = v.id;
  r.ais_class = v.ais_class;
  r.ship_type = v.ship_type;
  r.length_m = v.length_m;
  r.beam_m = v.beam_m;
  r.mmsi = v.mmsi;
  r.imo = v.imo;
  r.name = v.name;
  r.callsign = v.callsign;
  return r;
}

std::string vessel_json(const Runtime& r, bool background, std::string_view note) {
  return fmt::format(
      "{{\"id\":{},\"mmsi\":{},\"imo\":{},\"name\":{},\"callsign\":{},\"class\":\"{}\","
      "\"ship_type\":{},\"length_m\":{},\"beam_m\":{},\"background\":{},\"note\":{}}}",
      json_string(r.id), r.mmsi, r.imo, json_string(r.name), json_string(r.callsign),
      r.ais_class == AisClass::a ? "A" : "B", r.ship_type, r.length_m, r.beam_m,
      background ? "true" : "false", json_string(note));
}

class Engine {
 public:
  Engine(const Scenario& sc, const SimulateOptions& options)
      : m_sc(sc), m_options(options), m_reception(sc.reception, sc.start_ms) {}

  std::vector<Runtime> vessels;

  void setup(std::vector<PlannedEvent>& events, std::vector<PortCallRecord>& calls) {
    std::uint64_t stream = 0;
    for (const auto& v : m_sc.vessels) {
      Runtime r = runtime_of(v);
      r.in_truth = true;
      r.sample_tracks = true;
      r.next_sample_ms = m_sc.start_ms;
      r.rules = &v.ais;
      r.changes = &v.identity;
      r.plan = build_vessel_plan(m_sc, v, events, &calls);
      r.rng = Rng(m_options.seed, stream++);
      events.push_back({k_vessels, 0, vessel_json(r, false, v.note)});
      for (const auto& c : v.identity) {
        events.push_back(
            {k_identity_changes, c.t_ms,
             fmt::format("{{\"vessel\":{},\"at\":\"{}\",\"at_ms\":{},\"mmsi\":{},\"imo\":{},"
                         "\"name\":{},\"callsign\":{}}}",
                         json_string(v.id), iso_time(c.t_ms), c.t_ms,
                         c.mmsi ? fmt::format("{}", *c.mmsi) : "null",
                         c.imo ? fmt::format("{}", *c.imo) : "null",
                         c.name.empty() ? "null" : json_string(c.name),
                         c.callsign.empty() ? "null" : json_string(c.callsign))});
      }
      vessels.push_back(std::move(r));
    }
    for (auto& b : make_background(m_sc, m_options.seed)) {
      Runtime r = runtime_of(b);
      r.in_truth = m_sc.truth.background_tracks;
      r.sample_tracks = m_sc.truth.background_tracks;
      if (r.sample_tracks) r.next_sample_ms = m_sc.start_ms;
      r.destination = b.destination;
      r.plan = std::move(b.plan);
      r.rng = Rng(m_options.seed, stream++);
      if (r.in_truth) events.push_back({k_vessels, 0, vessel_json(r, true, "")});
      vessels.push_back(std::move(r));
    }
    // First reports spread over the first interval, as unsynchronised transponders are.
    for (auto& r : vessels) {
      r.next_tx_ms = m_sc.start_ms + static_cast<std::int64_t>(r.rng.below(10000));
      r.next_static_ms =
          m_sc.start_ms + static_cast<std::int64_t>(r.rng.below(k_static_interval_ms));
      r.mode_since_ms = m_sc.start_ms;
    }
  }

  // Plays vessel `index` over [w0, w1) into `shard`.
  void play(std::uint32_t index, std::int64_t w1, Shard& shard) {
    Runtime& v = vessels[index];
    const auto sample_ms = static_cast<std::int64_t>(m_sc.truth.track_sample_s * 1000.0);
    for (;;) {
      const bool sample = v.next_sample_ms <= v.next_tx_ms;
      const std::int64_t t = sample ? v.next_sample_ms : v.next_tx_ms;
      if (t >= w1) break;
      const TrueState st = v.plan.at(t);
      for (auto& e : v.plan.new_events) {
        if (!v.in_truth) break;
        shard.truth.push_back({e.section, e.t_ms, index, v.seq++, std::move(e.json)});
      }
      v.plan.new_events.clear();
      const AisRule* rule = rule_at(v, t, st.position);
      const AisMode mode = rule != nullptr ? rule->mode : AisMode::on;
      if (sample) {
        shard.truth.push_back(
            {k_tracks, t, index, v.seq++,
             fmt::format("{{\"vessel\":{},\"t\":\"{}\",\"t_ms\":{},\"lat\":{:.6f},\"lon\":{:.6f},"
                         "\"sog_kn\":{:.2f},\"cog_deg\":{:.1f},\"status\":{},\"ais\":\"{}\"}}",
                         json_string(v.id), iso_time(t), t, st.position.lat_deg,
                         st.position.lon_deg, st.sog_kn, st.cog_deg, st.status, mode_name(mode))});
        v.next_sample_ms = t + sample_ms;
        continue;
      }
      transmit(index, v, t, st, rule, mode, shard);
      v.next_tx_ms = t + report_interval_ms(v.ais_class, st.sog_kn, st.status);
    }
  }

  // Closes the AIS periods still open at the end.
  void close_periods(std::vector<TruthRecord>& truth) {
    for (std::uint32_t i = 0; i < vessels.size(); ++i) {
      Runtime& v = vessels[i];
      if (v.in_truth && v.mode != AisMode::on) {
        truth.push_back({v.mode == AisMode::off ? k_dark_periods : k_spoof_periods, v.mode_since_ms,
                         i, v.seq++, period_json(v, v.mode, v.mode_since_ms, m_sc.end_ms, true)});
      }
    }
  }

 private:
  void transmit(std::uint32_t index, Runtime& v, std::int64_t t, const TrueState& st,
                const AisRule* rule, AisMode mode, Shard& shard) {
    // Identity changes that are due.
    while (v.changes != nullptr && v.next_change < v.changes->size() &&
           (*v.changes)[v.next_change].t_ms <= t) {
      const IdentityChange& c = (*v.changes)[v.next_change++];
      if (c.mmsi) v.mmsi = *c.mmsi;
      if (c.imo) v.imo = *c.imo;
      if (!c.name.empty()) v.name = c.name;
      if (!c.callsign.empty()) v.callsign = c.callsign;
      v.next_static_ms = t;  // a new identity is announced at once
    }
    // AIS periods: a period runs from the first report in a mode to the first in another.
    if (mode != v.mode) {
      if (v.in_truth && v.mode != AisMode::on) {
        shard.truth.push_back({v.mode == AisMode::off ? k_dark_periods : k_spoof_periods,
                               v.mode_since_ms, index, v.seq++,
                               period_json(v, v.mode, v.mode_since_ms, t, false)});
      }
      v.mode = mode;
      v.mode_since_ms = t;
    }
    if (mode == AisMode::off) {
      ++shard.counts.suppressed;
      return;
    }
    Report r;
    r.mmsi = v.mmsi;
    r.imo = v.imo;
    r.name = v.name;
    r.callsign = v.callsign;
    r.destination = v.destination;
    r.ship_type = v.ship_type;
    r.ais_class = v.ais_class;
    r.length_m = v.length_m;
    r.beam_m = v.beam_m;
    r.position = st.position;
    r.sog_kn = st.sog_kn;
    r.cog_deg = st.cog_deg;
    r.status = st.status;
    r.t_ms = t;
    if (mode == AisMode::offset) {
      r.position = offset(st.position, rule->offset_north_m, rule->offset_east_m);
    } else if (mode == AisMode::fixed) {
      r.position = rule->fixed;
      r.sog_kn = 0;
    }
    deliver(index, v, r, st.position, -1, shard);
    if (t >= v.next_static_ms) {
      v.next_static_ms = t + k_static_interval_ms;
      deliver(index, v, r, st.position, 0, shard);
      if (v.ais_class == AisClass::b) deliver(index, v, r, st.position, 1, shard);  // type 24 B
      v.sequence_id = static_cast<std::uint8_t>((v.sequence_id + 1) % 10);
    }
  }

  // Draws the receivers of one transmission and writes what they heard. `part` -1 is the
  // position report, 0 the type 5 or type 24 part A, 1 the type 24 part B.
  void deliver(std::uint32_t index, Runtime& v, const Report& r, const LatLon& true_position,
               int part, Shard& shard) {
    const bool is_position = part < 0;
    ++shard.counts.transmissions;
    shard.candidates.clear();
    m_reception.candidates(true_position, r.t_ms, shard.candidates);
    shard.heard.clear();
    for (const std::uint32_t c : shard.candidates) {
      const bool heard = !v.rng.chance(m_reception.loss(c));
      if (m_reception.is_satellite(c)) {
        ++shard.counts.satellite_candidates;
        shard.counts.satellite_heard += heard ? 1 : 0;
      } else {
        ++shard.counts.shore_candidates;
        shard.counts.shore_heard += heard ? 1 : 0;
      }
      if (heard) shard.heard.push_back(c);
    }
    if (shard.heard.empty()) return;
    ++shard.counts.received;
    if (m_options.format == TrafficFormat::dma_csv) {
      // One row per received position report, at the earliest receiver's time.
      std::int64_t rx = std::numeric_limits<std::int64_t>::max();
      for (std::size_t i = 0; i < shard.heard.size(); ++i) {
        rx = std::min(rx, r.t_ms + m_reception.jitter_ms(v.rng));
      }
      ++shard.counts.receptions;
      if (!is_position) return;
      const auto offset = static_cast<std::uint32_t>(shard.text.size());
      append_dma_row(shard.text, r, std::max<std::int64_t>(0, rx));
      shard.records.push_back(
          {r.t_ms, index, v.seq++, offset, static_cast<std::uint32_t>(shard.text.size() - offset)});
      ++shard.lines;
      return;
    }
    // Encoded only now: most transmissions of a large scenario are heard by nobody.
    const char channel = (v.seq & 1U) != 0 ? 'B' : 'A';
    shard.sentences.clear();
    if (is_position) {
      append_position_sentences(shard.sentences, r, channel);
    } else {
      append_static_sentences(shard.sentences, r, channel, v.sequence_id, part);
    }
    for (const std::uint32_t c : shard.heard) {
      ++shard.counts.receptions;
      const std::int64_t rx = std::max<std::int64_t>(0, r.t_ms + m_reception.jitter_ms(v.rng));
      const auto offset = static_cast<std::uint32_t>(shard.text.size());
      shard.lines += append_tagged(shard.text, shard.sentences, rx, m_reception.id(c));
      shard.records.push_back(
          {r.t_ms, index, v.seq++, offset, static_cast<std::uint32_t>(shard.text.size() - offset)});
    }
  }

  const Scenario& m_sc;
  const SimulateOptions& m_options;
  ReceptionModel m_reception;
};

// Sorts a shard's records by (time, vessel, sequence): a stable counting sort into 100-ms
// buckets (records arrive in (vessel, sequence) order, which the buckets keep), then a sort
// inside each small bucket. About twice as fast as one std::sort over the window.
void sort_records(Shard& s, std::int64_t w1) {
  if (s.records.size() < 2) return;
  std::int64_t t0 = s.records.front().t_ms;
  for (const auto& r : s.records) t0 = std::min(t0, r.t_ms);
  constexpr std::int64_t k_bucket_ms = 100;
  const auto buckets = static_cast<std::size_t>((w1 - t0) / k_bucket_ms + 1);
  s.bucket_start.assign(buckets + 1, 0);
  for (const auto& r : s.records) {
    ++s.bucket_start[static_cast<std::size_t>((r.t_ms - t0) / k_bucket_ms) + 1];
  }
  for (std::size_t b = 1; b <= buckets; ++b) s.bucket_start[b] += s.bucket_start[b - 1];
  s.sorted.resize(s.records.size());
  s.bucket_fill.assign(s.bucket_start.begin(), s.bucket_start.end() - 1);
  for (const auto& r : s.records) {
    s.sorted[s.bucket_fill[static_cast<std::size_t>((r.t_ms - t0) / k_bucket_ms)]++] = r;
  }
  for (std::size_t b = 0; b < buckets; ++b) {
    const auto first = s.sorted.begin() + static_cast<std::ptrdiff_t>(s.bucket_start[b]);
    const auto last = s.sorted.begin() + static_cast<std::ptrdiff_t>(s.bucket_start[b + 1]);
    if (last - first > 1) std::sort(first, last);
  }
  s.records.swap(s.sorted);
}

void add(SimulateSummary& total, const SimulateSummary& part) {
  total.transmissions += part.transmissions;
  total.suppressed += part.suppressed;
  total.received += part.received;
  total.receptions += part.receptions;
  total.shore_candidates += part.shore_candidates;
  total.shore_heard += part.shore_heard;
  total.satellite_candidates += part.satellite_candidates;
  total.satellite_heard += part.satellite_heard;
}

std::string head_json(const Scenario& sc, const SimulateOptions& options,
                      const SimulateSummary& s) {
  const auto& rc = sc.reception;
  return fmt::format(
      "  \"label\": {},\n  \"simulation\": true,\n  \"scenario\": {},\n  \"description\": {},\n"
      "  \"seed\": {},\n  \"format\": \"{}\",\n  \"start\": \"{}\",\n  \"start_ms\": {},\n"
      "  \"end\": \"{}\",\n  \"end_ms\": {},\n"
      "  \"reception\": {{\"loss\": {}, \"jitter_ms\": {}, \"shore_stations\": {}, "
      "\"satellite\": {}}},\n"
      "  \"summary\": {{\"vessels\": {}, \"transmissions\": {}, \"suppressed_ais_off\": {}, "
      "\"received\": {}, \"receptions\": {}, \"lines\": {}, \"shore_candidates\": {}, "
      "\"shore_heard\": {}, \"satellite_candidates\": {}, \"satellite_heard\": {}}}",
      json_string(sc.label.empty() ? "SIMULATION (synthetic traffic)" : sc.label),
      json_string(sc.name), json_string(sc.description), options.seed,
      options.format == TrafficFormat::nmea ? "nmea" : "dma-csv", iso_time(sc.start_ms),
      sc.start_ms, iso_time(sc.end_ms), sc.end_ms, rc.loss, rc.jitter_ms, rc.shore.size(),
      rc.satellite.enabled
          ? fmt::format("{{\"id\": {}, \"revisit_min\": {}, \"pass_min\": {}, \"loss\": {}}}",
                        json_string(rc.satellite.id), rc.satellite.revisit_min,
                        rc.satellite.pass_min, rc.satellite.loss)
          : "null",
      s.vessels, s.transmissions, s.suppressed, s.received, s.receptions, s.lines,
      s.shore_candidates, s.shore_heard, s.satellite_candidates, s.satellite_heard);
}

}  // namespace

SimulateSummary simulate(const Scenario& sc, const SimulateOptions& options,
                         const SimulateSinks& sinks) {
  TruthWriter truth(sinks.truth_path);
  Engine engine(sc, options);
  std::vector<PlannedEvent> planned;
  std::vector<PortCallRecord> calls;
  engine.setup(planned, calls);
  std::stable_sort(planned.begin(), planned.end(), [](const auto& a, const auto& b) {
    return a.section != b.section ? a.section < b.section : a.t_ms < b.t_ms;
  });
  for (const auto& e : planned) {
    if (e.section != k_tracks) truth.add(e.section, e.json);
  }
  if (!sc.imagery.empty()) {
    const auto images = play_imagery(sc, calls, options.seed).images;
    for (const auto& image : images) truth.add(k_imagery, imagery_truth_json(sc, image));
    if (!sinks.imagery_path.empty()) {
      std::ofstream file(sinks.imagery_path, std::ios::binary);
      file << imagery_geojson(sc, images);
      if (!file.flush()) {
        throw std::runtime_error("cannot write the imagery to " + sinks.imagery_path);
      }
    }
  }

  SimulateSummary total;
  total.vessels = engine.vessels.size();
  // With N threads, N workers play window i into one set of shards while this thread
  // merges window i-1 from the other set and writes it: the merge is off the critical path.
  const int threads = std::clamp(options.threads, 1, 64);
  const bool parallel = threads > 1;
  std::array<std::vector<Shard>, 2> sets;
  for (auto& set : sets) set.resize(static_cast<std::size_t>(threads));
  std::array<std::int64_t, 2> window_end{};
  int computing = 0;  // the set the workers fill
  std::atomic<bool> stop{false};
  auto run_shard = [&](std::vector<Shard>& set, int k, std::int64_t w1) {
    Shard& s = set[static_cast<std::size_t>(k)];
    s.text.clear();
    s.records.clear();
    s.truth.clear();
    for (std::size_t i = static_cast<std::size_t>(k); i < engine.vessels.size();
         i += static_cast<std::size_t>(threads)) {
      engine.play(static_cast<std::uint32_t>(i), w1, s);
    }
    sort_records(s, w1);
  };
  std::barrier sync(parallel ? threads + 1 : 1);
  std::vector<std::thread> workers;
  for (int k = 0; parallel && k < threads; ++k) {
    workers.emplace_back([&, k] {
      for (;;) {
        sync.arrive_and_wait();
        if (stop.load()) return;
        run_shard(sets[static_cast<std::size_t>(computing)], k,
                  window_end[static_cast<std::size_t>(computing)]);
        sync.arrive_and_wait();
      }
    });
  }

  std::string out;
  if (options.format == TrafficFormat::dma_csv) out += dma_csv_header();
  std::vector<TruthRecord> truth_window;
  std::vector<std::size_t> cursor(static_cast<std::size_t>(threads));
  // Writes one played window: the shards' sorted records merged, then its truth records.
  auto merge = [&](std::vector<Shard>& shards, std::int64_t w1, bool last) {
    std::fill(cursor.begin(), cursor.end(), 0);
    for (;;) {
      std::size_t best = shards.size();
      for (std::size_t k = 0; k < shards.size(); ++k) {
        if (cursor[k] < shards[k].records.size() &&
            (best == shards.size() ||
             shards[k].records[cursor[k]] < shards[best].records[cursor[best]])) {
          best = k;
        }
      }
      if (best == shards.size()) break;
      const Record& r = shards[best].records[cursor[best]++];
      out.append(shards[best].text, r.offset, r.size);
      if (out.size() >= (1U << 20U)) {
        sinks.traffic(out);
        out.clear();
      }
    }
    truth_window.clear();
    for (auto& sh : shards) {
      add(total, sh.counts);
      sh.counts = {};
      total.lines += sh.lines;
      sh.lines = 0;
      for (auto& t : sh.truth) truth_window.push_back(std::move(t));
    }
    if (last) engine.close_periods(truth_window);
    std::sort(truth_window.begin(), truth_window.end());
    for (const auto& t : truth_window) truth.add(t.section, t.json);
    if (options.progress) {
      options.progress(
          static_cast<double>(w1 - sc.start_ms) / static_cast<double>(sc.end_ms - sc.start_ms),
          total.receptions);
    }
  };

  bool mid_phase = false;  // workers are playing a window
  try {
    std::int64_t w1 = sc.start_ms;
    std::optional<int> pending;  // a played set not yet written
    while (w1 < sc.end_ms) {
      w1 = std::min(sc.end_ms, w1 + std::max<std::int64_t>(1000, options.window_ms));
      const int set = pending ? 1 - *pending : 0;
      window_end[static_cast<std::size_t>(set)] = w1;
      if (parallel) {
        computing = set;
        sync.arrive_and_wait();
        mid_phase = true;
        if (pending) {
          merge(sets[static_cast<std::size_t>(*pending)],
                window_end[static_cast<std::size_t>(*pending)], false);
        }
        sync.arrive_and_wait();
        mid_phase = false;
        pending = set;
      } else {
        run_shard(sets[0], 0, w1);
        merge(sets[0], w1, w1 >= sc.end_ms);
      }
    }
    if (pending) {
      merge(sets[static_cast<std::size_t>(*pending)],
            window_end[static_cast<std::size_t>(*pending)], true);
    }
  } catch (...) {
    if (mid_phase) sync.arrive_and_wait();
    stop = true;
    if (parallel) sync.arrive_and_wait();
    for (auto& w : workers) w.join();
    throw;
  }
  stop = true;
  if (parallel) sync.arrive_and_wait();
  for (auto& w : workers) w.join();
  if (!out.empty()) sinks.traffic(out);
  truth.finish(head_json(sc, options, total));
  return total;
}

}  // namespace darkfleet::sim
