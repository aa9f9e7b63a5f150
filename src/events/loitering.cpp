// Loitering (GFW pipe-loitering, DOMAIN.md 1.2): each segment's positions are grouped into
// hourly buckets (UTC hours); a bucket's implied speed is the distance sailed since the last
// position before it, divided by the time since then; a bucket is slow under
// `loitering.max_speed_kn`. Consecutive slow buckets of a segment form a loitering run that
// starts at the last position before its first bucket (GFW: "the last message of the previous
// bucket starts the event"). A run lasting at least `loitering.min_duration_h` whose
// hour-weighted average distance from shore is at least `loitering.min_shore_nm` is an event.
//
// Segments as GFW's product: good and overlapping ones; short, overlapping-and-short and noise
// segments are skipped. Without a coast in the Context the shore rule cannot be applied: the
// event is still reported, with notes["shore_rule"] = "skipped: no coastline" and confidence
// 0.5, and no distance-from-shore value.
#include "darkfleet/events/loitering.hpp"

#include <cstdint>
#include <vector>

#include "track_util.hpp"

namespace darkfleet::events {
namespace {

constexpr std::int64_t k_hour_ms = 3'600'000;

/// One hourly bucket of a segment.
struct Bucket {
  std::size_t first = 0;     // index of its first position
  std::size_t last = 0;      // index of its last position
  std::int64_t from_ms = 0;  // the position before it, or its first
  double distance_nm = 0;
  [[nodiscard]] double hours(const std::vector<store::Position>& positions) const {
    return static_cast<double>(positions[last].t_ms - from_ms) / static_cast<double>(k_hour_ms);
  }
};

std::int64_t hour_of(std::int64_t t_ms) {
  return t_ms >= 0 ? t_ms / k_hour_ms : -((-t_ms + k_hour_ms - 1) / k_hour_ms);
}

class LoiteringDetector final : public Detector {
 public:
  [[nodiscard]] EventKind kind() const override { return EventKind::loitering; }

  void on_vessel(const VesselData& vessel, const Context& context, EventSink& sink) override {
    if (vessel.track == nullptr) return;
    for (const track::Segment& segment : vessel.track->segments) {
      if (segment.quality != track::SegmentQuality::good &&
          segment.quality != track::SegmentQuality::overlapping) {
        continue;
      }
      detect(vessel.mmsi, segment, context, sink);
    }
  }

 private:
  static void detect(std::uint32_t mmsi, const track::Segment& segment, const Context& context,
                     EventSink& sink) {
    const Parameters& p = detail::parameters_of(context);
    const double max_speed_kn = p.get("loitering.max_speed_kn");
    const auto& positions = segment.positions;
    std::vector<Bucket> buckets;
    for (std::size_t i = 0; i < positions.size();) {
      Bucket b;
      b.first = i;
      b.from_ms = i > 0 ? positions[i - 1].t_ms : positions[i].t_ms;
      const std::int64_t hour = hour_of(positions[i].t_ms);
      std::size_t j = i;
      for (; j < positions.size() && hour_of(positions[j].t_ms) == hour; ++j) {
        if (j > 0) b.distance_nm += track::distance_nm(positions[j - 1], positions[j]);
      }
      b.last = j - 1;
      buckets.push_back(b);
      i = j;
    }
    auto slow = [&](const Bucket& b) {
      const double h = b.hours(positions);
      return h > 0 && b.distance_nm / h < max_speed_kn;
    };
    for (std::size_t i = 0; i < buckets.size();) {
      if (!slow(buckets[i])) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < buckets.size() && slow(buckets[j])) ++j;
      emit(mmsi, segment, buckets, i, j, p, context, sink);
      i = j;
    }
  }

  static void emit(std::uint32_t mmsi, const track::Segment& segment,
                   const std::vector<Bucket>& buckets, std::size_t begin, std::size_t end,
                   const Parameters& p, const Context& context, EventSink& sink) {
    const auto& positions = segment.positions;
    const std::size_t first_index = buckets[begin].first > 0 ? buckets[begin].first - 1 : 0;
    const std::size_t last_index = buckets[end - 1].last;
    const store::Position& first = positions[first_index];
    const store::Position& last = positions[last_index];
    const double hours =
        static_cast<double>(last.t_ms - first.t_ms) / static_cast<double>(k_hour_ms);
    if (hours < p.get("loitering.min_duration_h")) return;

    double distance_nm = 0;
    double shore_weighted_nm = 0;
    double lat_sum = 0;
    double lon_sum = 0;
    for (std::size_t b = begin; b < end; ++b) {
      const Bucket& bucket = buckets[b];
      distance_nm += bucket.distance_nm;
      if (context.coast != nullptr) {
        // The bucket's middle position stands for the hour.
        const store::Position& mid = positions[(bucket.first + bucket.last) / 2];
        shore_weighted_nm += context.coast->distance_to_shore_m(detail::to_latlon(mid)) /
                             geo::k_m_per_nm * bucket.hours(positions);
      }
    }
    for (std::size_t i = first_index; i <= last_index; ++i) {
      lat_sum += positions[i].lat_deg();
      lon_sum += positions[i].lon_deg();
    }
    const auto n = static_cast<double>(last_index - first_index + 1);

    Event event;
    event.kind = EventKind::loitering;
    event.mmsi = mmsi;
    event.start = {first.t_ms, detail::to_latlon(first)};
    event.end = {last.t_ms, detail::to_latlon(last)};
    event.position = {lat_sum / n, lon_sum / n};
    event.parameter_set = p.name();
    event.values["loitering_hours"] = hours;
    event.values["total_distance_nm"] = distance_nm;
    event.values["avg_speed_kn"] = hours > 0 ? distance_nm / hours : 0;
    if (context.coast != nullptr) {
      const double avg_shore_nm = hours > 0 ? shore_weighted_nm / hours : 0;
      if (avg_shore_nm < p.get("loitering.min_shore_nm")) return;
      event.values["avg_distance_from_shore_nm"] = avg_shore_nm;
    } else {
      event.notes["shore_rule"] = "skipped: no coastline";
      event.confidence = 0.5;
    }
    event.evidence.push_back({mmsi, segment.index, first.t_ms, last.t_ms,
                              static_cast<std::uint32_t>(last_index - first_index + 1)});
    if (context.data_end_ms && last.t_ms == positions.back().t_ms && end == buckets.size() &&
        *context.data_end_ms - last.t_ms < k_hour_ms) {
      event.open = true;
    }
    sink.on_event(std::move(event));
  }
};

}  // namespace

std::unique_ptr<Detector> make_loitering_detector() {
  return std::make_unique<LoiteringDetector>();
}

}  // namespace darkfleet::events
