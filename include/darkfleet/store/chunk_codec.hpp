// The on-disk form of a run of one vessel's positions: a "chunk" BLOB.
//
// Positions are sorted by time, split into columns (time, latitude, longitude, speed,
// course, heading, status), each column delta-coded (time, latitude and longitude
// second-order, so that steady reporting and straight courses cost ~0), zigzag + LEB128
// varint encoded, and the column block is then compressed with zstd. Round trip is exact:
// decode(encode(p)) == p for every field (see position.hpp for the units).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "darkfleet/core/result.hpp"
#include "darkfleet/store/position.hpp"

namespace darkfleet::store {

/// Chunk format version written by encode_chunk() (first byte of every chunk).
inline constexpr std::uint8_t k_chunk_format = 1;

/// Encodes `positions` as one chunk and appends it to `out`.
/// Requires: positions sorted by t_ms (ties in any order), at most 2^31 of them.
void encode_chunk(std::span<const Position> positions, std::string& out);

/// Decodes a chunk written by encode_chunk() and appends its positions to `out`, in order.
/// Returns the number of positions appended, or corrupt_chunk when the bytes are not a valid
/// chunk (nothing is appended then).
Result<std::size_t> decode_chunk(std::span<const std::uint8_t> chunk, std::vector<Position>& out);

}  // namespace darkfleet::store
