#include "core/doc_number.h"

#include <re2/re2.h>

#include <string>

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

DocNumber make(std::string_view agency, std::string_view year, std::string_view serial) {
  DocNumber n;
  n.agency = std::string(agency);
  n.year = std::stoi(std::string(year));
  n.serial = std::stoi(std::string(serial));
  n.text = n.agency + "〔" + std::to_string(n.year) + "〕" + std::to_string(n.serial) + "号";
  return n;
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
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece whole, agency, year, serial;
  while (RE2::FindAndConsume(&input, find_re(), &whole, &agency, &year, &serial)) {
    DocNumberMatch m;
    m.number = make(view(agency), view(year), view(serial));
    m.begin = static_cast<std::size_t>(whole.data() - text.data());
    m.end = m.begin + whole.size();
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace duban::detail
