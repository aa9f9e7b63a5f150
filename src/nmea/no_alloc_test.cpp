// The hot path allocates nothing: parse_line() never, Assembler::push() not once its pooled
// storage has grown to the traffic's shape. Counted with a replaced global operator new
// (this test binary only).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "darkfleet/nmea/assembler.hpp"
#include "darkfleet/nmea/sentence.hpp"
#include "test_support.hpp"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace darkfleet::nmea {
namespace {

/// Counts the allocations made while `f` runs.
template <typename F>
long allocations_during(F&& f) {
  g_allocations = 0;
  g_counting = true;
  f();
  g_counting = false;
  return g_allocations.load();
}

/// Counts messages and rejections without storing anything.
class CountingSink final : public AssemblerSink {
 public:
  void on_message(const AssembledMessage& m) override { payload_chars += m.payload.size(); ++messages; }
  void on_rejected_line(std::uint64_t, std::string_view, ErrorCode) override { ++rejected; }
  std::size_t messages = 0;
  std::size_t rejected = 0;
  std::size_t payload_chars = 0;
};

/// A mixed feed: singles, 2- and 3-part messages (some interleaved, some out of order, one
/// duplicate), a g: group, and a message that loses its last fragment.
std::vector<std::string> traffic() {
  using test::sentence;
  using test::tag;
  return {
      sentence("AIVDM,1,1,,B,14pWHb?P03rwO<F:RQOnROw<25bd,0") + ",r003669946,1325394060",
      sentence("AIVDM,2,1,3,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0"),
      sentence("AIVDM,2,1,4,B,53B>2V000000uHH4000@T4p4000000000000000S30C6340006h00000,0"),
      sentence("AIVDM,2,2,4,B,000000000000000,2"),
      sentence("AIVDM,2,2,3,A,88888888880,2"),
      sentence("AIVDM,3,3,5,A,ccc,0"),
      sentence("AIVDM,3,1,5,A,aaa,0"),
      sentence("AIVDM,3,1,5,A,aaa,0"),
      sentence("AIVDM,3,2,5,A,bbb,0"),
      tag("g:1-2-1604,s:rORBCOMM008,c:1418169601") + sentence("AIVDM,2,1,6,A,53@o0E00,0"),
      tag("g:2-2-1604") + sentence("AIVDM,2,2,6,A,00000000008,2"),
      sentence("AIVDM,2,1,7,A,LOST,0"),
  };
}

TEST(NmeaNoAlloc, ParseLineAllocatesNothing) {
  const auto lines = traffic();
  std::size_t ok = 0;
  const long n = allocations_during([&] {
    for (int round = 0; round < 100; ++round) {
      for (const auto& line : lines) ok += parse_line(line).has_value() ? 1U : 0U;
      ok += parse_line("$GPGGA,1,2*00").has_value() ? 1U : 0U;
    }
  });
  EXPECT_EQ(ok, 100 * lines.size());
  EXPECT_EQ(n, 0);
}

TEST(NmeaNoAlloc, AssemblerPushAllocatesNothingInSteadyState) {
  const auto lines = traffic();
  std::vector<Sentence> sentences;
  for (const auto& line : lines) sentences.push_back(*parse_line(line));
  AssemblerOptions options;
  options.max_age_lines = 20;  // the lost message is evicted a round later
  Assembler assembler(options);
  CountingSink sink;
  std::uint64_t line_no = 0;
  const auto round = [&] {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      assembler.push(sentences[i], ++line_no, lines[i], sink);
    }
  };
  for (int warm = 0; warm < 5; ++warm) round();
  const std::size_t messages_before = sink.messages;
  const long n = allocations_during([&] {
    for (int r = 0; r < 100; ++r) round();
  });
  EXPECT_EQ(n, 0);
  EXPECT_EQ(sink.messages - messages_before, 100U * 5U);  // 1 single, 3 multi-part, 1 group
  EXPECT_GT(sink.rejected, 100U);  // a duplicate and a lost message per round
}

}  // namespace
}  // namespace darkfleet::nmea
