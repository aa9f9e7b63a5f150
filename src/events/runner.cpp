// The detector registry and the runner that streams vessels from a store through them:
// reader threads (one per core, up to two) and one thread per detector.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "darkfleet/events/detectors.hpp"
#include "darkfleet/events/encounter.hpp"
#include "darkfleet/events/identity.hpp"
#include "darkfleet/events/loitering.hpp"

namespace darkfleet::events {

std::unique_ptr<Detector> make_port_visit_detector();
std::unique_ptr<Detector> make_gap_detector();
std::unique_ptr<Detector> make_dark_port_call_detector();

std::unique_ptr<Detector> make_detector(EventKind kind) {
  switch (kind) {
    case EventKind::port_visit: return make_port_visit_detector();
    case EventKind::gap: return make_gap_detector();
    case EventKind::dark_port_call: return make_dark_port_call_detector();
    case EventKind::encounter: return make_encounter_detector();
    case EventKind::loitering: return make_loitering_detector();
    case EventKind::identity: return make_identity_detector();
  }
  return nullptr;
}

std::vector<EventKind> available_kinds() {
  std::vector<EventKind> out;
  for (const EventKind k : {EventKind::port_visit, EventKind::gap, EventKind::dark_port_call,
                            EventKind::encounter, EventKind::loitering, EventKind::identity}) {
    if (make_detector(k)) out.push_back(k);
  }
  return out;
}

namespace {

class CountingSink final : public EventSink {
 public:
  CountingSink(EventSink& inner, std::map<EventKind, std::uint64_t>& counts)
      : m_inner(inner), m_counts(counts) {}
  void on_event(Event event) override {
    ++m_counts[event.kind];
    m_inner.on_event(std::move(event));
  }

 private:
  EventSink& m_inner;
  std::map<EventKind, std::uint64_t>& m_counts;
};

/// One vessel as read from the store: what every detector sees of it.
struct VesselItem {
  std::uint32_t mmsi = 0;
  track::Track track;
  std::vector<store::Identity> identities;
};
/// Vessels handed over together, so that threads wake once per batch, not per vessel.
using VesselBatch = std::vector<VesselItem>;

/// The batches in flight between the reader and the detector threads: the reader appends,
/// each consumer walks the list with its own cursor, and a batch is dropped once every
/// consumer has passed it. At most `depth` batches are held, so memory stays bounded by a
/// few hundred tracks whatever the store holds.
class VesselQueue {
 public:
  VesselQueue(std::size_t consumers, std::size_t depth) : m_cursors(consumers, 0), m_depth(depth) {}

