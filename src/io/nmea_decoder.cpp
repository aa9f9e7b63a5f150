// NmeaDecoder: the per-line loop. Single-sentence messages (about 90 % of traffic) go
// straight from the framer to the payload decoder into a reused batch slot. A two-sentence
// message whose fragments come on adjacent lines while nothing else is pending (the common
// case in clean feeds) is joined here too; everything else passes through the Assembler.
#include "darkfleet/io/nmea_decoder.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <string>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/io/line_reader.hpp"

namespace darkfleet::io {

std::uint64_t DecodeStats::rejected() const {
  return std::accumulate(rejected_lines.begin(), rejected_lines.end(), std::uint64_t{0});
}

void DecodeStats::merge(const DecodeStats& other) {
  lines += other.lines;
  bytes += other.bytes;
  lines_in_messages += other.lines_in_messages;
  messages += other.messages;
  messages_written += other.messages_written;
  for (std::size_t i = 0; i < messages_by_type.size(); ++i) {
    messages_by_type[i] += other.messages_by_type[i];
  }
  for (std::size_t i = 0; i < rejected_lines.size(); ++i) {
    rejected_lines[i] += other.rejected_lines[i];
  }
}

namespace {

// `view`, a view into `from`, as the same view into `to` (a copy of `from`).
std::string_view rebase(std::string_view view, const char* from, const char* to) {
  if (view.data() == nullptr) return view;
  return {to + (view.data() - from), view.size()};
}

// a + b, clamped to the int64 range (as the Assembler ages messages).
std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
}

// The reason to reject a one-sentence line whose payload failed to decode with `error`.
// parse_line_for_decoding() leaves the payload's alphabet to the decoder, so the line may
// be one that parse_line() rejects (a stray ',' or '*' in the payload): its reason wins.
ErrorCode framing_error_or(std::string_view line, ErrorCode error) {
  nmea::Sentence sentence;
  const auto framed = nmea::parse_line(line, sentence);
  return framed ? error : framed.error();
}

}  // namespace

struct NmeaDecoder::Impl final : nmea::AssemblerSink {
  DecodeOptions options;
  nmea::Assembler assembler;
  std::vector<DecodedMessage> batch;
  std::size_t batch_count = 0;
  DecodeSink* sink = nullptr;
  DecodeStats* stats = nullptr;
  nmea::Sentence sentence;  // reused for every line

  // Fragment 1 of a two-sentence message, held back for one line: when the next line is
  // its fragment 2 and nothing else is pending, the pair is joined here without the
  // Assembler, exactly as the Assembler would join it (decoder_pairing_test.cpp checks).
  // Otherwise it goes to the Assembler before the next line is handled, so the order of
  // everything handed to the sink is unchanged.
  bool held = false;
  std::string held_line;        // a copy: the reader's line is gone after the next read
  nmea::Sentence held_sentence; // views rebased into held_line
  std::uint64_t held_line_no = 0;
  std::string joined;           // the pair's payload
  std::array<std::string_view, 2> pair_lines{};
  std::array<std::uint64_t, 2> pair_line_numbers{};

  explicit Impl(DecodeOptions opts)
      : options(opts), assembler(opts.assembler), batch(std::max<std::size_t>(opts.batch_size, 1)) {}

  void reject(std::uint64_t line_no, std::string_view text, ErrorCode reason) {
    ++stats->rejected_lines[static_cast<std::size_t>(reason)];
    sink->on_rejected_line(line_no, text, reason);
  }

  // Counts a message decoded into batch[batch_count] and keeps it if its type passes.
  void commit(std::uint64_t lines_used) {
    const std::uint8_t type = ais::message_type(batch[batch_count].message);
    stats->lines_in_messages += lines_used;
    ++stats->messages;
    ++stats->messages_by_type[type & 63U];
    if (options.types.test(type & 63U)) {
      ++stats->messages_written;
      ++batch_count;
    }
  }

  void flush_batch() {
    if (batch_count == 0) return;
    sink->on_batch(std::span<const DecodedMessage>(batch.data(), batch_count));
    batch_count = 0;
  }

  void on_message(const nmea::AssembledMessage& assembled) override {
    DecodedMessage& slot = batch[batch_count];
    const auto decoded = ais::decode(assembled.payload, assembled.fill_bits, slot.message);
    if (!decoded) {
      for (std::size_t i = 0; i < assembled.lines.size(); ++i) {
        const std::uint64_t line_no =
            i < assembled.line_numbers.size() ? assembled.line_numbers[i] : assembled.first_line;
        reject(line_no, assembled.lines[i], decoded.error());
      }
      return;
    }
    keep(slot, assembled, assembled.fragment_count, assembled.first_line);
  }

  // Copies the reception fields of `from` (a Sentence or an AssembledMessage) into the
  // decoded `slot`, counts the message and hands out the batch when it is full.
  template <typename Source>
  void keep(DecodedMessage& slot, const Source& from, std::uint8_t fragments,
            std::uint64_t first_line) {
    slot.receive_time_ms = from.receive_time_ms;
    slot.time_source = from.time_source;
    slot.station.assign(from.station);
    slot.channel = from.channel;
    slot.own_ship = from.own_ship;
    slot.fragment_count = fragments;
    slot.first_line = first_line;
    commit(fragments);
    if (batch_count == batch.size()) flush_batch();
  }

  void on_rejected_line(std::uint64_t line_no, std::string_view line, ErrorCode reason) override {
    reject(line_no, line, reason);
  }

