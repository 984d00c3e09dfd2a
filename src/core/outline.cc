#include "core/outline.h"

#include <algorithm>

#include "core/utf8.h"

namespace duban::detail {
namespace {

// A run-in title is at most this many characters before its 。.
constexpr std::size_t kMaxRunInTitle = 40;

void split_title(const HeadingLabel& h, std::string_view rest, OutlineNode& node) {
  if (h.rank == 3) {  // 第X条: the article is its text
    node.text = std::string(rest);
    return;
  }
  std::size_t stop = rest.find("。");
  if (stop != std::string_view::npos && cp_count(rest.substr(0, stop)) <= kMaxRunInTitle) {
    node.title = std::string(rest.substr(0, stop));
    node.text = std::string(rest.substr(stop + std::string_view("。").size()));
    return;
  }
  node.title = std::string(rest);
}

}  // namespace

std::vector<OutlineNode> build_outline(const std::vector<const Block*>& body) {
  std::vector<OutlineNode> roots;
  std::vector<std::pair<int, OutlineNode*>> stack;  // rank, node
  for (const Block* b : body) {
    if (b->kind == BlockKind::kHeading && b->heading) {
      const HeadingLabel& h = *b->heading;
      OutlineNode node;
      node.label = h.label;
      split_title(h, std::string_view(b->text).substr(h.length), node);
      node.lines = {b->first, b->last};
      while (!stack.empty() && stack.back().first >= h.rank) stack.pop_back();
      std::vector<OutlineNode>& siblings = stack.empty() ? roots : stack.back().second->children;
      siblings.push_back(std::move(node));
      stack.emplace_back(h.rank, &siblings.back());
      continue;
    }
    if (b->kind != BlockKind::kText || stack.empty()) continue;
    // Plain paragraphs belong to the innermost open heading.
    OutlineNode& node = *stack.back().second;
    if (!node.text.empty()) node.text += '\n';
    node.text += b->text;
    node.lines.start = std::min(node.lines.start, b->first);
    node.lines.end = std::max(node.lines.end, b->last);
  }
  return roots;
}

}  // namespace duban::detail
