// Splitting an encoded payload into !AIVDM / !AIVDO sentences (needs darkfleet::nmea).
// Kept apart from encode.cpp so that code using only the payload encoder does not pull
// in the nmea writer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "darkfleet/ais/encode.hpp"
#include "darkfleet/nmea/writer.hpp"

namespace darkfleet::ais {

std::vector<std::string> encode_sentences(const Message& message, const EncodeOptions& options) {
  std::string payload;
  const std::uint8_t fill_bits = append_payload(payload, message);
  const std::size_t per = std::clamp<std::size_t>(options.max_payload_chars, 1, 60);
  const std::size_t count = payload.empty() ? 1 : (payload.size() + per - 1) / per;

  std::vector<std::string> sentences;
  sentences.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    nmea::SentenceFields fields;
    fields.talker = options.talker;
    fields.own_ship = options.own_ship;
    fields.fragment_count = static_cast<std::uint8_t>(count);
    fields.fragment_number = static_cast<std::uint8_t>(i + 1);
    fields.sequence_id = options.sequence_id;
    fields.channel = options.channel;
    fields.payload = std::string_view(payload).substr(i * per, per);
    fields.fill_bits = i + 1 == count ? fill_bits : std::uint8_t{0};
    std::string line;
    nmea::append_sentence(line, fields);
    sentences.push_back(std::move(line));
  }
  return sentences;
}

}  // namespace darkfleet::ais
