// How many crates of one kind fit in a freight container: the volume limit from a 3D packing
// of the crate's orientations in layers and blocks, the weight limit from the payload, and
// which of the two binds. Units: metres and kilograms.
#pragma once

#include <cstdint>
#include <string>

namespace darkfleet::estimate {

/// The inside of a freight container and what it may carry.
struct Container {
  std::string name;
  double inner_length_m = 0;
  double inner_width_m = 0;
  double inner_height_m = 0;
  double door_width_m = 0;  ///< every crate passes the door in the orientation it is stowed in
  double door_height_m = 0;
  double tare_kg = 0;
  double max_gross_kg = 0;  ///< the rating, or a lower limit such as a rail rule
};

/// A packed crate of munitions (outer size and loaded mass) and the items it holds.
struct Crate {
  std::string name;
  double length_m = 0;
  double width_m = 0;
  double height_m = 0;
  double mass_kg = 0;  ///< crate, packing and contents
  double items = 1;    ///< projectiles, charges, rounds or rockets per crate
};

/// What limits a load.
enum class Bound : std::uint8_t { volume, weight };

/// One container's load of one crate kind.
struct Load {
  std::uint64_t crates_by_volume = 0;  ///< crates the packing fits (door and inner size)
  std::uint64_t crates_by_weight = 0;  ///< floor(payload / crate mass)
  std::uint64_t crates = 0;            ///< the smaller of the two
  Bound bound = Bound::volume;
  double payload_kg = 0;   ///< max gross - tare
  double volume_fill = 0;  ///< crate volume packed / inner volume, 0-1
  /// The first block of the packing, e.g. "12 x 4 x 9 (length along length)".
  std::string layout;
};

/// Packs `crate` into `container`. Every crate stands in one of its six axis-aligned
/// orientations; a block of equal orientation fills the space from one corner, and the three
/// slabs left beside it are packed the same way, recursively (a guillotine packing: every
/// layout it finds is physically possible, and it finds the layer-and-block layouts loaders
/// use; it may miss an interlocked optimum). Orientations whose cross-section does not pass
/// the door are never used. Throws std::invalid_argument for a non-positive size or mass.
Load pack(const Container& container, const Crate& crate);

/// Crates of size `crate` (length, width, height; masses ignored) that fit a box of the
/// given inner size, by the same packing, without a door.
std::uint64_t crates_fitting(double length_m, double width_m, double height_m, const Crate& crate);

}  // namespace darkfleet::estimate
