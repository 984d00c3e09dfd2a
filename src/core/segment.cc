#include "core/segment.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/doc_number.h"
#include "core/numerals.h"
#include "core/outline.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

enum class Head { kNone, kNumber, kMark, kRecipients, kTitle, kBodyTitle, kIssuerName, kMeta };

// How far (in source lines) a lone 文号 may stand from the head it belongs to.
constexpr int kMaxNumberDistance = 400;
// Blocks that may stand between a web page's metadata block and the document's head.
constexpr std::size_t kMaxMetaGap = 4;
// Longest title considered (characters).
constexpr std::size_t kMaxTitle = 150;

constexpr std::string_view kTitleVerbs[] = {"关于", "印发", "转发", "批转"};

// "（试行）", "（暂行）": qualifiers after the 文种 of a title.
std::string_view strip_qualifier(std::string_view t) {
  static constexpr std::string_view kQualifiers[] = {
      "（试行）", "（暂行）", "（修订）", "(试行)", "(暂行)", "（征求意见稿）", "（草案）"};
  for (std::string_view q : kQualifiers)
    if (ends_with(t, q)) return t.substr(0, t.size() - q.size());
  return t;
}

struct Classified {
  Head head = Head::kNone;
  std::string title;   // kTitle: with the issuer prefix removed
  std::string issuer;  // kTitle: the removed prefix, if any
};

Classified classify_block(const Block& b, const Rules& rules) {
  Classified c;
  switch (b.kind) {
    case BlockKind::kDocNumber:
      c.head = Head::kNumber;
      return c;
    case BlockKind::kAgencyMark:
      c.head = Head::kMark;
      return c;
    case BlockKind::kMeta:
      c.head = Head::kMeta;
      return c;
    case BlockKind::kText:
      break;
    default:
      return c;
  }
  const std::string& t = b.text;
  if (cp_count(t) > kMaxTitle + 50) return c;
  if (looks_like_recipients(t, rules)) {
    c.head = Head::kRecipients;
    return c;
  }
  if (ends_sentence(t) || t.find("。") != std::string::npos || cp_count(t) > kMaxTitle) return c;
  std::string issuer;
  std::string title = strip_issuer_prefix(t, rules, &issuer);
  for (std::string_view v : kTitleVerbs) {
    if (starts_with(title, v)) {
      c.head = Head::kTitle;
      c.title = std::move(title);
      c.issuer = std::move(issuer);
      return c;
    }
  }
  if (ends_with_doc_kind(strip_qualifier(t), rules, nullptr)) {
    c.head = Head::kBodyTitle;
    return c;
  }
  if (looks_like_issuer(t, rules)) c.head = Head::kIssuerName;
  return c;
}

struct Group {
  std::size_t begin = 0, end = 0;  // block indices [begin, end)
  bool number = false, mark = false, recipients = false, title = false, titled_issuer = false;
  bool issuer_name = false;
  bool meta = false;  // a web page's metadata naming a title or 文号
  int first_line = 0;
  std::vector<std::size_t> attached;  // blocks of lone 文号 groups joined to this head
  bool start() const {
    return recipients || mark || titled_issuer || meta || (title && issuer_name) ||
           (number && (title || issuer_name));
  }
  bool number_only() const { return number && !start(); }
};

int block_first(const Block& b) { return b.host_first ? std::min(b.host_first, b.first) : b.first; }

// 《X》 named in a cover letter that publishes (印发) or forwards (转发) it.
std::optional<std::string> derived_title(const std::vector<const Block*>& cover) {
  for (const Block* b : cover) {
    const std::string& t = b->text;
    std::size_t open = t.find("《");
    std::size_t close = t.find("》", open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos) continue;
    bool forwards = t.find("转发") != std::string::npos;
    if (!forwards && t.find("印发") == std::string::npos && t.find("现予公布") == std::string::npos)
      continue;
    std::string name = t.substr(open + 3, close - open - 3);
    if (name.empty()) continue;
    return std::string(forwards ? "关于转发" : "关于印发") + name + "的通知";
  }
  return std::nullopt;
}

std::string strip_label(std::string_view s) {
  if (auto h = match_heading(s); h && h->rank >= 6) s.remove_prefix(h->length);
  return std::string(trim(s));
}

