#include "darkfleet/io/csv_positions.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace darkfleet::io {
namespace {

using Names = std::array<std::string_view, k_csv_field_count>;

// Header names per layout, lower case, in CsvField order; "" = the layout has no such column.
constexpr Names k_dma_names = {"mmsi", "# timestamp", "latitude", "longitude", "sog", "cog",
                               "heading", "navigational status", "name", "callsign", "imo",
                               "ship type", "length", "width", "draught", "destination"};
constexpr Names k_noaa_names = {"mmsi", "basedatetime", "lat", "lon", "sog", "cog", "heading",
                                "status", "vesselname", "callsign", "imo", "vesseltype",
                                "length", "width", "draft", ""};
constexpr Names k_noaa2024_names = {"mmsi", "base_date_time", "latitude", "longitude", "sog",
                                    "cog", "heading", "status", "vessel_name", "call_sign", "imo",
                                    "vessel_type", "length", "width", "draft", ""};

constexpr std::array<std::string_view, k_csv_field_count> k_field_names = {
    "mmsi", "time", "lat", "lon", "sog", "cog", "heading", "status", "name", "call_sign", "imo",
    "ship_type", "length", "width", "draught", "destination"};

constexpr std::size_t k_required_fields = 4;  // mmsi, time, lat, lon come first

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"' || s.front() == '\xEF' ||
                        s.front() == '\xBB' || s.front() == '\xBF')) {
    s.remove_prefix(1);  // spaces, quotes, a UTF-8 byte order mark
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\r')) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

std::vector<std::string> header_names(std::string_view header) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = header.find(',', start);
    names.push_back(lower_trimmed(header.substr(start, comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  // DMA writes "# Timestamp"; some exports drop the "# ".
  for (auto& n : names) {
    if (n == "timestamp") n = "# timestamp";
  }
  return names;
}

int find_column(const std::vector<std::string>& names, std::string_view wanted) {
  if (wanted.empty()) return -1;
  const auto it = std::find(names.begin(), names.end(), wanted);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

bool fits(const std::vector<std::string>& names, const Names& layout) {
  for (std::size_t f = 0; f < k_required_fields; ++f) {
    if (find_column(names, layout[f]) < 0) return false;
  }
  return true;
}

const Names& names_of(CsvLayout layout) {
  switch (layout) {
    case CsvLayout::dma: return k_dma_names;
    case CsvLayout::noaa: return k_noaa_names;
    default: return k_noaa2024_names;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Empty and the DMA's "Unknown"/"Undefined" words mean "not given".
bool missing(std::string_view s) {
  return s.empty() || s == "Unknown" || s == "Undefined" || s == "NA" || s == "nan";
}

std::optional<double> parse_double(std::string_view s, bool& bad) {
  s = trim(s);
  if (missing(s)) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) {
    bad = true;
    return std::nullopt;
  }
  return v;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool number_at(std::string_view s, std::size_t pos, std::size_t len, unsigned& out) {
  if (pos + len > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return true;
}

// The ISO-8601 subset AIS tables use: date, 'T' or ' ', time, optional fraction and 'Z'.
Result<std::int64_t> parse_iso(std::string_view s, bool dmy) {
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  bool ok = false;
  if (dmy) {
    ok = number_at(s, 0, 2, d) && s[2] == '/' && number_at(s, 3, 2, mo) && s[5] == '/' &&
         number_at(s, 6, 4, y);
  } else {
    ok = number_at(s, 0, 4, y) && s[4] == '-' && number_at(s, 5, 2, mo) && s[7] == '-' &&
         number_at(s, 8, 2, d);
  }
  ok = ok && s.size() >= 19 && (s[10] == 'T' || s[10] == ' ') && number_at(s, 11, 2, h) &&
       s[13] == ':' && number_at(s, 14, 2, mi) && s[16] == ':' && number_at(s, 17, 2, sec);
  if (!ok) return fail(ErrorCode::bad_time);
  std::int64_t ms = 0;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::int64_t scale = 100;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
  }
  if (pos < s.size() && s[pos] == 'Z') ++pos;
  if (pos != s.size()) return fail(ErrorCode::bad_time);
  if (y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
      sec > 60) {
    return fail(ErrorCode::bad_time);
  }
  const std::int64_t days = days_from_civil(y, mo, d);
  return ((days * 24 + h) * 60 + mi) * 60000 + std::int64_t{sec} * 1000 + ms;
}

// DMA writes navigation status as text; these are its words for codes 0-8, 11-14.
std::uint8_t status_from_text(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, std::uint8_t>, 14> k_words = {{
      {"Under way using engine", 0}, {"At anchor", 1}, {"Not under command", 2},
      {"Restricted manoeuverability", 3}, {"Restricted maneuverability", 3},
      {"Constrained by her draught", 4}, {"Moored", 5}, {"Aground", 6},
      {"Engaged in fishing", 7}, {"Under way sailing", 8}, {"Power-driven vessel towing astern", 11},
      {"Power-driven vessel pushing ahead or towing alongside", 12}, {"AIS-SART", 14},
      {"Reserved for future use", 13}}};
  for (const auto& [word, code] : k_words) {
    if (s == word) return code;
  }
  return 15;
}

// DMA writes ship type as a category word; map it to the category's generic AIS code.
std::uint16_t ship_type_from_text(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, std::uint16_t>, 19> k_words = {{
      {"WIG", 20}, {"Fishing", 30}, {"Towing", 31}, {"Towing long/wide", 32}, {"Dredging", 33},
      {"Diving", 34}, {"Military", 35}, {"Sailing", 36}, {"Pleasure", 37}, {"HSC", 40},
      {"Pilot", 50}, {"SAR", 51}, {"Tug", 52}, {"Port tender", 53}, {"Anti-pollution", 54},
      {"Law enforcement", 55}, {"Medical", 58}, {"Passenger", 60}, {"Cargo", 70}}};
  for (const auto& [word, code] : k_words) {
    if (s == word) return code;
  }
  if (s == "Tanker") return 80;
  return 0;
}

}  // namespace

std::string_view to_string(CsvLayout layout) {
  switch (layout) {
    case CsvLayout::dma: return "dma";
    case CsvLayout::noaa: return "noaa";
    case CsvLayout::noaa2024: return "noaa2024";
    case CsvLayout::columns: return "columns";
  }
  return "unknown";
}

std::optional<CsvLayout> csv_layout_from_name(std::string_view name) {
  for (const CsvLayout l :
       {CsvLayout::dma, CsvLayout::noaa, CsvLayout::noaa2024, CsvLayout::columns}) {
    if (to_string(l) == name) return l;
  }
  return std::nullopt;
}

std::string_view to_string(CsvField field) { return k_field_names[static_cast<std::size_t>(field)]; }

std::array<std::string, k_csv_field_count> parse_column_spec(std::string_view spec) {
  std::array<std::string, k_csv_field_count> out;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = std::min(spec.find(',', start), spec.size());
    const std::string_view part = spec.substr(start, comma - start);
    start = comma + 1;
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos || eq + 1 == part.size()) {
      throw std::invalid_argument("--columns: '" + std::string(part) +
                                  "' is not FIELD=HEADER (e.g. mmsi=MMSI)");
    }
    const std::string_view field = part.substr(0, eq);
    const auto it = std::find(k_field_names.begin(), k_field_names.end(), field);
    if (it == k_field_names.end()) {
      throw std::invalid_argument("--columns: unknown field '" + std::string(field) +
                                  "' (fields: mmsi, time, lat, lon, sog, cog, heading, status, "
                                  "name, call_sign, imo, ship_type, length, width, draught, "
                                  "destination)");
    }
    out[static_cast<std::size_t>(it - k_field_names.begin())] = lower_trimmed(part.substr(eq + 1));
  }
  for (std::size_t f = 0; f < k_required_fields; ++f) {
    if (out[f].empty()) {
      throw std::invalid_argument("--columns: the " + std::string(k_field_names[f]) +
                                  " column is required (mmsi, time, lat, lon)");
    }
  }
  return out;
}

std::optional<CsvLayout> CsvPositionParser::detect(std::string_view header) {
  const auto names = header_names(header);
  for (const CsvLayout l : {CsvLayout::dma, CsvLayout::noaa, CsvLayout::noaa2024}) {
    if (fits(names, names_of(l))) return l;
  }
  return std::nullopt;
}

CsvPositionParser::CsvPositionParser(std::string_view header, std::optional<CsvLayout> layout,
                                     const std::array<std::string, k_csv_field_count>* columns) {
  const auto names = header_names(header);
  m_header_fields = names.size();
  if (!layout) layout = detect(header);
  if (!layout) {
    throw std::runtime_error(
        "the CSV header fits no known layout (dma, noaa, noaa2024): '" +
        std::string(header.substr(0, 120)) +
        "'; name the columns with --columns mmsi=...,time=...,lat=...,lon=...");
  }
  m_layout = *layout;
  Names wanted{};
  if (m_layout == CsvLayout::columns) {
    if (columns == nullptr) throw std::runtime_error("the columns layout needs --columns");
    for (std::size_t f = 0; f < k_csv_field_count; ++f) wanted[f] = (*columns)[f];
  } else {
    wanted = names_of(m_layout);
  }
  std::string absent;
  for (std::size_t f = 0; f < k_csv_field_count; ++f) {
    m_index[f] = find_column(names, wanted[f]);
    if (m_index[f] < 0 && !wanted[f].empty() &&
        (f < k_required_fields || m_layout == CsvLayout::columns)) {
      absent += (absent.empty() ? "'" : ", '") + std::string(wanted[f]) + "'";
    }
  }
  if (!absent.empty()) {
    throw std::runtime_error("the CSV header has no column " + absent + " needed by the " +
                             std::string(to_string(m_layout)) + " layout");
  }
}

bool CsvPositionParser::split(std::string_view row) {
  m_fields.clear();
  if (row.find('"') == std::string_view::npos) {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = row.find(',', start);
      m_fields.push_back(row.substr(start, comma - start));
      if (comma == std::string_view::npos) return true;
      start = comma + 1;
    }
  }
  // RFC 4180 quoting: "a ""b"", c" is one field. Unquoted text goes to m_unquoted, which
  // is sized first so that the views into it stay valid.
  m_unquoted.clear();
  m_unquoted.reserve(row.size());
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t i = 0;
  while (true) {
    const std::size_t begin = m_unquoted.size();
    if (i < row.size() && row[i] == '"') {
      ++i;
      while (true) {
        if (i >= row.size()) return false;  // unclosed quote
        if (row[i] == '"') {
          if (i + 1 < row.size() && row[i + 1] == '"') {
            m_unquoted.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        m_unquoted.push_back(row[i++]);
      }
      if (i < row.size() && row[i] != ',' && row[i] != '\r') return false;
    } else {
      while (i < row.size() && row[i] != ',') m_unquoted.push_back(row[i++]);
    }
    spans.emplace_back(begin, m_unquoted.size() - begin);
    if (i < row.size() && row[i] == '\r') ++i;
    if (i >= row.size()) break;
    ++i;  // the comma
  }
  for (const auto& [begin, size] : spans) m_fields.push_back(std::string_view(m_unquoted).substr(begin, size));
  return true;
}

Result<CsvRecord> CsvPositionParser::parse(std::string_view row) {
  if (!split(row) || m_fields.size() != m_header_fields) return fail(ErrorCode::bad_csv_row);
  const auto field = [this](CsvField f) -> std::string_view {
    const int i = m_index[static_cast<std::size_t>(f)];
    return i < 0 ? std::string_view() : trim(m_fields[static_cast<std::size_t>(i)]);
  };
  CsvRecord r;
  bool bad = false;
  const auto mmsi = parse_double(field(CsvField::mmsi), bad);
  if (bad || !mmsi || *mmsi < 1 || *mmsi > 999999999 || *mmsi != std::floor(*mmsi)) {
    return fail(ErrorCode::bad_mmsi);
  }
  r.mmsi = static_cast<std::uint32_t>(*mmsi);
  const auto time = parse_time_ms(field(CsvField::time));
  if (!time) return fail(time.error());
  r.t_ms = *time;
  const auto lat = parse_double(field(CsvField::lat), bad);
  const auto lon = parse_double(field(CsvField::lon), bad);
  if (bad || !lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
    return fail(ErrorCode::bad_position);
  }
  r.lat_deg = *lat;
  r.lon_deg = *lon;
  r.sog_kn = parse_double(field(CsvField::sog), bad);
  r.cog_deg = parse_double(field(CsvField::cog), bad);
  r.heading_deg = parse_double(field(CsvField::heading), bad);
  // MarineCadastre 2020 wrote course as a signed 12-bit value of 0.1 deg: -204.8..-0.1
  // stand for 204.8..409.5 (docs/formats.md).
  if (r.cog_deg && *r.cog_deg < 0 && *r.cog_deg >= -204.8 && m_layout != CsvLayout::dma) {
    *r.cog_deg += 409.6;
  }
  const std::string_view status = field(CsvField::status);
  if (m_layout == CsvLayout::dma) {
    r.status = status_from_text(status);
  } else if (const auto code = parse_double(status, bad); code && *code >= 0 && *code <= 15) {
    r.status = static_cast<std::uint8_t>(*code);
  }
  r.name = field(CsvField::name);
  r.call_sign = field(CsvField::call_sign);
  r.destination = field(CsvField::destination);
  if (missing(r.name)) r.name = {};
  if (missing(r.call_sign)) r.call_sign = {};
  if (missing(r.destination)) r.destination = {};
  std::string_view imo = field(CsvField::imo);
  if (imo.substr(0, 3) == "IMO") imo.remove_prefix(3);
  if (const auto v = parse_double(imo, bad); v && *v > 0 && *v < 1e9) {
    r.imo = static_cast<std::uint32_t>(*v);
  }
  const std::string_view ship_type = field(CsvField::ship_type);
  if (m_layout == CsvLayout::dma) {
    r.ship_type = ship_type_from_text(ship_type);
  } else if (const auto v = parse_double(ship_type, bad); v && *v > 0 && *v < 256) {
    r.ship_type = static_cast<std::uint16_t>(*v);
  }
  r.length_m = parse_double(field(CsvField::length), bad);
  r.width_m = parse_double(field(CsvField::width), bad);
  r.draught_m = parse_double(field(CsvField::draught), bad);
  if (bad) return fail(ErrorCode::bad_number);
  return r;
}

Result<std::int64_t> parse_time_ms(std::string_view text) {
  text = trim(text);
  if (text.empty()) return fail(ErrorCode::bad_time);
  if (text.size() >= 19 && text[2] == '/') return parse_iso(text, true);
  if (text.size() >= 19 && text[4] == '-') return parse_iso(text, false);
  if (text.size() == 10 && text[4] == '-') {  // a date alone: its midnight
    std::string midnight(text);
    midnight += "T00:00:00";
    return parse_iso(midnight, false);
  }
  // Unix seconds, maybe with a fraction.
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  if (!all_digits(whole) || whole.size() > 11) return fail(ErrorCode::bad_time);
  std::int64_t ms = 0;
  for (const char c : whole) ms = ms * 10 + (c - '0');
  ms *= 1000;
  if (dot != std::string_view::npos) {
    const std::string_view frac = text.substr(dot + 1);
    if (!all_digits(frac)) return fail(ErrorCode::bad_time);
    std::int64_t scale = 100;
    for (const char c : frac) {
      ms += (c - '0') * scale;
      scale /= 10;
    }
  }
  if (ms > 4102444800000) return fail(ErrorCode::bad_time);  // 2100-01-01
  return ms;
}

std::string format_time_iso(std::int64_t t_ms) {
  std::int64_t days = t_ms / 86'400'000;
  std::int64_t ms_of_day = t_ms % 86'400'000;
  if (ms_of_day < 0) {
    ms_of_day += 86'400'000;
    --days;
  }
  // H. Hinnant's civil_from_days.
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const std::int64_t s = ms_of_day / 1000;
  const std::int64_t ms = ms_of_day % 1000;
  char buf[40];
  const int n = ms == 0 ? std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                                        static_cast<long long>(y), static_cast<long long>(m),
                                        static_cast<long long>(d), static_cast<long long>(s / 3600),
                                        static_cast<long long>(s / 60 % 60),
                                        static_cast<long long>(s % 60))
                        : std::snprintf(buf, sizeof buf,
                                        "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
                                        static_cast<long long>(y), static_cast<long long>(m),
                                        static_cast<long long>(d), static_cast<long long>(s / 3600),
                                        static_cast<long long>(s / 60 % 60),
                                        static_cast<long long>(s % 60), static_cast<long long>(ms));
  return std::string(buf, static_cast<std::size_t>(n > 0 ? n : 0));
}

}  // namespace darkfleet::io
