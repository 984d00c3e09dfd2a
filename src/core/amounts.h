// Internal: money, percentages and ranges in running text, read as a Chinese reader reads them.
//
// Money is normalized to yuan: 5000万元 -> 5e7, 1.26亿元 -> 1.26e8, 三百万元 -> 3e6,
// 一点五亿元 -> 1.5e8, 壹万贰仟元 -> 12000, 2万元/户 -> 20000 per 户. Percentages keep their
// number: 28% -> 28, 百分之十五 -> 15, 2个百分点 -> 2 (unit "个百分点"). Ranges (10万至50万元,
// 10-50万元, 30%-70%) give min and max instead of value. Stated bounds give a comparator:
// 最高/不超过/最高不超过/不高于 … and 以下/以内 -> "<="; 不低于/不少于/至少 … and 以上 -> ">=";
// 超过/高于/突破 -> ">"; 低于/少于/不足 -> "<". A suffix (以上) wins over a prefix (最高).
//
// 元 implied (decision): a number with 万 or 亿 and no 元 ("100万/50万/20万", "投资1.5亿") is
// money only when the clause (text between ，。；：！？ or a line break) also speaks of money
// (奖励, 补助, 补贴, 资金, 投资, 收入, 产值 … or a 元 elsewhere), or when it is an item of a
// list or range whose item has 元 ("100万、50万、20万元"); such amounts carry
// implied_unit = true. "人口1.5亿" and "5万吨" are not money.
//
// A list ("100万/50万/20万", "10万元、20万元") gives one Amount per item. Not amounts: years
// and dates (2023年), bare numbers (12345热线), ordinals (第3季度), numbers inside Latin words
// (PM2.5), sums in other currencies (美元).
//
// Input is normalized text (ASCII digits, no layout spaces). Everything here is linear in the
// input and safe on any bytes.
#ifndef DUBAN_CORE_AMOUNTS_H_
#define DUBAN_CORE_AMOUNTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban::detail {

//! A number as printed: Arabic (1,000.5) or Chinese (一点五, 三百, 壹万贰仟), and the magnitude
//! word that follows or ends it (万, 亿, 千万, 百万, 十万, 万亿). 三百万 reads as 300 and 万.
struct Number {
  std::size_t begin = 0;
  std::size_t digits_end = 0;  // past the number, before its magnitude word
  std::size_t end = 0;         // past the magnitude word (== digits_end without one)
  std::int64_t mantissa = 0;   // the digits without the decimal point: 1.26 -> 126
  int scale = 0;               // decimal places: 1.26 -> 2
  std::int64_t magnitude = 1;  // 万 -> 1e4
  bool chinese = false;
  //! The number without its magnitude: 1.26亿 -> 1.26.
  double value() const;
  //! The number times its magnitude: 1.26亿 -> 1.26e8 (rounded once, so 1.26亿 is exactly
  //! 126000000).
  double scaled() const;
};

//! Reads the number that starts exactly at s[pos]. Arabic numbers have at most 15 integer and
//! 6 decimal digits; longer digit runs are not numbers (identifiers, phone numbers).
std::optional<Number> read_number(std::string_view s, std::size_t pos);

//! Does a number start at s[pos]: a digit or Chinese numeral that does not continue a number,
//! a Latin word (PM2.5) or an ordinal (第3)? `prev` is the code point before pos (0 at start).
bool number_starts_at(std::string_view s, std::size_t pos, char32_t prev);

//! End of the run of numeral characters (digits, . , 点, Chinese numerals) starting at pos.
std::size_t skip_numeral_run(std::string_view s, std::size_t pos);

//! The length in bytes of the measure word at s[pos] (吨, 家, 项, 微克/立方米, 人次 …; a
//! compound A/B when both halves are measure words), 0 if there is none. Money (元) and
//! percent signs are not measure words here.
std::size_t match_measure(std::string_view s, std::size_t pos);

//! Clause punctuation: ，。；：！？ and their ASCII forms, line breaks and tabs.
bool is_clause_break(char32_t c);
//! Bytes of a range separator (至, 到, -, ～, —…) at s[i], 0 if none: "10至50万元".
std::size_t match_range_sep(std::string_view s, std::size_t i);

enum class AmountKind { kMoney, kPercent };

struct Amount {
  AmountKind kind = AmountKind::kMoney;
  std::size_t begin = 0;  // byte offsets in the searched text, comparator words included
  std::size_t end = 0;
  std::string text;             // text[begin, end)
  std::optional<double> value;  // a single amount: yuan, or the percent number
  std::optional<double> min;    // a range: both bounds, value unset
  std::optional<double> max;
  std::string unit;           // "元", "%" or "个百分点"
  std::string per;            // 2万元/户 -> "户"; empty when not per unit
  std::string comparator;     // "", ">=", "<=", ">", "<" ("" = no bound stated)
  bool implied_unit = false;  // money whose 元 is implied (see the header comment)
};

//! Every money amount and percentage in `text`, in order.
std::vector<Amount> find_amounts(std::string_view text);

}  // namespace duban::detail

#endif  // DUBAN_CORE_AMOUNTS_H_
