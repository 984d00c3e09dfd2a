#include "core/reflow.h"

#include <algorithm>
#include <map>

#include "core/doc_number.h"
#include "core/numerals.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

enum class LC {
  kBlank,
  kFurniture,
  kCell,
  kRow,
  kDocNumber,
  kAgencyMark,
  kDate,
  kPublic,
  kImprint,
  kAttachment,
  kHeading,
  kIssuer,
  kContents,
  kMeta,
  kText
};

// Lines wider than this (30 Han characters) that do not end a sentence are always
// continued: no title or heading runs that long without punctuation.
constexpr int kLongLine = 60;
// A line at least this share of its neighbours' width was wrapped at the margin.
// Digits are half as wide as Han characters, so wrapped lines vary in width.
constexpr int kFullPercent = 70;
// How far a cover letter may run from its 主送 line to its signature.
constexpr int kMaxCoverLines = 60;

class Builder {
 public:
  Builder(const std::vector<Line>& lines, const Rules& rules, const PageFurniture& furniture)
      : lines_(lines), rules_(rules) {
    for (const DutyPhrase& d : rules.duty_phrases)
      if (d.kind == "label") {
        labels_.push_back(d.phrase);
        label_firsts_ += d.phrase.substr(0, 3);
      }
    cls_.resize(lines.size(), LC::kBlank);
    heads_.resize(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      cls_[i] = classify(lines[i], furniture, i);
      if (cls_[i] != LC::kBlank && cls_[i] != LC::kFurniture)
        content_.push_back(static_cast<int>(i));
    }
    // An agency name right before a date is a signature (发文机关署名 + 成文日期).
    for (std::size_t p = 0; p + 1 < content_.size(); ++p) {
      int i = content_[p];
      if (cls_[i] == LC::kText && cls_[content_[p + 1]] == LC::kDate &&
          looks_like_issuer(lines[i].text, rules))
        cls_[i] = LC::kIssuer;
    }
    // Joint issuers: several agency lines stacked above the date.
    for (std::size_t p = content_.size(); p-- > 1;) {
      int i = content_[p - 1];
      if (cls_[i] == LC::kText && cls_[content_[p]] == LC::kIssuer &&
          looks_like_issuer(lines[i].text, rules))
        cls_[i] = LC::kIssuer;
    }
  }

  Layout run() {
    build(0, content_.size(), 0);
    return std::move(out_);
  }

 private:
  LC classify(const Line& l, const PageFurniture& furniture, std::size_t i) {
    if (l.cell) return LC::kCell;
    if (l.row) {
      // A metadata block laid out as a table: every cell is "label：value".
      bool meta = !l.cells.empty();
      for (const std::string& c : l.cells)
        meta = meta && (c.empty() || match_metadata(c, rules_, nullptr));
      return meta ? LC::kMeta : LC::kRow;
    }
    if (l.text.empty()) return LC::kBlank;
    if (furniture.matches(l.text)) return LC::kFurniture;
    if (parse_doc_number(l.text)) return LC::kDocNumber;
    if (match_metadata(l.text, rules_, nullptr)) return LC::kMeta;
    if (is_agency_mark(l.text, rules_)) return LC::kAgencyMark;
    if (parse_date(l.text)) return LC::kDate;
    if (is_public_marker(l.text)) return LC::kPublic;
    if (is_imprint(l.text)) return LC::kImprint;
    if (is_attachment_marker(l.text)) return LC::kAttachment;
    if (is_contents_entry(l.text)) return LC::kContents;
    if ((heads_[i] = match_heading(l.text))) return LC::kHeading;
    return LC::kText;
  }

  // --- paragraphs ---------------------------------------------------------------------

  struct Para {
    bool open = false;
    Block block;
    int last = -1;  // index of its last line
    int depth = 0;  // brackets （《“ opened and not yet closed
  };

  static int bracket_delta(std::string_view t) {
    int d = 0;
    for (std::size_t i = 0; i < t.size();) {
      char32_t c = next_cp(t, i);
      if (c == U'（' || c == U'《' || c == U'“' || c == '(') ++d;
      if (c == U'）' || c == U'》' || c == U'”' || c == ')') --d;
    }
    return d;
  }

