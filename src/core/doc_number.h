// Internal: 发文字号 (GB/T 9704-2012 7.2.4): 机关代字 + 〔年份〕 + 发文顺序号 + 号.
//
// Accepted bracket styles, all normalized to 〔〕: 〔2019〕 ［2019］ [2019] (2019) （2019）
// „2019‟ 【2019】 ﹝2019﹞. An optional 第 before the serial is dropped. Input is normalized
// text (no layout spaces, ASCII digits).
#ifndef DUBAN_CORE_DOC_NUMBER_H_
#define DUBAN_CORE_DOC_NUMBER_H_

#include <optional>
#include <string_view>
#include <vector>

#include "duban/document.h"

namespace duban::detail {

//! The whole string is one document number.
std::optional<DocNumber> parse_doc_number(std::string_view s);

struct DocNumberMatch {
  DocNumber number;
  std::size_t begin = 0;  // byte offsets of the match in the searched text
  std::size_t end = 0;
};
//! Every document number in running text. Words that run into the 机关代字 there are not part
//! of it: 根据鲁政发〔2021〕5号 -> 鲁政发〔2021〕5号, 文件和国办发… -> 国办发….
std::vector<DocNumberMatch> find_doc_numbers(std::string_view text);

}  // namespace duban::detail

#endif  // DUBAN_CORE_DOC_NUMBER_H_
