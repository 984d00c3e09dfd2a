// Internal: Chinese and Arabic numerals, and dates written with either.
//
// Accepted: Arabic digits; 〇零一二两三四五六七八九十百千万亿 in counting form (二十一,
// 一百零五, 三千万) and positional form for years (二〇二一); the financial forms
// 壹贰叁肆伍陆柒捌玖拾佰仟. Dates: 2021年12月1日, 二〇二一年十二月一日; invalid calendar dates
// (2月30日) are not dates.
#ifndef DUBAN_CORE_NUMERALS_H_
#define DUBAN_CORE_NUMERALS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/utf8.h"
#include "duban/document.h"

namespace duban::detail {

//! Value of a whole numeral string (Arabic or Chinese), nullopt if it is not one.
std::optional<std::int64_t> parse_numeral(std::string_view s);
//! The characters numerals are written with: Arabic digits, 〇零一二两三…九十百千万亿 and the
//! financial forms.
inline constexpr CharSet kNumeralChars{
    U"0123456789〇零○Ｏ一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿"};
inline bool is_numeral_char(char32_t c) { return kNumeralChars.has(c); }
bool valid_date(int y, int m, int d);

//! Matches a date 年月日 starting exactly at s[pos]; on success sets `end` past 日.
std::optional<Date> match_date(std::string_view s, std::size_t pos, std::size_t* end);
//! The whole string (trimmed) is one date.
std::optional<Date> parse_date(std::string_view s);
//! A date as websites print it: 2019年3月5日, 2019-03-05, 2019.3.5, 2019/03/05.
std::optional<Date> parse_loose_date(std::string_view s);
//! The first date at or after `from`; `at` and `end` receive its bounds.
std::optional<Date> find_date(std::string_view s, std::size_t from, std::size_t* at,
                              std::size_t* end);
//! Adds whole years, clamping 2月29日 to 2月28日.
Date add_years(Date d, int years);
Date add_days(Date d, int days);

}  // namespace duban::detail

#endif  // DUBAN_CORE_NUMERALS_H_
