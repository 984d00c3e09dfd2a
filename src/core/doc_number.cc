#include "core/doc_number.h"

#include <re2/re2.h>

#include <string>

#include "core/utf8.h"

namespace duban::detail {
namespace {

// Agency codes are short runs of Han characters (临兰政发, 鲁政办字, 国办发); the year is
// 19xx or 20xx; serials have at most five digits.
constexpr char kBody[] =
    "(\\p{Han}{1,12})(?:〔|［|\\[|（|\\(|„|【|﹝)((?:19|20)\\d\\d)(?:〕|］|\\]|）|\\)|‟|”|】|﹞)"
    "第?0*(\\d{1,5})号";

const RE2& whole_re() {
  static const RE2 re(std::string("^") + kBody + "$");
  return re;
}
const RE2& find_re() {
  static const RE2 re(std::string("(") + kBody + ")");
  return re;
}

std::string_view view(const re2::StringPiece& p) { return {p.data(), p.size()}; }

// Could text hold a 文号? The pattern needs a year of four digits, 19xx or 20xx, right before a
// closing bracket; a byte scan rules out most text that merely has 号 (编号, 信号, 2025年).
bool has_bracketed_year(std::string_view text) {
  auto digit = [&](std::size_t k) { return text[k] >= '0' && text[k] <= '9'; };
  for (std::size_t i = 0; i + 4 < text.size();) {
    if (!digit(i)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && digit(j)) ++j;
    if (j - i == 4 &&
        ((text[i] == '1' && text[i + 1] == '9') || (text[i] == '2' && text[i + 1] == '0'))) {
      std::string_view after = text.substr(j);
      for (std::string_view close : {"〕", "］", "]", "）", ")", "‟", "”", "】", "﹞"})
        if (starts_with(after, close)) return true;
    }
    i = j;
  }
  return false;
}

DocNumber make(std::string_view agency, std::string_view year, std::string_view serial) {
  DocNumber n;
  n.agency = std::string(agency);
  n.year = std::stoi(std::string(year));
  n.serial = std::stoi(std::string(serial));
  n.text = n.agency + "〔" + std::to_string(n.year) + "〕" + std::to_string(n.serial) + "号";
  return n;
}

// Words that run into a 机关代字 in running text (根据鲁政发〔2024〕3号, 文件和国办发…).
constexpr std::string_view kLeadIns[] = {"根据", "按照", "依据", "依照", "遵照", "参照", "对照",
                                         "落实", "贯彻", "执行", "印发", "转发", "下发", "文件",
                                         "精神", "要求", "关于", "通知", "意见", "以及", "结合",
                                         "和",   "及",   "与",   "或",   "的",   "见"};

// The bytes of lead-in words at the start of `agency`, leaving at least two characters.
std::size_t lead_in_length(std::string_view agency) {
  std::size_t cut = 0;
  for (int guard = 0; guard < 8; ++guard) {
    bool found = false;
    std::string_view rest = agency.substr(cut);
    for (std::string_view w : kLeadIns) {
      if (rest.starts_with(w) && cp_count(rest.substr(w.size())) >= 2) {
        cut += w.size();
        found = true;
        break;
      }
    }
    if (!found) break;
  }
  return cut;
}

}  // namespace

std::optional<DocNumber> parse_doc_number(std::string_view s) {
  if (s.size() < 9 || s.size() > 80 || s.substr(s.size() - 3) != "号") return std::nullopt;
  re2::StringPiece agency, year, serial;
  if (!RE2::FullMatch(re2::StringPiece(s.data(), s.size()), whole_re(), &agency, &year, &serial))
    return std::nullopt;
  return make(view(agency), view(year), view(serial));
}

std::vector<DocNumberMatch> find_doc_numbers(std::string_view text) {
  std::vector<DocNumberMatch> out;
  // Every 文号 ends in 号: most paragraphs have none and need no regular expression search.
  if (text.find("号") == std::string_view::npos || !has_bracketed_year(text)) return out;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece whole, agency, year, serial;
  while (RE2::FindAndConsume(&input, find_re(), &whole, &agency, &year, &serial)) {
    // The pattern takes up to 12 Han characters before the bracket: in running text a lead-in
    // word runs into the 机关代字 (根据鲁政发〔2021〕5号 -> 鲁政发).
    const std::size_t cut = lead_in_length(view(agency));
    DocNumberMatch m;
    m.number = make(view(agency).substr(cut), view(year), view(serial));
    m.begin = static_cast<std::size_t>(whole.data() - text.data()) + cut;
    m.end = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace duban::detail
