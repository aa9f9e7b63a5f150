// libFuzzer target: parse_tag_block() on the input, and the append_tag_block() round trip.
//
// Invariants checked (a violation aborts): string fields are views into the input; a group
// is in range; writing an accepted tag block and parsing it back gives the same fields
// (when the strings hold no ',', '*' or '\\', which the writer requires, and the time is
// one the writer can express: not negative, not a pre-1973 time with milliseconds).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "darkfleet/nmea/sentence.hpp"
#include "darkfleet/nmea/writer.hpp"

namespace {

using namespace darkfleet::nmea;

void check(bool ok) {
  if (!ok) std::abort();
}

bool inside(std::string_view part, std::string_view whole) {
  return part.empty() || (part.data() >= whole.data() &&
                          part.data() + part.size() <= whole.data() + whole.size());
}

bool writable(std::string_view text) { return text.find_first_of(",*\\") == std::string_view::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto tag = parse_tag_block(body);
  if (!tag) return 0;
  check(inside(tag->source, body) && inside(tag->destination, body) && inside(tag->text, body));
  if (tag->group) {
    check(tag->group->number >= 1 && tag->group->number <= tag->group->count);
  }
  if (tag->receive_time_ms) check(*tag->receive_time_ms >= 0);

  if (!writable(tag->source) || !writable(tag->destination) || !writable(tag->text)) return 0;
  if (tag->receive_time_ms && *tag->receive_time_ms % 1000 != 0 &&
      *tag->receive_time_ms < 100'000'000'000) {
    return 0;
  }
  if (tag->receive_time_ms && *tag->receive_time_ms / 1000 >= 100'000'000'000) return 0;
  std::string written;
  append_tag_block(written, *tag);
  check(written.size() >= 2 && written.front() == '\\' && written.back() == '\\');
  const auto back = parse_tag_block(std::string_view(written).substr(1, written.size() - 2));
  check(back.has_value());
  check(back->receive_time_ms == tag->receive_time_ms);
  check(back->source == tag->source && back->destination == tag->destination &&
        back->text == tag->text);
  check(back->line_count == tag->line_count && back->relative_time == tag->relative_time);
  check(back->group.has_value() == tag->group.has_value());
  if (back->group) {
    check(back->group->number == tag->group->number && back->group->count == tag->group->count &&
          back->group->id == tag->group->id);
  }
  return 0;
}