  void close(Para& para) {
    if (!para.open) return;
    out_.blocks.push_back(std::move(para.block));
    para = Para{};
  }

  void start(Para& para, BlockKind kind, int i, int host_first) {
    close(para);
    para.open = true;
    para.block.kind = kind;
    para.block.text = lines_[i].text;
    para.block.first = para.block.last = lines_[i].no;
    para.block.host_first = host_first;
    if (kind == BlockKind::kHeading) para.block.heading = heads_[i];
    para.last = i;
    para.depth = std::max(0, bracket_delta(lines_[i].text));
  }

  void append(Para& para, int i) {
    para.block.text += lines_[i].text;
    para.block.last = std::max(para.block.last, lines_[i].no);
    para.block.first = std::min(para.block.first, lines_[i].no);
    para.last = i;
    para.depth = std::max(0, para.depth + bracket_delta(lines_[i].text));
  }

  int prev_width(int i) const {
    for (int k = i - 1; k >= 0 && k >= i - 4; --k)
      if (!lines_[k].text.empty()) return lines_[k].raw_width;
    return 0;
  }

  // Was line a wrapped at the margin, given that line b comes next?
  bool full(int a, int b) const {
    char32_t last = last_cp(lines_[a].text);
    if (last == U'，' || last == U'、' || last == ',' || last == U'（' || last == U'《' ||
        last == U'“' || last == '(')
      return true;
    // A title ends with its 文种 (…的通知, …实施意见), however long it is.
    // Only a qualifier such as （试行） may follow it on the next line.
    if (ends_with_doc_kind(lines_[a].text, rules_, nullptr) && !starts_with(lines_[b].text, "（"))
      return false;
    int w = lines_[a].raw_width;
    if (w >= kLongLine) return true;
    int ref = std::max(prev_width(a), lines_[b].raw_width);
    return w * 100 >= ref * kFullPercent;
  }

  // Does the line start with a duty label and its colon ("配合单位：")?
  bool starts_duty_label(std::string_view t) const {
    // Most lines start with no label's first character (labels are Chinese, three bytes).
    if (t.size() < 3 || !contains_cp3(label_firsts_, t.substr(0, 3))) return false;
    for (std::string_view label : labels_) {
      if (!starts_with(t, label)) continue;
      std::string_view rest = t.substr(label.size());
      if (starts_with(rest, "：") || starts_with(rest, ":")) return true;
    }
    return false;
  }

  // Does a list of units end the line: its last item an agency's name ("…各街道办事处")?
  bool ends_with_agency(std::string_view t) const {
    std::size_t from = 0;
    for (std::string_view sep : {"、", "，", "；", "：", ",", ";", ":"}) {
      std::size_t k = t.rfind(sep);
      if (k != std::string_view::npos) from = std::max(from, k + sep.size());
    }
    return looks_like_issuer(t.substr(from), rules_);
  }

  bool wants_more(const Para& para, int next) const {
    if (!para.open) return false;
    // A line "配合单位：区财政局、…" outside brackets is a paragraph of its own: it continues
    // no heading or sentence, and ends with its list unless the list goes on ("、区商务局").
    if (para.depth == 0 && starts_duty_label(lines_[next].text)) return false;
    if (para.depth == 0 && starts_duty_label(lines_[para.last].text) &&
        ends_with_agency(lines_[para.last].text)) {
      const std::string& t = lines_[next].text;
      if (!(starts_with(t, "、") || starts_with(t, "，") || starts_with(t, "；") ||
            starts_with(t, ",")))
        return false;
    }
    switch (para.block.kind) {
      case BlockKind::kText:
      case BlockKind::kHeading:
      case BlockKind::kAttachment:
        break;
      default:
        return false;
    }
    // Inside an open bracket a colon or semicolon does not end the paragraph:
    // "（牵头单位：区商务局，责任单位：" continues on the next line.
    bool ended =
        ends_sentence(para.block.text) && !(para.depth > 0 && !ends_with(para.block.text, "。"));
    return !ended && full(para.last, next);
  }

