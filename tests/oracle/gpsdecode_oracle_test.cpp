// The gpsdecode oracle: decodes real AIS files with darkfleet (io::NmeaDecoder +
// io::append_json) and with gpsd's `gpsdecode` (run here, on the same file), pairs the
// messages and compares every field that both print.
//
// Pairing: gpsdecode silently drops some lines (and prints a type 24 message only when it
// has both parts), so messages are paired by a sequence alignment on (type, MMSI, type 24
// part) that maximises the number of pairs, preferring pairs whose fields agree.
//
// Tolerances: integers and strings must be equal. Floating-point fields are printed by
// both programs with the same number of decimals from the same raw integer (lat/lon 6,
// speed/course/draught 1), so they must agree to 1e-6 (the last printed digit).
//
// Every accepted difference is an entry of k_allowances below, with the reason; the same
// list is in docs/formats.md ("Differences from gpsd"). Any other difference, any message
// gpsdecode decodes that darkfleet does not, and any darkfleet message that gpsdecode
// drops for an unlisted reason fails the test. Each file must also yield a minimum number
// of compared messages, so that the test cannot pass by comparing nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/encode.hpp"
#include "darkfleet/io/input.hpp"
#include "darkfleet/io/message_writers.hpp"
#include "darkfleet/io/nmea_decoder.hpp"

namespace darkfleet::io {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------
// The allow-list: every difference from gpsdecode the test accepts, and why.

enum Allowance : std::size_t {
  a_device,
  a_reception_fields,
  a_darkfleet_additions,
  a_turn_sign,
  a_type27_status,
  a_coarse_lonlat_17_27,
  a_corners_as_strings,
  a_type26_radio,
  a_data_trailing_bits,
  a_binary_applications,
  a_partial_block,
  a_type24_vendorid,
  a_type24_merged,
  a_type24_unpaired_part,
  a_gpsd_talkers,
  a_gpsd_length_rule,
  a_darkfleet_length_rule,
  a_gpsd_last_line,
  a_count
};

struct AllowanceInfo {
  const char* name;
  const char* reason;
};

constexpr std::array<AllowanceInfo, a_count> k_allowances = {{
    {"device", "gpsd's \"device\" field (the input name) is omitted: darkfleet reads files"},
    {"reception_fields", "darkfleet appends channel, station, received_ms, time_source, own_ship"},
    {"darkfleet_additions",
     "fields gpsd 3.22 decodes or could decode but does not print: type 18/21 \"assigned\", "
     "type 23 \"txrx\", type 24 \"part\" and part B \"epfd\"/\"epfd_text\", type 27 "
     "\"status_text\""},
    {"turn_sign",
     "gpsd 3.22 prints |ROT|: it squares ROT_AIS/4.733 and drops the sign, so turns to port "
     "read as turns to starboard; darkfleet keeps the sign"},
    {"type27_status",
     "gpsd 3.22 prints the type 27 navigation status legend as \"status\" (a string); "
     "darkfleet prints the number in \"status\" and the legend in \"status_text\" as for "
     "types 1-3"},
    {"coarse_lonlat_17_27",
     "gpsd prints type 17 and 27 positions with 1 decimal (up to 0.05 deg off); darkfleet "
     "prints 6 decimals like every other position"},
    {"corners_as_strings",
     "gpsd quotes the type 22/23 corner coordinates (\"ne_lon\":\"-66.223333\"); darkfleet "
     "writes JSON numbers"},
    {"type26_radio", "gpsd 3.22 never decodes the type 26 radio field and prints 0"},
    {"data_trailing_bits",
     "gpsd hex-dumps whole bytes copied from the payload, so the bits after the data's bit "
     "count in the last byte are whatever follows (type 26 radio bits); darkfleet writes "
     "zeros there. Equal bit counts and equal data bits are required"},
    {"binary_applications",
     "gpsd decodes some type 6/8 applications (e.g. DAC 1 FID 11 weather, DAC 200 FID 10 "
     "inland static, DAC 235/250 FID 10 AtoN monitoring) into named fields instead of "
     "\"data\"; darkfleet always prints the raw \"data\""},
    {"partial_block",
     "gpsd decodes a repeated block (type 7/13 acknowledgement, type 15 request, type 16 "
     "assignment, type 20 reservation) from the incomplete block at the end of the payload "
     "(spare bits), reading past the end as zeros; darkfleet keeps those bits as trailing bits "
     "and prints 0 for a block that was not sent whole"},
    {"type24_vendorid",
     "gpsd 3.22 reads the type 24 vendor id as 7 characters (the pre-M.1371-3 layout), so "
     "unit model and serial bits leak into it; darkfleet reads the 3-character vendor id"},
    {"type24_merged",
     "gpsdecode prints a type 24 message only once part B follows part A, merged and without "
     "\"part\"; it is paired with darkfleet's part B and its shipname with darkfleet's last "
     "part A for the MMSI"},
    {"type24_unpaired_part",
     "darkfleet prints every type 24 part; gpsdecode drops part A and a part B with no part A "
     "before it"},
    {"gpsd_talkers",
     "gpsd's packet lexer knows only the talkers AB, AD, AI, AN, AR, AS, AT, AX, BS and SA; "
     "darkfleet accepts any two-character talker (BY, SS, ... in the corpora)"},
    {"gpsd_length_rule",
     "gpsd 3.22 rejects some payload lengths darkfleet accepts (gpsd's measured ranges are in "
     "gpsd_accepts_bits): e.g. type 27 of 97-167 bits, type 16 of 92 bits and type 20 of 70 "
     "bits (without their spare bits)"},
    {"darkfleet_length_rule",
     "gpsd's permissive length check decodes the leading bits of over-long messages of "
     "fixed-length types (e.g. type 23 over 160 bits); darkfleet rejects them as "
     "payload_too_long (or payload_too_short when under its minimum)"},
    {"gpsd_last_line",
     "gpsdecode ignores a last line that has no line terminator; darkfleet decodes it"},
}};

// ---------------------------------------------------------------------------------------
// Inputs.

std::string shared_file(const char* relative) {
  return std::string(DARKFLEET_SHARED_DATA) + "/" + relative;
}

// gpsd 3.22's accepted payload lengths in bits, measured with gpsdecode on generated
// messages of every length from 38 to 1099 bits (type 24: part A 160-168, part B >= 168).
bool gpsd_accepts_bits(unsigned type, std::size_t bits, unsigned partno) {
  struct Range {
    std::size_t min_bits, max_bits;
  };
  constexpr std::size_t k_open = 1U << 20U;
  static constexpr std::array<Range, 28> k_ranges = {{
      {0, 0},        {163, k_open}, {163, k_open}, {163, k_open}, {168, k_open}, {420, k_open},
      {88, 1008},    {72, 168},     {56, 1008},    {168, k_open}, {72, k_open},  {168, k_open},
      {72, 1008},    {72, 168},     {40, 1008},    {88, 168},     {96, 168},     {80, 816},
      {168, k_open}, {312, k_open}, {72, 186},     {272, 368},    {168, k_open}, {160, k_open},
      {0, 0},        {40, 168},     {60, 1004},    {96, 168},
  }};
  if (type == 0 || type >= k_ranges.size()) return false;
  if (type == 24) return partno == 0 ? (bits >= 160 && bits <= 168) : bits >= 168;
  if (type == 27) return bits == 96 || bits == 168;
  return bits >= k_ranges[type].min_bits && bits <= k_ranges[type].max_bits;
}

// One NMEA sentence of an input line, as far as the test needs it.
struct SentenceInfo {
  bool ok = false;
  std::string talker;
  unsigned fragments = 0;
  unsigned type = 0;
  std::uint32_t mmsi = 0;
  unsigned partno = 0;
  std::size_t bits = 0;  // payload bits of this sentence
};

unsigned armour_value(char c) {
  unsigned v = static_cast<unsigned char>(c) - 48U;
  if (v > 40) v -= 8;
  return v & 63U;
}

SentenceInfo parse_sentence(const std::string& line) {
  SentenceInfo info;
  const auto bang = line.find('!');
  if (bang == std::string::npos || line.size() < bang + 7) return info;
  info.talker = line.substr(bang + 1, 2);
  std::vector<std::string> fields;
  std::string field;
  for (std::size_t i = bang; i < line.size() && line[i] != '*'; ++i) {
    if (line[i] == ',') {
      fields.push_back(field);
      field.clear();
    } else {
      field += line[i];
    }
  }
  fields.push_back(field);
  if (fields.size() < 7 || fields[5].empty() || fields[6].empty()) return info;
  const std::string& payload = fields[5];
  info.fragments = static_cast<unsigned>(std::atoi(fields[1].c_str()));
  info.bits = payload.size() * 6 - static_cast<std::size_t>(std::atoi(fields[6].c_str()));
  std::uint64_t head = 0;  // the first 42 bits
  for (std::size_t i = 0; i < 7; ++i) {
    head = (head << 6U) | (i < payload.size() ? armour_value(payload[i]) : 0U);
  }
  info.type = static_cast<unsigned>(head >> 36U);
  info.mmsi = static_cast<std::uint32_t>((head >> 4U) & 0x3FFFFFFFU);
  info.partno = static_cast<unsigned>((head >> 2U) & 3U);
  info.ok = true;
  return info;
}

std::vector<std::string> read_lines(const std::string& path, bool& ends_with_newline) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error("cannot open " + path);
  std::string text;
  char chunk[65536];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0) text.append(chunk, n);
  std::fclose(f);
  ends_with_newline = !text.empty() && text.back() == '\n';
  std::vector<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

