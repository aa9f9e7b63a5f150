// The decoded form of AIS messages 1-27 (ITU-R M.1371-5), one struct per message kind.
//
// Messages hold everything in fixed-size storage (no heap), so decoding never allocates.
// Physical quantities carry their unit in the name (`speed_kn`, `lat_deg`, `draught_m`);
// "not available" codes become an empty std::optional. Enumerations (navigation status,
// ship type, EPFD, ...) stay raw integers so that writers can print both the code and
// gpsd's text. Spare, reserved and radio-status bits are kept raw so that encoding a
// decoded message reproduces the payload bit for bit. Field names follow gpsd's JSON
// (AIVDM/AIVDO protocol decoding, E. S. Raymond) plus a unit suffix where there is a unit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace darkfleet::ais {

/// The longest payload darkfleet accepts, in bits: 512 armoured characters (ITU-R M.1371
/// messages are at most 5 slots = 1008 bits). Longer payloads are rejected with
/// ErrorCode::payload_too_long.
inline constexpr std::size_t k_max_payload_bits = 3072;

/// Text in AIS six-bit ASCII ('@' = 0 ... '_' = 31, ' ' = 32 ... '?' = 63), stored inline.
///
/// `chars[0, length)` are the characters as transmitted, padding included (fixed-width
/// fields such as a ship name always have `length == N` after decoding). `size` is the
/// length of the visible text as gpsd prints it: up to the first '@' (the padding
/// character), trailing spaces trimmed; see trim(). The encoder writes `chars[0, length)`
/// and pads fixed-width fields with '@', so a decoded text re-encodes to the same bits.
/// Invariant: chars at index >= length are '\0'; size <= length <= N.
template <std::size_t N>
struct Text {
  static_assert(N < 65536);
  std::array<char, N> chars{};  ///< characters as transmitted (ASCII of the six-bit code)
  std::uint16_t length = 0;     ///< characters transmitted (including padding)
  std::uint16_t size = 0;       ///< visible characters (up to the first '@', trailing ' ' trimmed)

  /// The visible text: up to the first '@', without trailing spaces.
  [[nodiscard]] std::string_view view() const { return {chars.data(), size}; }
  /// Capacity in characters.
  [[nodiscard]] static constexpr std::size_t capacity() { return N; }
  /// Sets the text to `text` (truncated to N characters). Lower-case letters become
  /// upper case and characters outside six-bit ASCII become '?'. `size` is then the
  /// trimmed length; `length` is the number of characters stored.
  void assign(std::string_view text) {
    chars = {};
    length = static_cast<std::uint16_t>(text.size() < N ? text.size() : N);
    for (std::size_t i = 0; i < length; ++i) {
      char c = text[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c < ' ' || c > '_') c = '?';
      chars[i] = c;
    }
    trim();
  }
  /// Recomputes `size` from `chars[0, length)` as gpsd does: the text ends at the first
  /// '@' (the six-bit padding character), then trailing spaces are dropped.
  void trim() {
    size = 0;
    while (size < length && chars[size] != '@') ++size;
    while (size > 0 && chars[size - 1U] == ' ') --size;
  }
  friend bool operator==(const Text&, const Text&) = default;
};

/// Binary application data (types 6, 8, 17, 25, 26), stored inline, big-endian bit order:
/// bit 0 of the data is the most significant bit of `bytes[0]`. Bits at index
/// >= bit_count are zero (invariant kept by the decoder; the encoder ignores them).
struct BinaryData {
  std::array<std::uint8_t, k_max_payload_bits / 8> bytes{};  ///< the data bits, MSB first
  std::uint16_t bit_count = 0;                               ///< number of valid bits

  /// The number of whole or partial bytes that hold data: ceil(bit_count / 8).
  [[nodiscard]] std::size_t byte_count() const { return (bit_count + 7U) / 8U; }
  friend bool operator==(const BinaryData&, const BinaryData&) = default;
};

/// Bits after the last field the decoder reads: the 2, 4 or 6 spare bits that pad types
/// 16, 20, 21 and 24A to a byte boundary, an incomplete acknowledgement or reservation
/// block, the < 6 bits after the last text character, or up to 63 bits beyond a type's
/// standard length (gpsd accepts and ignores those; so do we). Kept so that re-encoding
/// reproduces the payload; `value` holds them right-aligned.
struct TrailingBits {
  std::uint8_t bit_count = 0;  ///< 0..63
  std::uint64_t value = 0;     ///< the bits, right-aligned (value < 2^bit_count)
  friend bool operator==(const TrailingBits&, const TrailingBits&) = default;
};

/// The fields at the start of every AIS message.
struct Header {
  std::uint8_t type = 0;    ///< message type 1..27
  std::uint8_t repeat = 0;  ///< repeat indicator 0..3 (3 = do not repeat any more)
  std::uint32_t mmsi = 0;   ///< source MMSI, 30 bits
  friend bool operator==(const Header&, const Header&) = default;
};