std::vector<std::string> attachments_of(const std::vector<const Block*>& blocks) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    const Block* b = blocks[k];
    if (b->kind != BlockKind::kAttachment) continue;
    std::size_t colon = b->text.find("：");
    std::size_t skip = 3;
    if (colon == std::string::npos) {
      colon = b->text.find(':');
      skip = 1;
    }
    if (colon == std::string::npos) continue;
    std::string first = strip_label(std::string_view(b->text).substr(colon + skip));
    if (first.empty()) continue;
    out.push_back(first);
    for (std::size_t j = k + 1; j < blocks.size(); ++j) {
      const Block* n = blocks[j];
      if (n->kind != BlockKind::kHeading || !n->heading || n->heading->rank != 6) break;
      out.push_back(strip_label(n->text));
    }
    break;
  }
  return out;
}

// 施行 and 有效期 dates: "自2022年1月1日起施行，有效期至2026年12月31日", "有效期N年".
std::optional<Validity> validity_of(const std::vector<const Block*>& blocks) {
  static constexpr std::string_view kFromAfter[] = {"起施行", "起实施", "起执行", "起生效",
                                                    "起试行"};
  static constexpr std::string_view kUntilBefore[] = {"有效期至", "有效期到", "有效期截至", "至"};
  Validity v;
  for (const Block* b : blocks) {
    if (b->kind != BlockKind::kText && b->kind != BlockKind::kHeading) continue;
    std::string_view t = b->text;
    if (t.find("有效期") == std::string_view::npos && t.find("起") == std::string_view::npos)
      continue;
    std::size_t from = 0, at = 0, end = 0;
    while (auto d = find_date(t, from, &at, &end)) {
      std::string_view before = t.substr(0, at);
      std::string_view after = t.substr(end);
      from = end;
      bool is_from = ends_with(before, "自") &&
                     std::any_of(std::begin(kFromAfter), std::end(kFromAfter),
                                 [&](std::string_view s) { return starts_with(after, s); });
      if (is_from && !v.from) {
        v.from = *d;
        continue;
      }
      bool is_until = false;
      for (std::string_view s : kUntilBefore) {
        if (!ends_with(before, s)) continue;
        // A bare 至 counts only right after a starting date: "自…起至…止".
        is_until = s != "至" || (v.from && before.find("有效期") != std::string_view::npos);
        if (is_until) break;
      }
      if (is_until && !v.until) v.until = *d;
    }
    // 有效期N年 after a starting date.
    std::size_t y = t.find("有效期");
    if (v.from && !v.until && y != std::string_view::npos) {
      std::string_view rest = t.substr(y + std::string_view("有效期").size());
      if (starts_with(rest, "为")) rest.remove_prefix(3);
      std::size_t n = rest.find("年");
      if (n != std::string_view::npos && n > 0 && n <= 6) {
        if (auto years = parse_numeral(rest.substr(0, n)); years && *years > 0 && *years < 100)
          v.until = add_days(add_years(*v.from, static_cast<int>(*years)), -1);
      }
    }
    if (v.from && v.until) break;
  }
  if (!v.from && !v.until) return std::nullopt;
  return v;
}

}  // namespace

