// Micro-benchmarks of NMEA framing: darkfleet::nmea::parse_line on real sentences from
// ../shared/data (plain, a type 5 fragment, a USCG line with receiver fields, a tag block).
// Reports lines/s (items) and bytes/s. See bench/README.md.
#include <benchmark/benchmark.h>

#include <string_view>

#include "darkfleet/nmea/sentence.hpp"

namespace {

// Type 1 position report, plain NMEA 0183 (ais-nmea-dma-aislib/ais250.txt).
constexpr std::string_view k_plain = "!AIVDM,1,1,,B,15Pm=kOP1kGW?0nBao`SS?wB06bd,0*58";
// First fragment of a two-sentence type 5 (ais-nmea-dma-aislib/ais250.txt).
constexpr std::string_view k_fragment =
    "!AIVDM,2,1,5,A,55N:e7T00001L@CKOCDltq@F0<58hv222222220N2h007t0Ht0000000,0*34";
// USCG receiver fields after the checksum (ais-test-vectors-libais/typeexamples.nmea).
constexpr std::string_view k_uscg =
    "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*30,d-080,S2118,t050056.00,T56.4837741,"
    "r003669946,1325394060,1325394001";
// NMEA 4.10 tag block (ais-test-vectors-libais/tagblock.nmea).
constexpr std::string_view k_tag_block =
    "\\s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53*55\\"
    "!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78";

void parse_line_bench(benchmark::State& state, std::string_view line) {
  if (!darkfleet::nmea::parse_line(line)) {
    state.SkipWithError("the sample line does not parse");
    return;
  }
  for (auto _ : state) {
    auto sentence = darkfleet::nmea::parse_line(line);
    benchmark::DoNotOptimize(sentence);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(line.size()));
}

void BM_ParseLine_Plain(benchmark::State& state) { parse_line_bench(state, k_plain); }
void BM_ParseLine_Type5Fragment(benchmark::State& state) { parse_line_bench(state, k_fragment); }
void BM_ParseLine_UscgTrailer(benchmark::State& state) { parse_line_bench(state, k_uscg); }
void BM_ParseLine_TagBlock(benchmark::State& state) { parse_line_bench(state, k_tag_block); }

BENCHMARK(BM_ParseLine_Plain);
BENCHMARK(BM_ParseLine_Type5Fragment);
BENCHMARK(BM_ParseLine_UscgTrailer);
BENCHMARK(BM_ParseLine_TagBlock);

}  // namespace

BENCHMARK_MAIN();