/// Rate of turn in degrees per minute from the raw ROT_AIS value (`turn_raw`):
/// sign * (raw / 4.733)^2. Empty for -128 (not available) and for +-127 (turning faster
/// than 5 deg per 30 s without a turn indicator; gpsd prints "fastright"/"fastleft").
/// +-126 means 708 deg/min or more.
inline std::optional<double> turn_deg_per_min(std::int8_t turn_raw) {
  if (turn_raw == -128 || turn_raw == 127 || turn_raw == -127) return std::nullopt;
  const double r = static_cast<double>(turn_raw) / 4.733;
  return turn_raw < 0 ? -(r * r) : r * r;
}

// ---------------------------------------------------------------------------------------
// Types 1, 2, 3

/// Class A position report (types 1, 2 and 3; 168 bits).
struct PositionReport {
  Header header;                     ///< type 1 (scheduled), 2 (assigned) or 3 (interrogated)
  std::uint8_t status = 15;          ///< navigation status 0..15 (15 = not defined)
  std::int8_t turn_raw = -128;       ///< ROT_AIS, raw; -128 = not available; see turn_deg_per_min()
  std::optional<double> speed_kn;    ///< speed over ground, 0.1 kn; 1023 -> empty; 102.2 = >= 102.2
  bool accuracy = false;             ///< position accuracy: true = high (<= 10 m, DGNSS)
  std::optional<double> lon_deg;     ///< longitude, 1/10000 min; 181 -> empty
  std::optional<double> lat_deg;     ///< latitude, 1/10000 min; 91 -> empty
  std::optional<double> course_deg;  ///< course over ground, 0.1 deg; 3600 -> empty
  std::optional<std::uint16_t> heading_deg;  ///< true heading 0..359; 511 -> empty
  std::uint8_t second = 60;   ///< UTC second of the fix; 60 = n/a, 61..63 special modes
  std::uint8_t maneuver = 0;  ///< special manoeuvre indicator 0..2 (0 = n/a)
  std::uint8_t spare = 0;     ///< 3 spare bits, raw
  bool raim = false;          ///< RAIM in use
  std::uint32_t radio = 0;    ///< communication state, 19 bits raw (SOTDMA/ITDMA)
  TrailingBits tail;          ///< bits beyond the standard length (usually none)
  friend bool operator==(const PositionReport&, const PositionReport&) = default;
};

// ---------------------------------------------------------------------------------------
// Types 4 and 11

/// Base station report (type 4) or UTC/date response (type 11); 168 bits. The date and
/// time parts are raw, as gpsd prints them ("0000-00-00T24:60:60Z" when not available).
struct BaseStationReport {
  Header header;                  ///< type 4 or 11
  std::uint16_t year = 0;         ///< UTC year 1..9999; 0 = n/a
  std::uint8_t month = 0;         ///< 1..12; 0 = n/a
  std::uint8_t day = 0;           ///< 1..31; 0 = n/a
  std::uint8_t hour = 24;         ///< 0..23; 24 = n/a
  std::uint8_t minute = 60;       ///< 0..59; 60 = n/a
  std::uint8_t second = 60;       ///< 0..59; 60 = n/a
  bool accuracy = false;          ///< position accuracy: true = high
  std::optional<double> lon_deg;  ///< longitude, 1/10000 min; 181 -> empty
  std::optional<double> lat_deg;  ///< latitude, 1/10000 min; 91 -> empty
  std::uint8_t epfd = 0;          ///< type of position fixing device 0..15 (0 = undefined)
  std::uint16_t spare = 0;        ///< 10 spare bits, raw (bit 138 is "long-range control" in -5)
  bool raim = false;              ///< RAIM in use
  std::uint32_t radio = 0;        ///< communication state, 19 bits raw (SOTDMA)
  TrailingBits tail;              ///< bits beyond the standard length (usually none)
  friend bool operator==(const BaseStationReport&, const BaseStationReport&) = default;
};

// ---------------------------------------------------------------------------------------
// Type 5

