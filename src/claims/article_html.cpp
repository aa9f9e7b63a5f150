// A small tolerant HTML reader for news articles: enough structure to tell headline, teaser
// and body apart, without a DOM. Unclosed <p> and <li> end at the next block; unknown tags
// are ignored; entities are decoded and mapped back to their bytes in the file.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article_parts.hpp"

namespace darkfleet::claims::detail {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the entity at html[pos] ('&'); returns its length in bytes, 0 if it is none.
std::size_t decode_entity(std::string_view html, std::size_t pos, std::string& out) {
  // Entities are short: look for the ';' in the next few bytes only.
  constexpr std::size_t k_max_entity_bytes = 12;
  const std::size_t semi =
      html.substr(0, std::min(html.size(), pos + k_max_entity_bytes)).find(';', pos);
  if (semi == std::string_view::npos || semi == pos + 1) return 0;
  const std::string_view name = html.substr(pos + 1, semi - pos - 1);
  if (name.front() == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    std::uint32_t cp = 0;
    for (const char c : digits) {
      std::uint32_t d = 0;
      if (c >= '0' && c <= '9') {
        d = static_cast<std::uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return 0;
      }
      cp = std::min<std::uint32_t>(cp * (hex ? 16 : 10) + d, 0x110000);
    }
    append_utf8(out, cp);
    return semi - pos + 1;
  }
  struct Named {
    std::string_view name;
    std::uint32_t cp;
  };
  static constexpr Named named[] = {
      {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},
      {"apos", '\''},    {"nbsp", 0xA0},    {"thinsp", 0x2009}, {"ndash", 0x2013},
      {"mdash", 0x2014}, {"minus", 0x2212}, {"euro", 0x20AC},   {"auml", 0xE4},
      {"ouml", 0xF6},    {"uuml", 0xFC},    {"Auml", 0xC4},     {"Ouml", 0xD6},
      {"Uuml", 0xDC},    {"szlig", 0xDF},   {"eacute", 0xE9},   {"hellip", 0x2026},
      {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A},  {"ldquo", 0x201C},
      {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"laquo", 0xAB},    {"raquo", 0xBB},
      {"asymp", 0x2248}, {"ge", 0x2265},    {"le", 0x2264},     {"dollar", '$'},
  };
  for (const auto& n : named) {
    if (n.name == name) {
      append_utf8(out, n.cp);
      return semi - pos + 1;
    }
  }
  if (name == "shy") return semi - pos + 1;  // soft hyphen: no text
  return 0;
}

// Elements whose text is a block.
bool is_block_element(std::string_view tag) {
  return tag == "p" || tag == "li" || tag == "h1" || tag == "h2" || tag == "h3" || tag == "h4" ||
         tag == "h5" || tag == "h6" || tag == "blockquote" || tag == "title" ||
         tag == "figcaption" || tag == "dd" || tag == "dt";
}

// Elements whose content is never article text.
bool is_raw_text_element(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "noscript" || tag == "template" ||
         tag == "svg";
}
bool is_skipped_container(std::string_view tag) {
  return tag == "nav" || tag == "footer" || tag == "aside" || tag == "form";
}
bool is_void_element(std::string_view tag) {
  return tag == "br" || tag == "img" || tag == "meta" || tag == "link" || tag == "hr" ||
         tag == "input" || tag == "source" || tag == "wbr" || tag == "col" || tag == "area";
}

// class/id values that mark a teaser, lead or summary.
bool names_teaser(std::string_view attributes) {
  const std::string a = lower_ascii(attributes);
  for (const std::string_view key : {"teaser", "lead", "summary", "standfirst", "intro",
                                     "highlights", "abstract", "key-points", "keypoints"}) {
    if (a.find(key) != std::string::npos) return true;
  }
  return false;
}

struct OpenElement {
  std::string tag;
  bool teaser = false;
  bool skipped = false;
};

class HtmlSplitter {
 public:
  explicit HtmlSplitter(std::string_view html) : m_html(html) {}

  std::vector<Block> run() {
    std::size_t pos = 0;
    while (pos < m_html.size()) {
      const std::size_t lt = m_html.find('<', pos);
      const std::size_t text_end = lt == std::string_view::npos ? m_html.size() : lt;
      append_text(pos, text_end);
      if (lt == std::string_view::npos) break;
      pos = read_markup(lt);
    }
    finish_block();
    // <title> is the headline only when there is no <h1>.
    if (m_saw_h1) {
      std::erase_if(m_blocks, [](const auto& b) { return b.from_title; });
    }
    std::vector<Block> out;
    for (auto& b : m_blocks) {
      if (b.block.text.find_first_not_of(" \t\r\n\f\v") != std::string::npos) {
        out.push_back(std::move(b.block));
      }
    }
    return out;
  }

 private:
  struct PendingBlock {
    Block block;
    bool from_title = false;
  };

  bool skipping() const {
    return std::any_of(m_open.begin(), m_open.end(), [](const auto& e) { return e.skipped; });
  }
  bool in_teaser() const {
    return std::any_of(m_open.begin(), m_open.end(), [](const auto& e) { return e.teaser; });
  }

  void append_text(std::size_t begin, std::size_t end) {
    if (!m_collecting || begin >= end) return;
    Block& block = m_blocks.back().block;
    std::size_t pos = begin;
    while (pos < end) {
      const std::size_t amp = m_html.substr(pos, end - pos).find('&');
      const std::size_t literal_end = amp == std::string_view::npos ? end : pos + amp;
      append_literal(block, pos, literal_end);
      if (literal_end >= end) break;
      std::string decoded;
      const std::size_t length = decode_entity(m_html.substr(0, end), literal_end, decoded);
      if (length == 0) {
        append_literal(block, literal_end, literal_end + 1);
        pos = literal_end + 1;
        continue;
      }
      block.anchors.push_back({block.text.size(), literal_end, false, length});
      block.text += decoded;
      pos = literal_end + length;
    }
  }

