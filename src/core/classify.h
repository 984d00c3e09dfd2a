// Internal: what a single normalized line or paragraph is, judged on its own.
//
// The structural elements of GB/T 9704-2012 that a line can be: 发文机关标志 (…文件),
// 发文字号, 成文日期, 附注（此件公开发布）, 附件说明, 版记 (抄送 / …印发), and the heading
// labels of the body (第X章/第X节/第X条, 一、, （一）, 1. 1． 1、, （1）, ①).
#ifndef DUBAN_CORE_CLASSIFY_H_
#define DUBAN_CORE_CLASSIFY_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"
#include "duban/rules.h"

namespace re2 {
class RE2;
}

namespace duban::detail {

struct HeadingLabel {
  int rank = 0;       // 0 编, 1 章, 2 节, 3 条, 4 一、, 5 （一）, 6 1., 7 （1）, 8 ①
  std::string label;  // as printed, e.g. "（一）", "第三条", "1．"
  std::size_t length = 0;  // bytes of the label in the text (spaces after it included)
};

std::optional<HeadingLabel> match_heading(std::string_view text);

//! （此件公开发布）, (此件公开发布), 此件主动公开 …
bool is_public_marker(std::string_view text);
//! 发文机关标志: 山亭区人民政府办公室文件.
bool is_agency_mark(std::string_view text, const Rules& rules);
//! 版记: "抄送：…", "…2021年6月7日印发".
bool is_imprint(std::string_view text);
//! 附件说明 or an attachment heading: "附件：…", "附件1", "附件".
bool is_attachment_marker(std::string_view text);
//! An entry of a gazette's table of contents ("…的通知（临兰政发〔2021〕3号）1",
//! "…的通知……38") or one of its section marks ("【规范性文件】", "[区政府文件]").
bool is_contents_entry(std::string_view text);
//! A line of a web page's metadata block: "文号：鲁政办字〔2019〕5号", possibly several
//! labels on one line ("索引号：…主题分类：…"). Labels come from data/metadata_labels.tsv;
//! `fields` receives (field, value) pairs, "ignore" fields included. False unless the line
//! starts with a known label.
bool match_metadata(std::string_view text, const Rules& rules,
                    std::vector<std::pair<std::string, std::string>>* fields);
//! A short agency name on its own (发文机关署名 candidate): 山亭区人民政府, 山亭区政府.
bool looks_like_issuer(std::string_view text, const Rules& rules);
//! 主送机关: an agency list ending in ：.
bool looks_like_recipients(std::string_view text, const Rules& rules);
//! A title of a 公文 naming its 文种 at the end; `kind` receives the 文种.
bool ends_with_doc_kind(std::string_view text, const Rules& rules, std::string* kind);
//! Gazette running headers and page numbers (data/page_furniture.txt), compiled once.
class PageFurniture {
 public:
  explicit PageFurniture(const Rules& rules);
  ~PageFurniture();
  bool matches(std::string_view text) const;
  //! The patterns it was compiled from.
  const std::vector<std::string>& patterns() const { return patterns_; }

 private:
  std::vector<std::string> patterns_;
  std::unique_ptr<re2::RE2> pattern_;
};
//! The text ends a sentence (。！？；：, or a closing parenthetical note such as
//! （牵头单位：区财政局）).
bool ends_sentence(std::string_view text);
//! Splits an agency list on 、，,; outside brackets.
std::vector<std::string> split_agencies(std::string_view text);
//! The same, as views into `text`.
std::vector<std::string_view> split_agency_views(std::string_view text);
//! The same, each item handed to f(std::string_view) in order, without a vector.
template <typename F>
void for_each_agency(std::string_view text, F&& f) {
  std::size_t start = 0;  // of the current item
  int depth = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    char32_t c = next_cp(text, i);
    if (c == U'（' || c == '(' || c == U'〈' || c == U'《' || c == U'〔') ++depth;
    if ((c == U'）' || c == ')' || c == U'〉' || c == U'》' || c == U'〕') && depth > 0) --depth;
    bool sep = depth == 0 && (c == U'、' || c == U'，' || c == ',' || c == U'；' || c == ';');
    if (sep || c == U'：' || c == ':') {
      if (at > start) f(text.substr(start, at - start));
      start = i;
    }
  }
  if (text.size() > start) f(text.substr(start));
}
//! Removes a leading issuer name from a title line: "临沂市兰山区人民政府关于…" -> "关于…";
//! `issuer` receives the removed name.
std::string strip_issuer_prefix(std::string_view title, const Rules& rules, std::string* issuer);

}  // namespace duban::detail

#endif  // DUBAN_CORE_CLASSIFY_H_
