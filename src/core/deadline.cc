#include "core/deadline.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "core/calendar.h"
#include "core/numerals.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

using Keywords = std::initializer_list<std::string_view>;

// How precisely an absolute or relative phrase names its day; more precise phrases win.
enum Precision : int {
  kUnresolved = 0,  // 春节前
  kYear = 1,        // 年底前, 到2025年, 3年内
  kQuarter = 2,     // 第三季度, 上半年
  kMonth = 3,       // 9月底前, 3个月内
  kTenDays = 4,     // 6月上旬
  kDay = 5,         // 9月30日前, 5个工作日内
};

enum class Kind { kAbsolute, kRelative, kRecurring, kOpen };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kAbsolute:
      return "absolute";
    case Kind::kRelative:
      return "relative";
    case Kind::kRecurring:
      return "recurring";
    case Kind::kOpen:
      return "open";
  }
  return "open";
}

struct Candidate {
  std::size_t begin = 0;
  std::size_t end = 0;
  Kind kind = Kind::kAbsolute;
  int precision = kUnresolved;
  std::optional<Date> date;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_length(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

Date month_end(int y, int m) { return Date{y, m, month_length(y, m)}; }

Date add_months(Date d, int n) {
  int idx = d.year * 12 + (d.month - 1) + n;
  Date r{idx / 12, idx % 12 + 1, 0};
  r.day = std::min(d.day, month_length(r.year, r.month));
  return r;
}

// A run of numeral characters (2024, 二〇二四, 十五).
struct Numeral {
  std::size_t end = 0;      // past the run
  std::int64_t value = -1;  // -1: not a number, or a run too long to be one we use
  bool year = false;        // four characters read as a year 1900-2200
};

// What stands before a phrase.
struct Lead {
  std::size_t begin = 0;  // where the phrase's text starts: at 到 / 至 / 截至 when present
  bool until = false;     // 到, 至, 截至, 截止: the date is a limit
  bool at = false;        // 于, 在: something happens on the date
  bool excluded = false;  // 较, 比, 与, 自, 从, 起至, 有效期至: a baseline, a start or a validity
};

// A recurring due date: in every period of `months` months, the day `day` (0: the last day) of
// the period's month `offset` (0-based), or `after_days` calendar / `after_workdays` working
// days after the period's end.
struct Period {
  int months = 1;
  int offset = 0;
  int day = 0;
  int after_days = -1;
  int after_workdays = -1;
  bool unresolved = false;
};

constexpr std::string_view kBeforeSuffixes[] = {"之前", "以前", "前"};

// The characters Scanner::word() reads a phrase from (its cases).
constexpr CharSet kWordStarts{U"每按定长持常第上下年今本当明次翌来春元国"};

class Scanner {
 public:
  // `field`: s is the value of a due-date field (a 完成时限 column or label), where a bare
  // date is the limit ("2023年6月": by the end of June) and the last of equally precise dates
  // is the final one ("2023年3月—12月").
  Scanner(std::string_view s, std::optional<Date> doc, const Rules& rules, bool field)
      : s_(s), doc_(doc), cal_(rules), field_(field) {}

  std::optional<Deadline> run() {
    // Most characters start no numeral and no word: skipped without decoding.
    static const PairTable may_start =
        pair_table([](char32_t c) { return kNumeralChars.has(c) || kWordStarts.has(c); });
    std::size_t i = 0;
    while (i < s_.size()) {
      if (best_ && best_->precision == kDay && !field_) break;  // nothing later can win
      i = skip_unmarked_cp3(s_, i, s_.size(), may_start);
      if (i >= s_.size()) break;
      std::size_t next = i;
      char32_t c = next_cp(s_, next);
      std::size_t end = 0;
      if (is_numeral_char(c)) {
        if (!is_numeral_char(cp_before(i))) end = numeral(i);
      } else if (kWordStarts.has(c)) {
        end = word(i, c);
      }
      i = end > i ? end : next;
    }
    const std::optional<Candidate>& c = best_ ? best_ : recurring_ ? recurring_ : open_;
    if (!c) return std::nullopt;
    return Deadline{std::string(s_.substr(c->begin, c->end - c->begin)), c->date,
                    kind_name(c->kind)};
  }

 private:
  // ---- byte-level look-ahead and look-behind (keywords are whole UTF-8 sequences) ----

  bool at(std::size_t p, std::string_view kw) const {
    return p <= s_.size() && s_.size() - p >= kw.size() && s_.compare(p, kw.size(), kw) == 0;
  }
  bool before(std::size_t p, std::string_view kw) const {
    return p >= kw.size() && p <= s_.size() && s_.compare(p - kw.size(), kw.size(), kw) == 0;
  }
  // Length of the first of `kws` that starts at p (ends at p for match_before), 0 if none.
  template <typename List>
  std::size_t match(std::size_t p, const List& kws) const {
    for (std::string_view kw : kws)
      if (at(p, kw)) return kw.size();
    return 0;
  }
  std::size_t match(std::size_t p, Keywords kws) const { return match<Keywords>(p, kws); }
  std::size_t match_before(std::size_t p, Keywords kws) const {
    for (std::string_view kw : kws)
      if (before(p, kw)) return kw.size();
    return 0;
  }
  std::size_t before_suffix(std::size_t p) const { return match(p, kBeforeSuffixes); }

  char32_t cp_at(std::size_t p) const {
    if (p >= s_.size()) return 0;
    return next_cp(s_, p);
  }
  char32_t cp_before(std::size_t p) const {
    if (p == 0 || p > s_.size()) return 0;
    return prev_cp(s_, p);
  }
  static bool one_of(char32_t c, std::u32string_view set) {
    return set.find(c) != std::u32string_view::npos;
  }

  Numeral read_numeral(std::size_t p) const {
    Numeral n;
    std::size_t k = p;
    int chars = 0;
    while (k < s_.size()) {
      std::size_t save = k;
      if (!is_numeral_char(next_cp(s_, k))) {
        k = save;
        break;
      }
      ++chars;
    }
    n.end = k;
    if (k == p || k - p > 24) return n;
    auto v = parse_numeral(s_.substr(p, k - p));
    if (!v) return n;
    n.value = *v;
    n.year = chars == 4 && *v >= 1900 && *v <= 2200;
    return n;
  }

  Lead lead_of(std::size_t p) const {
    Lead l;
    l.begin = p;
    if (match_before(p, {"较", "比", "与", "自", "从", "达到"})) {
      l.excluded = true;
      return l;
    }
    if (std::size_t k = match_before(p, {"截止到", "截至", "截止", "直到", "直至", "到", "至"})) {
      std::size_t b = p - k;
      if (at(b, "至")) {
        char32_t c = cp_before(b);
        if (one_of(c, U"起期")) {  // 自…起至…止, 有效期至: validity, not work
          l.excluded = true;
          return l;
        }
        if (is_numeral_char(c) || one_of(c, U"年月日号甚乃以—－-～~")) {  // a range
          l.until = field_;
          return l;
        }
      }
      l.until = true;
      l.begin = b;
      return l;
    }
    if (std::size_t k = match_before(p, {"于", "在"})) {
      char32_t c = cp_before(p - k);
      bool yu = before(p, "于");
      if (yu ? !one_of(c, U"关对由基鉴等属位处高低大小多少至在源限")
             : !one_of(c, U"存现正所实内外好"))
        l.at = true;
    }
    if (field_) l.until = true;
    return l;
  }

  // Whether a candidate of this kind and precision would replace what has been found; callers
  // skip costly date arithmetic (working days, recurring series) for ones that would not.
  bool wanted(Kind kind, int precision) const {
    switch (kind) {
      case Kind::kAbsolute:
      case Kind::kRelative:
        return !best_ || precision > best_->precision || (field_ && precision == best_->precision);
      case Kind::kRecurring:
        return !recurring_;
      case Kind::kOpen:
        return !open_;
    }
    return false;
  }

  void add(const Candidate& c) {
    switch (c.kind) {
      case Kind::kAbsolute:
      case Kind::kRelative:
        if (!best_ || c.precision > best_->precision || (field_ && c.precision == best_->precision))
          best_ = c;
        break;
      case Kind::kRecurring:
        if (!recurring_) recurring_ = c;
        break;
      case Kind::kOpen:
        if (!open_) open_ = c;
        break;
    }
  }

  // Records an absolute deadline [lead.begin, end) unless the lead rules it out, or it is an
  // explicit date in a year before the document's, or an explicit past date stated without 前
  // (2020年底，全区…: a report, not a deadline).
  std::size_t absolute(const Lead& lead, std::size_t end, int precision, std::optional<Date> d,
                       bool has_suffix, bool explicit_year) {
    if (lead.excluded) return end;
    if (!has_suffix && match(end, {"起", "开始", "以来"}) && !at(end, "起草"))
      return end;  // 下半年起
    if (explicit_year && d && doc_ && (d->year < doc_->year || (!has_suffix && *d < *doc_)))
      return end;
    add({lead.begin, end, Kind::kAbsolute, precision, d});
    return end;
  }

  std::optional<int> doc_year(int offset = 0) const {
    if (!doc_) return std::nullopt;
    return doc_->year + offset;
  }

  // ---- tokens; each returns the position after what it consumed (0: nothing) ----

  // A numeral run starting at i: years, dates, months, quarters, counts of days.
  std::size_t numeral(std::size_t i) {
    Numeral n = read_numeral(i);
    std::size_t p = n.end;
    if (n.value < 0) return p;
    if (std::size_t k = match(p, {"年"})) {
      if (n.year) {
        last_year_ = static_cast<int>(n.value);
        Lead lead = lead_of(i);
        std::size_t e = 0;
        if (auto d = match_date(s_, i, &e)) return full_date(lead, *d, e);
        return after_year(lead, p + k, static_cast<int>(n.value), true);
      }
      if (std::size_t r = relative(i, n, p)) return r;  // 3年内
      return p + k;
    }
    if (at(p, "月")) {
      Lead lead = lead_of(i);
      if (cp_before(i) == U'年') lead.excluded = true;  // 去年9月, 次年1月: not this year
      // In a field, "2021年10月-12月": the year printed before the range.
      return month(lead, n, field_ && last_year_ ? last_year_ : doc_year(), false);
    }
    if (std::size_t k = match(p, {"季度"})) {
      Lead lead = lead_of(i);
      if (one_of(cp_before(i), U"每个上下本近前后各几年")) lead.excluded = true;
      return quarter(lead, n.value, p + k, doc_year(), false);
    }
    if (std::size_t r = relative(i, n, p)) return r;
    return p;
  }

  // 2021年9月27日 as match_date() read it, ending at e.
  std::size_t full_date(const Lead& lead, Date d, std::size_t e) {
    std::size_t sfx = match(e, {"之前", "以前", "前", "为止", "止"});
    std::size_t end = e + sfx;
    bool due = sfx > 0 || at(e, "完成");
    if (lead.excluded || match(e, {"起", "以来", "开始"})) return end;
    if (!due && !lead.until && !lead.at) return end;  // a date in a narrative
    if (!due && doc_ && d < *doc_) return end;        // 于2021年5月10日召开: a past event
    if (doc_ && d.year < doc_->year) return end;  // 支持2019年1月1日前建造的船舶: history
    add({lead.begin, end, Kind::kAbsolute, kDay, d});
    return end;
  }

  // What follows 2021年 / 今年 / 明年 at p. `y` is the year (null: 今年 without a document date).
  std::size_t after_year(const Lead& lead, std::size_t p, std::optional<int> y,
                         bool explicit_year) {
    std::size_t q = p;
    if (at(q, "第")) q += std::string_view("第").size();
    if (is_numeral_char(cp_at(q))) {
      Numeral n = read_numeral(q);
      if (n.value < 0) return n.end;
      if (q == p && at(n.end, "月")) return month(lead, n, y, explicit_year);
      if (std::size_t k = match(n.end, {"季度"}))
        return quarter(lead, n.value, n.end + k, y, explicit_year);
      return p;
    }
    if (std::size_t k = match(p, {"上半年", "下半年"})) {
      bool first = at(p, "上");
      return half(lead, first, p + k, y, explicit_year);
    }
    if (std::size_t k = match(p, {"年底", "年末", "度末", "度底", "底", "末"})) {
      std::size_t e = p + k;
      std::size_t sfx = before_suffix(e);
      return absolute(lead, e + sfx, kYear, year_end(y), sfx > 0, explicit_year);
    }
    if (std::size_t k = match(p, {"度内", "之内", "以内", "内"})) {
      return absolute(lead, p + k, kYear, year_end(y), false, explicit_year);
    }
    // 2025年前: "by 2025", as plans use it (到2025年); not 2025年前三季度, 2025年前期.
    if (std::size_t k = before_suffix(p)) {
      char32_t next = cp_at(p + k);
      if (!is_numeral_char(next) && !one_of(next, U"期列夕沿景瞻提端身后半述款个"))
        return absolute(lead, p + k, kYear, year_end(y), true, explicit_year);
      return p;
    }
    // A bare year is a deadline only as a limit: 到2027年.
    if (lead.until && !match(p, {"前", "以前", "之前", "起", "以来", "开始", "后", "以后"}))
      return absolute(lead, p, kYear, year_end(y), false, explicit_year);
    return p;
  }

  static std::optional<Date> year_end(std::optional<int> y) {
    if (!y) return std::nullopt;
    return Date{*y, 12, 31};
  }

  // M月… with the month numeral `m`; y is the year (null: unknown).
  std::size_t month(const Lead& lead, const Numeral& m, std::optional<int> y, bool explicit_year) {
    std::size_t p = m.end + std::string_view("月").size();
    if (at(p, "份")) p += std::string_view("份").size();
    if (m.value < 1 || m.value > 12) return p;
    int mon = static_cast<int>(m.value);
    if (is_numeral_char(cp_at(p))) {  // M月D日
      Numeral d = read_numeral(p);
      std::size_t k = match(d.end, {"日", "号"});
      if (!k) return d.end;
      std::size_t q = d.end + k;
      if (d.value < 1 || d.value > month_length(y.value_or(2000), mon)) return q;
      std::size_t sfx = match(q, {"之前", "以前", "前", "为止", "止"});
      bool due = sfx > 0 || at(q, "完成");
      std::size_t end = q + sfx;
      if (lead.excluded || match(q, {"起", "以来", "开始"})) return end;
      std::optional<Date> date;
      if (y) date = Date{*y, mon, static_cast<int>(d.value)};
      if (!due && !lead.until) return end;                    // 9月27日，区政府召开…
      if (!due && date && doc_ && *date < *doc_) return end;  // 截至3月31日，全区…: a report
      add({lead.begin, end, Kind::kAbsolute, kDay, date});
      return end;
    }
    if (std::size_t k = match(p, {"底", "末"})) {
      std::size_t e = p + k;
      std::size_t sfx = before_suffix(e);
      std::optional<Date> date;
      if (y) date = month_end(*y, mon);
      return absolute(lead, e + sfx, kMonth, date, sfx > 0, explicit_year);
    }
    if (std::size_t k = match(p, {"上旬", "中旬", "下旬"})) {
      std::size_t e = p + k;
      std::size_t sfx = before_suffix(e);
      std::optional<Date> date;
      if (y) {
        int day = at(p, "上") ? 10 : at(p, "中") ? 20 : month_length(*y, mon);
        date = Date{*y, mon, day};
      }
      return absolute(lead, e + sfx, kTenDays, date, sfx > 0, explicit_year);
    }
    // 6月前: before June begins, so by the end of May (not 6月前后, 6月前三周).
    if (std::size_t k = before_suffix(p)) {
      char32_t next = cp_at(p + k);
      if (!is_numeral_char(next) && !one_of(next, U"期列夕沿景瞻提端身后半述款个")) {
        std::optional<Date> date;
        if (y) date = mon == 1 ? Date{*y - 1, 12, 31} : month_end(*y, mon - 1);
        return absolute(lead, p + k, kMonth, date, true, explicit_year);
      }
      return p;
    }
    // A bare month is a deadline only as a limit: 到2025年6月.
    if (lead.until && !match(p, {"前", "以前", "之前", "起", "以来", "开始", "后", "以后"})) {
      std::optional<Date> date;
      if (y) date = month_end(*y, mon);
      return absolute(lead, p, kMonth, date, false, explicit_year);
    }
    return p;
  }

  // 第三季度 / 三季度, ending at p (before 末 / 底 / 前).
  std::size_t quarter(const Lead& lead, std::int64_t q, std::size_t p, std::optional<int> y,
                      bool explicit_year) {
    if (q < 1 || q > 4) return p;
    p += match(p, {"结束前", "末", "底"});
    std::size_t sfx = before_suffix(p);
    std::optional<Date> date;
    if (y) date = month_end(*y, static_cast<int>(q) * 3);
    return absolute(lead, p + sfx, kQuarter, date, sfx > 0, explicit_year);
  }

  // 上半年 / 下半年, ending at p.
  std::size_t half(const Lead& lead, bool first, std::size_t p, std::optional<int> y,
                   bool explicit_year) {
    p += match(p, {"末", "底"});
    std::size_t sfx = before_suffix(p);
    std::optional<Date> date;
    if (y) date = first ? Date{*y, 6, 30} : Date{*y, 12, 31};
    return absolute(lead, p + sfx, kQuarter, date, sfx > 0, explicit_year);
  }

  // A count of days or months at i (numeral n, unit at p) followed by 内: 5个工作日内.
  std::size_t relative(std::size_t i, const Numeral& n, std::size_t p) {
    enum Unit { kWorkdays, kDays, kWeeks, kMonths, kQuarters, kYears, kHours };
    Unit unit;
    std::size_t k;
    if ((k = match(p, {"个工作日", "工作日"}))) {
      unit = kWorkdays;
    } else if ((k = match(p, {"个自然日", "自然日", "日", "天"}))) {
      unit = kDays;
    } else if ((k = match(p, {"个星期", "星期", "周"}))) {
      unit = kWeeks;
    } else if ((k = match(p, {"个月"}))) {
      unit = kMonths;
    } else if ((k = match(p, {"个季度"}))) {
      unit = kQuarters;
    } else if ((k = match(p, {"年"}))) {
      unit = kYears;
    } else if ((k = match(p, {"个小时", "小时"}))) {
      unit = kHours;
    } else {
      return 0;
    }
    std::size_t q = p + k;
    std::size_t in = match(q, {"之内", "以内", "内"});
    if (!in) return 0;
    std::size_t end = q + in;
    if (n.value <= 0) return end;
    // A service time limit, not a deadline: 压缩到5个工作日内, 控制在3日内.
    if (match_before(i, {"压缩到", "压缩至", "压缩为", "缩短到", "缩短至", "缩短为", "压减到",
                         "压减至", "减少到", "减少至", "不超过", "控制在", "降至", "降到", "压缩在",
                         "缩短在", "稳定在", "保持在", "压减在"}))
      return end;

    // The count starts at the document unless it starts at an event (之日起, 后, 前, 结束). The
    // event is part of the phrase: 自收到材料之日起60日内, 活动开展后5个工作日内 (after 于 / 在),
    // back to the start of the clause at most.
    std::size_t begin = i;
    bool from_doc = true;
    if (one_of(cp_before(i), U"起后前束满")) {
      from_doc = false;
      std::size_t b = i;
      bool opened = false;  // reached 自 / 从 / 于 / 在 or the clause's start
      for (int steps = 0; steps < 32; ++steps) {
        if (b == 0) {
          opened = true;
          break;
        }
        std::size_t prev = b;
        char32_t c = prev_cp(s_, prev);
        bool ascii_alnum =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if ((!is_han(c) && !ascii_alnum) || c == U'于' || c == U'在') {
          opened = true;
          break;
        }
        b = prev;
        if (match(b, {"印发", "发布", "公布", "下发", "签发", "下达", "即日"})) from_doc = true;
        if (c == U'自' || c == U'从') {
          opened = true;
          break;
        }
      }
      if (opened) begin = b;
    }
    int precision = unit == kYears ? kYear : unit == kMonths || unit == kQuarters ? kMonth : kDay;
    if (!wanted(Kind::kRelative, precision)) return end;
    std::optional<Date> date;
    const std::int64_t v = n.value;
    if (from_doc && doc_) {
      const Date d = *doc_;
      switch (unit) {
        case kWorkdays:
          if (v <= 1000) date = cal_.add_workdays(d, static_cast<int>(v));
          break;
        case kDays:
          if (v <= 36600) date = add_days(d, static_cast<int>(v));
          break;
        case kWeeks:
          if (v <= 5200) date = add_days(d, static_cast<int>(v) * 7);
          break;
        case kMonths:
          if (v <= 1200) date = add_months(d, static_cast<int>(v));
          break;
        case kQuarters:
          if (v <= 400) date = add_months(d, static_cast<int>(v) * 3);
          break;
        case kYears:
          if (v <= 100) date = add_years(d, static_cast<int>(v));
          break;
        case kHours:
          if (v <= 876000) date = add_days(d, static_cast<int>((v + 23) / 24));
          break;
      }
    }
    add({begin, end, Kind::kRelative, precision, date});
    return end;
  }

  // Words that are not numerals: 每…, 按季度, 定期, 长期坚持, 第三季度, 上半年, 年底前, 今年…,
  // 春节前.
  std::size_t word(std::size_t i, char32_t c) {
    auto len = [](std::string_view kw) { return kw.size(); };
    switch (c) {
      case U'每':
        return recurring(i, i + len("每"), false);
      case U'按':
        return recurring(i, i + len("按"), true);
      case U'定':
        // Not 不定期, nor 规定期限 / 法定期限 (定 ends another word there).
        if (at(i, "定期") && !at(i + len("定期"), "限") &&
            !one_of(cp_before(i), U"不非规约法指确限特预决认核制设审")) {
          add({i, i + len("定期"), Kind::kRecurring, kUnresolved, std::nullopt});
          return i + len("定期");
        }
        return 0;
      case U'长':
        if (at(i, "长期坚持")) return open(i, len("长期坚持"));
        if (at(i, "长期") && cp_before(i) != U'中') {
          std::size_t p = i + len("长期");
          char32_t next = cp_at(p);
          if (next == 0 || !is_han(next) ||
              match(p, {"坚持", "推进", "开展", "执行", "有效", "实施", "保持", "落实", "任务"}))
            return open(i, len("长期"));
        }
        return 0;
      case U'持':
        if (at(i, "持续推进")) return open(i, len("持续推进"));
        return 0;
      case U'常':
        if (at(i, "常态化") && cp_before(i) != U'非') return open(i, len("常态化"));
        return 0;
      case U'第': {
        std::size_t p = i + len("第");
        if (!is_numeral_char(cp_at(p))) return 0;
        Numeral n = read_numeral(p);
        std::size_t k = match(n.end, {"季度"});
        if (!k || n.value < 0) return 0;  // 第三条: the numeral is read on its own
        Lead lead = lead_of(i);
        if (one_of(cp_before(i), U"每年")) lead.excluded = true;
        return quarter(lead, n.value, n.end + k, doc_year(), false);
      }
      case U'次':
      case U'翌':
      case U'来':
        if (!at(i + len("次"), "年") || at(i + len("次年"), "度")) return 0;  // 次年度: a plan
        return after_year(lead_of(i), i + len("次年"), doc_year(1), false);
      case U'上':
      case U'下': {
        std::size_t k = match(i, {"上半年", "下半年"});
        if (!k && c == U'下') {
          // 下一年度3月底前, 下年底前: the year after the document's.
          std::size_t y = match(i, {"下一年", "下年"});
          if (!y) return 0;
          std::size_t p = i + y;
          if (at(p, "度") && !at(p, "度内") && !at(p, "度末")) p += len("度");
          return after_year(lead_of(i), p, doc_year(1), false);
        }
        if (!k) return 0;
        Lead lead = lead_of(i);
        if (one_of(cp_before(i), U"每年")) lead.excluded = true;
        return half(lead, c == U'上', i + k, doc_year(), false);
      }
      case U'年': {
        // 年底前, 年内: the document's year, unless a word before says otherwise (去年底,
        // 去年年底).
        if (is_numeral_char(cp_before(i)) ||
            one_of(cp_before(i), U"年每次上去前往历半多近同该翌后跨隔逐整新"))
          return 0;
        std::size_t p = i + len("年");
        std::size_t k = match(p, {"底", "末", "度内", "度末", "之内", "以内", "内"});
        if (!k) return 0;
        bool end_word = at(p, "底") || at(p, "末") || at(p, "度末");
        std::size_t e = p + k;
        std::size_t sfx = end_word ? before_suffix(e) : 0;
        return absolute(lead_of(i), e + sfx, kYear, year_end(doc_year()), sfx > 0, false);
      }
      case U'今':
      case U'本':
      case U'当':
      case U'明': {
        if (!at(i + len("今"), "年")) return 0;
        std::size_t p = i + len("今年");
        if (c == U'本' && at(p, "度") && !at(p, "度内") && !at(p, "度末")) p += len("度");
        return after_year(lead_of(i), p, doc_year(c == U'明' ? 1 : 0), false);
      }
      case U'春':
        if (std::size_t k = at(i, "春节") ? before_suffix(i + len("春节")) : 0) {
          std::size_t e = i + len("春节") + k;
          return absolute(lead_of(i), e, kUnresolved, std::nullopt, true, false);
        }
        return 0;
      case U'元':
        if (std::size_t k = at(i, "元旦") ? before_suffix(i + len("元旦")) : 0) {
          std::size_t e = i + len("元旦") + k;
          std::optional<Date> d;
          if (doc_) d = Date{doc_->year, 12, 31};
          return absolute(lead_of(i), e, kDay, d, true, false);
        }
        return 0;
      case U'国': {
        std::size_t w = match(i, {"国庆节", "国庆"});
        if (std::size_t k = w ? before_suffix(i + w) : 0) {
          std::optional<Date> d;
          if (doc_) d = Date{doc_->year, 9, 30};
          return absolute(lead_of(i), i + w + k, kDay, d, true, false);
        }
        return 0;
      }
      default:
        return 0;
    }
  }

  std::size_t open(std::size_t i, std::size_t n) {
    add({i, i + n, Kind::kOpen, kUnresolved, std::nullopt});
    return i + n;
  }

  // 每月…, 每季度…, 每半年…, 每年…; `p` is past 每 (or 按 when `by`).
  std::size_t recurring(std::size_t begin, std::size_t p, bool by) {
    if (!by && at(p, "个")) p += std::string_view("个").size();
    Period per;
    std::size_t k;
    if ((k = match(p, {"季度"})) || (!by && (k = match(p, {"季"})))) {
      per.months = 3;
    } else if ((k = match(p, {"半年"}))) {
      per.months = 6;
    } else if ((k = match(p, {"年度"})) || (!by && (k = match(p, {"年"})))) {
      per.months = 12;
    } else if ((k = match(p, {"月度", "月"}))) {
      per.months = 1;
    } else if (!by && (k = match(p, {"个星期", "星期", "周"}))) {
      return weekly(begin, p + k);
    } else if (!by && (k = match(p, {"个工作日", "工作日", "日", "天"}))) {
      return daily(begin, p + k);
    } else {
      return 0;
    }
    per.offset = per.months - 1;
    std::size_t end = period_tail(p + k, per);
    // A bare period followed by a quantity is a rate, not a cadence: 每年不少于100场次,
    // 每人每年100元, 每年新增10家.
    if (end == p + k && (is_numeral_char(cp_at(end)) ||
                         match(end, {"不少于", "不低于", "不超过", "至少", "最多", "达到", "增长",
                                     "递增", "新增", "减少", "下降", "提高", "约"})))
      return end;
    if (wanted(Kind::kRecurring, kUnresolved))
      add({begin, end, Kind::kRecurring, kUnresolved, first_due(per)});
    return end;
  }

  // A bare cadence followed by a quantity is a rate: 每周至少2次, 每日巡查1次 …
  bool rate_follows(std::size_t end) const {
    return is_numeral_char(cp_at(end)) ||
           match(end, {"不少于", "不低于", "不超过", "至少", "最多", "达到", "增长", "递增", "新增",
                       "减少", "下降", "提高", "约"});
  }

  // 每周, 每周五前, 每星期一; `p` is past 周. Due on that weekday (Sunday for a bare 每周, the
  // week's end), the first on or after the document's date.
  std::size_t weekly(std::size_t begin, std::size_t p) {
    int day = 7;
    std::size_t e = p;
    static constexpr std::u32string_view kDays = U"一二三四五六";
    char32_t c = cp_at(p);
    std::size_t k = kDays.find(c);
    bool named = (k != std::u32string_view::npos || c == U'日' || c == U'天' || c == U'末');
    // 每周一次, 每周一至周五: a count or a range, not a due day.
    if (named) {
      std::size_t after = p;
      next_cp(s_, after);
      if (one_of(cp_at(after), U"次遍回轮批场期至到、个") || is_numeral_char(cp_at(after)))
        named = false;
      if (named) {
        day = k != std::u32string_view::npos ? static_cast<int>(k) + 1 : 7;
        e = after;
      }
    }
    std::size_t sfx = before_suffix(e);
    if (!named && !sfx && rate_follows(e)) return e;
    e += sfx;
    std::optional<Date> due;
    if (doc_) {
      Date d = *doc_;
      while (WorkCalendar::weekday(d) != day) d = add_days(d, 1);
      due = d;
    }
    if (wanted(Kind::kRecurring, kUnresolved)) add({begin, e, Kind::kRecurring, kUnresolved, due});
    return e;
  }

  // 每日, 每天, 每日18时前; `p` is past 日. Due on the document's date.
  std::size_t daily(std::size_t begin, std::size_t p) {
    std::size_t e = p;
    if (is_numeral_char(cp_at(p))) {  // 每日18时前, 每天17点前
      Numeral n = read_numeral(p);
      std::size_t k = match(n.end, {"时", "点"});
      if (!k || n.value < 0 || n.value > 24) return n.end;  // 每日3次: a rate
      e = n.end + k;
      e += before_suffix(e);
    } else if (rate_follows(p)) {
      return p;
    }
    if (wanted(Kind::kRecurring, kUnresolved)) add({begin, e, Kind::kRecurring, kUnresolved, doc_});
    return e;
  }

  // What follows 每月 / 每季度 / 每年 at p: 底前, 5日前, 结束后10日内, 1月5日前 …
  std::size_t period_tail(std::size_t p, Period& per) {
    if (std::size_t k = match(p, {"年底", "年末", "结束前", "底", "末"})) {
      std::size_t e = p + k;
      return e + before_suffix(e);
    }
    if (std::size_t k = match(p, {"结束后", "结束之后", "结束以后", "后", "前"})) {
      // 每季度结束后10日内; 每月前5个工作日 is the same series, counted from the month before.
      std::size_t q = p + k;
      if (is_numeral_char(cp_at(q))) {
        Numeral n = read_numeral(q);
        bool workdays = false;
        std::size_t u = match(n.end, {"个工作日", "工作日"});
        if (u) {
          workdays = true;
        } else {
          u = match(n.end, {"个自然日", "自然日", "日", "天"});
        }
        if (u && n.value > 0) {
          std::size_t e = n.end + u;
          e += match(e, {"之内", "以内", "内"});
          if (n.value > 366) {
            per.unresolved = true;
          } else if (workdays) {
            per.after_workdays = static_cast<int>(n.value);
          } else {
            per.after_days = static_cast<int>(n.value);
          }
          return e;
        }
      }
      return p;
    }
    if (per.months == 3) {
      if (std::size_t k = match(p, {"首月", "第一个月", "第1个月"})) {
        if (std::size_t e = day_of_month(p + k, per, 0)) return e;
      }
      return p;
    }
    if (per.months == 1) {
      if (std::size_t e = day_of_month(p, per, 0)) return e;
      if (std::size_t k = match(p, {"上旬", "中旬", "下旬"})) {
        per.offset = 0;
        per.day = at(p, "上") ? 10 : at(p, "中") ? 20 : 0;
        std::size_t e = p + k;
        return e + before_suffix(e);
      }
      return p;
    }
    if (per.months == 12) {
      if (std::size_t k = match(p, {"上半年", "下半年"})) {
        per.offset = at(p, "上") ? 5 : 11;
        std::size_t e = p + k;
        e += match(e, {"末", "底"});
        return e + before_suffix(e);
      }
      std::size_t q = p + (at(p, "第") ? std::string_view("第").size() : 0);
      if (!is_numeral_char(cp_at(q))) return p;
      Numeral n = read_numeral(q);
      if (std::size_t k = match(n.end, {"季度"})) {  // 每年第一季度
        if (n.value < 1 || n.value > 4) return n.end + k;
        per.offset = static_cast<int>(n.value) * 3 - 1;
        std::size_t e = n.end + k;
        e += match(e, {"结束前", "末", "底"});
        return e + before_suffix(e);
      }
      if (q != p || !at(n.end, "月") || n.value < 1 || n.value > 12) return p;
      int mon = static_cast<int>(n.value);
      std::size_t e = n.end + std::string_view("月").size();
      if (at(e, "份")) e += std::string_view("份").size();
      if (std::size_t d = day_of_month(e, per, mon - 1)) return d;
      per.offset = mon - 1;
      per.day = 0;
      if (std::size_t k = match(e, {"底", "末"})) {
        e += k;
        return e + before_suffix(e);
      }
      if (std::size_t k = match(e, {"上旬", "中旬", "下旬"})) {
        per.day = at(e, "上") ? 10 : at(e, "中") ? 20 : 0;
        e += k;
        return e + before_suffix(e);
      }
      return e;  // 每年3月: by the end of March
    }
    return p;
  }

  // D日 / D号 (and 前) at p: the day `D` of the period's month `offset`.
  std::size_t day_of_month(std::size_t p, Period& per, int offset) {
    if (!is_numeral_char(cp_at(p))) return 0;
    Numeral n = read_numeral(p);
    std::size_t k = match(n.end, {"日", "号"});
    if (!k || n.value < 1 || n.value > 31) return 0;
    per.offset = offset;
    per.day = static_cast<int>(n.value);
    std::size_t e = n.end + k;
    return e + before_suffix(e);
  }

  // The first due date of `per` on or after the document's date.
  std::optional<Date> first_due(const Period& per) const {
    if (!doc_ || per.unresolved) return std::nullopt;
    const int len = per.months;
    int idx = doc_->year * 12 + (doc_->month - 1);
    int start = idx - idx % len - len;  // the period before the document's
    for (int n = 0; n < 800; ++n) {
      int first = start + n * len;
      Date due;
      if (per.after_days >= 0 || per.after_workdays >= 0) {
        int last = first + len - 1;
        Date end = month_end(last / 12, last % 12 + 1);
        due = per.after_days >= 0 ? add_days(end, per.after_days)
                                  : cal_.add_workdays(end, per.after_workdays);
      } else {
        int m = first + per.offset;
        int y = m / 12, mon = m % 12 + 1;
        int day = per.day == 0 ? month_length(y, mon) : std::min(per.day, month_length(y, mon));
        due = Date{y, mon, day};
      }
      if (due >= *doc_) return due;
    }
    return std::nullopt;
  }

  std::string_view s_;
  std::optional<Date> doc_;
  WorkCalendar cal_;
  std::optional<Candidate> best_;  // the most precise absolute or relative phrase, first on ties
  std::optional<Candidate> recurring_;
  std::optional<Candidate> open_;
  bool field_;
  std::optional<int> last_year_;  // the last year printed (2021年), for a field's bare months
};

}  // namespace

std::optional<Deadline> find_deadline(std::string_view text, std::optional<Date> doc_date,
                                      const Rules& rules) {
  return Scanner(text, doc_date, rules, false).run();
}

std::optional<Deadline> find_due_field(std::string_view text, std::optional<Date> doc_date,
                                       const Rules& rules) {
  return Scanner(text, doc_date, rules, true).run();
}

}  // namespace duban::detail
