// NmeaDecoder: the per-line loop. Single-sentence messages (about 90 % of traffic) go
// straight from the framer to the payload decoder into a reused batch slot; only
// multi-sentence messages pass through the Assembler.
#include "darkfleet/io/nmea_decoder.hpp"

#include <numeric>

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

struct NmeaDecoder::Impl final : nmea::AssemblerSink {
  DecodeOptions options;
  nmea::Assembler assembler;
  std::vector<DecodedMessage> batch;
  std::size_t batch_count = 0;
  DecodeSink* sink = nullptr;
  DecodeStats* stats = nullptr;
  nmea::Sentence sentence;  // reused for every line

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
};

NmeaDecoder::NmeaDecoder(DecodeOptions options) : m_impl(std::make_unique<Impl>(options)) {}
NmeaDecoder::~NmeaDecoder() = default;

DecodeStats NmeaDecoder::decode(InputStream& input, DecodeSink& sink) {
  Impl& im = *m_impl;
  DecodeStats stats;
  im.sink = &sink;
  im.stats = &stats;
  im.batch_count = 0;

  LineReader reader(input, im.options.max_line_bytes);
  Line line;
  while (reader.next(line)) {
    ++stats.lines;
    if ((stats.lines & 0xFFFFU) == 0) sink.on_progress(input, stats);
    if (line.too_long) {
      im.reject(line.number, line.text, ErrorCode::line_too_long);
      continue;
    }
    nmea::Sentence& sentence = im.sentence;
    const auto framed = nmea::parse_line(line.text, sentence);
    if (!framed) {
      im.reject(line.number, line.text, framed.error());
      continue;
    }
    if (sentence.fragment_count > 1) {
      im.assembler.push(sentence, line.number, line.text, im);
      continue;
    }
    DecodedMessage& slot = im.batch[im.batch_count];
    const auto decoded = ais::decode(sentence.payload, sentence.fill_bits, slot.message);
    if (!decoded) {
      im.reject(line.number, line.text, decoded.error());
      continue;
    }
    im.keep(slot, sentence, 1, line.number);
  }
  stats.bytes = reader.bytes_consumed();
  im.assembler.flush(im);
  im.flush_batch();
  sink.on_progress(input, stats);
  return stats;
}

}  // namespace darkfleet::io
