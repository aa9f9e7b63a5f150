// libFuzzer target: parse_line() on every line of the input, the parsed sentences driven
// through an Assembler with small bounds, and the writer round trip.
//
// Invariants checked (a violation aborts):
//  - an accepted sentence has fields in range, only armouring characters in its payload,
//    and views that point into the line;
//  - append_sentence() of an accepted sentence's fields reads back identically;
//  - every line pushed into the Assembler comes out exactly once: as part of a message or
//    as a rejected line whose text is the pushed line, verbatim;
//  - messages have fragment_count fragments, first_line <= last_line, a valid payload;
//  - after flush() nothing is pending.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "darkfleet/nmea/assembler.hpp"
#include "darkfleet/nmea/sentence.hpp"
#include "darkfleet/nmea/writer.hpp"

namespace {

using namespace darkfleet;
using namespace darkfleet::nmea;

void check(bool ok) {
  if (!ok) std::abort();
}

bool is_payload_char(char c) { return (c >= '0' && c <= 'W') || (c >= '`' && c <= 'w'); }

bool inside(std::string_view part, std::string_view whole) {
  return part.empty() || (part.data() >= whole.data() &&
                          part.data() + part.size() <= whole.data() + whole.size());
}

class CheckingSink final : public AssemblerSink {
 public:
  explicit CheckingSink(const std::vector<std::string>& lines) : m_lines(lines) {}

  void on_message(const AssembledMessage& m) override {
    check(m.fragment_count >= 1 && m.fragment_count <= 9);
    check(m.first_line >= 1 && m.first_line <= m.last_line && m.last_line <= m_lines.size());
    check(m.fill_bits <= 5);
    check(!m.payload.empty());
    for (const char c : m.payload) check(is_payload_char(c));
    accounted += m.fragment_count;
  }

  void on_rejected_line(std::uint64_t line_no, std::string_view line, ErrorCode reason) override {
    check(line_no >= 1 && line_no <= m_lines.size());
    check(line == m_lines[line_no - 1]);
    check(reason == ErrorCode::duplicate_fragment || reason == ErrorCode::incomplete_message);
    ++accounted;
  }

  std::size_t accounted = 0;

 private:
  const std::vector<std::string>& m_lines;
};

void check_sentence(const Sentence& s, std::string_view line) {
  check(s.talker.size() == 2 && inside(s.talker, line));
  check(s.fragment_count >= 1 && s.fragment_count <= 9);
  check(s.fragment_number >= 1 && s.fragment_number <= s.fragment_count);
  check(!s.sequence_id || *s.sequence_id <= 9);
  check(s.fill_bits <= 5);
  // Only a later fragment may be empty (it then carries only fill bits).
  check((!s.payload.empty() || s.fragment_number > 1) && inside(s.payload, line));
  for (const char c : s.payload) check(is_payload_char(c));
  check(inside(s.station, line));
  check(s.receive_time_ms.has_value() == (s.time_source != TimeSource::none));
  if (s.tag_block) check(inside(s.tag_block->source, line) && inside(s.tag_block->text, line));

  SentenceFields f;
  f.talker = s.talker;
  f.own_ship = s.own_ship;
  f.fragment_count = s.fragment_count;
  f.fragment_number = s.fragment_number;
  f.sequence_id = s.sequence_id;
  f.channel = s.channel;
  f.payload = s.payload;
  f.fill_bits = s.fill_bits;
  std::string written;
  append_sentence(written, f);
  const auto back = parse_line(written);
  check(back.has_value());
  check(back->talker == s.talker && back->own_ship == s.own_ship &&
        back->fragment_count == s.fragment_count && back->fragment_number == s.fragment_number &&
        back->sequence_id == s.sequence_id && back->channel == s.channel &&
        back->payload == s.payload && back->fill_bits == s.fill_bits);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> lines;
  for (std::size_t start = 0; start <= input.size();) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    lines.emplace_back(input.substr(start, end - start));
    start = end + 1;
  }

  // Small bounds so that the fuzzer reaches every eviction path.
  AssemblerOptions options;
  options.max_pending_messages = 3;
  options.max_age_lines = 6;
  options.max_age_ms = 2000;
  options.max_reorder_lines = 2;
  Assembler assembler(options);
  CheckingSink sink(lines);
  std::size_t pushed = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto s = parse_line(lines[i]);
    if (!s) continue;
    check_sentence(*s, lines[i]);
    assembler.push(*s, i + 1, lines[i], sink);
    ++pushed;
    check(assembler.pending() <= options.max_pending_messages);
  }
  assembler.flush(sink);
  check(assembler.pending() == 0);
  check(sink.accounted == pushed);
  return 0;
}