bool gpsdecode_on_path() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    if (::access((dir + "/gpsdecode").c_str(), X_OK) == 0) return true;
  }
  return false;
}

// The talkers gpsd 3.22's packet lexer recognises for !xxVDM/!xxVDO.
bool is_gpsd_talker(const std::string& talker) {
  static const std::vector<std::string> k_talkers = {"AB", "AD", "AI", "AN", "AR",
                                                     "AS", "AT", "AX", "BS", "SA"};
  return std::find(k_talkers.begin(), k_talkers.end(), talker) != k_talkers.end();
}

// Runs `gpsdecode < path` and returns its AIS objects. Lines that do not parse as JSON
// are counted in `unparsed`.
std::vector<json> run_gpsdecode(const std::string& path, std::size_t& unparsed) {
  if (path.find('\'') != std::string::npos) throw std::runtime_error("quote in path: " + path);
  const std::string command = "gpsdecode < '" + path + "' 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) throw std::runtime_error("popen failed: " + command);
  std::vector<json> out;
  std::string line;
  char chunk[4096];
  while (std::fgets(chunk, sizeof(chunk), pipe.get()) != nullptr) {
    line += chunk;
    if (line.empty() || line.back() != '\n') continue;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) {
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded()) {
        ++unparsed;
      } else if (j.value("class", "") == "AIS") {
        out.push_back(std::move(j));
      }
    }
    line.clear();
  }
  return out;
}

// darkfleet's records: the decoded message, its JSON line parsed back.
struct Ours {
  DecodedMessage message;
  json j;
  std::string line;
  std::string last_part_a_name;  // type 24 part B: the shipname of the last part A, same MMSI
  bool has_part_a = false;
};

struct Rejected {
  std::uint64_t line_no;
  ErrorCode reason;
};

class Collect final : public DecodeSink {
 public:
  std::vector<Ours> records;
  std::vector<Rejected> rejected;
  std::size_t bad_json = 0;

  void on_rejected_line(std::uint64_t line_no, std::string_view /*line*/,
                        ErrorCode reason) override {
    rejected.push_back({line_no, reason});
  }

