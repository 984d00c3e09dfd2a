#include "core/normalize.h"

#include "core/utf8.h"

namespace duban::detail {
namespace {

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Builds the result in one pass: replacing in place moves the tail each time, which is
// quadratic on a long line full of matches.
void replace_all(std::string& s, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(s.size());
  std::size_t start = 0;
  for (std::size_t pos; (pos = s.find(from, start)) != std::string::npos;
       start = pos + from.size()) {
    out.append(s, start, pos - start);
    out.append(to);
  }
  out.append(s, start, std::string::npos);
  s = std::move(out);
}

// Markdown and HTML residue that web copies of documents carry.
void strip_markup(std::string& s) {
  static constexpr std::string_view kTags[] = {"<p>", "</p>", "<br>", "<br/>", "<br />", "**"};
  for (std::string_view t : kTags)
    if (s.find(t) != std::string::npos) replace_all(s, t, "");
}

}  // namespace

char32_t fold_width(char32_t c) {
  if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
    return c - 0xFEE0;
  return c;
}

std::string normalize_text(std::string_view raw, const Rules& rules) {
  std::string s(trim(raw));
  for (const auto& [wrong, right] : rules.glyph_fixes)
    if (s.find(wrong) != std::string::npos) replace_all(s, wrong, right);
  if (s.find('<') != std::string::npos || s.find("**") != std::string::npos) strip_markup(s);
  // A markdown bullet before a heading label or text: "- （一）符合法定的权限".
  if (s.size() > 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') s.erase(0, 2);
  if (starts_with(s, "• ")) s.erase(0, 4);

  std::string out;
  out.reserve(s.size());
  char32_t prev = 0;  // last code point written
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t at = i;
    char32_t raw = next_cp(s, i);
    char32_t c = fold_width(raw);
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && is_ascii_alnum(prev) && is_ascii_alnum(c)) out.push_back(' ');
    pending_space = false;
    if (c == raw && raw != 0xFFFD)
      out.append(s, at, i - at);  // unchanged: copy the bytes
    else
      append_cp(out, c);
    prev = c;
  }
  return out;
}

std::vector<Line> normalize_lines(std::string_view text, const Rules& rules, int first_line) {
  std::vector<Line> lines;
  lines.reserve(text.size() / 40 + 1);
  std::size_t pos = 0;
  int no = first_line;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    Line line;
    line.no = no++;
    std::string_view content = trim(raw);
    if (!content.empty()) {
      line.raw_width = display_width(content);
      line.indented = raw[0] == ' ' || starts_with(raw, "\u3000");
      line.cell = raw[0] == '\t';
      std::string_view body = line.cell ? raw.substr(1) : raw;
      if (!line.cell && content.find('\t') != std::string_view::npos) {
        line.row = true;
        std::size_t start = 0;
        while (true) {
          std::size_t tab = body.find('\t', start);
          std::string_view cell =
              body.substr(start, tab == std::string_view::npos ? tab : tab - start);
          line.cells.push_back(normalize_text(cell, rules));
          if (tab == std::string_view::npos) break;
          start = tab + 1;
        }
        for (std::size_t k = 0; k < line.cells.size(); ++k) {
          if (k) line.text += '\t';
          line.text += line.cells[k];
        }
      } else {
        line.text = normalize_text(body, rules);
      }
    } else if (!raw.empty() && raw[0] == '\t') {
      line.cell = true;  // an empty cell: a merged cell to fill down
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace duban::detail