/// Class A static and voyage related data (type 5; 424 bits, 420..423 accepted: some
/// transponders send 420 or 422 bits, the missing bits then read as 0 and are counted in
/// `missing_bits`).
struct StaticVoyage {
  Header header;                    ///< type 5
  std::uint8_t ais_version = 0;     ///< 0 = ITU-R M.1371-1, 1 = -3, 2 = -5, 3 = future
  std::uint32_t imo = 0;            ///< IMO number, 30 bits raw; 0 = n/a
  Text<7> callsign;                 ///< call sign, 7 six-bit chars
  Text<20> shipname;                ///< vessel name, 20 six-bit chars
  std::uint8_t shiptype = 0;        ///< ship and cargo type 0..255 (0 = n/a)
  std::uint16_t to_bow_m = 0;       ///< reference point to bow, m, 0..511 (511 = >= 511); 0 = n/a
  std::uint16_t to_stern_m = 0;     ///< reference point to stern, m, 0..511; 0 = n/a
  std::uint8_t to_port_m = 0;       ///< reference point to port, m, 0..63 (63 = >= 63); 0 = n/a
  std::uint8_t to_starboard_m = 0;  ///< reference point to starboard, m, 0..63; 0 = n/a
  std::uint8_t epfd = 0;            ///< type of position fixing device 0..15
  std::uint8_t eta_month = 0;       ///< ETA month 1..12; 0 = n/a
  std::uint8_t eta_day = 0;         ///< ETA day 1..31; 0 = n/a
  std::uint8_t eta_hour = 24;       ///< ETA hour 0..23; 24 = n/a
  std::uint8_t eta_minute = 60;     ///< ETA minute 0..59; 60 = n/a
  std::optional<double>
      draught_m;         ///< maximum present static draught, 0.1 m; 0 -> empty; 25.5 = >= 25.5
  Text<20> destination;  ///< destination, 20 six-bit chars
  bool dte = true;       ///< data terminal equipment: false = available, true = not ready
  bool spare = false;    ///< 1 spare bit, raw
  std::uint8_t missing_bits = 0;  ///< 0..4: bits short of 424 as received (re-encoding drops them)
  TrailingBits tail;              ///< bits beyond the standard length (usually none)
  friend bool operator==(const StaticVoyage&, const StaticVoyage&) = default;
};

// ---------------------------------------------------------------------------------------
// Types 6, 7/13, 8

/// Addressed binary message (type 6; 88..k_max_payload_bits bits, ITU limit 1008).
struct BinaryAddressed {
  Header header;                ///< type 6
  std::uint8_t seqno = 0;       ///< sequence number 0..3
  std::uint32_t dest_mmsi = 0;  ///< destination MMSI
  bool retransmit = false;      ///< retransmit flag (true = retransmitted)
  bool spare = false;           ///< 1 spare bit, raw
  std::uint16_t dac = 0;        ///< designated area code, 10 bits
  std::uint8_t fid = 0;         ///< function identifier, 6 bits
  BinaryData data;              ///< application data after dac/fid (gpsd "data": "bits:hex")
  friend bool operator==(const BinaryAddressed&, const BinaryAddressed&) = default;
};

/// One acknowledged station in a type 7 or 13 message.
struct Acknowledgement {
  std::uint32_t mmsi = 0;  ///< MMSI of the acknowledged station (gpsd mmsiN)
  std::uint8_t seqno = 0;  ///< sequence number of the acknowledged message 0..3
  friend bool operator==(const Acknowledgement&, const Acknowledgement&) = default;
};

/// Binary acknowledge (type 7) or safety related acknowledge (type 13): 1..4 blocks of
/// 32 bits after 40 bits (72, 104, 136 or 168 bits).
struct BinaryAck {
  Header header;                          ///< type 7 or 13
  std::uint8_t spare = 0;                 ///< 2 spare bits, raw
  std::uint8_t count = 1;                 ///< number of valid entries in `acks`, 1..4
  std::array<Acknowledgement, 4> acks{};  ///< acks[i] is gpsd's mmsi{i+1}; unused entries zero
  TrailingBits tail;                      ///< bits after the last complete block
  friend bool operator==(const BinaryAck&, const BinaryAck&) = default;
};

/// Binary broadcast message (type 8; 56..k_max_payload_bits bits, ITU limit 1008).
struct BinaryBroadcast {
  Header header;           ///< type 8
  std::uint8_t spare = 0;  ///< 2 spare bits, raw
  std::uint16_t dac = 0;   ///< designated area code, 10 bits
  std::uint8_t fid = 0;    ///< function identifier, 6 bits
  BinaryData data;         ///< application data after dac/fid
  friend bool operator==(const BinaryBroadcast&, const BinaryBroadcast&) = default;
};

// ---------------------------------------------------------------------------------------
// Types 9, 10

/// Standard SAR aircraft position report (type 9; 168 bits).
struct SarAircraftPosition {
  Header header;  ///< type 9
  std::optional<std::uint16_t>
      altitude_m;  ///< altitude (GNSS), m, 0..4094 (4094 = >= 4094); 4095 -> empty
  std::optional<std::uint16_t>
      speed_kn;                      ///< speed over ground, 1 kn; 1023 -> empty; 1022 = >= 1022
  bool accuracy = false;             ///< position accuracy: true = high
  std::optional<double> lon_deg;     ///< longitude, 1/10000 min; 181 -> empty
  std::optional<double> lat_deg;     ///< latitude, 1/10000 min; 91 -> empty
  std::optional<double> course_deg;  ///< course over ground, 0.1 deg; 3600 -> empty
  std::uint8_t second = 60;          ///< UTC second; 60 = n/a
  std::uint8_t regional = 0;  ///< 8 bits raw (M.1371-5: top bit = altitude sensor, 1 = barometric)
  bool dte = true;            ///< false = data terminal ready
  std::uint8_t spare = 0;     ///< 3 spare bits, raw
  bool assigned = false;      ///< assigned-mode flag
  bool raim = false;          ///< RAIM in use
  std::uint32_t radio = 0;    ///< comm-state selector + communication state, 20 bits raw
  TrailingBits tail;          ///< bits beyond the standard length (usually none)
  friend bool operator==(const SarAircraftPosition&, const SarAircraftPosition&) = default;
};