  void on_batch(std::span<const DecodedMessage> batch) override {
    for (const auto& m : batch) {
      Ours r;
      r.message = m;
      std::string text;
      append_json(text, m);
      r.line = text;
      r.j = json::parse(text, nullptr, false);
      if (r.j.is_discarded()) ++bad_json;
      const auto* sdr = std::get_if<ais::StaticDataReport>(&m.message);
      if (sdr != nullptr) {
        const std::uint32_t mmsi = ais::mmsi(m.message);
        if (sdr->partno == 0) {
          m_part_a[mmsi] = std::string(sdr->shipname.view());
        } else if (const auto it = m_part_a.find(mmsi); it != m_part_a.end()) {
          r.has_part_a = true;
          r.last_part_a_name = it->second;
        }
      }
      records.push_back(std::move(r));
    }
  }

 private:
  std::map<std::uint32_t, std::string> m_part_a;
};

// ---------------------------------------------------------------------------------------
// Pairing key: type, MMSI and (type 24) part.

std::uint64_t key_of_gpsd(const json& g) {
  const auto type = g.value("type", 0U);
  const auto mmsi = g.value("mmsi", 0U);
  std::uint64_t part = 0;
  if (type == 24) part = g.value("part", std::string("B")) == "A" ? 1 : 2;
  return (std::uint64_t{type} << 40U) | (part << 32U) | mmsi;
}

std::uint64_t key_of_ours(const Ours& o) {
  const std::uint64_t type = ais::message_type(o.message.message);
  std::uint64_t part = 0;
  if (const auto* sdr = std::get_if<ais::StaticDataReport>(&o.message.message)) {
    part = sdr->partno == 0 ? 1 : 2;
  }
  return (type << 40U) | (part << 32U) | ais::mmsi(o.message.message);
}

// ---------------------------------------------------------------------------------------
// Field comparison.

struct Comparison {
  std::vector<std::string> problems;           // unlisted differences
  std::array<std::size_t, a_count> allowed{};  // listed differences seen
  void allow(Allowance a) { ++allowed[a]; }
  void fail(std::string what) { problems.push_back(std::move(what)); }
};

constexpr double k_tolerance = 1e-6 + 1e-12;

bool numbers_equal(const json& a, const json& b, double tolerance) {
  if (!a.is_number() || !b.is_number()) return false;
  if (a.is_number_integer() && b.is_number_integer()) {
    return a.get<std::int64_t>() == b.get<std::int64_t>();
  }
  return std::fabs(a.get<double>() - b.get<double>()) <= tolerance;
}

bool values_equal(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return numbers_equal(a, b, k_tolerance);
  return a == b;
}

// Bits [0, bits) of two lower-case hex strings are equal.
bool leading_bits_equal(const std::string& a, const std::string& b, std::size_t bits) {
  const std::size_t nibbles = (bits + 3) / 4;
  if (a.size() < nibbles || b.size() < nibbles) return false;
  for (std::size_t i = 0; i < nibbles; ++i) {
    const int va = std::stoi(a.substr(i, 1), nullptr, 16);
    const int vb = std::stoi(b.substr(i, 1), nullptr, 16);
    const std::size_t used = std::min<std::size_t>(4, bits - i * 4);
    const int unused = (1 << (4 - used)) - 1;  // the low bits past the bit count
    if ((va & ~unused) != (vb & ~unused)) return false;
  }
  return true;
}

const std::vector<std::string> k_reception = {"channel", "station", "received_ms", "time_source",
                                              "own_ship"};

bool is_darkfleet_addition(unsigned type, const std::string& key) {
  if ((type == 18 || type == 21) && key == "assigned") return true;
  if (type == 23 && key == "txrx") return true;
  if (type == 24 && (key == "part" || key == "epfd" || key == "epfd_text")) return true;
  if (type == 27 && key == "status_text") return true;
  return false;
}

// The fields of a type 6/8 message that come before the application data.
bool is_binary_header_field(const std::string& key) {
  static const std::vector<std::string> k_keys = {"class",      "device", "type",  "repeat",
                                                  "mmsi",       "scaled", "seqno", "dest_mmsi",
                                                  "retransmit", "dac",    "fid"};
  return std::find(k_keys.begin(), k_keys.end(), key) != k_keys.end();
}

// True when `key` names a field of the first repeated block (types 7/13, 15, 16, 20) that
// the message did not carry completely although bits of it were sent (trailing bits),
// i.e. the block gpsd decodes by reading past the end of the payload.
bool is_partial_block(const ais::Message& m, const std::string& key) {
  const char last = key.empty() ? '\0' : key.back();
  const unsigned index = last >= '1' && last <= '4' ? static_cast<unsigned>(last - '0') : 0;
  if (const auto* ack = std::get_if<ais::BinaryAck>(&m)) {
    return key.rfind("mmsi", 0) == 0 && index == ack->count + 1U && ack->tail.bit_count > 0;
  }
  if (const auto* dlm = std::get_if<ais::DataLinkManagement>(&m)) {
    return index == dlm->count + 1U && dlm->tail.bit_count > 0;
  }
  if (const auto* cmd = std::get_if<ais::AssignmentCommand>(&m)) {
    return index == cmd->count + 1U && cmd->tail.bit_count > 0;
  }
  if (const auto* q = std::get_if<ais::Interrogation>(&m)) {
    if (q->tail.bit_count == 0) return false;
    if (key == "type1_2" || key == "offset1_2") return q->requests == 1;
    if (key == "mmsi2" || key == "type2_1" || key == "offset2_1") return q->requests == 2;
  }
  return false;
}

