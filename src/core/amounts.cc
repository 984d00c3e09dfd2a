// Money, percentages and ranges; see amounts.h.
#include "core/amounts.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/numerals.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// 十百千万亿 and their financial forms: the units of a Chinese numeral.
bool is_cn_unit(char32_t c) {
  switch (c) {
    case U'十':
    case U'拾':
    case U'百':
    case U'佰':
    case U'千':
    case U'仟':
    case U'万':
    case U'萬':
    case U'亿':
      return true;
    default:
      return false;
  }
}

bool is_cn_big_unit(char32_t c) { return c == U'万' || c == U'萬' || c == U'亿'; }

// A Chinese digit 〇一二…九 (or a financial form).
bool is_cn_digit(char32_t c) { return c >= 0x80 && is_numeral_char(c) && !is_cn_unit(c); }

int cn_digit_value(char32_t c) {
  std::string one;
  append_cp(one, c);
  auto v = parse_numeral(one);
  return v ? static_cast<int>(*v) : 0;
}

constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
constexpr std::int64_t kPow10Int[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

struct Magnitude {
  std::string_view word;
  std::int64_t value;
};
// Longest first.
constexpr Magnitude kMagnitudes[] = {
    {"万亿", 1'000'000'000'000LL}, {"千万", 10'000'000}, {"百万", 1'000'000}, {"十万", 100'000},
    {"亿", 100'000'000},           {"万", 10'000},       {"萬", 10'000},
};

// The magnitude word at s[i]: its length in bytes, and its value in *value.
std::size_t match_magnitude(std::string_view s, std::size_t i, std::int64_t* value) {
  for (const Magnitude& m : kMagnitudes) {
    if (at(s, i, m.word)) {
      *value = m.value;
      return m.word.size();
    }
  }
  return 0;
}

// Measure words (量词 and units of measurement) a quantity may end with. Money and percent
// are read separately.
constexpr std::string_view kMeasures[] = {
    // mass, length, area, volume, energy
    "吨标准煤", "吨标煤", "吨", "千克", "公斤", "克", "毫克", "微克", "斤", "公里", "千米", "米",
    "厘米", "毫米", "平方米", "平方公里", "平方千米", "立方米", "亩", "公顷", "升", "毫升",
    "千瓦时", "千瓦", "兆瓦", "瓦", "度", "千伏",
    // counts
    "个工作日", "个小时", "个月", "个", "家", "项", "人次", "人", "名", "位", "户", "所", "座",
    "处", "条", "台套", "台", "套", "辆", "张", "件", "批次", "次", "场次", "场", "栋", "间", "床",
    "头", "只", "株", "棵", "篇", "款", "种", "类", "倍", "天", "小时", "分钟", "支", "根", "块",
    "片", "届", "轮", "艘", "架", "册", "份", "例", "宗", "笔", "枚", "公顷", "村", "镇"};

// Words that may follow '/' in a per-unit amount (2万元/户) besides the measure words.
constexpr std::string_view kPerWords[] = {"学年", "学期", "季度", "年", "月", "日", "生"};

const std::vector<std::string_view>& measures_longest_first() {
  static const std::vector<std::string_view> list = [] {
    std::vector<std::string_view> v(std::begin(kMeasures), std::end(kMeasures));
    std::stable_sort(v.begin(), v.end(),
                     [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
    return v;
  }();
  return list;
}

// The first characters of the measure words: most text after a number starts none.
constexpr CharSet kMeasureStarts = [] {
  CharSet set;
  for (std::string_view m : kMeasures) set.add(first_cp3(m));
  return set;
}();

std::size_t match_single_measure(std::string_view s, std::size_t pos) {
  if (pos >= s.size() || !kMeasureStarts.has(cp_at(s, pos))) return 0;
  for (std::string_view m : measures_longest_first()) {
    if (at(s, pos, m)) return m.size();
  }
  return 0;
}

// The word after '/' in 元/户: a measure word or a period.
std::size_t match_per_word(std::string_view s, std::size_t pos) {
  std::size_t best = match_single_measure(s, pos);
  for (std::string_view w : kPerWords) {
    if (w.size() > best && at(s, pos, w)) best = w.size();
  }
  return best;
}

// Separators between the items of a list of amounts.
constexpr std::string_view kListSeps[] = {"以及", "、", "/", "和", "及", "与", "或"};

bool only_list_separators(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  while (i < s.size()) {
    bool found = false;
    for (std::string_view w : kListSeps) {
      if (at(s, i, w)) {
        i += w.size();
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

struct ComparatorWord {
  std::string_view word;
  std::string_view op;
};

// Bounds stated before an amount. Checked in this order (longer words first where one ends
// another: 最高不超过 before 不超过 before 超过).
constexpr ComparatorWord kPrefixComparators[] = {
    {"最高不超过", "<="}, {"最多不超过", "<="}, {"累计不超过", "<="}, {"原则上不超过", "<="},
    {"不超过", "<="},     {"不高于", "<="},     {"不多于", "<="},     {"不大于", "<="},
    {"上限为", "<="},     {"封顶", "<="},       {"最高", "<="},       {"最多", "<="},
    {"不低于", ">="},     {"不少于", ">="},     {"不小于", ">="},     {"最低", ">="},
    {"至少", ">="},       {"超过", ">"},        {"高于", ">"},        {"多于", ">"},
    {"大于", ">"},        {"突破", ">"},        {"低于", "<"},        {"少于", "<"},
    {"小于", "<"},        {"不足", "<"},        {"不到", "<"},
};

// Words that may stand between a prefix comparator and the amount (最高奖励500万元).
constexpr std::string_view kPrefixFillers[] = {"给予", "奖励", "补助",   "补贴", "资助",
                                               "扶持", "支持", "一次性", "达到", "可",
                                               "为",   "在",   "达",     "按"};

// Words that, found in a clause, make a bare 万/亿 number money.
constexpr std::string_view kMoneyWords[] = {
    "元",   "奖励",   "奖补",   "补助",   "补贴",   "资金", "资助",  "扶持",   "贴息",
    "投资", "经费",   "费用",   "金额",   "收入",   "营收", "产值",  "增加值", "生产总值",
    "GDP",  "销售额", "营业额", "交易额", "成交额", "利润", "税收",  "税额",   "预算",
    "资产", "贷款",   "融资",   "基金",   "拨付",   "出资", "筹集",  "募集",   "总额",
    "价值", "造价",   "工资",   "薪酬",   "罚款",   "消费", "人民币"};

bool has_money_word(std::string_view clause) {
  for (std::string_view w : kMoneyWords) {
    if (clause.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// A bare 万/亿 number may be money only if it is not followed by a noun or measure word.
constexpr std::string_view kBareFollowers[] = {"以上", "以下", "以内", "之内", "左右", "的",
                                               "至",   "到",   "或",   "和",   "及",   "与",
                                               "奖励", "补助", "补贴", "资金", "用于", "给予"};

bool bare_follower_ok(std::string_view s, std::size_t e) {
  char32_t c = cp_at(s, e);
  if (c == 0 || !is_han(c)) return true;
  for (std::string_view w : kBareFollowers) {
    if (at(s, e, w)) return true;
  }
  return false;
}

// Words after 元 that make it something else (元旦, 元素 …).
constexpr std::string_view kNotYuan[] = {"元旦", "元素", "元件", "元宵", "元器", "元首", "元年"};

enum class Kind { kPlain, kBare, kMoney, kPercent, kOther };

// One number with what follows it.
struct Single {
  Kind kind = Kind::kPlain;
  Number n;
  double factor = 1;  // a multiplier read after the number (千元): applies with the magnitude
  double value = 0;   // yuan or the percent number; for plain and bare numbers: scaled()
  std::size_t end = 0;
  std::string unit;
  std::string per;
  bool more = false;  // 5000余万元, 100多万元
};

std::optional<Single> read_single(std::string_view s, std::size_t p) {
  Single r;
  if (at(s, p, "百分之")) {
    auto n = read_number(s, p + 9);
    if (!n) return std::nullopt;
    r.n = *n;
    r.n.begin = p;
    r.kind = Kind::kPercent;
    r.value = n->scaled();
    r.unit = "%";
    r.end = n->end;
    return r;
  }
  auto n = read_number(s, p);
  if (!n) return std::nullopt;
  r.n = *n;
  std::size_t e = n->end;
  if (r.n.magnitude == 1 && (at(s, e, "余") || at(s, e, "多"))) {
    std::int64_t mag = 1;
    std::size_t len = match_magnitude(s, e + 3, &mag);
    std::size_t after = e + 3 + len;
    if (at(s, after, "元") || len > 0) {
      r.more = true;
      r.n.magnitude = mag;
      r.n.end = after;
      e = after;
    }
  }
  if (at(s, e, "%")) {
    r.kind = Kind::kPercent;
    r.unit = "%";
    r.end = e + 1;
  } else if (at(s, e, "％")) {
    r.kind = Kind::kPercent;
    r.unit = "%";
    r.end = e + 3;
  } else if (at(s, e, "个百分点")) {
    r.kind = Kind::kPercent;
    r.unit = "个百分点";
    r.end = e + 12;
  } else if (at(s, e, "百分点")) {
    r.kind = Kind::kPercent;
    r.unit = "个百分点";
    r.end = e + 9;
  } else if (at(s, e, "元")) {
    for (std::string_view w : kNotYuan) {
      if (at(s, e, w)) return std::nullopt;
    }
    r.kind = Kind::kMoney;
    r.unit = "元";
    r.end = e + 3;
  } else if (r.n.magnitude == 1 && !r.n.chinese && (at(s, e, "千元") || at(s, e, "百元"))) {
    r.kind = Kind::kMoney;
    r.unit = "元";
    r.factor = at(s, e, "千元") ? 1000 : 100;
    r.end = e + 6;
  } else if (r.n.magnitude > 1) {
    r.kind = bare_follower_ok(s, e) ? Kind::kBare : Kind::kOther;
    r.end = e;
  } else {
    // A number with no unit can only be the lower bound of a range (10至50万元, 10-50万元).
    r.kind = !is_han(cp_at(s, e)) || match_range_sep(s, e) > 0 ? Kind::kPlain : Kind::kOther;
    r.end = e;
  }
  r.value = r.n.scaled() * r.factor;
  if (r.kind == Kind::kMoney && at(s, r.end, "/")) {
    // 元/户, 元/平方米, 元/人/年
    std::size_t len = match_per_word(s, r.end + 1);
    if (len > 0) {
      if (at(s, r.end + 1 + len, "/")) {
        std::size_t second = match_per_word(s, r.end + 2 + len);
        if (second > 0) len += 1 + second;
      }
      r.per = std::string(s.substr(r.end + 1, len));
      r.end += 1 + len;
    }
  }
  return r;
}

// A range's lower bound written without the upper bound's magnitude (10-50万元) takes it.
double lower_bound_value(const Single& a, const Single& b) {
  if (a.kind == Kind::kPlain && a.n.magnitude == 1 && b.kind != Kind::kPercent)
    return a.n.scaled() * static_cast<double>(b.n.magnitude) * b.factor;
  return a.value;
}

struct Item {
  Amount amount;
  bool bare = false;  // 万/亿 without 元: money only by context
};

std::optional<Item> match_item(std::string_view s, std::size_t cb, std::size_t p) {
  auto a = read_single(s, p);
  if (!a || a->kind == Kind::kOther) return std::nullopt;
  Item item;
  Amount& am = item.amount;
  am.begin = p;
  std::size_t end = a->end;
  Kind kind = a->kind;
  bool ranged = false;
  if (a->per.empty()) {
    std::size_t sep = match_range_sep(s, a->end);
    if (sep > 0) {
      auto b = read_single(s, a->end + sep);
      if (b && b->kind != Kind::kOther && b->kind != Kind::kPlain &&
          (a->kind == b->kind || a->kind == Kind::kPlain ||
           (a->kind == Kind::kBare && b->kind == Kind::kMoney)) &&
          (a->kind != Kind::kPercent || a->unit == b->unit)) {
        ranged = true;
        kind = b->kind;
        am.min = lower_bound_value(*a, *b);
        am.max = b->value;
        am.unit = b->unit;
        am.per = b->per;
        end = b->end;
      }
    }
  }
  if (!ranged) {
    if (kind == Kind::kPlain) return std::nullopt;
    am.value = a->value;
    am.unit = a->unit;
    am.per = a->per;
    if (a->more) am.comparator = ">";
  }
  item.bare = kind == Kind::kBare;
  am.kind = kind == Kind::kPercent ? AmountKind::kPercent : AmountKind::kMoney;
  if (item.bare) am.unit = "元";

  // A bound stated after: 500万元（含）以上, 28%以上, 300万元以下.
  std::size_t q = end;
  for (std::string_view w : {"（含本数）", "(含本数)", "（含）", "(含)"}) {
    if (at(s, q, w)) {
      q += w.size();
      break;
    }
  }
  static constexpr ComparatorWord kSuffixes[] = {
      {"及以上", ">="}, {"以上", ">="}, {"及以下", "<="}, {"以下", "<="},
      {"以内", "<="},   {"之内", "<="}, {"左右", ""},
  };
  bool suffix = false;
  for (const ComparatorWord& w : kSuffixes) {
    if (at(s, q, w.word)) {
      am.comparator = std::string(w.op);
      end = q + w.word.size();
      suffix = true;
      break;
    }
  }
  // A bound stated before: 最高不超过500万元, 最高奖励50万元, 不低于30%.
  if (!suffix && !ranged) {
    std::size_t b = p;
    for (int round = 0; round < 2; ++round) {
      bool found = false;
      for (std::string_view w : kPrefixFillers) {
        if (ends_at(s, cb, b, w)) {
          b -= w.size();
          found = true;
          break;
        }
      }
      if (!found) break;
    }
    for (const ComparatorWord& w : kPrefixComparators) {
      if (ends_at(s, cb, b, w.word)) {
        am.comparator = std::string(w.op);
        am.begin = b - w.word.size();
        break;
      }
    }
  }
  am.end = end;
  return item;
}

// Is the code point at s[i] (already decoded as c) a clause break? ASCII , and : between
// digits are part of a number (1,000; 1:1).
bool clause_break_at(std::string_view s, std::size_t i, char32_t c) {
  if (!is_clause_break(c)) return false;
  if ((c == ',' || c == ':') && i > 0 && i + 1 < s.size() && is_ascii_digit(s[i - 1]) &&
      is_ascii_digit(s[i + 1]))
    return false;
  return true;
}

void scan_clause(std::string_view text, std::size_t cb, std::size_t ce, std::vector<Amount>& out) {
  std::string_view s = text.substr(0, ce);  // lookahead stops at the clause's end
  std::vector<Item> items;
  char32_t prev = cp_before(text, cb);
  std::size_t i = cb;
  while (i < ce) {
    std::size_t here = i;
    char32_t c = next_cp(s, i);
    if (number_starts_at(s, here, prev)) {
      if (auto item = match_item(s, cb, here)) {
        std::size_t next = std::max(item->amount.end, i);
        items.push_back(std::move(*item));
        i = next;
        prev = cp_before(s, i);
        continue;
      }
      std::size_t r = skip_numeral_run(s, here);
      if (r > i) {
        i = r;
        prev = cp_before(s, i);
        continue;
      }
    }
    prev = c;
  }
  if (items.empty()) return;
  // 万/亿 without 元: money if the next item of a list is money, or if the clause speaks of
  // money; otherwise not an amount.
  int context = -1;  // unknown
  for (std::size_t k = items.size(); k-- > 0;) {
    Item& it = items[k];
    if (!it.bare) continue;
    bool money = false;
    if (k + 1 < items.size() && items[k + 1].amount.kind == AmountKind::kMoney &&
        !items[k + 1].bare &&
        only_list_separators(s.substr(it.amount.end, items[k + 1].amount.begin - it.amount.end))) {
      money = true;
    } else {
      if (context < 0) context = has_money_word(s.substr(cb, ce - cb)) ? 1 : 0;
      money = context == 1;
    }
    if (money) {
      it.bare = false;
      it.amount.implied_unit = true;
    } else {
      it.amount.unit.clear();
    }
  }
  for (Item& it : items) {
    if (it.bare || it.amount.unit.empty()) continue;
    it.amount.text = std::string(text.substr(it.amount.begin, it.amount.end - it.amount.begin));
    out.push_back(std::move(it.amount));
  }
}

}  // namespace

// Separators between the bounds of a range.
constexpr std::string_view kRangeSeps[] = {"——", "至", "到", "-", "~", "～", "—", "–", "－", "〜"};

// The separators' first bytes: most numbers are followed by none of them.
constexpr std::array<bool, 256> kRangeSepFirst = [] {
  std::array<bool, 256> t{};
  for (std::string_view w : kRangeSeps) t[static_cast<unsigned char>(w[0])] = true;
  return t;
}();

std::size_t match_range_sep(std::string_view s, std::size_t i) {
  if (i >= s.size() || !kRangeSepFirst[static_cast<unsigned char>(s[i])]) return 0;
  for (std::string_view w : kRangeSeps) {
    if (at(s, i, w)) return w.size();
  }
  return 0;
}

double Number::value() const {
  return static_cast<double>(mantissa) / kPow10[std::clamp(scale, 0, 9)];
}

double Number::scaled() const {
  std::int64_t product = 0;
  double div = kPow10[std::clamp(scale, 0, 9)];
  if (!__builtin_mul_overflow(mantissa, magnitude, &product))
    return static_cast<double>(product) / div;
  return static_cast<double>(mantissa) * static_cast<double>(magnitude) / div;
}

bool is_clause_break(char32_t c) {
  switch (c) {
    case U'，':
    case U'。':
    case U'；':
    case U'：':
    case U'！':
    case U'？':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '\n':
    case '\r':
    case '\t':
      return true;
    default:
      return false;
  }
}

bool number_starts_at(std::string_view s, std::size_t pos, char32_t prev) {
  char32_t c = cp_at(s, pos);
  if (prev == U'第') return false;
  if (is_ascii_digit(c)) {
    return !is_ascii_digit(prev) && !is_ascii_alpha(prev) && prev != '.' && prev != '_' &&
           !is_numeral_char(prev);
  }
  if (is_cn_digit(c) || (is_cn_unit(c) && !is_cn_big_unit(c))) {
    return !is_numeral_char(prev) && !is_ascii_digit(prev) && prev != U'点';
  }
  return false;
}

std::size_t skip_numeral_run(std::string_view s, std::size_t pos) {
  std::size_t i = pos;
  while (i < s.size()) {
    std::size_t save = i;
    char32_t c = next_cp(s, i);
    if (!(is_ascii_digit(c) || c == '.' || c == ',' || c == U'点' || is_numeral_char(c))) {
      i = save;
      break;
    }
  }
  if (i == pos && pos < s.size()) next_cp(s, i);
  return i;
}

std::optional<Number> read_number(std::string_view s, std::size_t pos) {
  const std::size_t n = s.size();
  if (pos >= n) return std::nullopt;
  Number r;
  r.begin = pos;
  auto digit = [&](std::size_t k) { return k < n && s[k] >= '0' && s[k] <= '9'; };
  if (digit(pos)) {
    std::size_t i = pos;
    std::int64_t m = 0;
    int significant = 0;
    auto take = [&](char ch) {
      int d = ch - '0';
      if (significant == 0 && d == 0) return;
      ++significant;
      if (significant <= 15) m = m * 10 + d;
    };
    while (digit(i)) take(s[i++]);
    // Thousands separators: 1,000 and 12,345,678 (the first group has at most 3 digits).
    if (i - pos <= 3) {
      while (i < n && s[i] == ',' && digit(i + 1) && digit(i + 2) && digit(i + 3) &&
             !digit(i + 4)) {
        take(s[i + 1]);
        take(s[i + 2]);
        take(s[i + 3]);
        i += 4;
      }
    }
    if (significant > 15) return std::nullopt;
    if (i + 1 < n && s[i] == '.' && digit(i + 1)) {
      ++i;
      int k = 0;
      while (digit(i)) {
        if (++k > 6 || significant + k > 18) return std::nullopt;
        m = m * 10 + (s[i] - '0');
        ++i;
      }
      r.scale = k;
    }
    r.mantissa = m;
    r.digits_end = i;
    std::size_t len = match_magnitude(s, i, &r.magnitude);
    r.end = i + len;
    return r;
  }
  char32_t first = cp_at(s, pos);
  if (!(is_cn_digit(first) || (is_cn_unit(first) && !is_cn_big_unit(first)))) return std::nullopt;
  r.chinese = true;
  std::size_t i = pos;
  bool has_big = false;
  while (i < n) {
    std::size_t save = i;
    char32_t c = next_cp(s, i);
    if (!is_numeral_char(c)) {
      i = save;
      break;
    }
    if (is_cn_big_unit(c)) has_big = true;
    if (i - pos > 60) return std::nullopt;
  }
  const std::size_t run_end = i;
  std::string_view run = s.substr(pos, run_end - pos);
  // 一点五亿, 二十八点五
  if (!has_big && at(s, run_end, "点")) {
    std::size_t k = run_end + 3;
    std::int64_t frac = 0;
    int places = 0;
    while (k < n) {
      std::size_t save = k;
      char32_t c = next_cp(s, k);
      if (!is_cn_digit(c)) {
        k = save;
        break;
      }
      if (++places > 6) return std::nullopt;
      frac = frac * 10 + cn_digit_value(c);
    }
    if (places > 0) {
      auto whole = parse_numeral(run);
      if (!whole || *whole > 1'000'000'000'000LL) return std::nullopt;
      r.mantissa = *whole * kPow10Int[places] + frac;
      r.scale = places;
      r.digits_end = k;
      std::size_t len = match_magnitude(s, k, &r.magnitude);
      r.end = k + len;
      return r;
    }
  }
  // 三百万 reads as 三百 and 万; 一亿五千万 and 壹万贰仟 stay whole.
  std::string_view head = run;
  auto no_big = [](std::string_view h) {
    return h.find("万") == std::string_view::npos && h.find("萬") == std::string_view::npos &&
           h.find("亿") == std::string_view::npos;
  };
  std::int64_t mag = 1;
  if (ends_with(run, "万亿") && run.size() > 6 && no_big(run.substr(0, run.size() - 6))) {
    head = run.substr(0, run.size() - 6);
    mag = 1'000'000'000'000LL;
  } else if (ends_with(run, "亿") && run.size() > 3 && no_big(run.substr(0, run.size() - 3))) {
    head = run.substr(0, run.size() - 3);
    mag = 100'000'000;
  } else if ((ends_with(run, "万") || ends_with(run, "萬")) && run.size() > 3 &&
             no_big(run.substr(0, run.size() - 3))) {
    head = run.substr(0, run.size() - 3);
    mag = 10'000;
  }
  auto v = parse_numeral(head);
  if (!v) return std::nullopt;
  r.mantissa = *v;
  r.magnitude = mag;
  r.digits_end = pos + head.size();
  r.end = run_end;
  return r;
}

std::size_t match_measure(std::string_view s, std::size_t pos) {
  std::size_t len = match_single_measure(s, pos);
  if (len == 0) return 0;
  if (at(s, pos + len, "/")) {
    std::size_t second = match_per_word(s, pos + len + 1);
    if (second > 0) return len + 1 + second;
  }
  return len;
}

std::vector<Amount> find_amounts(std::string_view text) {
  std::vector<Amount> out;
  std::size_t cb = 0;
  while (cb < text.size()) {
    std::size_t ce = cb;
    std::size_t next = text.size();
    while (ce < text.size()) {
      std::size_t k = ce;
      char32_t c = next_cp(text, k);
      if (clause_break_at(text, ce, c)) {
        next = k;
        break;
      }
      ce = k;
    }
    scan_clause(text, cb, ce, out);
    cb = next;
  }
  return out;
}

}  // namespace duban::detail