  // Number of content lines from position p that form a 主送 list, 0 if none. The list
  // must start at p: the first name on line p is an agency.
  std::size_t recipients_at(std::size_t p, std::size_t end) const {
    if (cls_[content_[p]] != LC::kText) return 0;
    const std::string& line = lines_[content_[p]].text;
    std::size_t cut = line.size();
    for (std::string_view sep : {"、", "，", "：", ",", ":"}) cut = std::min(cut, line.find(sep));
    if (!looks_like_issuer(std::string_view(line).substr(0, cut), rules_)) return 0;
    std::string text;
    for (std::size_t q = p; q < end && q < p + 4; ++q) {
      int i = content_[q];
      if (cls_[i] != LC::kText) return 0;
      text += lines_[i].text;
      if (ends_with(text, "。")) return 0;
      if (ends_with(text, "：") || ends_with(text, ":"))
        return looks_like_recipients(text, rules_) ? q - p + 1 : 0;
    }
    return 0;
  }

  bool head_line(std::size_t p, std::size_t end) const {
    LC c = cls_[content_[p]];
    return c == LC::kDocNumber || c == LC::kAgencyMark || c == LC::kIssuer ||
           (c == LC::kText && recipients_at(p, end) > 0);
  }

  // Is the open paragraph the first line of a 主送 list that goes on at p?
  bool continues_recipients(const Para& para, std::size_t p, std::size_t end) const {
    std::size_t n = recipients_at(p, end);
    if (n == 0) return false;
    std::string text = para.block.text;
    for (std::size_t q = p; q < p + n; ++q) text += lines_[content_[q]].text;
    return looks_like_recipients(text, rules_);
  }

  // The end of a cover block (文号, 主送 … signature, 附注) starting at p; p if none.
  std::size_t cover_end(std::size_t p, std::size_t end) const {
    std::size_t q = p;
    while (q < end) {
      LC c = cls_[content_[q]];
      if (c == LC::kDocNumber || c == LC::kAgencyMark || c == LC::kPublic || c == LC::kDate ||
          c == LC::kIssuer) {
        ++q;
        continue;
      }
      std::size_t n = c == LC::kText ? recipients_at(q, end) : 0;
      if (n == 0) break;
      std::size_t r = q + n;
      while (r < end && r < q + kMaxCoverLines && cls_[content_[r]] != LC::kIssuer) {
        LC rc = cls_[content_[r]];
        if (rc == LC::kHeading || rc == LC::kCell || rc == LC::kRow) return p;
        ++r;
      }
      if (r >= end || cls_[content_[r]] != LC::kIssuer) return p;
      q = r;
    }
    return q;
  }

