// The guillotine block packing behind estimate::pack. Sizes are rounded to whole millimetres
// so that the recursion can remember the boxes it has packed (the leftover slabs of many
// branches are the same boxes).
#include "darkfleet/estimate/packing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace darkfleet::estimate {
namespace {

using Mm = std::int64_t;

struct Size {
  Mm l, w, h;
};

Mm to_mm_down(double m) {
  return static_cast<Mm>(std::floor(m * 1000.0 + 1e-6));
}
Mm to_mm_up(double m) {
  return static_cast<Mm>(std::ceil(m * 1000.0 - 1e-6));
}

/// The six axis-aligned orientations of a crate: (along length, along width, along height).
std::array<Size, 6> orientations(Size c) {
  return {{{c.l, c.w, c.h},
           {c.l, c.h, c.w},
           {c.w, c.l, c.h},
           {c.w, c.h, c.l},
           {c.h, c.l, c.w},
           {c.h, c.w, c.l}}};
}

class Packer {
 public:
  Packer(Size crate, std::optional<std::pair<Mm, Mm>> door) {
    for (const Size& o : orientations(crate)) {
      if (door && (o.w > door->first || o.h > door->second)) continue;
      m_orientations.push_back(o);
    }
  }
  [[nodiscard]] bool any_orientation() const { return !m_orientations.empty(); }

  /// Most crates in a box of `box`; the block that starts it in `first` when asked.
  std::uint64_t fill(Size box, std::string* first = nullptr) {
    if (box.l <= 0 || box.w <= 0 || box.h <= 0) return 0;
    const std::uint64_t key = key_of(box);
    if (first == nullptr) {
      if (const auto it = m_memo.find(key); it != m_memo.end()) return it->second;
    }
    std::uint64_t best = 0;
    for (const Size& o : m_orientations) {
      const Mm nl = box.l / o.l;
      const Mm nw = box.w / o.w;
      const Mm nh = box.h / o.h;
      if (nl == 0 || nw == 0 || nh == 0) continue;
      const auto block = static_cast<std::uint64_t>(nl * nw * nh);
      const Mm bl = nl * o.l;
      const Mm bw = nw * o.w;
      const Mm bh = nh * o.h;
      // The three slabs beside the block, cut three ways: length, width or height first.
      const std::uint64_t a = fill({box.l - bl, box.w, box.h}) + fill({bl, box.w - bw, box.h}) +
                              fill({bl, bw, box.h - bh});
      const std::uint64_t b = fill({box.l, box.w - bw, box.h}) + fill({box.l - bl, bw, box.h}) +
                              fill({bl, bw, box.h - bh});
      const std::uint64_t c = fill({box.l, box.w, box.h - bh}) + fill({box.l - bl, box.w, bh}) +
                              fill({bl, box.w - bw, bh});
      const std::uint64_t total = block + std::max({a, b, c});
      if (total > best) {
        best = total;
        if (first != nullptr) {
          *first = fmt::format("{} x {} x {} crates of {} x {} x {} mm (length x width x height)",
                               nl, nw, nh, o.l, o.w, o.h);
        }
      }
    }
    m_memo[key] = best;
    return best;
  }

 private:
  static std::uint64_t key_of(Size s) {
    return (static_cast<std::uint64_t>(s.l) << 42) ^ (static_cast<std::uint64_t>(s.w) << 21) ^
           static_cast<std::uint64_t>(s.h);
  }
  std::vector<Size> m_orientations;
  std::unordered_map<std::uint64_t, std::uint64_t> m_memo;
};

// Sizes are whole millimetres in 21 bits of the memo key: up to 2 km, far beyond any box.
constexpr double k_max_size_m = 1000;

void require_positive(double v, const char* what, const std::string& name) {
  if (!(v > 0) || !std::isfinite(v)) {
    throw std::invalid_argument(fmt::format("{} of '{}' must be positive (got {})", what, name, v));
  }
}

void require_size(double v, const char* what, const std::string& name) {
  require_positive(v, what, name);
  if (v > k_max_size_m) {
    throw std::invalid_argument(
        fmt::format("{} of '{}' is {} m: more than {} m", what, name, v, k_max_size_m));
  }
}

Size crate_mm(const Crate& c) {
  require_size(c.length_m, "length", c.name);
  require_size(c.width_m, "width", c.name);
  require_size(c.height_m, "height", c.name);
  return {to_mm_up(c.length_m), to_mm_up(c.width_m), to_mm_up(c.height_m)};
}

}  // namespace

std::uint64_t crates_fitting(double length_m, double width_m, double height_m, const Crate& crate) {
  Packer packer(crate_mm(crate), std::nullopt);
  return packer.fill({to_mm_down(length_m), to_mm_down(width_m), to_mm_down(height_m)});
}

Load pack(const Container& container, const Crate& crate) {
  require_size(container.inner_length_m, "inner length", container.name);
  require_size(container.inner_width_m, "inner width", container.name);
  require_size(container.inner_height_m, "inner height", container.name);
  require_positive(container.door_width_m, "door width", container.name);
  require_positive(container.door_height_m, "door height", container.name);
  require_positive(crate.mass_kg, "mass", crate.name);
  require_positive(crate.items, "items", crate.name);
  if (!(container.max_gross_kg > container.tare_kg) || container.tare_kg < 0) {
    throw std::invalid_argument(
        fmt::format("container '{}': max gross {} kg must exceed its tare {} kg", container.name,
                    container.max_gross_kg, container.tare_kg));
  }
  const Size c = crate_mm(crate);
  Packer packer(
      c, std::make_pair(to_mm_down(container.door_width_m), to_mm_down(container.door_height_m)));
  Load load;
  load.payload_kg = container.max_gross_kg - container.tare_kg;
  if (packer.any_orientation()) {
    load.crates_by_volume =
        packer.fill({to_mm_down(container.inner_length_m), to_mm_down(container.inner_width_m),
                     to_mm_down(container.inner_height_m)},
                    &load.layout);
  } else {
    load.layout = "the crate does not pass the door in any orientation";
  }
  load.crates_by_weight =
      static_cast<std::uint64_t>(std::min(std::floor(load.payload_kg / crate.mass_kg), 1e15));
  load.crates = std::min(load.crates_by_volume, load.crates_by_weight);
  load.bound = load.crates_by_weight < load.crates_by_volume ? Bound::weight : Bound::volume;
  const double inner =
      container.inner_length_m * container.inner_width_m * container.inner_height_m;
  load.volume_fill =
      static_cast<double>(load.crates) * crate.length_m * crate.width_m * crate.height_m / inner;
  return load;
}

}  // namespace darkfleet::estimate
