// Plain-text articles: the layout news sites and report summaries use when copied as text.
#include <algorithm>
#include <string_view>
#include <vector>

#include "article_parts.hpp"

namespace darkfleet::claims::detail {
namespace {

// A headline is one short line; longer first lines are body text.
constexpr std::size_t k_max_headline_bytes = 300;

struct Line {
  std::size_t begin = 0;  // offset of the first byte
  std::size_t end = 0;    // offset after the last content byte (no '\r' or '\n')
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::size_t content_end = end;
    if (content_end > begin && text[content_end - 1] == '\r') --content_end;
    lines.push_back({begin, content_end});
    if (end == text.size()) break;
    begin = end + 1;
  }
  return lines;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\f\v") == std::string_view::npos;
}

// Length of a bullet marker ("- ", "* ", "• ", "– ", "· ") after leading blanks, or 0.
std::size_t bullet_length(std::string_view line) {
  const std::size_t lead = line.find_first_not_of(" \t");
  if (lead == std::string_view::npos) return 0;
  const std::string_view rest = line.substr(lead);
  for (const std::string_view marker : {"- ", "* ", "\u2022 ", "\u2013 ", "\u00B7 "}) {
    if (rest.starts_with(marker)) return lead + marker.size();
  }
  return 0;
}

Block make_block(std::string_view text, std::size_t begin, std::size_t end, Placement placement) {
  Block block;
  block.placement = placement;
  block.text.assign(text.substr(begin, end - begin));
  block.anchors.push_back({0, begin, true, 0});
  return block;
}

}  // namespace

std::vector<Block> split_plain_text(std::string_view text) {
  // A UTF-8 byte order mark is not text.
  const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const std::vector<Line> lines = split_lines(text);
  auto line_text = [&](const Line& l) { return text.substr(l.begin, l.end - l.begin); };
  std::vector<Block> blocks;
  std::size_t i = 0;
  while (i < lines.size() && is_blank(line_text(lines[i]))) ++i;
  if (i >= lines.size()) return blocks;

  // Headline: a short first line followed by a blank line or a bullet.
  const bool next_separates = i + 1 >= lines.size() || is_blank(line_text(lines[i + 1])) ||
                              bullet_length(line_text(lines[i + 1])) > 0;
  if (lines[i].end - lines[i].begin <= k_max_headline_bytes && next_separates) {
    const std::size_t begin = std::max(lines[i].begin, bom);
    blocks.push_back(make_block(text, begin, lines[i].end, Placement::headline));
    ++i;
    // Teaser: the bullet lines before the first paragraph.
    while (i < lines.size()) {
      const std::string_view l = line_text(lines[i]);
      if (is_blank(l)) {
        ++i;
        continue;
      }
      const std::size_t marker = bullet_length(l);
      if (marker == 0) break;
      blocks.push_back(make_block(text, lines[i].begin + marker, lines[i].end, Placement::teaser));
      ++i;
    }
  }
  // Body: paragraphs separated by blank lines.
  while (i < lines.size()) {
    if (is_blank(line_text(lines[i]))) {
      ++i;
      continue;
    }
    const std::size_t begin = std::max(lines[i].begin, bom);
    std::size_t end = lines[i].end;
    while (i < lines.size() && !is_blank(line_text(lines[i]))) end = lines[i++].end;
    blocks.push_back(make_block(text, begin, end, Placement::body));
  }
  return blocks;
}

}  // namespace darkfleet::claims::detail