/// UTC/date inquiry (type 10; 72 bits).
struct UtcInquiry {
  Header header;                ///< type 10
  std::uint8_t spare = 0;       ///< 2 spare bits, raw
  std::uint32_t dest_mmsi = 0;  ///< destination MMSI
  std::uint8_t spare2 = 0;      ///< 2 spare bits, raw
  TrailingBits tail;            ///< bits beyond the standard length (usually none)
  friend bool operator==(const UtcInquiry&, const UtcInquiry&) = default;
};

// ---------------------------------------------------------------------------------------
// Types 12, 14

/// Most characters a type 12 text can hold within k_max_payload_bits.
inline constexpr std::size_t k_max_text12_chars = (k_max_payload_bits - 72) / 6;
/// Most characters a type 14 text can hold within k_max_payload_bits.
inline constexpr std::size_t k_max_text14_chars = (k_max_payload_bits - 40) / 6;

/// Addressed safety related message (type 12; 72 bits + text).
struct SafetyAddressed {
  Header header;                  ///< type 12
  std::uint8_t seqno = 0;         ///< sequence number 0..3
  std::uint32_t dest_mmsi = 0;    ///< destination MMSI
  bool retransmit = false;        ///< retransmit flag
  bool spare = false;             ///< 1 spare bit, raw
  Text<k_max_text12_chars> text;  ///< safety text (gpsd "text")
  TrailingBits tail;              ///< 0..5 bits after the last whole character
  friend bool operator==(const SafetyAddressed&, const SafetyAddressed&) = default;
};

/// Safety related broadcast message (type 14; 40 bits + text).
struct SafetyBroadcast {
  Header header;                  ///< type 14
  std::uint8_t spare = 0;         ///< 2 spare bits, raw
  Text<k_max_text14_chars> text;  ///< safety text (gpsd "text")
  TrailingBits tail;              ///< 0..5 bits after the last whole character
  friend bool operator==(const SafetyBroadcast&, const SafetyBroadcast&) = default;
};

// ---------------------------------------------------------------------------------------
// Types 15, 16

/// Interrogation (type 15). `requests` says which form was sent: 1 = station 1 for one
/// message (88 bits), 2 = station 1 for two messages (110 bits), 3 = also station 2 for
/// one message (160 bits). Fields of absent requests are zero. As gpsd does, a payload
/// longer than 90 bits has a second request and one longer than 110 bits a third; bits
/// missing from the last request read as 0 and are counted in `missing_bits` (so a
/// 112-bit message is requests = 3 with missing_bits = 48).
struct Interrogation {
  Header header;                ///< type 15
  std::uint8_t spare = 0;       ///< 2 spare bits after the header, raw
  std::uint8_t requests = 1;    ///< 1, 2 or 3, see above
  std::uint32_t mmsi1 = 0;      ///< interrogated station 1
  std::uint8_t type1_1 = 0;     ///< first message type requested from station 1
  std::uint16_t offset1_1 = 0;  ///< slot offset for the reply, 12 bits
  std::uint8_t spare2 = 0;      ///< 2 spare bits, raw
  std::uint8_t type1_2 = 0;     ///< second message type requested from station 1 (requests >= 2)
  std::uint16_t offset1_2 = 0;  ///< its slot offset
  std::uint8_t spare3 = 0;      ///< 2 spare bits, raw (requests >= 2)
  std::uint32_t mmsi2 = 0;      ///< interrogated station 2 (requests == 3)
  std::uint8_t type2_1 = 0;     ///< message type requested from station 2
  std::uint16_t offset2_1 = 0;  ///< its slot offset
  std::uint8_t spare4 = 0;      ///< 2 spare bits, raw (requests == 3)
  TrailingBits tail;  ///< requests 1: the 1 or 2 bits of an 89/90-bit message; 3: bits past 160
  std::uint8_t missing_bits = 0;  ///< bits short of the form's 110 or 160 (re-encoding drops them)
  friend bool operator==(const Interrogation&, const Interrogation&) = default;
};

/// One assignment in a type 16 message.
struct Assignment {
  std::uint32_t mmsi = 0;       ///< destination MMSI (gpsd mmsiN)
  std::uint16_t offset = 0;     ///< slot offset, 12 bits (gpsd offsetN)
  std::uint16_t increment = 0;  ///< increment, 10 bits (gpsd incrementN)
  friend bool operator==(const Assignment&, const Assignment&) = default;
};

