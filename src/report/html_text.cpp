#include "html_text.hpp"

#include <array>

#include "darkfleet/io/csv_positions.hpp"

namespace darkfleet::report {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string time_text(std::int64_t t_ms) {
  // "YYYY-MM-DDTHH:MM:SS[.mmm]Z" -> "YYYY-MM-DD HH:MM UTC"
  std::string iso = io::format_time_iso(t_ms);
  if (iso.size() < 16) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

std::string_view vessel_colour(std::size_t i) {
  static constexpr std::array<std::string_view, 12> k_palette = {
      "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
      "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f", "#393b79", "#637939"};
  return k_palette[i % k_palette.size()];
}

}  // namespace darkfleet::report
