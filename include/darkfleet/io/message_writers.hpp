// Text forms of decoded messages: gpsd-compatible JSON lines and CSV.
//
// Field names and units are documented in docs/formats.md. Both writers append to a
// caller-owned buffer so that a batch becomes one write() and nothing allocates per
// message once the buffer has grown.
#pragma once

#include <string>

#include "darkfleet/io/nmea_decoder.hpp"

namespace darkfleet::io {

/// Appends one JSON object and a '\n' for `message`, with gpsd's field names and
/// scaled units ("class":"AIS","type":1,"mmsi":...,"lat":...,"lon":...,"speed":...),
/// followed by darkfleet's reception fields.
void append_json(std::string& out, const DecodedMessage& message);

/// Appends the CSV header line (with '\n').
void append_csv_header(std::string& out);

/// Appends one CSV row (with '\n') for `message`, columns as in append_csv_header().
void append_csv(std::string& out, const DecodedMessage& message);

}  // namespace darkfleet::io