/// Assigned mode command (type 16): 1 assignment (96 bits: 92 + 4 spare, kept in
/// `tail`) or 2 assignments (144 bits).
struct AssignmentCommand {
  Header header;                            ///< type 16
  std::uint8_t spare = 0;                   ///< 2 spare bits, raw
  std::uint8_t count = 1;                   ///< 1 or 2 valid entries in `assignments`
  std::array<Assignment, 2> assignments{};  ///< unused entry zero
  TrailingBits tail;  ///< bits after the last assignment (4 spare in the 96-bit form)
  friend bool operator==(const AssignmentCommand&, const AssignmentCommand&) = default;
};

// ---------------------------------------------------------------------------------------
// Type 17

/// GNSS broadcast binary message (type 17; 80 bits + DGNSS correction data).
struct DgnssBroadcast {
  Header header;                  ///< type 17
  std::uint8_t spare = 0;         ///< 2 spare bits, raw
  std::optional<double> lon_deg;  ///< reference station longitude, 1/10 min; 181 -> empty
  std::optional<double> lat_deg;  ///< reference station latitude, 1/10 min; 91 -> empty
  std::uint8_t spare2 = 0;        ///< 5 spare bits, raw
  BinaryData data;                ///< DGNSS correction data (RTCM SC-104 words)
  friend bool operator==(const DgnssBroadcast&, const DgnssBroadcast&) = default;
};

// ---------------------------------------------------------------------------------------
// Types 18, 19

/// Standard class B position report (type 18; 168 bits).
struct ClassBPosition {
  Header header;                             ///< type 18
  std::uint8_t reserved = 0;                 ///< 8 bits for regional applications, raw
  std::optional<double> speed_kn;            ///< speed over ground, 0.1 kn; 1023 -> empty
  bool accuracy = false;                     ///< position accuracy: true = high
  std::optional<double> lon_deg;             ///< longitude, 1/10000 min; 181 -> empty
  std::optional<double> lat_deg;             ///< latitude, 1/10000 min; 91 -> empty
  std::optional<double> course_deg;          ///< course over ground, 0.1 deg; 3600 -> empty
  std::optional<std::uint16_t> heading_deg;  ///< true heading 0..359; 511 -> empty
  std::uint8_t second = 60;                  ///< UTC second; 60 = n/a
  std::uint8_t regional = 0;                 ///< 2 bits for regional applications, raw
  bool cs = false;          ///< class B unit flag: true = carrier-sense (CS) unit, false = SOTDMA
  bool display = false;     ///< has an integrated display
  bool dsc = false;         ///< has a DSC function
  bool band = false;        ///< can use the whole marine band
  bool msg22 = false;       ///< accepts channel management by message 22
  bool assigned = false;    ///< assigned mode
  bool raim = false;        ///< RAIM in use
  std::uint32_t radio = 0;  ///< comm-state selector + communication state, 20 bits raw
  TrailingBits tail;        ///< bits beyond the standard length (usually none)
  friend bool operator==(const ClassBPosition&, const ClassBPosition&) = default;
};

/// Extended class B position report (type 19; 312 bits).
struct ClassBExtended {
  Header header;                             ///< type 19
  std::uint8_t reserved = 0;                 ///< 8 bits for regional applications, raw
  std::optional<double> speed_kn;            ///< speed over ground, 0.1 kn; 1023 -> empty
  bool accuracy = false;                     ///< position accuracy: true = high
  std::optional<double> lon_deg;             ///< longitude, 1/10000 min; 181 -> empty
  std::optional<double> lat_deg;             ///< latitude, 1/10000 min; 91 -> empty
  std::optional<double> course_deg;          ///< course over ground, 0.1 deg; 3600 -> empty
  std::optional<std::uint16_t> heading_deg;  ///< true heading 0..359; 511 -> empty
  std::uint8_t second = 60;                  ///< UTC second; 60 = n/a
  std::uint8_t regional = 0;                 ///< 4 bits for regional applications, raw
  Text<20> shipname;                         ///< vessel name, 20 six-bit chars
  std::uint8_t shiptype = 0;                 ///< ship and cargo type (0 = n/a)
  std::uint16_t to_bow_m = 0;                ///< reference point to bow, m (0 = n/a, 511 = >= 511)
  std::uint16_t to_stern_m = 0;              ///< reference point to stern, m
  std::uint8_t to_port_m = 0;                ///< reference point to port, m (63 = >= 63)
  std::uint8_t to_starboard_m = 0;           ///< reference point to starboard, m
  std::uint8_t epfd = 0;                     ///< type of position fixing device
  bool raim = false;                         ///< RAIM in use
  bool dte = true;                           ///< false = data terminal ready
  bool assigned = false;                     ///< assigned mode
  std::uint8_t spare = 0;                    ///< 4 spare bits, raw
  TrailingBits tail;                         ///< bits beyond the standard length (usually none)
  friend bool operator==(const ClassBExtended&, const ClassBExtended&) = default;
};

// ---------------------------------------------------------------------------------------
// Type 20

