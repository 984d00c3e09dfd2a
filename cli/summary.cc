// Human-readable output; see summary.h.
#include "cli/summary.h"

#include <optional>
#include <string>

namespace duban::cli {
namespace {

constexpr const char* kNone = "（无）";

std::string or_none(const std::optional<std::string>& s) {
  return s && !s->empty() ? *s : std::string(kNone);
}

}  // namespace

std::size_t count_nodes(const std::vector<OutlineNode>& nodes) {
  std::size_t n = nodes.size();
  for (const OutlineNode& node : nodes) n += count_nodes(node.children);
  return n;
}

TextSummary::TextSummary(std::ostream& os, const io::Source& source) : os_(os) {
  os_ << "文件：" << source.name << "（编码：" << source.encoding << "）\n";
}

void TextSummary::add(const Document& d) {
  ++count_;
  os_ << '\n'
      << '[' << count_ << "] 文号：" << (d.doc_number ? d.doc_number->text : kNone) << '\n'
      << "    发文机关：" << or_none(d.issuer) << '\n'
      << "    标题：" << or_none(d.title) << '\n'
      << "    成文日期：" << (d.date ? d.date->iso() : kNone) << '\n'
      << "    行：" << d.lines.start << "–" << d.lines.end << '\n'
      << "    提纲节点：" << count_nodes(d.outline) << "，表格：" << d.tables.size() << '\n';
}

void TextSummary::end() { os_ << '\n' << "共 " << count_ << " 篇公文\n\n"; }

}  // namespace duban::cli
