// libFuzzer target for the AIS payload decoder and encoder.
//
// Input: byte 0 = fill bits (taken & 7, so 6 and 7 exercise bad_fill_bits), the rest =
// payload characters (any bytes). Every successful decode must
//   1. re-encode to the same bits (same length and fill bits; characters equal up to the
//      pad bits of the last one), and
//   2. decode again to an equal message.
// A violation aborts, so libFuzzer records the input. Each crash becomes a test in
// src/ais/bad_input_test.cpp.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/encode.hpp"

namespace {

int six_bit(char c) {
  const int v = static_cast<unsigned char>(c) - '0';
  return v > 39 ? v - 8 : v;
}

bool same_bits(std::string_view input, std::uint8_t input_fill, const std::string& again,
               std::uint8_t again_fill) {
  if (again.size() != input.size() || again_fill != input_fill) return false;
  if (input.empty()) return true;
  if (input.substr(0, input.size() - 1) != std::string_view(again).substr(0, again.size() - 1)) {
    return false;
  }
  const int mask = 0x3F & ~((1 << input_fill) - 1);
  return (six_bit(input.back()) & mask) == (six_bit(again.back()) & mask);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto fill = static_cast<std::uint8_t>(data[0] & 7U);
  const std::string_view payload(reinterpret_cast<const char*>(data + 1), size - 1);

  darkfleet::ais::Message message;
  if (!darkfleet::ais::decode(payload, fill, message)) return 0;

  std::uint8_t again_fill = 0;
  const std::string again = darkfleet::ais::encode_payload(message, again_fill);
  if (!same_bits(payload, fill, again, again_fill)) std::abort();

  const auto back = darkfleet::ais::decode(again, again_fill);
  if (!back || *back != message) std::abort();
  return 0;
}