  void build(std::size_t begin, std::size_t end, int host_first) {
    Para para;
    std::size_t p = begin;
    while (p < end) {
      int i = content_[p];
      LC c = cls_[i];
      if (c == LC::kCell || c == LC::kRow) {
        close(para);
        p = c == LC::kCell ? cell_table(p, end) : row_table(p, end);
        continue;
      }
      // A cover letter or 文号 in the middle of a sentence: lift it out, rejoin the sentence.
      // The sentence goes on after the block, so the line after it decides, not the block.
      if (para.open && head_line(p, end) && !continues_recipients(para, p, end)) {
        std::size_t q = cover_end(p, end);
        if (q > p && q < end && cls_[content_[q]] == LC::kText &&
            (wants_more(para, content_[q]) ||
             (para.depth > 0 && !ends_sentence(para.block.text)))) {
          if (q == p + 1 && c == LC::kDocNumber)
            out_.warnings.push_back({lines_[i].no,
                                     "document number found inside a sentence across a page break",
                                     WarningKind::kDocNumberAcrossPageBreak, ""});
          else
            out_.warnings.push_back({lines_[i].no,
                                     "cover letter interleaved with the body; "
                                     "moved before the paragraph it interrupts",
                                     WarningKind::kCoverLetterInterleaved, ""});
          build(p, q, para.block.first);
          append(para, content_[q]);
          p = q + 1;
          continue;
        }
      }
      switch (c) {
        case LC::kHeading:
          start(para, BlockKind::kHeading, i, host_first);
          break;
        case LC::kAttachment:
          start(para, BlockKind::kAttachment, i, host_first);
          break;
        case LC::kText:
          if (wants_more(para, i))
            append(para, i);
          else
            start(para, BlockKind::kText, i, host_first);
          break;
        default: {
          close(para);
          Block b;
          b.kind = c == LC::kDocNumber    ? BlockKind::kDocNumber
                   : c == LC::kAgencyMark ? BlockKind::kAgencyMark
                   : c == LC::kDate       ? BlockKind::kDate
                   : c == LC::kPublic     ? BlockKind::kPublic
                   : c == LC::kImprint    ? BlockKind::kImprint
                   : c == LC::kContents   ? BlockKind::kContents
                   : c == LC::kMeta       ? BlockKind::kMeta
                                          : BlockKind::kIssuer;
          b.text = lines_[i].text;
          b.first = b.last = lines_[i].no;
          b.host_first = host_first;
          if (c == LC::kDocNumber) b.number = parse_doc_number(b.text);
          if (c == LC::kDate) b.date = parse_date(b.text);
          if (c == LC::kMeta) {
            const Line& l = lines_[i];
            std::vector<std::pair<std::string, std::string>> f;
            for (const std::string& cell : l.row ? l.cells : std::vector<std::string>{l.text})
              if (match_metadata(cell, rules_, &f)) b.meta.insert(b.meta.end(), f.begin(), f.end());
          }
          out_.blocks.push_back(std::move(b));
        }
      }
      ++p;
    }
    close(para);
  }

  // --- tables -------------------------------------------------------------------------

  static void fill_down(Table& t) {
    for (std::size_t r = 1; r < t.rows.size(); ++r) {
      auto& row = t.rows[r];
      const auto& above = t.rows[r - 1];
      int filled = static_cast<int>(
          std::count_if(row.begin(), row.end(), [](const std::string& s) { return !s.empty(); }));
      if (filled <= 1) continue;  // a section row ("二、下放事项") spans the table
      for (std::size_t k = 0; k < row.size() && k < above.size(); ++k)
        if (row[k].empty()) row[k] = above[k];
    }
  }

  // A header with fewer cells than the rows has a cell merged over several columns; it is
  // taken to be the second one, the category column of task-division tables (序号 | 工作任务
  // spanning two levels | 工作要求 | 责任单位), so the first and last columns stay aligned.
  static void widen_header(Table& t) {
    std::map<std::size_t, int> widths;
    for (const auto& r : t.rows) ++widths[r.size()];
    if (widths.empty() || t.header.size() < 2) return;
    std::size_t width =
        std::max_element(widths.begin(), widths.end(), [](const auto& a, const auto& b) {
          return a.second < b.second;
        })->first;
    if (width <= t.header.size()) return;
    t.header.insert(t.header.begin() + 1, width - t.header.size(), t.header[1]);
  }

  void push_table(Table t) {
    for (auto& cell : t.header) cell = std::string(trim(cell));
    Block b;
    b.kind = BlockKind::kTable;
    b.first = t.lines.start;
    b.last = t.lines.end;
    b.table = static_cast<int>(out_.tables.size());
    fill_down(t);
    out_.tables.push_back(std::move(t));
    out_.blocks.push_back(std::move(b));
  }

  // Tables rendered one row per line, cells separated by tabs.
  std::size_t row_table(std::size_t p, std::size_t end) {
    Table t;
    t.lines.start = lines_[content_[p]].no;
    bool first = true;
    for (; p < end && cls_[content_[p]] == LC::kRow; ++p) {
      const Line& l = lines_[content_[p]];
      if (first) {
        t.header = l.cells;
        first = false;
      } else if (l.cells != t.header) {  // headers repeat on every page
        t.rows.push_back(l.cells);
        t.row_lines.push_back({l.no, l.no});
      }
      t.lines.end = l.no;
    }
    push_table(std::move(t));
    return p;
  }