  static void append_literal_to(Block& block, std::string_view html, std::size_t begin,
                                std::size_t end) {
    if (begin >= end) return;
    const bool continues = !block.anchors.empty() && block.anchors.back().literal &&
                           block.anchors.back().source_offset +
                                   (block.text.size() - block.anchors.back().text_offset) ==
                               begin;
    if (!continues) block.anchors.push_back({block.text.size(), begin, true, 0});
    block.text.append(html.substr(begin, end - begin));
  }
  void append_literal(Block& block, std::size_t begin, std::size_t end) {
    append_literal_to(block, m_html, begin, end);
  }

  // Reads the markup at m_html[lt] ('<'); returns the position after it.
  std::size_t read_markup(std::size_t lt) {
    if (m_html.substr(lt).starts_with("<!--")) {
      const std::size_t close = m_html.find("-->", lt + 4);
      return close == std::string_view::npos ? m_html.size() : close + 3;
    }
    std::size_t pos = lt + 1;
    const bool closing = pos < m_html.size() && m_html[pos] == '/';
    if (closing) ++pos;
    const std::size_t name_begin = pos;
    while (pos < m_html.size() && is_name_char(m_html[pos])) ++pos;
    const std::string tag = lower_ascii(m_html.substr(name_begin, pos - name_begin));
    // The end of the tag, skipping quoted attribute values.
    char quote = 0;
    std::size_t end = pos;
    for (; end < m_html.size(); ++end) {
      const char c = m_html[end];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    const std::string_view attributes = m_html.substr(pos, end - pos);
    const std::size_t after = end < m_html.size() ? end + 1 : m_html.size();
    if (tag.empty()) {
      // "<" that starts no tag ("a < b", "<!DOCTYPE", "<?xml"): text only if it is a lone '<'.
      if (name_begin == lt + 1 && !closing &&
          (lt + 1 >= m_html.size() || (m_html[lt + 1] != '!' && m_html[lt + 1] != '?'))) {
        append_text(lt, lt + 1);
        return lt + 1;
      }
      return after;
    }
    if (closing) {
      on_close(tag);
    } else {
      on_open(tag, attributes, lt);
      if (is_raw_text_element(tag)) {
        const std::string close = "</" + tag;
        std::size_t p = after;
        for (;;) {
          const std::size_t found = m_html.find("</", p);
          if (found == std::string_view::npos) return m_html.size();
          if (lower_ascii(m_html.substr(found, close.size())) == close) {
            const std::size_t gt = m_html.find('>', found);
            on_close(tag);
            return gt == std::string_view::npos ? m_html.size() : gt + 1;
          }
          p = found + 2;
        }
      }
    }
    return after;
  }

  void on_open(const std::string& tag, std::string_view attributes, std::size_t lt) {
    if (tag == "br" && m_collecting) {
      Block& block = m_blocks.back().block;
      block.anchors.push_back({block.text.size(), lt, false, 0});
      block.text.push_back('\n');
      return;
    }
    if (is_void_element(tag)) return;
    const bool teaser = names_teaser(attributes);
    if (is_block_element(tag)) {
      finish_block();
      if (skipping()) {
        m_open.push_back({tag, teaser, false});
        return;
      }
      start_block(tag, teaser || in_teaser());
    }
    m_open.push_back({tag, teaser, is_skipped_container(tag) || is_raw_text_element(tag)});
    if (m_open.size() > k_max_depth) m_open.erase(m_open.begin());
  }

  void on_close(const std::string& tag) {
    if (m_collecting && tag == m_block_tag) finish_block();
    // Pop back to the matching element, if it is open at all.
    for (std::size_t i = m_open.size(); i-- > 0;) {
      if (m_open[i].tag == tag) {
        m_open.resize(i);
        break;
      }
    }
  }

  void start_block(const std::string& tag, bool teaser) {
    PendingBlock pending;
    Placement placement = Placement::body;
    if (tag == "title") {
      placement = Placement::headline;
      pending.from_title = true;
    } else if (tag == "h1" && !m_saw_h1) {
      placement = Placement::headline;
      m_saw_h1 = true;
    } else if (teaser || (tag == "li" && !m_saw_paragraph)) {
      placement = Placement::teaser;
    } else if (tag == "p") {
      m_saw_paragraph = true;
    }
    pending.block.placement = placement;
    m_blocks.push_back(std::move(pending));
    m_collecting = true;
    m_block_tag = tag;
  }

  void finish_block() {
    m_collecting = false;
    m_block_tag.clear();
  }

  static constexpr std::size_t k_max_depth = 256;  // bounds the stack on unclosed tags
  std::string_view m_html;
  std::vector<PendingBlock> m_blocks;
  std::vector<OpenElement> m_open;
  bool m_collecting = false;
  std::string m_block_tag;
  bool m_saw_h1 = false;
  bool m_saw_paragraph = false;
};

}  // namespace

std::vector<Block> split_html(std::string_view html) {
  return HtmlSplitter(html).run();
}

bool looks_like_html(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || bytes[first] != '<') return false;
  const std::string head = lower_ascii(bytes.substr(first, 16));
  for (const std::string_view start : {"<!doctype", "<html", "<head", "<body", "<title", "<h1",
                                       "<p>", "<p ", "<article", "<div", "<meta", "<!--"}) {
    if (head.starts_with(start)) return true;
  }
  return false;
}

}  // namespace darkfleet::claims::detail
