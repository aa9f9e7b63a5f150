// Micro-benchmarks of payload decoding: darkfleet::ais::decode on real type 1, 5 and 18
// payloads (from ../shared/data, fragments joined). Reports messages/s (items) and
// payload bytes/s. See bench/README.md.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string_view>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/messages.hpp"

namespace {

// Type 1 position report (ais-test-vectors-pyais/nmea_data_sample.txt).
constexpr std::string_view k_type1 = "13R3sA0P14Qd>s4Eb0?dlOvH0<3K";
// Type 5 static and voyage data, both fragments joined; 2 fill bits
// (ais-nmea-dma-aislib/stream_example.txt).
constexpr std::string_view k_type5 =
    "53bSFT0000010WC3WR1E63;620huELTp6222220N2@62300Ht00000000000"
    "00000000008";
// Type 18 class B position report (ais-nmea-dma-aislib/ais250.txt).
constexpr std::string_view k_type18 = "B5NIeAP00=qmw14cRKvQSwm5WP06";

void decode_bench(benchmark::State& state, std::string_view payload, std::uint8_t fill_bits) {
  darkfleet::ais::Message message;
  if (!darkfleet::ais::decode(payload, fill_bits, message)) {
    state.SkipWithError("the sample payload does not decode");
    return;
  }
  for (auto _ : state) {
    auto result = darkfleet::ais::decode(payload, fill_bits, message);
    benchmark::DoNotOptimize(result);
    benchmark::DoNotOptimize(message);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(payload.size()));
}

void BM_Decode_Type1(benchmark::State& state) { decode_bench(state, k_type1, 0); }
void BM_Decode_Type5(benchmark::State& state) { decode_bench(state, k_type5, 2); }
void BM_Decode_Type18(benchmark::State& state) { decode_bench(state, k_type18, 0); }

BENCHMARK(BM_Decode_Type1);
BENCHMARK(BM_Decode_Type5);
BENCHMARK(BM_Decode_Type18);

}  // namespace

BENCHMARK_MAIN();