  /// Appends batch number `sequence` (0, 1, 2, ... over the run): blocks until every
  /// earlier batch is in and the queue has room, so that readers working side by side
  /// still hand the vessels over in MMSI order. False when the run was cancelled.
  bool push(std::size_t sequence, std::shared_ptr<const VesselBatch> item) {
    std::unique_lock lock(m_mutex);
    m_space.wait(lock,
                 [&] { return m_cancelled || (m_pushed == sequence && m_items.size() < m_depth); });
    if (m_cancelled) return false;
    ++m_pushed;
    // no detector: nothing to hold, only the order to keep
    if (!m_cursors.empty()) m_items.push_back(std::move(item));
    m_ready.notify_all();
    m_space.notify_all();  // the reader of the next batch may be waiting for its turn
    return true;
  }
  /// No more vessels will come.
  void close() {
    const std::lock_guard lock(m_mutex);
    m_closed = true;
    m_ready.notify_all();
  }
  /// Stops every thread waiting on the queue (an error somewhere).
  void cancel() {
    const std::lock_guard lock(m_mutex);
    m_cancelled = true;
    m_ready.notify_all();
    m_space.notify_all();
  }
  /// The next vessel for consumer `c`, or null at the end (or when cancelled).
  std::shared_ptr<const VesselBatch> next(std::size_t c) {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock,
                 [&] { return m_cancelled || m_closed || m_cursors[c] < m_base + m_items.size(); });
    if (m_cancelled || m_cursors[c] >= m_base + m_items.size()) return nullptr;
    auto item = m_items[m_cursors[c] - m_base];
    ++m_cursors[c];
    // drop the vessels every consumer has passed
    const std::size_t slowest = *std::min_element(m_cursors.begin(), m_cursors.end());
    bool freed = false;
    while (m_base < slowest) {
      m_items.pop_front();
      ++m_base;
      freed = true;
    }
    if (freed) m_space.notify_all();
    return item;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::condition_variable m_space;
  std::deque<std::shared_ptr<const VesselBatch>> m_items;
  std::size_t m_base = 0;  // index of m_items.front() in the whole run
  std::size_t m_pushed = 0;  // batches appended so far
  std::vector<std::size_t> m_cursors;
  std::size_t m_depth;
  bool m_closed = false;
  bool m_cancelled = false;
};

/// Detectors that share one thread, with the events they found.
struct DetectorGroup {
  std::vector<std::unique_ptr<Detector>> detectors;
  CollectingSink events;
  std::map<EventKind, std::uint64_t> counts;
};

}  // namespace

RunStats run_detectors(const store::Store& db, const std::vector<EventKind>& kinds, Context context,
                       const store::Window& window, EventSink& sink,
                       const track::SegmenterOptions& segmenter) {
  std::vector<std::unique_ptr<Detector>> detectors;
  std::vector<EventKind> missing;
  for (const EventKind k : kinds) {
    if (auto d = make_detector(k)) {
      detectors.push_back(std::move(d));
    } else {
      missing.push_back(k);
    }
  }
  RunStats stats = run_own_detectors(db, std::move(detectors), context, window, sink, segmenter);
  stats.missing = std::move(missing);
  return stats;
}

RunStats run_own_detectors(const store::Store& db, std::vector<std::unique_ptr<Detector>> detectors,
                           Context context, const store::Window& window, EventSink& sink,
                           const track::SegmenterOptions& segmenter) {
  RunStats stats;
  // One thread per detector, and the readers: the detectors of one vessel run while the
  // next vessels are read, decoded and segmented, and the busiest detectors run side by side.
  std::vector<DetectorGroup> groups;
  for (auto& d : detectors) {
    if (d) groups.emplace_back().detectors.push_back(std::move(d));
  }
  const Parameters defaults = Parameters::gfw();
  if (context.parameters == nullptr) context.parameters = &defaults;
  const auto mmsis = db.vessels_in(window, std::nullopt);
  if (!context.data_end_ms) {
    if (window.to_ms) {
      context.data_end_ms = window.to_ms;
    } else {
      std::int64_t last = 0;
      for (const auto& v : db.vessels()) last = std::max(last, v.last_seen_ms);
      if (last != 0) context.data_end_ms = last;
    }
  }

  constexpr std::size_t k_depth = 8;
  constexpr std::size_t k_batch = 16;
  constexpr std::size_t k_max_readers = 2;
  VesselQueue queue(groups.size(), k_depth);
  std::mutex error_mutex;
  std::exception_ptr error;
  auto fail = [&](std::exception_ptr e) {
    {
      const std::lock_guard lock(error_mutex);
      if (!error) error = std::move(e);
    }
    queue.cancel();
  };
  std::vector<std::thread> threads;
  threads.reserve(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    threads.emplace_back([&, g] {
      DetectorGroup& group = groups[g];
      CountingSink counting(group.events, group.counts);
      try {
        while (const auto batch = queue.next(g)) {
          for (const VesselItem& item : *batch) {
            const VesselData vessel{item.mmsi, &item.track, &item.identities};
            for (auto& d : group.detectors) d->on_vessel(vessel, context, counting);
          }
        }
        for (auto& d : group.detectors) d->finish(context, counting);
      } catch (...) {
        fail(std::current_exception());
      }
    });
  }
  // Reading a vessel (SQLite, zstd) and segmenting it cost more than most detectors: with
  // cores to spare, readers with a connection each take batches in turn.
  const std::size_t readers =
      db.path().empty() || db.path() == ":memory:"
          ? 1
          : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, k_max_readers);
  const std::size_t batches = (mmsis.size() + k_batch - 1) / k_batch;
  std::atomic<std::uint64_t> positions_read{0};
  const auto read = [&](const store::Store& store, std::size_t first) {
    try {
      std::vector<store::Position> positions;
      for (std::size_t b = first; b < batches; b += readers) {
        auto batch = std::make_shared<VesselBatch>();
        const std::size_t end = std::min(mmsis.size(), (b + 1) * k_batch);
        for (std::size_t i = b * k_batch; i < end; ++i) {
          const std::uint32_t mmsi = mmsis[i];
          store.positions(mmsi, window, positions);
          positions_read += positions.size();
          batch->push_back(
              {mmsi, track::build_track(mmsi, positions, segmenter), store.identities(mmsi)});
        }
        if (!queue.push(b, std::move(batch))) return;
      }
    } catch (...) {
      fail(std::current_exception());
    }
  };
  std::vector<std::thread> reader_threads;
  try {
    for (std::size_t r = 1; r < readers; ++r) {
      reader_threads.emplace_back([&, r] {
        try {
          const store::Store own(db.path(), store::Store::Mode::read_only);
          read(own, r);
        } catch (...) {
          fail(std::current_exception());
        }
      });
    }
  } catch (...) {
    fail(std::current_exception());
  }
  read(db, 0);
  for (auto& t : reader_threads) t.join();
  queue.close();
  stats.vessels = mmsis.size();
  stats.positions = positions_read;
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
  // Detector by detector, in the order of `kinds`; callers sort (sort_events).
  for (DetectorGroup& group : groups) {
    for (auto& e : group.events.events) sink.on_event(std::move(e));
    for (const auto& [k, n] : group.counts) stats.events[k] += n;
  }
  return stats;
}

void sort_events(std::vector<Event>& events) {
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.start.t_ms != b.start.t_ms) return a.start.t_ms < b.start.t_ms;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.mmsi != b.mmsi) return a.mmsi < b.mmsi;
    const double ra = a.values.count("rank") ? a.values.at("rank") : 0;
    const double rb = b.values.count("rank") ? b.values.at("rank") : 0;
    if (ra != rb) return ra < rb;
    return a.port_id < b.port_id;
  });
}

}  // namespace darkfleet::events