  // Does a non-cell line end a one-cell-per-line table?
  bool ends_cell_table(std::size_t p, std::size_t end) const {
    int i = content_[p];
    switch (cls_[i]) {
      case LC::kCell:
        return false;
      case LC::kText:
      case LC::kHeading:
        break;
      default:
        return true;
    }
    if (cls_[i] == LC::kHeading && heads_[i]->rank <= 4) return true;
    const std::string& t = lines_[i].text;
    if (starts_with(t, "注：") || starts_with(t, "备注：")) return true;
    if (recipients_at(p, end) > 0) return true;
    // A document head after the table: an agency name with a 文号 a few lines below.
    if (looks_like_issuer(t, rules_))
      for (std::size_t q = p + 1; q < end && q < p + 5; ++q)
        if (cls_[content_[q]] == LC::kDocNumber) return true;
    // Cells continue on lines without a tab, separated by at most one blank line.
    int blanks = 0;
    for (int k = i - 1; k >= 0 && lines_[k].blank(); --k) ++blanks;
    return blanks >= 2;
  }

  // How many cell lines follow each other from content_[p] on.
  std::size_t cell_run(std::size_t p, std::size_t end) const {
    std::size_t n = 0;
    for (int prev = content_[p] - 1;
         p < end && cls_[content_[p]] == LC::kCell && content_[p] == prev + 1; ++p, ++n)
      prev = content_[p];
    return n;
  }

  // Tables rendered one cell per tab-prefixed line; a row's cells are adjacent lines,
  // cells continue on following lines without a tab.
  std::size_t cell_table(std::size_t p, std::size_t end) {
    Table t;
    t.lines.start = lines_[content_[p]].no;
    std::vector<std::string> row;
    LineRange row_lines;
    std::size_t ncols = 0;
    int prev = -1;  // index of the previous cell line
    auto flush = [&]() {
      if (row.empty()) return;
      if (row != t.header) {
        t.rows.push_back(row);
        t.row_lines.push_back(row_lines);
      }
      row.clear();
    };
    for (; p < end; ++p) {
      int i = content_[p];
      if (cls_[i] != LC::kCell) {
        if (ends_cell_table(p, end)) break;
        std::vector<std::string>& target = ncols == 0 ? t.header : row;
        if (target.empty()) break;
        if (!target.back().empty()) target.back() += '\n';
        target.back() += lines_[i].text;
        t.lines.end = lines_[i].no;
        if (ncols != 0) row_lines.end = lines_[i].no;
        continue;
      }
      bool adjacent = prev >= 0 && i == prev + 1;
      if (ncols == 0) {
        if (adjacent || t.header.empty()) {
          t.header.push_back(lines_[i].text);
          prev = i;
          t.lines.end = lines_[i].no;
          continue;
        }
        ncols = t.header.size();
      }
      // A row is a run of adjacent cells; a run after a gap continues a row that is still
      // short of the header's width (its cells were continued on untabbed lines), unless
      // the two would not fit in one row: the short row is a section row ("一、…") then.
      if (!adjacent && (row.size() >= ncols || row.size() + cell_run(p, end) > ncols)) flush();
      if (row.empty()) row_lines = {lines_[i].no, lines_[i].no};
      row.push_back(lines_[i].text);
      prev = i;
      if (!lines_[i].text.empty()) t.lines.end = row_lines.end = lines_[i].no;
    }
    flush();
    widen_header(t);
    push_table(std::move(t));
    return p;
  }

  const std::vector<Line>& lines_;
  const Rules& rules_;
  std::vector<std::string_view> labels_;  // the duty labels of rules_ (牵头单位 …), longest first
  std::string label_firsts_;              // their first characters
  std::vector<LC> cls_;
  std::vector<std::optional<HeadingLabel>> heads_;
  std::vector<int> content_;  // indices of lines that are neither blank nor page furniture
  Layout out_;
};

}  // namespace

Layout reflow(const std::vector<Line>& lines, const Rules& rules, const PageFurniture& furniture) {
  return Builder(lines, rules, furniture).run();
}

}  // namespace duban::detail
