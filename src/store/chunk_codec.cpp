// Chunk layout (all integers LEB128 varints, signed ones zigzag-mapped first):
//   u8 format (1) | u8 flags | varint n | varint body_bytes | body
//   flags bit 0: times are whole seconds (stored in s, not ms)
//   flags bit 1: body is zstd-compressed (body_bytes is then the decompressed size)
//   body, column after column, n values each:
//     t       zz(t0), zz(t1 - t0), then zz((t[i]-t[i-1]) - (t[i-1]-t[i-2]))
//     lat,lon the same second-order scheme
//     sog, cog, heading, status   zz(v0), then zz(v[i] - v[i-1])
// Columns keep like values together, which is what lets zstd squeeze the rest out.
#include "darkfleet/store/chunk_codec.hpp"

#include <zstd.h>

#include <cstring>
#include <memory>

namespace darkfleet::store {
namespace {

constexpr std::uint8_t k_flag_seconds = 1;
constexpr std::uint8_t k_flag_zstd = 2;
constexpr int k_zstd_level = 3;
// Below this a chunk is stored raw: zstd's frame header would cost more than it saves.
constexpr std::size_t k_min_compress_bytes = 64;

// zstd contexts kept per thread: creating one per chunk cost a quarter of the ingest time
// for files with few positions per vessel.
ZSTD_CCtx* compression_context() {
  thread_local std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> ctx(ZSTD_createCCtx(),
                                                                        &ZSTD_freeCCtx);
  return ctx.get();
}
ZSTD_DCtx* decompression_context() {
  thread_local std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> ctx(ZSTD_createDCtx(),
                                                                        &ZSTD_freeDCtx);
  return ctx.get();
}

std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

template <typename Get>
void put_second_order(std::string& out, std::span<const Position> ps, Get get) {
  std::int64_t prev = 0;
  std::int64_t prev_delta = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::int64_t v = get(ps[i]);
    const std::int64_t delta = v - prev;
    put_varint(out, zigzag(i < 2 ? delta : delta - prev_delta));
    prev_delta = delta;
    prev = v;
  }
}

template <typename Get>
void put_first_order(std::string& out, std::span<const Position> ps, Get get) {
  std::int64_t prev = 0;
  for (const Position& p : ps) {
    const std::int64_t v = get(p);
    put_varint(out, zigzag(v - prev));
    prev = v;
  }
}

// Reads varints from a byte range; a read past the end sets `bad` and yields 0.
class VarintReader {
 public:
  VarintReader(const std::uint8_t* p, const std::uint8_t* end) : m_p(p), m_end(end) {}
  std::uint64_t next() {
    if (m_p < m_end && *m_p < 0x80) return *m_p++;  // the common one-byte case
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (m_p >= m_end) break;
      const std::uint8_t b = *m_p++;
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return v;
    }
    m_bad = true;
    return 0;
  }
  [[nodiscard]] bool bad() const { return m_bad; }
  [[nodiscard]] bool at_end() const { return m_p == m_end; }
  [[nodiscard]] const std::uint8_t* where() const { return m_p; }

 private:
  const std::uint8_t* m_p;
  const std::uint8_t* m_end;
  bool m_bad = false;
};

template <typename Set>
void get_second_order(VarintReader& in, std::span<Position> ps, Set set) {
  std::int64_t prev = 0;
  std::int64_t prev_delta = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::int64_t coded = unzigzag(in.next());
    const std::int64_t delta = i < 2 ? coded : coded + prev_delta;
    prev += delta;
    prev_delta = delta;
    set(ps[i], prev);
  }
}

template <typename Set>
void get_first_order(VarintReader& in, std::span<Position> ps, Set set) {
  std::int64_t prev = 0;
  for (Position& p : ps) {
    prev += unzigzag(in.next());
    set(p, prev);
  }
}

}  // namespace