Comparison compare(const json& g, const Ours& o) {
  Comparison c;
  const json& d = o.j;
  const auto type = g.value("type", 0U);
  const bool binary_app = (type == 6 || type == 8) && !g.contains("data");

  for (const auto& [key, gv] : g.items()) {
    if (key == "device") {
      c.allow(a_device);
      continue;
    }
    if (binary_app && !is_binary_header_field(key)) {
      c.allow(a_binary_applications);
      continue;
    }
    if (type == 24 && key == "shipname" && !d.contains("shipname")) {
      // gpsd merged part A into part B.
      if (o.has_part_a && gv.is_string() && gv.get<std::string>() == o.last_part_a_name) {
        c.allow(a_type24_merged);
      } else {
        c.fail("shipname: gpsd " + gv.dump() + ", darkfleet's last part A " +
               (o.has_part_a ? "\"" + o.last_part_a_name + "\"" : "missing"));
      }
      continue;
    }
    if (!d.contains(key)) {
      c.fail(key + ": only gpsd prints it (" + gv.dump() + ")");
      continue;
    }
    const json& dv = d[key];
    if (values_equal(gv, dv)) continue;

    // Listed differences.
    if (key == "turn" && gv.is_number_integer() && dv.is_number_integer() &&
        dv.get<std::int64_t>() < 0 && gv.get<std::int64_t>() == -dv.get<std::int64_t>()) {
      c.allow(a_turn_sign);
      continue;
    }
    if (type == 27 && key == "status" && gv.is_string() && d.contains("status_text") &&
        d["status_text"] == gv) {
      c.allow(a_type27_status);
      continue;
    }
    if ((type == 17 || type == 27) && (key == "lon" || key == "lat") &&
        numbers_equal(gv, dv, 0.05 + 1e-9)) {
      c.allow(a_coarse_lonlat_17_27);
      continue;
    }
    if ((type == 22 || type == 23) &&
        (key == "ne_lon" || key == "ne_lat" || key == "sw_lon" || key == "sw_lat") &&
        gv.is_string() && dv.is_number()) {
      const json as_number = json::parse(gv.get<std::string>(), nullptr, false);
      if (!as_number.is_discarded() && numbers_equal(as_number, dv, k_tolerance)) {
        c.allow(a_corners_as_strings);
        continue;
      }
    }
    if (type == 26 && key == "radio" && gv == 0) {
      c.allow(a_type26_radio);
      continue;
    }
    if (key == "data" && gv.is_string() && dv.is_string()) {
      const auto gs = gv.get<std::string>();
      const auto ds = dv.get<std::string>();
      const auto gc = gs.find(':');
      const auto dc = ds.find(':');
      if (gc != std::string::npos && dc != std::string::npos &&
          gs.substr(0, gc) == ds.substr(0, dc) &&
          leading_bits_equal(gs.substr(gc + 1), ds.substr(dc + 1), std::stoul(gs.substr(0, gc)))) {
        c.allow(a_data_trailing_bits);
        continue;
      }
    }
    if (dv == 0 && is_partial_block(o.message.message, key)) {
      c.allow(a_partial_block);
      continue;
    }
    if (type == 24 && key == "vendorid" && gv.is_string() && dv.is_string() &&
        gv.get<std::string>().rfind(dv.get<std::string>(), 0) == 0) {
      c.allow(a_type24_vendorid);
      continue;
    }
    c.fail(key + ": gpsd " + gv.dump() + ", darkfleet " + dv.dump());
  }

  for (const auto& [key, dv] : d.items()) {
    if (g.contains(key)) continue;
    if (std::find(k_reception.begin(), k_reception.end(), key) != k_reception.end()) {
      c.allow(a_reception_fields);
    } else if (is_darkfleet_addition(type, key)) {
      c.allow(a_darkfleet_additions);
    } else if (binary_app && key == "data") {
      c.allow(a_binary_applications);
    } else {
      c.fail(key + ": only darkfleet prints it (" + dv.dump() + ")");
    }
  }
  return c;
}

// ---------------------------------------------------------------------------------------
// Alignment: maximise 2 per pair with equal keys, +1 when the pair also agrees.

struct Alignment {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (gpsd index, ours index)
};

Alignment align(const std::vector<json>& gpsd, const std::vector<Ours>& ours) {
  const std::size_t n = gpsd.size();
  const std::size_t m = ours.size();
  std::vector<std::uint64_t> gk(n);
  std::vector<std::uint64_t> dk(m);
  for (std::size_t i = 0; i < n; ++i) gk[i] = key_of_gpsd(gpsd[i]);
  for (std::size_t j = 0; j < m; ++j) dk[j] = key_of_ours(ours[j]);

  // dir: 0 = skip gpsd, 1 = skip ours, 2 = pair.
  std::vector<std::uint8_t> dir((n + 1) * (m + 1), 0);
  std::vector<std::int32_t> prev(m + 1, 0);
  std::vector<std::int32_t> cur(m + 1, 0);
  for (std::size_t j = 0; j <= m; ++j) dir[j] = 1;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = 0;
    dir[i * (m + 1)] = 0;
    for (std::size_t j = 1; j <= m; ++j) {
      std::int32_t best = prev[j];
      std::uint8_t how = 0;
      if (cur[j - 1] > best) {
        best = cur[j - 1];
        how = 1;
      }
      if (gk[i - 1] == dk[j - 1]) {
        const std::int32_t w = compare(gpsd[i - 1], ours[j - 1]).problems.empty() ? 3 : 2;
        if (prev[j - 1] + w > best) {
          best = prev[j - 1] + w;
          how = 2;
        }
      }
      cur[j] = best;
      dir[i * (m + 1) + j] = how;
    }
    std::swap(prev, cur);
  }
  Alignment out;
  std::size_t i = n;
  std::size_t j = m;
  while (i > 0 || j > 0) {
    const std::uint8_t how = dir[i * (m + 1) + j];
    if (i > 0 && j > 0 && how == 2) {
      out.pairs.emplace_back(i - 1, j - 1);
      --i;
      --j;
    } else if (j > 0 && (how == 1 || i == 0)) {
      --j;
    } else {
      --i;
    }
  }
  std::reverse(out.pairs.begin(), out.pairs.end());
  return out;
}