std::vector<Document> segment(const Layout& layout, const Rules& rules,
                              std::vector<ContentsEntry>& contents) {
  const std::vector<Block>& blocks = layout.blocks;
  std::vector<Classified> cls(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) cls[i] = classify_block(blocks[i], rules);

  // A gazette's table of contents runs from 目录 to the first real head; an input may hold
  // several gazettes.
  auto is_contents_title = [&](std::size_t i) {
    return blocks[i].kind == BlockKind::kText && blocks[i].text == "目录";
  };
  std::size_t toc_begin = blocks.size();  // the open table of contents, if any

  std::vector<Group> groups;
  for (std::size_t i = 0; i < blocks.size();) {
    if (is_contents_title(i)) toc_begin = i;
    if (cls[i].head == Head::kNone) {
      ++i;
      continue;
    }
    Group g;
    g.begin = i;
    g.first_line = block_first(blocks[i]);
    for (; i < blocks.size() && cls[i].head != Head::kNone; ++i) {
      g.first_line = std::min(g.first_line, block_first(blocks[i]));
      switch (cls[i].head) {
        case Head::kNumber:
          g.number = true;
          break;
        case Head::kMark:
          g.mark = true;
          break;
        case Head::kRecipients:
          g.recipients = true;
          break;
        case Head::kTitle:
          g.title = true;
          g.titled_issuer = g.titled_issuer || !cls[i].issuer.empty();
          break;
        case Head::kIssuerName:
          g.issuer_name = true;
          break;
        case Head::kMeta:
          for (const auto& [field, value] : blocks[i].meta)
            g.meta = g.meta || ((field == "title" || field == "doc_number") && !value.empty());
          break;
        default:
          break;
      }
    }
    g.end = i;
    if (toc_begin < blocks.size()) {
      if (!(g.number || g.mark || g.recipients)) continue;  // an entry of the contents
      for (std::size_t k = toc_begin; k < g.begin; ++k)
        for (const DocNumberMatch& m : find_doc_numbers(blocks[k].text))
          contents.push_back({blocks[k].first, m.number.text});
      toc_begin = blocks.size();
    }
    groups.push_back(std::move(g));
  }

  // A web page's metadata block and the document's own head, a few lines apart, are one
  // head (navigation lines may stand between them).
  for (std::size_t k = 0; k + 1 < groups.size(); ++k) {
    Group& g = groups[k];
    Group& h = groups[k + 1];
    if (!g.meta || g.recipients || g.mark || g.number || g.title) continue;
    if (h.begin - g.end > kMaxMetaGap || !(h.start() || h.number_only())) continue;
    g.end = h.end;
    g.number = g.number || h.number;
    g.mark = g.mark || h.mark;
    g.recipients = g.recipients || h.recipients;
    g.title = g.title || h.title;
    g.titled_issuer = g.titled_issuer || h.titled_issuer;
    g.issuer_name = g.issuer_name || h.issuer_name;
    g.first_line = std::min(g.first_line, h.first_line);
    groups.erase(groups.begin() + static_cast<std::ptrdiff_t>(k) + 1);
  }

  // Lone 文号 lines join the nearest head without one.
  std::vector<std::size_t> starts, lone;
  for (std::size_t k = 0; k < groups.size(); ++k) {
    if (groups[k].start())
      starts.push_back(k);
    else if (groups[k].number_only())
      lone.push_back(k);
  }
  struct Pair {
    int distance;
    std::size_t lone, start;
  };
  std::vector<Pair> pairs;
  for (std::size_t l : lone)
    for (std::size_t s : starts)
      if (!groups[s].number) {
        int d = std::abs(groups[l].first_line - groups[s].first_line);
        if (d <= kMaxNumberDistance) pairs.push_back({d, l, s});
      }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.lone < b.lone;
  });
  std::set<std::size_t> used_lone;
  for (const Pair& p : pairs) {
    Group& s = groups[p.start];
    if (s.number || used_lone.count(p.lone)) continue;
    s.number = true;
    for (std::size_t b = groups[p.lone].begin; b < groups[p.lone].end; ++b) s.attached.push_back(b);
    s.first_line = std::min(s.first_line, groups[p.lone].first_line);
    used_lone.insert(p.lone);
  }
  for (std::size_t l : lone)
    if (!used_lone.count(l)) starts.push_back(l);  // a 文号 with no head: a document of its own
  std::sort(starts.begin(), starts.end(), [&](std::size_t a, std::size_t b) {
    return groups[a].first_line < groups[b].first_line;
  });

  std::vector<Document> docs;
  for (std::size_t n = 0; n < starts.size(); ++n) {
    const Group& g = groups[starts[n]];
    int lo = g.first_line;
    int hi = n + 1 < starts.size() ? groups[starts[n + 1]].first_line : INT32_MAX;
    std::vector<const Block*> mine;
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      if (blocks[i].first >= lo && blocks[i].first < hi) {
        mine.push_back(&blocks[i]);
        idx.push_back(i);
      }
    }
    if (mine.empty()) continue;
    Document d;
    d.lines.start = lo;
    d.lines.end = lo;
    for (const Block* b : mine) d.lines.end = std::max(d.lines.end, b->last);

    std::set<std::size_t> head_blocks(g.attached.begin(), g.attached.end());
    for (std::size_t i = g.begin; i < g.end; ++i) head_blocks.insert(i);
    std::optional<std::string> body_title, meta_title, meta_issuer;
    std::optional<DocNumber> meta_number;
    std::optional<Date> meta_date;
    Validity meta_validity;
    for (std::size_t i : head_blocks) {
      const Block& b = blocks[i];
      switch (cls[i].head) {
        case Head::kNumber:
          if (!d.doc_number) d.doc_number = b.number;
          break;
        case Head::kMark:
          if (!d.issuer)
            d.issuer = b.text.substr(0, b.text.size() - std::string_view("文件").size());
          break;
        case Head::kRecipients:
          if (d.recipients.empty()) d.recipients = split_agencies(b.text);
          break;
        case Head::kTitle:
          if (!d.title) {
            d.title = cls[i].title;
            if (!cls[i].issuer.empty() && !d.issuer) d.issuer = cls[i].issuer;
          }
          break;
        case Head::kBodyTitle:
          if (!body_title) body_title = b.text;
          break;
        case Head::kIssuerName:
          if (!d.issuer) d.issuer = b.text;
          break;
        case Head::kMeta:
          for (const auto& [field, value] : b.meta) {
            if (value.empty()) continue;
            if (field == "title" && !meta_title) meta_title = value;
            if (field == "doc_number" && !meta_number) meta_number = parse_doc_number(value);
            if (field == "issuer" && !meta_issuer) meta_issuer = value;
            if (field == "date" && !meta_date) meta_date = parse_loose_date(value);
            if (field == "effective_from" && !meta_validity.from)
              meta_validity.from = parse_loose_date(value);
            if (field == "effective_until" && !meta_validity.until)
              meta_validity.until = parse_loose_date(value);
          }
          break;
        default:
          break;
      }
    }
    // The printed head wins over the web page's metadata, which fills what it lacks.
    if (!d.doc_number) d.doc_number = meta_number;
    if (!d.title && meta_title) {
      std::string issuer;
      d.title = strip_issuer_prefix(*meta_title, rules, &issuer);
      if (!issuer.empty() && !meta_issuer) meta_issuer = issuer;
    }

    // Signature: 发文机关署名 + 成文日期 after the head; the cover letter lies before it.
    std::vector<const Block*> cover, body;
    bool signed_ = false;
    for (std::size_t k = 0; k < mine.size(); ++k) {
      const Block* b = mine[k];
      if (head_blocks.count(idx[k])) continue;
      if (!signed_ && b->kind == BlockKind::kIssuer) {
        std::string names = b->text;
        std::size_t j = k + 1;
        for (; j < mine.size() && mine[j]->kind == BlockKind::kIssuer; ++j)
          names += "、" + mine[j]->text;
        if (j < mine.size() && mine[j]->kind == BlockKind::kDate) {
          d.issuer = names;
          d.date = mine[j]->date;
          signed_ = true;
          k = j;
          continue;
        }
      }
      if (b->kind == BlockKind::kPublic && b->text.find("不") == std::string::npos)
        d.is_public = true;
      if (b->kind == BlockKind::kTable) d.tables.push_back(layout.tables[b->table]);
      if (b->kind == BlockKind::kText || b->kind == BlockKind::kHeading ||
          b->kind == BlockKind::kAttachment) {
        (signed_ ? body : cover).push_back(b);
        d.body.push_back({b->text, {b->first, b->last}});
      }
    }
    if (!d.issuer && meta_issuer) d.issuer = meta_issuer;
    if (!d.date) d.date = meta_date;
    if (!d.title) d.title = derived_title(cover);
    if (!d.title && body_title) d.title = body_title;
    if (d.title) {
      std::string kind;
      if (ends_with_doc_kind(strip_qualifier(*d.title), rules, &kind)) d.kind = kind;
    }
    std::vector<const Block*> all = cover;
    all.insert(all.end(), body.begin(), body.end());
    std::sort(all.begin(), all.end(),
              [](const Block* a, const Block* b) { return a->first < b->first; });
    d.attachments = attachments_of(all);
    d.effective = validity_of(all);
    if (!d.effective && (meta_validity.from || meta_validity.until)) d.effective = meta_validity;
    d.outline = build_outline(all);
    docs.push_back(std::move(d));
  }

  // A notice that forwards (转发) another document names it by 文号 or by title.
  for (Document& a : docs) {
    if (!a.title || a.title->find("转发") == std::string::npos || !a.doc_number) continue;
    std::set<std::string> cited;
    for (const Paragraph& p : a.body)
      for (const DocNumberMatch& m : find_doc_numbers(p.text)) cited.insert(m.number.text);
    for (Document& b : docs) {
      if (&b == &a || b.forwarded_by) continue;
      bool by_number = b.doc_number && cited.count(b.doc_number->text);
      bool by_title = b.title && a.title->find(*b.title + "》") != std::string::npos;
      if (by_number || by_title) b.forwarded_by = a.doc_number->text;
    }
  }

  return docs;
}

}  // namespace duban::detail