/// One reserved-slot block of a type 20 message.
struct SlotReservation {
  std::uint16_t offset = 0;  ///< reserved offset number, 12 bits (gpsd offsetN); 0 = block unused
  std::uint8_t number = 0;   ///< number of reserved consecutive slots 0..15 (gpsd numberN)
  std::uint8_t timeout = 0;  ///< time-out in minutes 0..7 (gpsd timeoutN)
  std::uint16_t increment = 0;  ///< increment, 11 bits (gpsd incrementN)
  friend bool operator==(const SlotReservation&, const SlotReservation&) = default;
};

/// Data link management message (type 20): 1..4 blocks of 30 bits after 40 bits, padded
/// with 2, 4, 6 or 0 spare bits to 72, 104, 136 or 160 bits.
struct DataLinkManagement {
  Header header;                           ///< type 20
  std::uint8_t spare = 0;                  ///< 2 spare bits, raw
  std::uint8_t count = 1;                  ///< number of valid entries in `slots`, 1..4
  std::array<SlotReservation, 4> slots{};  ///< unused entries zero
  TrailingBits tail;                       ///< bits after the last block (the spare padding)
  friend bool operator==(const DataLinkManagement&, const DataLinkManagement&) = default;
};

// ---------------------------------------------------------------------------------------
// Type 21

/// Aid-to-navigation report (type 21; 272 bits + 0..88 bits of name extension).
struct AidToNavigation {
  Header header;                    ///< type 21
  std::uint8_t aid_type = 0;        ///< type of aid to navigation 0..31 (0 = not specified)
  Text<20> name;                    ///< name, first 20 six-bit chars
  bool accuracy = false;            ///< position accuracy: true = high
  std::optional<double> lon_deg;    ///< longitude, 1/10000 min; 181 -> empty
  std::optional<double> lat_deg;    ///< latitude, 1/10000 min; 91 -> empty
  std::uint16_t to_bow_m = 0;       ///< reference point to bow, m (0 = n/a)
  std::uint16_t to_stern_m = 0;     ///< reference point to stern, m
  std::uint8_t to_port_m = 0;       ///< reference point to port, m
  std::uint8_t to_starboard_m = 0;  ///< reference point to starboard, m
  std::uint8_t epfd = 0;            ///< type of position fixing device
  std::uint8_t second = 60;         ///< UTC second; 60 = n/a
  bool off_position = false;        ///< off-position indicator (meaningful when second < 60)
  std::uint8_t regional = 0;        ///< 8 bits reserved for regional use, raw
  bool raim = false;                ///< RAIM in use
  bool virtual_aid = false;         ///< true = virtual AtoN, false = real
  bool assigned = false;            ///< assigned mode
  bool spare = false;               ///< 1 spare bit, raw
  Text<14> name_ext;                ///< name extension, 0..14 six-bit chars (length = chars sent)
  TrailingBits tail;  ///< spare bits after the extension (0..5; up to 63 past 14 chars)
  friend bool operator==(const AidToNavigation&, const AidToNavigation&) = default;
};

/// The full name of an aid to navigation as gpsd 3.22 prints it: the 20-character name cut
/// at its first '@'; when that leaves all 20 characters, the extension (cut at its first
/// '@') appended; then trailing spaces trimmed from the whole. A space-padded name thus
/// keeps its inner spaces before a non-empty extension ("NAME      X").
inline Text<34> full_name(const AidToNavigation& aid) {
  Text<34> out;
  std::size_t n = 0;
  while (n < aid.name.length && aid.name.chars[n] != '@') {
    out.chars[n] = aid.name.chars[n];
    ++n;
  }
  if (n == aid.name.capacity()) {
    for (const char c : aid.name_ext.view()) out.chars[n++] = c;
  }
  while (n > 0 && out.chars[n - 1] == ' ') --n;
  for (std::size_t i = n; i < out.chars.size(); ++i) out.chars[i] = '\0';
  out.length = static_cast<std::uint16_t>(n);
  out.size = static_cast<std::uint16_t>(n);
  return out;
}

// ---------------------------------------------------------------------------------------
// Types 22, 23

/// Channel management (type 22; 168 bits). With `addressed` false the message applies
/// to a rectangle (ne_*/sw_* corners, 1/10 min); with `addressed` true to two stations
/// (dest1/dest2). The fields of the other form are zero.
struct ChannelManagement {
  Header header;                ///< type 22
  std::uint8_t spare = 0;       ///< 2 spare bits, raw
  std::uint16_t channel_a = 0;  ///< channel A number (ITU-R M.1084), 12 bits
  std::uint16_t channel_b = 0;  ///< channel B number, 12 bits
  std::uint8_t txrx = 0;        ///< Tx/Rx mode 0..3 (4 bits raw)
  bool power = false;           ///< true = low power
  double ne_lon_deg = 0.0;      ///< area form: north-east corner longitude, 1/10 min
  double ne_lat_deg = 0.0;      ///< area form: north-east corner latitude, 1/10 min
  double sw_lon_deg = 0.0;      ///< area form: south-west corner longitude, 1/10 min
  double sw_lat_deg = 0.0;      ///< area form: south-west corner latitude, 1/10 min
  std::uint32_t dest1 = 0;      ///< addressed form: first station MMSI
  std::uint8_t empty1 = 0;      ///< addressed form: 5 spare bits after dest1, raw
  std::uint32_t dest2 = 0;      ///< addressed form: second station MMSI
  std::uint8_t empty2 = 0;      ///< addressed form: 5 spare bits after dest2, raw
  bool addressed = false;       ///< which form, see above
  bool band_a = false;          ///< channel A bandwidth: true = 12.5 kHz
  bool band_b = false;          ///< channel B bandwidth: true = 12.5 kHz
  std::uint8_t zonesize = 0;    ///< transitional zone size code, 3 bits raw (gpsd "zonesize")
  std::uint32_t spare2 = 0;     ///< 23 spare bits, raw
  TrailingBits tail;            ///< bits beyond the standard length (usually none)
  friend bool operator==(const ChannelManagement&, const ChannelManagement&) = default;
};