// ---------------------------------------------------------------------------------------

struct OracleCase {
  const char* file;          // under DARKFLEET_SHARED_DATA
  std::size_t min_compared;  // pairs that must be found
};

void PrintTo(const OracleCase& c, std::ostream* os) {
  *os << c.file;
}

class GpsdecodeOracle : public ::testing::TestWithParam<OracleCase> {};

// Runs the oracle on `path` (reported as `name`); fails the current test on any unlisted
// difference or when fewer than `min_compared` messages were paired.
void run_oracle(const std::string& path, const std::string& name, std::size_t min_compared) {
  const OracleCase param{name.c_str(), min_compared};
  bool ends_with_newline = true;
  const std::vector<std::string> lines = read_lines(path, ends_with_newline);

  std::size_t gpsd_unparsed = 0;
  const std::vector<json> gpsd = run_gpsdecode(path, gpsd_unparsed);
  EXPECT_EQ(gpsd_unparsed, 0U) << "gpsdecode printed lines that are not JSON";

  Collect ours;
  {
    NmeaDecoder decoder;
    InputStream input(path);
    decoder.decode(input, ours);
  }
  ASSERT_EQ(ours.bad_json, 0U) << "darkfleet printed invalid JSON";
  for (const auto& o : ours.records) {
    ASSERT_EQ(o.j.value("type", 0U), ais::message_type(o.message.message)) << o.line;
  }

  const Alignment alignment = align(gpsd, ours.records);
  std::vector<bool> gpsd_paired(gpsd.size(), false);
  std::vector<bool> ours_paired(ours.records.size(), false);
  std::array<std::size_t, a_count> allowed{};
  std::size_t failures = 0;
  for (const auto& [gi, di] : alignment.pairs) {
    gpsd_paired[gi] = true;
    ours_paired[di] = true;
    const Comparison c = compare(gpsd[gi], ours.records[di]);
    for (std::size_t a = 0; a < a_count; ++a) allowed[a] += c.allowed[a];
    if (!c.problems.empty() && ++failures <= 20) {
      std::string all;
      for (const auto& p : c.problems) all += "\n    " + p;
      ADD_FAILURE() << param.file << " line " << ours.records[di].message.first_line
                    << ": unlisted differences:" << all << "\n  gpsd:      " << gpsd[gi].dump()
                    << "\n  darkfleet: " << ours.records[di].line;
    }
  }
  EXPECT_EQ(failures, 0U) << "messages with unlisted differences";

  // gpsd-only messages: allowed when darkfleet rejected the same message (type, MMSI) for
  // a length outside its accepted range that gpsd accepts.
  std::vector<bool> reject_used(ours.rejected.size(), false);
  std::size_t gpsd_unpaired = 0;
  for (std::size_t i = 0; i < gpsd.size(); ++i) {
    if (gpsd_paired[i]) continue;
    const auto type = gpsd[i].value("type", 0U);
    const auto mmsi = gpsd[i].value("mmsi", 0U);
    bool explained = false;
    for (std::size_t r = 0; r < ours.rejected.size() && !explained; ++r) {
      const Rejected& rej = ours.rejected[r];
      if (reject_used[r] || (rej.reason != ErrorCode::payload_too_long &&
                             rej.reason != ErrorCode::payload_too_short)) {
        continue;
      }
      const SentenceInfo s = parse_sentence(lines.at(rej.line_no - 1));
      const ais::BitRange range = ais::accepted_bits(static_cast<std::uint8_t>(type));
      if (s.ok && s.fragments == 1 && s.type == type && s.mmsi == mmsi &&
          (s.bits < range.min_bits || s.bits > range.max_bits) &&
          gpsd_accepts_bits(type, s.bits, s.partno)) {
        reject_used[r] = true;
        explained = true;
      }
    }
    if (explained) {
      ++allowed[a_darkfleet_length_rule];
    } else if (++gpsd_unpaired <= 20) {
      ADD_FAILURE() << param.file
                    << ": gpsdecode decoded a message darkfleet did not: " << gpsd[i].dump();
    }
  }
  EXPECT_EQ(gpsd_unpaired, 0U);

  // darkfleet-only messages: allowed for the listed reasons gpsdecode drops them.
  std::size_t ours_unpaired = 0;
  for (std::size_t j = 0; j < ours.records.size(); ++j) {
    if (ours_paired[j]) continue;
    const DecodedMessage& dm = ours.records[j].message;
    const SentenceInfo s = parse_sentence(lines.at(dm.first_line - 1));
    const unsigned type = ais::message_type(dm.message);
    const auto* sdr = std::get_if<ais::StaticDataReport>(&dm.message);
    if (s.ok && !is_gpsd_talker(s.talker)) {
      ++allowed[a_gpsd_talkers];
      continue;
    }
    if (dm.fragment_count == 1 && dm.first_line == lines.size() && !ends_with_newline) {
      ++allowed[a_gpsd_last_line];
      continue;
    }
    if (s.ok && dm.fragment_count == 1 &&
        !gpsd_accepts_bits(type, s.bits, sdr != nullptr ? sdr->partno : 0U)) {
      ++allowed[a_gpsd_length_rule];
      continue;
    }
    if (sdr != nullptr) {
      ++allowed[a_type24_unpaired_part];
      continue;
    }
    if (++ours_unpaired <= 20) {
      ADD_FAILURE() << param.file << " line " << ours.records[j].message.first_line
                    << ": gpsdecode dropped a message darkfleet decoded, for no listed reason: "
                    << ours.records[j].line;
    }
  }
  EXPECT_EQ(ours_unpaired, 0U);

  EXPECT_GE(alignment.pairs.size(), param.min_compared)
      << "too few messages compared; the oracle would pass vacuously";

  std::string summary;
  for (std::size_t a = 0; a < a_count; ++a) {
    if (allowed[a] > 0) {
      summary += "\n  " + std::string(k_allowances[a].name) + ": " + std::to_string(allowed[a]);
    }
  }
  std::printf(
      "[ oracle   ] %s: gpsdecode %zu, darkfleet %zu, compared %zu; listed differences:%s\n",
      param.file, gpsd.size(), ours.records.size(), alignment.pairs.size(),
      summary.empty() ? " none" : summary.c_str());
}