void encode_chunk(std::span<const Position> ps, std::string& out) {
  bool seconds = true;
  for (const Position& p : ps) seconds = seconds && p.t_ms % 1000 == 0;
  const std::int64_t unit = seconds ? 1000 : 1;

  thread_local std::string body;
  body.clear();
  put_second_order(body, ps, [unit](const Position& p) { return p.t_ms / unit; });
  put_second_order(body, ps, [](const Position& p) { return std::int64_t{p.lat_udeg}; });
  put_second_order(body, ps, [](const Position& p) { return std::int64_t{p.lon_udeg}; });
  put_first_order(body, ps, [](const Position& p) { return std::int64_t{p.sog_dkn}; });
  put_first_order(body, ps, [](const Position& p) { return std::int64_t{p.cog_ddeg}; });
  put_first_order(body, ps, [](const Position& p) { return std::int64_t{p.heading_deg}; });
  put_first_order(body, ps, [](const Position& p) { return std::int64_t{p.status}; });

  std::uint8_t flags = seconds ? k_flag_seconds : 0;
  thread_local std::string packed;
  bool compressed = false;
  if (body.size() >= k_min_compress_bytes) {
    packed.resize(ZSTD_compressBound(body.size()));
    const std::size_t n = ZSTD_compressCCtx(compression_context(), packed.data(), packed.size(),
                                            body.data(), body.size(), k_zstd_level);
    if (ZSTD_isError(n) == 0 && n < body.size()) {
      packed.resize(n);
      compressed = true;
      flags |= k_flag_zstd;
    }
  }
  out.push_back(static_cast<char>(k_chunk_format));
  out.push_back(static_cast<char>(flags));
  put_varint(out, ps.size());
  put_varint(out, body.size());
  out.append(compressed ? packed : body);
}

Result<std::size_t> decode_chunk(std::span<const std::uint8_t> chunk, std::vector<Position>& out) {
  if (chunk.size() < 4 || chunk[0] != k_chunk_format) return fail(ErrorCode::corrupt_chunk);
  const std::uint8_t flags = chunk[1];
  VarintReader head(chunk.data() + 2, chunk.data() + chunk.size());
  const std::uint64_t n = head.next();
  const std::uint64_t body_bytes = head.next();
  // Every position takes 7 to 70 bytes of body; refuse sizes the body cannot hold.
  if (head.bad() || n > (std::uint64_t{1} << 31) || body_bytes < 7 * n ||
      body_bytes > 70 * n) {
    return fail(ErrorCode::corrupt_chunk);
  }
  const std::uint8_t* body = head.where();
  std::size_t size = static_cast<std::size_t>(chunk.data() + chunk.size() - body);

  thread_local std::vector<std::uint8_t> unpacked;
  if ((flags & k_flag_zstd) != 0) {
    unpacked.resize(body_bytes);
    const std::size_t got =
        ZSTD_decompressDCtx(decompression_context(), unpacked.data(), unpacked.size(), body, size);
    if (ZSTD_isError(got) != 0 || got != body_bytes) return fail(ErrorCode::corrupt_chunk);
    body = unpacked.data();
    size = got;
  } else if (size != body_bytes) {
    return fail(ErrorCode::corrupt_chunk);
  }

  const std::size_t first = out.size();
  out.resize(first + n);
  const std::span<Position> ps(out.data() + first, n);
  const std::int64_t unit = (flags & k_flag_seconds) != 0 ? 1000 : 1;
  VarintReader in(body, body + size);
  get_second_order(in, ps, [unit](Position& p, std::int64_t v) { p.t_ms = v * unit; });
  get_second_order(in, ps,
                   [](Position& p, std::int64_t v) { p.lat_udeg = static_cast<std::int32_t>(v); });
  get_second_order(in, ps,
                   [](Position& p, std::int64_t v) { p.lon_udeg = static_cast<std::int32_t>(v); });
  get_first_order(in, ps,
                  [](Position& p, std::int64_t v) { p.sog_dkn = static_cast<std::uint16_t>(v); });
  get_first_order(in, ps,
                  [](Position& p, std::int64_t v) { p.cog_ddeg = static_cast<std::uint16_t>(v); });
  get_first_order(in, ps, [](Position& p, std::int64_t v) {
    p.heading_deg = static_cast<std::uint16_t>(v);
  });
  get_first_order(in, ps,
                  [](Position& p, std::int64_t v) { p.status = static_cast<std::uint8_t>(v); });
  if (in.bad() || !in.at_end()) {
    out.resize(first);
    return fail(ErrorCode::corrupt_chunk);
  }
  return static_cast<std::size_t>(n);
}

}  // namespace darkfleet::store