/// Group assignment command (type 23; 160 bits).
struct GroupAssignment {
  Header header;                 ///< type 23
  std::uint8_t spare = 0;        ///< 2 spare bits, raw
  double ne_lon_deg = 0.0;       ///< north-east corner longitude, 1/10 min
  double ne_lat_deg = 0.0;       ///< north-east corner latitude, 1/10 min
  double sw_lon_deg = 0.0;       ///< south-west corner longitude, 1/10 min
  double sw_lat_deg = 0.0;       ///< south-west corner latitude, 1/10 min
  std::uint8_t stationtype = 0;  ///< station type 0..15
  std::uint8_t shiptype = 0;     ///< ship and cargo type 0..255
  std::uint32_t spare2 = 0;      ///< 22 spare bits, raw
  std::uint8_t txrx = 0;         ///< Tx/Rx mode 0..3
  std::uint8_t interval = 0;     ///< reporting interval code 0..15
  std::uint8_t quiet = 0;        ///< quiet time in minutes 0..15 (0 = none)
  std::uint8_t spare3 = 0;       ///< 6 spare bits, raw
  TrailingBits tail;             ///< bits beyond the standard length (usually none)
  friend bool operator==(const GroupAssignment&, const GroupAssignment&) = default;
};

// ---------------------------------------------------------------------------------------
// Type 24

/// True when `mmsi` is an auxiliary craft (98MIDxxxx), whose type 24 part B carries the
/// mother ship's MMSI instead of dimensions.
constexpr bool is_auxiliary_mmsi(std::uint32_t mmsi) {
  return mmsi / 10000000U == 98U;
}

/// Class B static data report (type 24). Part A (`partno` 0; 160 bits, 168 in
/// M.1371-1..-4) carries the name; part B (`partno` 1; 168 bits) the rest. In part B,
/// an auxiliary craft (is_auxiliary_mmsi) sends `mothership_mmsi` in place of the four
/// dimensions. Fields of the other part are zero. Decoding fills vendorid (7 chars) and,
/// from the same bits, model and serial. Encoding writes vendorid as is when its length
/// is above 3; otherwise 3 chars of vendorid, then model and serial.
struct StaticDataReport {
  Header header;            ///< type 24
  std::uint8_t partno = 0;  ///< 0 = part A, 1 = part B
  // part A
  Text<20> shipname;  ///< part A: vessel name, 20 six-bit chars
  TrailingBits tail;  ///< bits after the part's last field (part A: 8 spare bits when
                      ///< sent as 168 bits; both: bits beyond the standard length)
  // part B
  std::uint8_t shiptype = 0;     ///< part B: ship and cargo type
  Text<7> vendorid;              ///< part B: vendor id as gpsd prints it: the 7 six-bit chars of
                                 ///< bits 48-89 (M.1371-3); -4/-5 split them into a 3-char
                                 ///< manufacturer id, `model` and `serial`
  std::uint8_t model = 0;        ///< part B: unit model code, 4 bits (bits 66-69, inside vendorid)
  std::uint32_t serial = 0;      ///< part B: serial number, 20 bits (bits 70-89, inside vendorid)
  Text<7> callsign;              ///< part B: call sign, 7 six-bit chars
  std::uint16_t to_bow_m = 0;    ///< part B, not auxiliary: reference point to bow, m
  std::uint16_t to_stern_m = 0;  ///< part B, not auxiliary: reference point to stern, m
  std::uint8_t to_port_m = 0;    ///< part B, not auxiliary: reference point to port, m
  std::uint8_t to_starboard_m = 0;    ///< part B, not auxiliary: reference point to starboard, m
  std::uint32_t mothership_mmsi = 0;  ///< part B, auxiliary craft: MMSI of the mother ship
  std::uint8_t epfd = 0;   ///< part B: type of position fixing device (M.1371-5; spare before)
  std::uint8_t spare = 0;  ///< part B: 2 spare bits, raw
  friend bool operator==(const StaticDataReport&, const StaticDataReport&) = default;
};

