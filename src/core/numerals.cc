#include "core/numerals.h"

#include <string>

#include "core/utf8.h"

namespace duban::detail {
namespace {

int digit_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  switch (c) {
    case U'〇':
    case U'零':
    case U'○':
    case U'Ｏ':
      return 0;
    case U'一':
    case U'壹':
      return 1;
    case U'二':
    case U'两':
    case U'贰':
      return 2;
    case U'三':
    case U'叁':
      return 3;
    case U'四':
    case U'肆':
      return 4;
    case U'五':
    case U'伍':
      return 5;
    case U'六':
    case U'陆':
      return 6;
    case U'七':
    case U'柒':
      return 7;
    case U'八':
    case U'捌':
      return 8;
    case U'九':
    case U'玖':
      return 9;
    default:
      return -1;
  }
}

std::int64_t unit_value(char32_t c) {
  switch (c) {
    case U'十':
    case U'拾':
      return 10;
    case U'百':
    case U'佰':
      return 100;
    case U'千':
    case U'仟':
      return 1000;
    case U'万':
    case U'萬':
      return 10000;
    case U'亿':
      return 100000000;
    default:
      return 0;
  }
}

// Parses a year written positionally (二〇二一, 2021) of exactly four digits.
std::optional<int> parse_year(std::string_view s) {
  int v = 0, n = 0;
  for (std::size_t i = 0; i < s.size();) {
    int d = digit_value(next_cp(s, i));
    if (d < 0) return std::nullopt;
    v = v * 10 + d;
    ++n;
  }
  if (n != 4) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::int64_t> parse_numeral(std::string_view s) {
  if (s.empty() || s.size() > 64) return std::nullopt;
  // yi: parts above 亿 already multiplied; wan: the part between 万 and 亿; section: the
  // part below 万 built from 十百千; number: the digits read since the last unit.
  std::int64_t yi = 0, wan = 0, section = 0, number = 0;
  bool have_number = false, after_digit = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = next_cp(s, i);
    int d = digit_value(c);
    if (d >= 0) {
      // Digits without units read positionally: 二〇二一, 2024.
      number = after_digit ? number * 10 + d : d;
      if (number > 1'000'000'000'000LL) return std::nullopt;
      have_number = after_digit = true;
      continue;
    }
    std::int64_t u = unit_value(c);
    if (u == 0) return std::nullopt;
    after_digit = false;
    if (u == 100000000) {
      yi = (yi + wan + section + number) * u;
      wan = section = 0;
    } else if (u == 10000) {
      wan = (section + number) * u;
      section = 0;
    } else {
      section += (have_number ? number : 1) * u;  // 十二: an implicit 一
    }
    number = 0;
    have_number = false;
  }
  return yi + wan + section + number;
}

bool valid_date(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

std::optional<Date> match_date(std::string_view s, std::size_t pos, std::size_t* end) {
  // Reads a run of numeral characters followed by the marker `mark`.
  auto field = [&](std::size_t& i, char32_t mark, std::string_view& out) -> bool {
    std::size_t start = i;
    std::size_t k = i;
    while (k < s.size()) {
      std::size_t save = k;
      char32_t c = next_cp(s, k);
      if (!is_numeral_char(c) || unit_value(c) >= 10000) {
        k = save;
        break;
      }
    }
    if (k == start || k - start > 24) return false;
    out = s.substr(start, k - start);
    std::size_t m = k;
    if (m >= s.size() || next_cp(s, m) != mark) return false;
    i = m;
    return true;
  };
  std::size_t i = pos;
  std::string_view ys, ms, ds;
  if (!field(i, U'年', ys) || !field(i, U'月', ms)) return std::nullopt;
  std::size_t before_day = i;
  if (!field(i, U'日', ds)) {
    i = before_day;
    if (!field(i, U'号', ds)) return std::nullopt;
  }
  auto y = parse_year(ys);
  auto m = parse_numeral(ms);
  auto d = parse_numeral(ds);
  if (!y || !m || !d || !valid_date(*y, static_cast<int>(*m), static_cast<int>(*d)))
    return std::nullopt;
  if (end) *end = i;
  return Date{*y, static_cast<int>(*m), static_cast<int>(*d)};
}

std::optional<Date> parse_date(std::string_view s) {
  s = trim(s);
  std::size_t end = 0;
  auto d = match_date(s, 0, &end);
  if (!d || end != s.size()) return std::nullopt;
  return d;
}

std::optional<Date> parse_loose_date(std::string_view s) {
  if (auto d = parse_date(s)) return d;
  s = trim(s);
  int parts[3] = {0, 0, 0};
  int n = 0, digits = 0;
  char sep = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (++digits > 4) return std::nullopt;
      parts[n] = parts[n] * 10 + (c - '0');
    } else if ((c == '-' || c == '.' || c == '/') && digits > 0 && n < 2 && (!sep || c == sep)) {
      sep = c;
      ++n;
      digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (n != 2 || digits == 0 || !valid_date(parts[0], parts[1], parts[2])) return std::nullopt;
  return Date{parts[0], parts[1], parts[2]};
}

std::optional<Date> find_date(std::string_view s, std::size_t from, std::size_t* at,
                              std::size_t* end) {
  // A date starts with a year digit; try each position that starts a numeral run.
  bool prev_numeral = false;
  for (std::size_t i = from; i < s.size();) {
    std::size_t here = i;
    char32_t c = next_cp(s, i);
    bool numeral = is_numeral_char(c);
    if (numeral && !prev_numeral) {
      if (auto d = match_date(s, here, end)) {
        if (at) *at = here;
        return d;
      }
    }
    prev_numeral = numeral;
  }
  return std::nullopt;
}

Date add_years(Date d, int years) {
  d.year += years;
  if (d.month == 2 && d.day == 29 && !valid_date(d.year, 2, 29)) d.day = 28;
  return d;
}

Date add_days(Date d, int days) {
  // Civil-from-days arithmetic (H. Hinnant's algorithm), exact for the proleptic Gregorian
  // calendar.
  auto to_days = [](int y, int m, int dd) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
  };
  int z = to_days(d.year, d.month, d.day) + days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{y + (m <= 2), static_cast<int>(m), static_cast<int>(dd)};
}

}  // namespace duban::detail