TEST_P(GpsdecodeOracle, EveryFieldMatchesOrIsListed) {
  const OracleCase& param = GetParam();
  const std::string path = shared_file(param.file);
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "shared data file absent: " << path
                 << " (set DARKFLEET_SHARED_DATA to the shared/data folder)";
  }
  if (!gpsdecode_on_path()) {
    GTEST_SKIP() << "gpsdecode is not on PATH (Debian package gpsd-clients); oracle skipped";
  }
  run_oracle(path, param.file, param.min_compared);
}

INSTANTIATE_TEST_SUITE_P(
    SharedData, GpsdecodeOracle,
    ::testing::Values(OracleCase{"ais-test-vectors-libais/typeexamples.nmea", 24},
                      OracleCase{"ais-test-vectors-libais/tagblock.nmea", 4},
                      OracleCase{"ais-test-vectors-libais/test.aivdm", 200},
                      OracleCase{"ais-test-vectors-pyais/nmea_data_sample.txt", 750},
                      OracleCase{"ais-nmea-dma-aislib/stream_example.txt", 3900},
                      OracleCase{"ais-nmea-dma-aislib/decode_encode_messages.txt", 580},
                      OracleCase{"ais-nmea-dma-aislib/ais250.txt", 220}),
    [](const ::testing::TestParamInfo<OracleCase>& param_info) {
      std::string name = std::filesystem::path(param_info.param.file).stem().string();
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

// ---------------------------------------------------------------------------------------
// Edge cases the real files lack: every "not available" code, every rate of turn, text with
// '"', '\\' and ',', every legend index, both type 22 forms, type 24 pairs, ... encoded
// with ais::encode_sentences and compared the same way.

template <typename M>
M with_header(std::uint8_t type, std::uint32_t mmsi) {
  M m;
  m.header.type = type;
  m.header.mmsi = mmsi;
  return m;
}

std::vector<ais::Message> edge_case_messages() {
  std::vector<ais::Message> out;
  // Types 1-3: not available, every status, every ROT_AIS, speed/position extremes.
  out.emplace_back(with_header<ais::PositionReport>(1, 211000001));
  for (std::uint8_t status = 0; status < 16; ++status) {
    auto m = with_header<ais::PositionReport>(static_cast<std::uint8_t>(1 + status % 3), 211000002);
    m.status = status;
    out.emplace_back(m);
  }
  for (int turn = -128; turn <= 127; ++turn) {
    auto m = with_header<ais::PositionReport>(1, 211000003);
    m.turn_raw = static_cast<std::int8_t>(turn);
    m.speed_kn = static_cast<double>((turn + 128) * 4) / 10.0;  // 0.0 .. 102.0
    out.emplace_back(m);
  }
  const std::array<std::int32_t, 8> lon_raw = {-108000000, 108000000, -1, -5, 0, 1, 7, 599999};
  const std::array<std::int32_t, 8> lat_raw = {-54000000, 54000000, -1, -5, 0, 1, -7, -599999};
  for (std::size_t i = 0; i < lon_raw.size(); ++i) {
    auto m = with_header<ais::PositionReport>(3, 211000004);
    m.lon_deg = lon_raw[i] / 600000.0;
    m.lat_deg = lat_raw[i] / 600000.0;
    m.speed_kn = i % 2 == 0 ? 102.2 : 0.1;
    m.course_deg = i % 2 == 0 ? 359.9 : 0.0;
    m.heading_deg = static_cast<std::uint16_t>(i % 2 == 0 ? 359 : 0);
    m.second = static_cast<std::uint8_t>(58 + i % 6);
    m.maneuver = static_cast<std::uint8_t>(i % 3);
    m.raim = i % 2 == 1;
    m.radio = 0x7FFFFU - static_cast<std::uint32_t>(i);
    out.emplace_back(m);
  }
  // Types 4/11: not available and a valid time; every EPFD code.
  for (std::uint8_t epfd = 0; epfd < 16; ++epfd) {
    auto m = with_header<ais::BaseStationReport>(epfd % 2 == 0 ? 4 : 11, 2000001);
    m.epfd = epfd;
    if (epfd % 3 == 0) {
      m.year = 2024;
      m.month = 2;
      m.day = 29;
      m.hour = 23;
      m.minute = 59;
      m.second = 9;
      m.lon_deg = -70.5;
      m.lat_deg = 42.25;
    }
    out.emplace_back(m);
  }
  // Type 5: every ship type, text with JSON and CSV specials, not-available ETA/draught.
  for (unsigned type = 0; type < 256; type += 3) {
    auto m = with_header<ais::StaticVoyage>(5, 211000005);
    m.shiptype = static_cast<std::uint8_t>(type);
    m.imo = 9000000 + type;
    m.callsign.assign("AB\\\"1");
    m.shipname.assign(type % 2 == 0 ? "SAY \"HI\", BACK\\SLASH" : "PADDED   ");
    m.destination.assign("A,B\"C");
    m.to_bow_m = 511;
    m.to_stern_m = 1;
    m.to_port_m = 63;
    m.to_starboard_m = 0;
    m.epfd = static_cast<std::uint8_t>(type % 16);
    if (type % 2 == 0) {
      m.eta_month = 12;
      m.eta_day = 31;
      m.eta_hour = 23;
      m.eta_minute = 59;
      m.draught_m = type % 4 == 0 ? 25.5 : 0.1;
    }
    m.dte = type % 2 == 0;
    m.ais_version = static_cast<std::uint8_t>(type % 4);
    out.emplace_back(m);
  }
  // Types 6, 7/13, 8 (DAC 0: no application gpsd decodes).
  {
    auto m = with_header<ais::BinaryAddressed>(6, 211000006);
    m.seqno = 3;
    m.dest_mmsi = 123456789;
    m.retransmit = true;
    m.fid = 5;
    m.data.bit_count = 37;
    for (std::size_t i = 0; i < 5; ++i) m.data.bytes[i] = static_cast<std::uint8_t>(0xA5 + i);
    m.data.bytes[4] &= 0xF8U;
    out.emplace_back(m);
    for (std::uint8_t count = 1; count <= 4; ++count) {
      auto a = with_header<ais::BinaryAck>(count % 2 == 0 ? 7 : 13, 211000007);
      a.count = count;
      for (std::uint8_t i = 0; i < count; ++i) a.acks[i] = {100000000U + i, i};
      out.emplace_back(a);
    }
    auto b = with_header<ais::BinaryBroadcast>(8, 211000008);
    b.fid = 63;
    b.data.bit_count = 8;
    b.data.bytes[0] = 0xFF;
    out.emplace_back(b);
  }
  // Type 9: altitude and speed codes.
  const std::array<std::optional<std::uint16_t>, 4> alt = {std::nullopt, 4094, 0, 1000};
  const std::array<std::optional<std::uint16_t>, 4> sar_speed = {std::nullopt, 1022, 0, 350};
  for (std::size_t i = 0; i < alt.size(); ++i) {
    auto m = with_header<ais::SarAircraftPosition>(9, 111000009);
    m.altitude_m = alt[i];
    m.speed_kn = sar_speed[i];
    m.course_deg = i == 0 ? std::optional<double>() : 12.3;
    out.emplace_back(m);
  }
  // Types 10, 12, 14: text with '"' and '\\'.
  {
    auto q = with_header<ais::UtcInquiry>(10, 211000010);
    q.dest_mmsi = 999999999;
    out.emplace_back(q);
    auto t = with_header<ais::SafetyAddressed>(12, 211000012);
    t.dest_mmsi = 1;
    t.text.assign("QUOTE \" BACKSLASH \\ COMMA , END");
    out.emplace_back(t);
    auto b = with_header<ais::SafetyBroadcast>(14, 211000014);
    b.text.assign("\"\\\"\\");
    out.emplace_back(b);
  }
  // Types 15, 16: every form.
  for (std::uint8_t requests = 1; requests <= 3; ++requests) {
    auto m = with_header<ais::Interrogation>(15, 211000015);
    m.requests = requests;
    m.mmsi1 = 222000001;
    m.type1_1 = 5;
    m.offset1_1 = 100;
    if (requests >= 2) {
      m.type1_2 = 24;
      m.offset1_2 = 200;
    }
    if (requests == 3) {
      m.mmsi2 = 222000002;
      m.type2_1 = 5;
      m.offset2_1 = 300;
    }
    out.emplace_back(m);
  }
  for (std::uint8_t count = 1; count <= 2; ++count) {
    auto m = with_header<ais::AssignmentCommand>(16, 211000016);
    m.count = count;
    m.assignments[0] = {333000001, 10, 20};
    if (count == 2) m.assignments[1] = {333000002, 30, 40};
    if (count == 1) m.tail = {4, 0};  // the 96-bit form's spare bits
    out.emplace_back(m);
  }
  // Type 17 with and without a position.
  {
    auto m = with_header<ais::DgnssBroadcast>(17, 2000017);
    out.emplace_back(m);
    m.lon_deg = -123.45;
    m.lat_deg = 49.9;
    m.data.bit_count = 16;
    m.data.bytes[0] = 0x12;
    m.data.bytes[1] = 0x34;
    out.emplace_back(m);
  }
  // Types 18, 19: not available and extremes.
  {
    auto m = with_header<ais::ClassBPosition>(18, 338000018);
    out.emplace_back(m);
    m.speed_kn = 102.2;
    m.course_deg = 359.9;
    m.heading_deg = 359;
    m.lon_deg = -179.999998;
    m.lat_deg = -89.999998;
    m.cs = true;
    m.assigned = true;
    out.emplace_back(m);
    auto x = with_header<ais::ClassBExtended>(19, 338000019);
    x.shipname.assign("CLASS \"B\" EXT");
    x.shiptype = 37;
    x.epfd = 8;
    out.emplace_back(x);
  }
  // Type 20: 1-4 blocks.
  for (std::uint8_t count = 1; count <= 4; ++count) {
    auto m = with_header<ais::DataLinkManagement>(20, 2000020);
    m.count = count;
    for (std::uint8_t i = 0; i < count; ++i) {
      m.slots[i] = {static_cast<std::uint16_t>(100 + i), 1, 7, 750};
    }
    m.tail.bit_count = static_cast<std::uint8_t>((4U - count) * 2U);  // pad to a byte
    out.emplace_back(m);
  }
  // Type 21: every aid type; names with and without an extension.
  for (std::uint8_t aid = 0; aid < 32; ++aid) {
    auto m = with_header<ais::AidToNavigation>(21, 993000021);
    m.aid_type = aid;
    switch (aid % 4) {
      case 0: m.name.assign("SHORT NAME"); break;
      case 1:
        m.name.assign("SPACE PADDED        ");
        m.name_ext.assign("EXT");
        break;
      case 2:
        m.name.assign("TWENTY CHARACTERS 20");
        m.name_ext.assign("MORE \"QUOTED\"");
        break;
      default:
        m.name.assign("SPACE PADDED        ");
        m.name_ext.assign("  ");
        break;
    }
    m.virtual_aid = aid % 2 == 0;
    m.off_position = aid % 3 == 0;
    out.emplace_back(m);
  }
  // Types 22 (both forms), 23 (every station type).
  {
    auto m = with_header<ais::ChannelManagement>(22, 2000022);
    m.channel_a = 2087;
    m.channel_b = 2088;
    m.ne_lon_deg = -179.998333;
    m.ne_lat_deg = 89.5;
    m.sw_lon_deg = -0.001667;
    m.sw_lat_deg = 0.001667;
    out.emplace_back(m);
    auto a = with_header<ais::ChannelManagement>(22, 2000022);
    a.addressed = true;
    a.dest1 = 211000001;
    a.dest2 = 211000002;
    a.zonesize = 7;
    out.emplace_back(a);
  }
  for (std::uint8_t st = 0; st < 16; ++st) {
    auto m = with_header<ais::GroupAssignment>(23, 2000023);
    m.stationtype = st;
    m.shiptype = static_cast<std::uint8_t>(st * 16);
    m.ne_lon_deg = 10.0;
    m.ne_lat_deg = 55.0;
    m.sw_lon_deg = 9.5;
    m.sw_lat_deg = 54.5;
    m.interval = st;
    m.quiet = 15;
    out.emplace_back(m);
  }
  // Type 24: A then B (normal and auxiliary craft), a B without A.
  for (const std::uint32_t mmsi : {338000024U, 982000024U}) {
    auto a = with_header<ais::StaticDataReport>(24, mmsi);
    a.shipname.assign("PART \"A\" NAME");
    out.emplace_back(a);
    auto b = with_header<ais::StaticDataReport>(24, mmsi);
    b.partno = 1;
    b.shiptype = 36;
    b.vendorid.assign("ABC");
    b.callsign.assign("CALL\\");
    b.to_bow_m = 5;
    b.to_stern_m = 6;
    b.to_port_m = 7;
    b.to_starboard_m = 8;
    if (ais::is_auxiliary_mmsi(mmsi)) {
      b.to_bow_m = b.to_stern_m = 0;
      b.to_port_m = b.to_starboard_m = 0;
      b.mothership_mmsi = 338000024;
    }
    out.emplace_back(b);
  }
  // Types 25, 26: every addressed/structured combination.
  for (int form = 0; form < 4; ++form) {
    auto m = with_header<ais::SingleSlotBinary>(25, 211000025);
    m.addressed = (form & 1) != 0;
    m.structured = (form & 2) != 0;
    if (m.addressed) m.dest_mmsi = 444000001;
    if (m.structured) {
      m.dac = 235;
      m.fid = 10;
    }
    m.data.bit_count = 13;
    m.data.bytes[0] = 0xAB;
    m.data.bytes[1] = 0xC8;
    out.emplace_back(m);
    auto n = with_header<ais::MultiSlotBinary>(26, 211000026);
    n.addressed = m.addressed;
    n.structured = m.structured;
    n.dest_mmsi = m.dest_mmsi;
    n.dac = m.dac;
    n.fid = m.fid;
    n.data = m.data;
    n.radio = 0;  // gpsd 3.22 prints 0 whatever was sent
    out.emplace_back(n);
  }
  // Type 27: not available and values.
  {
    auto m = with_header<ais::LongRangePosition>(27, 211000027);
    out.emplace_back(m);
    m.status = 0;
    m.lon_deg = -0.1;
    m.lat_deg = 0.1;
    m.speed_kn = 62;
    m.course_deg = 359;
    m.gnss = true;
    out.emplace_back(m);
  }
  // One MMSI per message (type 24 parts keep theirs: they pair by MMSI), so that pairing
  // has a single candidate for each message.
  std::uint32_t next_mmsi = 201000000;
  for (auto& m : out) {
    if (!std::holds_alternative<ais::StaticDataReport>(m)) ais::header_of(m).mmsi = next_mmsi++;
  }
  return out;
}

TEST(GpsdecodeOracle, EdgeCasesEncodedByDarkfleet) {
  if (!gpsdecode_on_path()) {
    GTEST_SKIP() << "gpsdecode is not on PATH (Debian package gpsd-clients); oracle skipped";
  }
  const std::vector<ais::Message> messages = edge_case_messages();
  std::string text;
  std::uint8_t sequence = 0;
  std::size_t type24_a = 0;
  for (const auto& m : messages) {
    ais::EncodeOptions options;
    options.sequence_id = sequence;
    sequence = static_cast<std::uint8_t>((sequence + 1) % 10);
    for (const auto& sentence : ais::encode_sentences(m, options)) text += sentence + "\n";
    const auto* sdr = std::get_if<ais::StaticDataReport>(&m);
    if (sdr != nullptr && sdr->partno == 0) ++type24_a;
  }
  const std::string path = ::testing::TempDir() + "darkfleet_oracle_edge_cases.nmea";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr) << path;
    ASSERT_EQ(std::fwrite(text.data(), 1, text.size(), f), text.size());
    std::fclose(f);
  }
  run_oracle(path, "edge cases", messages.size() - type24_a);
  std::remove(path.c_str());
}

// The allow-list is documented: every entry's name appears in docs/formats.md.
TEST(GpsdecodeOracle, AllowListIsDocumented) {
  const std::string doc = std::string(DARKFLEET_SOURCE_DIR) + "/docs/formats.md";
  std::FILE* f = std::fopen(doc.c_str(), "rb");
  ASSERT_NE(f, nullptr) << doc;
  std::string text;
  char chunk[4096];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0) text.append(chunk, n);
  std::fclose(f);
  for (const auto& a : k_allowances) {
    EXPECT_NE(text.find(std::string("`") + a.name + "`"), std::string::npos)
        << "allow-list entry " << a.name << " is not in docs/formats.md";
  }
}

}  // namespace
}  // namespace darkfleet::io