// ---------------------------------------------------------------------------------------
// Types 25, 26

/// Single slot binary message (type 25; 40..168 bits): 40 bits, dest_mmsi (30 bits) when
/// addressed, dac/fid (16 bits) when structured, then data.
struct SingleSlotBinary {
  Header header;            ///< type 25
  bool addressed = false;   ///< destination indicator: true = addressed (dest_mmsi present)
  bool structured = false;  ///< binary data flag: true = dac/fid application id present
  std::uint32_t dest_mmsi =
      0;  ///< destination MMSI, 30 bits (addressed only; no spare follows, as in gpsd/libais)
  std::uint16_t dac = 0;  ///< designated area code (structured only); gpsd app_id = dac << 6 | fid
  std::uint8_t fid = 0;   ///< function identifier (structured only)
  BinaryData data;        ///< the remaining data bits
  friend bool operator==(const SingleSlotBinary&, const SingleSlotBinary&) = default;
};

/// Multiple slot binary message with communications state (type 26; 60.. bits): like type
/// 25, followed by data and the 20-bit radio field in the last 20 bits.
struct MultiSlotBinary {
  Header header;            ///< type 26
  bool addressed = false;   ///< destination indicator: true = addressed (dest_mmsi present)
  bool structured = false;  ///< binary data flag: true = dac/fid application id present
  std::uint32_t dest_mmsi =
      0;  ///< destination MMSI, 30 bits (addressed only; no spare follows, as in gpsd/libais)
  std::uint16_t dac = 0;    ///< designated area code (structured only)
  std::uint8_t fid = 0;     ///< function identifier (structured only)
  BinaryData data;          ///< data bits between the header fields and `radio`
  std::uint32_t radio = 0;  ///< comm-state selector + communication state, last 20 bits raw
  friend bool operator==(const MultiSlotBinary&, const MultiSlotBinary&) = default;
};

// ---------------------------------------------------------------------------------------
// Type 27

/// Position report for long-range applications (type 27; 96 bits).
struct LongRangePosition {
  Header header;                            ///< type 27
  bool accuracy = false;                    ///< position accuracy: true = high
  bool raim = false;                        ///< RAIM in use
  std::uint8_t status = 15;                 ///< navigation status 0..15
  std::optional<double> lon_deg;            ///< longitude, 1/10 min; 181 -> empty
  std::optional<double> lat_deg;            ///< latitude, 1/10 min; 91 -> empty
  std::optional<std::uint8_t> speed_kn;     ///< speed over ground, 1 kn, 0..62; 63 -> empty
  std::optional<std::uint16_t> course_deg;  ///< course over ground, 1 deg, 0..359; 511 -> empty
  bool gnss = false;   ///< the GNSS position status bit as sent (gpsd "gnss"; 0 = current GNSS fix)
  bool spare = false;  ///< 1 spare bit, raw
  TrailingBits tail;   ///< bits beyond the standard length (usually none)
  friend bool operator==(const LongRangePosition&, const LongRangePosition&) = default;
};

// ---------------------------------------------------------------------------------------

/// Any decoded AIS message. The alternative follows from the type: 1-3 PositionReport,
/// 4/11 BaseStationReport, 5 StaticVoyage, 6 BinaryAddressed, 7/13 BinaryAck,
/// 8 BinaryBroadcast, 9 SarAircraftPosition, 10 UtcInquiry, 12 SafetyAddressed,
/// 14 SafetyBroadcast, 15 Interrogation, 16 AssignmentCommand, 17 DgnssBroadcast,
/// 18 ClassBPosition, 19 ClassBExtended, 20 DataLinkManagement, 21 AidToNavigation,
/// 22 ChannelManagement, 23 GroupAssignment, 24 StaticDataReport, 25 SingleSlotBinary,
/// 26 MultiSlotBinary, 27 LongRangePosition.
using Message =
    std::variant<PositionReport, BaseStationReport, StaticVoyage, BinaryAddressed, BinaryAck,
                 BinaryBroadcast, SarAircraftPosition, UtcInquiry, SafetyAddressed, SafetyBroadcast,
                 Interrogation, AssignmentCommand, DgnssBroadcast, ClassBPosition, ClassBExtended,
                 DataLinkManagement, AidToNavigation, ChannelManagement, GroupAssignment,
                 StaticDataReport, SingleSlotBinary, MultiSlotBinary, LongRangePosition>;

/// The common header of any message.
inline const Header& header_of(const Message& message) {
  return std::visit([](const auto& m) -> const Header& { return m.header; }, message);
}

/// The common header of any message, mutable.
inline Header& header_of(Message& message) {
  return std::visit([](auto& m) -> Header& { return m.header; }, message);
}

/// The message type 1..27 of `message` (its header's `type`).
inline std::uint8_t message_type(const Message& message) {
  return header_of(message).type;
}

/// The source MMSI of `message`.
inline std::uint32_t mmsi(const Message& message) {
  return header_of(message).mmsi;
}

}  // namespace darkfleet::ais