  static bool grouped(const nmea::Sentence& s) {
    return s.tag_block && s.tag_block->group && s.tag_block->group->count > 1;
  }

  // True when `s` may wait for its fragment 2 on the next line: the Assembler would open a
  // new message for it and hold nothing else that the next push could evict or join.
  bool may_hold(const nmea::Sentence& s) const {
    return s.fragment_count == 2 && s.fragment_number == 1 && assembler.pending() == 0 &&
           !grouped(s) && options.assembler.max_age_lines >= 1;
  }

  void hold(const nmea::Sentence& s, std::string_view line, std::uint64_t line_no) {
    held_line.assign(line);
    const char* from = line.data();
    const char* to = held_line.data();
    held_sentence = s;
    held_sentence.talker = rebase(s.talker, from, to);
    held_sentence.payload = rebase(s.payload, from, to);
    held_sentence.station = rebase(s.station, from, to);
    if (held_sentence.tag_block) {
      nmea::TagBlock& tag = *held_sentence.tag_block;
      tag.source = rebase(tag.source, from, to);
      tag.destination = rebase(tag.destination, from, to);
      tag.text = rebase(tag.text, from, to);
    }
    held_line_no = line_no;
    held = true;
  }

  // Hands the held fragment to the Assembler, as if it had gone there when it was read.
  void release_held() {
    if (!held) return;
    held = false;
    assembler.push(held_sentence, held_line_no, held_line, *this);
  }

  // True when `s`, read on the line after the held fragment, is its fragment 2 and the
  // Assembler would join the two: same key, and fragment 1 not aged out by `s`'s time.
  bool completes_held(const nmea::Sentence& s) const {
    const nmea::Sentence& h = held_sentence;
    if (s.fragment_count != 2 || s.fragment_number != 2 || grouped(s) ||
        s.sequence_id != h.sequence_id || s.channel != h.channel || s.own_ship != h.own_ship ||
        s.station != h.station) {
      return false;
    }
    return !(h.receive_time_ms && s.receive_time_ms &&
             saturating_add(*h.receive_time_ms, options.assembler.max_age_ms) < *s.receive_time_ms);
  }

  // Joins the held fragment 1 with `s` (fragment 2, from `line`) as Assembler::complete does.
  void complete_held(const nmea::Sentence& s, std::string_view line, std::uint64_t line_no) {
    held = false;
    joined.assign(held_sentence.payload);
    joined.append(s.payload);
    nmea::AssembledMessage message;
    message.payload = joined;
    message.fill_bits = s.fill_bits;
    message.fragment_count = 2;
    message.first_line = held_line_no;
    message.last_line = line_no;
    message.channel = held_sentence.channel;
    message.own_ship = held_sentence.own_ship;
    message.station = held_sentence.station;
    if (held_sentence.receive_time_ms) {
      message.receive_time_ms = held_sentence.receive_time_ms;
      message.time_source = held_sentence.time_source;
    } else if (s.receive_time_ms) {
      message.receive_time_ms = s.receive_time_ms;
      message.time_source = s.time_source;
    }
    pair_lines = {held_line, line};
    pair_line_numbers = {held_line_no, line_no};
    message.lines = pair_lines;
    message.line_numbers = pair_line_numbers;
    on_message(message);
  }
};

NmeaDecoder::NmeaDecoder(DecodeOptions options) : m_impl(std::make_unique<Impl>(options)) {}
NmeaDecoder::~NmeaDecoder() = default;

DecodeStats NmeaDecoder::decode(InputStream& input, DecodeSink& sink) {
  Impl& im = *m_impl;
  DecodeStats stats;
  im.sink = &sink;
  im.stats = &stats;
  im.batch_count = 0;
  im.held = false;  // a previous input that ended in an exception leaves nothing behind

  LineReader reader(input, im.options.max_line_bytes);
  Line line;
  while (reader.next(line)) {
    ++stats.lines;
    if ((stats.lines & 0xFFFFU) == 0) sink.on_progress(input, stats);
    if (line.too_long) {
      im.release_held();
      im.reject(line.number, line.text, ErrorCode::line_too_long);
      continue;
    }
    nmea::Sentence& sentence = im.sentence;
    const auto framed = nmea::parse_line_for_decoding(line.text, sentence);
    if (!framed) {
      im.release_held();
      im.reject(line.number, line.text, framed.error());
      continue;
    }
    if (sentence.fragment_count > 1) {
      if (im.held) {
        if (im.completes_held(sentence)) {
          im.complete_held(sentence, line.text, line.number);
          continue;
        }
        im.release_held();
      }
      if (im.may_hold(sentence)) {
        im.hold(sentence, line.text, line.number);
      } else {
        im.assembler.push(sentence, line.number, line.text, im);
      }
      continue;
    }
    im.release_held();
    DecodedMessage& slot = im.batch[im.batch_count];
    const auto decoded = ais::decode(sentence.payload, sentence.fill_bits, slot.message);
    if (!decoded) {
      im.reject(line.number, line.text, framing_error_or(line.text, decoded.error()));
      continue;
    }
    im.keep(slot, sentence, 1, line.number);
  }
  stats.bytes = reader.bytes_consumed();
  im.release_held();
  im.assembler.flush(im);
  im.flush_batch();
  sink.on_progress(input, stats);
  return stats;
}

}  // namespace darkfleet::io
