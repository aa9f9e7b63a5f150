// Writing !xxVDM / !xxVDO sentences and NMEA 4.10 tag blocks (the inverse of parse_line()).
#include "darkfleet/nmea/writer.hpp"

#include <charconv>
#include <cstdint>

#include "text.hpp"

namespace darkfleet::nmea {
namespace {

/// Appends the decimal form of `value`.
template <typename Int>
void append_int(std::string& out, Int value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)ec;  // 24 characters hold any 64-bit integer
  out.append(buffer, end);
}

/// Appends `*hh`, the checksum of everything in `out` from position `from` on.
void append_checksum(std::string& out, std::size_t from) {
  const std::uint8_t sum = checksum(std::string_view(out).substr(from));
  out += '*';
  out += detail::hex_digit(static_cast<unsigned>(sum) >> 4U);
  out += detail::hex_digit(sum);
}

}  // namespace

void append_sentence(std::string& out, const SentenceFields& fields) {
  out.reserve(out.size() + fields.talker.size() + fields.payload.size() + 24);
  out += '!';
  const std::size_t body = out.size();
  out += fields.talker;
  out += fields.own_ship ? "VDO," : "VDM,";
  append_int(out, unsigned{fields.fragment_count});
  out += ',';
  append_int(out, unsigned{fields.fragment_number});
  out += ',';
  if (fields.sequence_id) append_int(out, unsigned{*fields.sequence_id});
  out += ',';
  if (fields.channel != '\0') out += fields.channel;
  out += ',';
  out += fields.payload;
  out += ',';
  append_int(out, unsigned{fields.fill_bits});
  append_checksum(out, body);
}

void append_tag_block(std::string& out, const TagBlock& tag_block) {
  out += '\\';
  const std::size_t body = out.size();
  bool first = true;
  const auto key = [&](const char* name) {
    if (!first) out += ',';
    first = false;
    out += name;
  };
  if (tag_block.group) {
    key("g:");
    append_int(out, unsigned{tag_block.group->number});
    out += '-';
    append_int(out, unsigned{tag_block.group->count});
    out += '-';
    append_int(out, tag_block.group->id);
  }
  if (tag_block.receive_time_ms) {
    key("c:");
    const std::int64_t t_ms = *tag_block.receive_time_ms;
    append_int(out, t_ms % 1000 == 0 ? t_ms / 1000 : t_ms);
  }
  if (!tag_block.source.empty()) {
    key("s:");
    out += tag_block.source;
  }
  if (!tag_block.destination.empty()) {
    key("d:");
    out += tag_block.destination;
  }
  if (tag_block.line_count) {
    key("n:");
    append_int(out, *tag_block.line_count);
  }
  if (tag_block.relative_time) {
    key("r:");
    append_int(out, *tag_block.relative_time);
  }
  if (!tag_block.text.empty()) {
    key("t:");
    out += tag_block.text;
  }
  append_checksum(out, body);
  out += '\\';
}

}  // namespace darkfleet::nmea
