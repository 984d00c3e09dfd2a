// Quantitative targets; see targets.h.
#include "core/targets.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "core/amounts.h"
#include "core/numerals.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A clause longer than this is a run of text without punctuation: a target's text is then the
// window of kWindowBytes before its quantity. Metrics are read from at most kMetricBytes.
constexpr std::size_t kMaxClauseBytes = 600;
constexpr std::size_t kWindowBytes = 300;
constexpr std::size_t kMetricBytes = 270;

// The first code point boundary at or after i (but not after limit).
std::size_t cp_align(std::string_view s, std::size_t i, std::size_t limit) {
  while (i < limit && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

enum class VerbKind { kPredicate, kObject };

struct Verb {
  std::string_view word;
  VerbKind kind;
  std::string_view op;
  bool tight = false;  // only when the quantity follows at once (达100%, 为72%)
};

constexpr VerbKind P = VerbKind::kPredicate;
constexpr VerbKind O = VerbKind::kObject;

constexpr Verb kVerbs[] = {
    // predicate verbs: the metric comes before them
    {"达到", P, ">="},
    {"提高到", P, ">="},
    {"提高至", P, ">="},
    {"提升到", P, ">="},
    {"提升至", P, ">="},
    {"增加到", P, ">="},
    {"增加至", P, ">="},
    {"增长到", P, ">="},
    {"增长至", P, ">="},
    {"增至", P, ">="},
    {"扩大到", P, ">="},
    {"扩大至", P, ">="},
    {"不低于", P, ">="},
    {"不少于", P, ">="},
    {"不小于", P, ">="},
    {"达", P, ">=", true},
    {"超过", P, ">"},
    {"高于", P, ">"},
    {"突破", P, ">"},
    {"多于", P, ">"},
    {"大于", P, ">"},
    {"不高于", P, "<="},
    {"不超过", P, "<="},
    {"不多于", P, "<="},
    {"不大于", P, "<="},
    {"控制在", P, "<="},
    {"控制到", P, "<="},
    {"压缩至", P, "<="},
    {"压缩到", P, "<="},
    {"压减至", P, "<="},
    {"压减到", P, "<="},
    {"缩短至", P, "<="},
    {"缩短到", P, "<="},
    {"降至", P, "<="},
    {"降到", P, "<="},
    {"降低至", P, "<="},
    {"降低到", P, "<="},
    {"下降至", P, "<="},
    {"下降到", P, "<="},
    {"减少至", P, "<="},
    {"减少到", P, "<="},
    {"减至", P, "<="},
    {"压缩为", P, "<="},
    {"缩短为", P, "<="},
    {"降低为", P, "<="},
    {"降为", P, "<="},
    {"减为", P, "<="},
    {"提高为", P, ">="},
    {"提升为", P, ">="},
    {"增加为", P, ">="},
    {"扩大为", P, ">="},
    {"合并为", P, "="},
    {"调整为", P, "="},
    {"低于", P, "<"},
    {"少于", P, "<"},
    {"小于", P, "<"},
    {"不足", P, "<"},
    {"增长", P, "="},
    {"提高", P, "="},
    {"提升", P, "="},
    {"增加", P, "="},
    {"下降", P, "="},
    {"降低", P, "="},
    {"减少", P, "="},
    {"缩短", P, "="},
    {"压减", P, "="},
    {"压缩", P, "="},
    {"保持在", P, "="},
    {"保持", P, "="},
    {"稳定在", P, "="},
    {"维持在", P, "="},
    {"为", P, "=", true},
    // object verbs: the metric comes after them
    {"实施", O, "="},
    {"建成", O, "="},
    {"建设", O, "="},
    {"完成", O, "="},
    {"新增", O, "="},
    {"新建", O, "="},
    {"培育", O, "="},
    {"打造", O, "="},
    {"创建", O, "="},
    {"争创", O, "="},
    {"创成", O, "="},
    {"认定", O, "="},
    {"引进", O, "="},
    {"招引", O, "="},
    {"培训", O, "="},
    {"培养", O, "="},
    {"改造", O, "="},
    {"实现", O, "="},
    {"开工", O, "="},
    {"竣工", O, "="},
    {"推广", O, "="},
    {"发展", O, "="},
    {"签约", O, "="},
    {"吸纳", O, "="},
    {"带动", O, "="},
    {"组建", O, "="},
    {"建立", O, "="},
    {"举办", O, "="},
    {"开展", O, "="},
    {"储备", O, "="},
    {"种植", O, "="},
    {"治理", O, "="},
    {"整治", O, "="},
    {"修复", O, "="},
    {"造林", O, "="},
    {"淘汰", O, "="},
    {"解决", O, "="},
    {"提供", O, "="},
};

// The verbs by the UTF-8 bytes of their first character (`key`), longest first, grouped by
// the low twelve bits of that character (`slot`): a table of where each slot's verbs start
// finds them without hashing.
struct VerbIndex {
  struct Entry {
    std::uint32_t key;
    std::uint16_t slot;
    const Verb* verb;
  };
  std::vector<Entry> entries;
  std::array<std::uint16_t, 4096> slot_begin{};  // index in entries + 1; 0: no verb
  static std::uint16_t slot_of(std::uint32_t key) {
    return static_cast<std::uint16_t>((key >> 8 & 0x3Fu) << 6 | (key & 0x3Fu));
  }
};

const VerbIndex& verb_index() {
  static const VerbIndex index = [] {
    VerbIndex x;
    for (const Verb& v : kVerbs) {
      std::uint32_t key = 0;
      for (int k = 0; k < 3; ++k) key = key << 8 | static_cast<unsigned char>(v.word[k]);
      x.entries.push_back({key, VerbIndex::slot_of(key), &v});
    }
    std::stable_sort(x.entries.begin(), x.entries.end(), [](const auto& a, const auto& b) {
      if (a.slot != b.slot) return a.slot < b.slot;
      if (a.key != b.key) return a.key < b.key;
      return a.verb->word.size() > b.verb->word.size();
    });
    for (std::size_t k = x.entries.size(); k-- > 0;)
      x.slot_begin[x.entries[k].slot] = static_cast<std::uint16_t>(k + 1);
    return x;
  }();
  return index;
}

// The characters the clause scanner stops at: numerals (and 百分之), years and the relative
// years (本年度, 今年, 年内, 明年). Verbs are read only when a quantity needs one (verbs_before).
constexpr CharSet kMayStartNumber = [] {
  CharSet set = kNumeralChars;
  set.add(U"本今年明");
  return set;
}();

constexpr CharSet kVerbStarts = [] {
  CharSet set;
  for (const Verb& v : kVerbs) set.add(first_cp3(v.word));
  return set;
}();

// Reading verbs apart from numbers gives what one pass over both gave only because no verb
// holds a character that starts a number or a year word (nor the 内 and 度 that end one): a
// verb and a number never overlap.
constexpr bool verbs_apart_from_numbers() {
  for (const Verb& v : kVerbs) {
    if (v.word.size() % 3 != 0) return false;
    for (std::size_t k = 0; k < v.word.size(); k += 3) {
      const char32_t c = first_cp3(v.word.substr(k, 3));
      if (kMayStartNumber.has(c) || c == U'内' || c == U'度' || c == U'点') return false;
    }
  }
  return true;
}
static_assert(verbs_apart_from_numbers());

const Verb* verb_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return nullptr;
  std::uint32_t key = 0;
  for (int k = 0; k < 3; ++k) key = key << 8 | static_cast<unsigned char>(s[i + k]);
  const VerbIndex& index = verb_index();
  const std::uint16_t slot = VerbIndex::slot_of(key);
  const std::size_t first = index.slot_begin[slot];
  if (first == 0) return nullptr;
  for (std::size_t k = first - 1; k < index.entries.size() && index.entries[k].slot == slot; ++k) {
    const VerbIndex::Entry& e = index.entries[k];
    if (e.key == key && at(s, i, e.verb->word)) return e.verb;
  }
  return nullptr;
}

// Characters before 为 / 达 that make them part of another word (作为, 成为, 达标 is handled
// by tightness, 通达, 发达 …).
bool tight_verb_in_word(std::string_view s, std::size_t lo, std::size_t i, const Verb& v) {
  char32_t before = i > lo ? cp_before(s, i) : 0;
  if (v.word == "为") {
    for (char32_t c : {U'作', U'成', U'认', U'因', U'称', U'视', U'更', U'行', U'以', U'分', U'改',
                       U'变', U'定', U'列', U'确', U'是', U'最'}) {
      if (before == c) return true;
    }
  } else if (v.word == "达") {
    for (char32_t c :
         {U'通', U'到', U'抵', U'下', U'表', U'传', U'发', U'送', U'直', U'转', U'雷'}) {
      if (before == c) return true;
    }
  }
  return false;
}

struct Quantity {
  std::size_t begin = 0;
  std::size_t end = 0;  // past the unit
  double value = 0;
  std::string unit;
  bool more = false;     // 100余家
  bool chinese = false;  // 两次, 十家 (百分之九十 is not)
};

bool is_period_unit(std::string_view unit) {
  for (std::string_view w : {"个工作日", "工作日", "个月", "天", "小时", "分钟", "周"}) {
    if (ends_with(unit, w)) return true;
  }
  return false;
}

constexpr std::string_view kNotYuan[] = {"元旦", "元素", "元件", "元宵", "元器", "元首", "元年"};

// A number with its unit at s[p]. *number_end receives the end of the number (and its
// magnitude) when there is one, even without a unit.
std::optional<Quantity> read_quantity(std::string_view s, std::size_t p, std::size_t* number_end) {
  *number_end = 0;
  Quantity q;
  q.begin = p;
  if (at(s, p, "百分之")) {
    auto n = read_number(s, p + 9);
    if (!n) return std::nullopt;
    *number_end = n->end;
    q.value = n->scaled();
    q.unit = "%";
    q.end = n->end;
    return q;
  }
  auto n = read_number(s, p);
  if (!n) return std::nullopt;
  *number_end = n->end;
  q.chinese = n->chinese;
  // 一 alone is rarely a count in a target and often an idiom: 一件事, 一张网, 一次办.
  if (n->chinese && n->end - n->begin == 3 && (at(s, p, "一") || at(s, p, "壹")))
    return std::nullopt;
  std::size_t e = n->end;
  std::string magnitude(s.substr(n->digits_end, n->end - n->digits_end));
  if (at(s, e, "余") || at(s, e, "多")) {
    std::size_t k = e + 3;
    if (magnitude.empty()) {
      std::size_t m = k;
      for (std::string_view w : {"万亿", "千万", "百万", "十万", "亿", "万"}) {
        if (at(s, k, w)) {
          magnitude = std::string(w);
          m = k + w.size();
          break;
        }
      }
      k = m;
    }
    q.more = true;
    e = k;
  }
  auto percent = [&](std::size_t len, std::string unit) {
    q.value = n->scaled();
    q.unit = std::move(unit);
    q.end = e + len;
  };
  if (at(s, e, "%")) {
    percent(1, "%");
  } else if (at(s, e, "％")) {
    percent(3, "%");
  } else if (at(s, e, "个百分点")) {
    percent(12, "个百分点");
  } else if (at(s, e, "百分点")) {
    percent(9, "个百分点");
  } else {
    q.value = n->value();
    std::size_t len = 0;
    if (at(s, e, "元")) {
      for (std::string_view w : kNotYuan) {
        if (at(s, e, w)) return std::nullopt;
      }
      len = 3;
    } else if (magnitude.empty() && !n->chinese && (at(s, e, "千元") || at(s, e, "百元"))) {
      len = 6;
    } else {
      len = match_measure(s, e);
    }
    if (len > 0) {
      q.unit = magnitude + std::string(s.substr(e, len));
      q.end = e + len;
    } else if (!magnitude.empty() && !q.more && !is_han(cp_at(s, e))) {
      q.unit = magnitude;  // 达到100万
      q.end = e;
    } else {
      return std::nullopt;
    }
  }
  if (q.more && q.unit.empty()) return std::nullopt;
  return q;
}

// A 4-digit year 19XX–21XX followed by 年 at s[i]; its value, or 0.
int year_at(std::string_view s, std::size_t i) {
  if (i + 7 > s.size()) return 0;
  for (int k = 0; k < 4; ++k) {
    if (!is_digit(s[i + k])) return 0;
  }
  if (i + 4 < s.size() && is_digit(s[i + 4])) return 0;
  if (!at(s, i + 4, "年")) return 0;
  int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
  return y >= 1900 && y <= 2199 ? y : 0;
}

bool is_sentence_break(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == '!' || c == '?' || c == '\n';
}

bool is_clause_end(std::string_view s, std::size_t i, char32_t c) {
  if (is_sentence_break(c)) return true;
  if (!is_clause_break(c)) return false;
  // ASCII , and : between digits belong to a number.
  if ((c == ',' || c == ':') && i > 0 && i + 1 < s.size() && is_digit(s[i - 1]) &&
      is_digit(s[i + 1]))
    return false;
  return true;
}

// Strips spaces and enclosing punctuation at both ends.
std::string_view strip_punct(std::string_view s) {
  s = trim(s);
  while (!s.empty()) {
    char32_t c = first_cp(s);
    if (c == U'、' || c == U'“' || c == U'”' || c == U'‘' || c == U'’' || c == U'）' || c == ')' ||
        c == '"' || is_space(c) || c == U'·' || c == U'…' || c == U'，' || c == U'：') {
      std::size_t k = 0;
      next_cp(s, k);
      s.remove_prefix(k);
      continue;
    }
    break;
  }
  while (!s.empty()) {
    char32_t c = last_cp(s);
    if (c == U'、' || c == U'“' || c == U'‘' || c == U'”' || c == U'’' || c == U'（' || c == '(' ||
        c == '"' || is_space(c) || c == U'，' || c == U'：') {
      std::size_t k = s.size();
      prev_cp(s, k);
      s.remove_suffix(s.size() - k);
      continue;
    }
    break;
  }
  return s;
}

// Words that open a clause but are not part of the metric.
constexpr std::string_view kLeadWords[] = {
    "力争在", "力争到", "力争", "确保", "争取",   "努力", "预计", "计划", "截至",
    "截止到", "截止",   "其中", "同时", "并且",   "以及", "使",   "推动", "推进",
    "实现",   "今年",   "明年", "年内", "本年度", "全年", "当年", "累计", "并将",
    "到",     "至",     "在",   "将",   "且",     "每年", "的"};

// Words that close the metric but are not part of it.
// Longer words first where one ends another (年均 before 均).
constexpr std::string_view kTrailWords[] = {
    "原则上", "进一步", "分别", "年均", "平均", "始终", "稳定", "持续", "逐步", "累计",
    "力争",   "基本",   "总体", "全部", "必须", "能够", "可以", "每年", "逐年", "同比",
    "要求",   "确保",   "最高", "最多", "最低", "最少", "至少", "一般", "均",   "要",
    "将",     "都",     "也",   "需",   "应",   "可",   "再"};

// Where a baseline starts (较2023年, 比上年, 同比, 与2020年相比).
constexpr std::string_view kBaselineMarks[] = {"较19", "较20",   "比19",   "比20",   "与19",
                                               "与20", "较上年", "比上年", "较去年", "比去年",
                                               "同比", "较基期", "比基期", "较期初", "较“"};

// After these the metric starts (工业、农业…等领域设备投资规模).
constexpr std::string_view kScopeEnds[] = {"等重点领域", "等重点行业", "等领域",
                                           "等行业",     "等方面",     "等产业"};

// A leading date phrase: 2025年底, 9月底前, 12月31日前.
std::string_view strip_year_phrase(std::string_view s) {
  std::size_t k = 0;
  while (k < s.size() && k < 2 && is_digit(s[k])) ++k;
  if (k > 0 && at(s, k, "月")) {
    std::size_t m = k + 3;
    std::size_t d = m;
    while (d < s.size() && d < m + 2 && is_digit(s[d])) ++d;
    if (d > m && at(s, d, "日")) m = d + 3;
    for (std::string_view w : {"底前", "底", "末", "上旬", "中旬", "下旬", "前"}) {
      if (at(s, m, w)) {
        m += w.size();
        if (w != "前" && w != "底前" && at(s, m, "前")) m += 3;
        break;
      }
    }
    return s.substr(m);
  }
  if (s.size() >= 7 && year_at(s, 0)) {
    s.remove_prefix(7);
    for (std::string_view w :
         {"年底前", "年底", "年末", "底前", "以前", "之前", "底", "末", "前", "内", "初"}) {
      if (starts_with(s, w)) {
        s.remove_prefix(w.size());
        break;
      }
    }
  }
  return s;
}

std::string clean_metric_before(std::string_view s) {
  // Leading words and year phrases: 力争到2025年底, 今年, 确保.
  for (int guard = 0; guard < 16; ++guard) {
    std::string_view before = s;
    s = strip_punct(s);
    s = strip_year_phrase(s);
    for (std::string_view w : kLeadWords) {
      if (starts_with(s, w) && s.size() > w.size()) {
        s.remove_prefix(w.size());
        break;
      }
    }
    // 完成初级农产品定量检测不低于400批次: the object of a leading verb is the metric.
    if (const Verb* v = verb_at(s, 0);
        v && v->kind == VerbKind::kObject && cp_count(s.substr(v->word.size())) >= 3)
      s.remove_prefix(v->word.size());
    if (s.size() == before.size()) break;
  }
  // A baseline and what follows it: 设备投资规模较2023年 -> 设备投资规模.
  std::size_t cut = s.size();
  for (std::string_view w : kBaselineMarks) {
    std::size_t k = s.find(w);
    if (k != kNpos) cut = std::min(cut, k);
  }
  s = s.substr(0, cut);
  // The scope before the metric: …等领域设备投资规模 -> 设备投资规模.
  std::size_t scope = kNpos;
  for (std::string_view w : kScopeEnds) {
    std::size_t k = s.rfind(w);
    if (k != kNpos && (scope == kNpos || k + w.size() > scope)) scope = k + w.size();
  }
  if (scope != kNpos) s.remove_prefix(scope);
  // Adverbs at the end: 分别, 始终, 年均.
  for (int guard = 0; guard < 16; ++guard) {
    std::string_view before = s;
    s = strip_punct(s);
    for (std::string_view w : kTrailWords) {
      if (ends_with(s, w)) {
        s.remove_suffix(w.size());
        break;
      }
    }
    if (s.size() == before.size()) break;
  }
  return std::string(s);
}

std::string clean_metric_between(std::string_view s) {
  for (int guard = 0; guard < 8; ++guard) {
    std::string_view before = s;
    s = strip_punct(s);
    for (std::string_view w : {"了", "约", "各类", "共"}) {
      if (starts_with(s, w)) {
        s.remove_prefix(w.size());
        break;
      }
    }
    for (std::string_view w : {"总数达到", "总数达", "数量达到", "达到", "约", "共", "达"}) {
      if (ends_with(s, w) && s.size() > w.size()) {
        s.remove_suffix(w.size());
        break;
      }
    }
    if (s.size() == before.size()) break;
  }
  return std::string(s);
}

// Words that may stand between a predicate verb and its quantity (提高到约30%).
bool is_predicate_filler(std::string_view s) {
  s = trim(s);
  if (s.empty() || ends_with(s, "的")) return true;
  for (std::string_view w : {"约", "到", "至", "为", "在", "了", "达", "达到", "约为"}) {
    if (s == w) return true;
  }
  return false;
}

// The list separators between the values of one target (80%、75%).
bool only_list_separators(std::string_view s) {
  s = trim(s);
  if (s.empty()) return false;
  while (!s.empty()) {
    bool found = false;
    for (std::string_view w : {"以及", "、", "和", "及", "与", "或", "/"}) {
      if (starts_with(s, w)) {
        s.remove_prefix(w.size());
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

struct VerbSeen {
  const Verb* verb = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct QuantitySeen {
  std::size_t begin = 0;
  std::size_t end = 0;        // past the unit, a bound (以上) included
  std::size_t seg_start = 0;  // where its segment started
  std::size_t you = kNpos;    // where a 由 / 从 before it starts (由12.46%提高到20.24%)
  bool target = false;
};

class ClauseScanner {
 public:
  ClauseScanner(std::string_view text, std::optional<int> doc_year, std::vector<TargetMatch>& out)
      : text_(text), doc_year_(doc_year), out_(out) {}

  void sentence_start() { year_.reset(); }

  void scan(std::size_t cb, std::size_t ce) {
    s_ = text_.substr(0, ce);
    cb_ = cb;
    ce_ = ce;
    std::string_view clause = strip_punct(s_.substr(cb, ce - cb));
    skip_ = clause.empty();
    // A clause that opens with a condition ("对…的", "根据…") states no target; all these words
    // start with a three-byte character, compared first.
    if (clause.size() >= 3) {
      static constexpr CharSet kConditionStarts(U"对凡如若按根依");
      if (kConditionStarts.has(first_cp3(clause)))
        for (std::string_view w : {"对", "凡", "如果", "若", "按照", "根据", "依据"})
          if (starts_with(clause, w)) skip_ = true;
    }
    if (ends_with(clause, "的")) skip_ = true;
    clause_begin_ = static_cast<std::size_t>(clause.data() - text_.data());
    clause_end_ = clause_begin_ + clause.size();
    seg_start_ = cb;
    baseline_.reset();
    last_p_ = {};
    first_o_ = {};
    verbs_from_ = cb;
    last_q_.reset();
    last_target_ = kNpos;
    grants_ = -1;

    // Runs of three-byte characters that start no number are skipped by a byte table (as in
    // find_target_matches); the last one skipped is decoded, as the character before the next.
    static const PairTable may_start =
        pair_table([](char32_t c) { return kMayStartNumber.has(c); });
    std::size_t i = cb;
    char32_t prev = cp_before(text_, cb);
    while (i < ce) {
      if (i + 2 < ce) {
        const std::size_t from = i;
        i = skip_unmarked_cp3(s_, i, ce, may_start);
        if (i > from) {
          prev = first_cp3(s_.substr(i - 3, 3));
          continue;
        }
      }
      std::size_t here = i;
      char32_t c = next_cp(s_, i);
      if (!kMayStartNumber.has(c)) {  // no number, year or 今年 starts here
        prev = c;
        continue;
      }
      if (c >= '0' && c <= '9' && !(prev >= '0' && prev <= '9')) {
        if (int y = year_at(s_, here)) {
          note_year(here, y);
          i = here + 7;
          prev = U'年';
          continue;
        }
      }
      // Only a numeral starts a number (百分之 too).
      if (is_numeral_char(c) && (number_starts_at(s_, here, prev) || at(s_, here, "百分之"))) {
        std::size_t next = quantity(here);
        if (next > here) {
          i = next;
          prev = cp_before(s_, i);
          continue;
        }
        std::size_t r = skip_numeral_run(s_, here);
        if (r > i) {
          i = r;
          prev = cp_before(s_, i);
          continue;
        }
      }
      // 本年度, 今年, 年内, 本年, 明年: only these four characters start one.
      const bool year_word = c == U'本' || c == U'今' || c == U'年' || c == U'明';
      if (std::size_t len = year_word ? relative_year(here) : 0) {
        i = here + len;
        prev = cp_before(s_, i);
        continue;
      }
      prev = c;
    }
  }

 private:
  // The verbs between verbs_from_ (the clause's start or the last quantity's end) and `to` (a
  // quantity that may be a target): the last predicate verb and the first object verb. Most
  // clauses make no target, and their verbs are never read.
  void verbs_before(std::size_t to) {
    static const PairTable may_start = pair_table([](char32_t c) { return kVerbStarts.has(c); });
    for (std::size_t i = verbs_from_; i < to;) {
      i = skip_unmarked_cp3(s_, i, to, may_start);
      if (i >= to) break;
      const std::size_t here = i;
      const char32_t c = next_cp(s_, i);
      if (!kVerbStarts.has(c)) continue;
      if (const Verb* v = verb_at(s_, here)) {
        if (!(v->tight && tight_verb_in_word(s_, cb_, here, *v))) {
          VerbSeen seen{v, here, here + v->word.size()};
          if (v->kind == VerbKind::kPredicate) {
            last_p_ = seen;
          } else if (!first_o_.verb) {
            first_o_ = seen;
          }
        }
        i = here + v->word.size();
      }
    }
    verbs_from_ = std::max(verbs_from_, to);
  }

  void note_year(std::size_t at_pos, int y) {
    for (std::string_view w : {"较", "比", "与", "同", "相比", "相较"}) {
      if (ends_at(s_, cb_, at_pos, w)) {
        baseline_ = y;
        return;
      }
    }
    if (at(s_, at_pos + 7, "以来")) return;
    year_ = y;
  }

  std::size_t relative_year(std::size_t i) {
    struct Word {
      std::string_view word;
      int offset;
    };
    static constexpr Word kWords[] = {
        {"本年度", 0}, {"今年", 0}, {"年内", 0}, {"本年", 0}, {"明年", 1}};
    for (const Word& w : kWords) {
      if (at(s_, i, w.word)) {
        if (doc_year_) year_ = *doc_year_ + w.offset;
        return w.word.size();
      }
    }
    return 0;
  }

  // Handles the number at s[p]: returns where to continue, or p if it is not a quantity.
  std::size_t quantity(std::size_t p) {
    // Not a quantity of the text: a slogan or name in quotes (“三个目的地”, “15分钟健身圈”),
    // an annotation in brackets (（74项）), a product (7×24小时), a rate (每千人).
    char32_t before = cp_before(s_, p);
    if (before == U'“' || before == U'‘' || before == U'（' || before == '(' || before == U'×' ||
        before == '*' || before == U'＊' || (before == U'每' && !is_digit(s_[p])))
      return p;
    std::size_t number_end = 0;
    std::optional<Quantity> q = read_quantity(s_, p, &number_end);
    if (number_end == 0) return p;
    // A range (3%-5%, 10-50万元) is no target; a year range (2021-2025年) is left to the year.
    std::size_t e1 = q ? q->end : number_end;
    if (std::size_t sep = match_range_sep(s_, e1)) {
      auto n2 = read_number(s_, e1 + sep);
      if (n2 && !at(s_, n2->end, "年")) {
        std::size_t ignored = 0;
        auto q2 = read_quantity(s_, e1 + sep, &ignored);
        std::size_t end = q2 ? q2->end : n2->end;
        end = bound_end(end, nullptr);
        after_quantity(p, end, false);
        return end;
      }
    }
    if (!q) return p;
    std::string_view op;
    std::size_t end = bound_end(q->end, &op);
    if (op.empty() && q->more) op = ">";
    // A qualifier: 90%的个体工商注册, 5000万元以上（…）的项目.
    std::size_t k = end;
    if (at(s_, k, "（") || at(s_, k, "(")) {
      std::size_t limit = std::min(s_.size(), k + 120);
      std::size_t close = kNpos;
      for (std::size_t j = k + 1; j < limit; ++j) {
        if (s_[j] == ')' || at(s_, j, "）")) {
          close = j + (s_[j] == ')' ? 1 : 3);
          break;
        }
      }
      if (close != kNpos) k = close;
    }
    bool qualifier = at(s_, k, "的");
    // A capacity (年产30万吨) describes a project; it is not a goal.
    for (std::string_view w : {"年产", "日产", "年处理", "日处理", "年加工"}) {
      if (ends_at(s_, cb_, p, w)) qualifier = true;
    }
    bool made = false;
    if (!skip_ && !qualifier) made = make_target(*q, op, end);
    after_quantity(p, end, made);
    return end;
  }

  // Past a bound after a quantity: （含）以上, 以下, 以内, 左右. *op receives the comparator.
  std::size_t bound_end(std::size_t e, std::string_view* op) {
    std::size_t k = e;
    for (std::string_view w : {"（含本数）", "(含本数)", "（含）", "(含)"}) {
      if (at(s_, k, w)) {
        k += w.size();
        break;
      }
    }
    struct Bound {
      std::string_view word;
      std::string_view op;
    };
    static constexpr Bound kBounds[] = {{"及以上", ">="}, {"以上", ">="}, {"及以下", "<="},
                                        {"以下", "<="},   {"以内", "<="}, {"之内", "<="},
                                        {"左右", "="}};
    for (const Bound& b : kBounds) {
      if (at(s_, k, b.word)) {
        if (op) *op = b.op;
        return k + b.word.size();
      }
    }
    return e;
  }

  void after_quantity(std::size_t begin, std::size_t end, bool made) {
    QuantitySeen seen;
    seen.begin = begin;
    seen.end = end;
    seen.seg_start = seg_start_;
    seen.target = made;
    for (std::string_view w : {"由", "从"}) {
      if (ends_at(s_, seg_start_, begin, w)) seen.you = begin - w.size();
    }
    last_q_ = seen;
    seg_start_ = end;
    last_p_ = {};
    first_o_ = {};
    verbs_from_ = end;
    if (!made) last_target_ = kNpos;
  }

  bool make_target(const Quantity& q, std::string_view bound_op, std::size_t end) {
    verbs_before(q.begin);
    Target t;
    // Another value of the previous target: 分别超过80%、75%.
    if (last_target_ != kNpos && last_q_ && last_q_->target &&
        only_list_separators(s_.substr(last_q_->end, q.begin - last_q_->end))) {
      t = out_[last_target_].target;
      t.value = q.value;
      t.unit = q.unit;
      t.comparator = std::string(bound_op.empty() ? last_op_ : bound_op);
      return emit(std::move(t), last_op_, q);
    }
    // The verb: the last predicate verb before the quantity if the quantity follows it (with
    // at most a filler or a qualifier ending in 的 between), else the first object verb.
    VerbSeen verb;
    if (last_p_.verb) {
      std::string_view between = s_.substr(last_p_.end, q.begin - last_p_.end);
      bool tight_ok = !last_p_.verb->tight || trim(between).empty() || trim(between) == "约";
      if (tight_ok && (is_predicate_filler(between) || !first_o_.verb)) verb = last_p_;
    }
    if (!verb.verb && first_o_.verb) verb = first_o_;
    if (!verb.verb && last_q_ && last_q_->target && last_target_ != kNpos &&
        starts_with(s_.substr(seg_start_), "、")) {
      // 建设镇街道网络站点12个、村社区网络站点323个: the verb of the previous value.
      std::string metric = clean_metric_between(s_.substr(seg_start_, q.begin - seg_start_));
      if (metric.empty() || cp_count(metric) > 40 || q.chinese) return false;
      t = out_[last_target_].target;
      t.metric = std::move(metric);
      t.value = q.value;
      t.unit = q.unit;
      t.comparator = std::string(bound_op.empty() ? last_op_ : bound_op);
      return emit(std::move(t), last_op_, q);
    }
    if (!verb.verb) return false;
    const bool object = verb.verb->kind == VerbKind::kObject;
    // Chinese numerals are common in names and idioms (打造“三个目的地”, 三个集结中心之一,
    // 第二、三、四项): they count only after a predicate verb (不超过两次).
    if (q.chinese && (object || verb.verb->tight)) return false;
    // A period after an object verb is a deadline, not a target (开展后5个工作日内报送).
    if (object && is_period_unit(q.unit)) return false;
    // Money in a clause that grants it is a subsidy, not a target (给予15万元奖励).
    if (ends_with(q.unit, "元") && clause_grants_money()) return false;

    std::string after = noun_after(q, end);
    std::string metric;
    if (!after.empty() && !object) {
      metric = std::move(after);  // 支持改造提升1万家村卫生室, 不少于10个服务事项
    } else if (!object) {
      std::size_t from = seg_start_, to = verb.begin;
      if (last_q_ && last_q_->you != kNpos &&
          trim(s_.substr(last_q_->end, verb.begin - last_q_->end)).empty()) {
        from = last_q_->seg_start;  // 比重由12.46%提高到20.24%: the metric is before 由
        to = last_q_->you;
      }
      from = cp_align(s_, std::max(from, to > kMetricBytes ? to - kMetricBytes : 0), to);
      metric = clean_metric_before(s_.substr(from, to - from));
      if (metric.empty()) {
        std::string_view between = s_.substr(verb.end, q.begin - verb.end);
        if (!ends_with(trim(between), "的")) metric = clean_metric_between(between);
      }
    } else {
      std::size_t from = cp_align(
          s_, std::max(verb.end, q.begin > kMetricBytes ? q.begin - kMetricBytes : 0), q.begin);
      metric = clean_metric_between(s_.substr(from, q.begin - from));
      // 认定5家标准化调解组织; 完成新增农房登记…等5类上线业务: the noun after the quantity.
      if ((metric.empty() || ends_with(metric, "等")) && !after.empty()) metric = std::move(after);
      if (metric.empty()) {
        from = cp_align(
            s_, std::max(seg_start_, verb.begin > kMetricBytes ? verb.begin - kMetricBytes : 0),
            verb.begin);
        metric = clean_metric_before(s_.substr(from, verb.begin - from));
      }
    }
    if (!metric.empty()) t.metric = std::move(metric);
    std::string_view op = verb.verb->op;
    if (object) {
      // 每年至少开展2次: an adverb before an object verb bounds its count.
      for (std::string_view w : {"至少", "最少", "不少于"}) {
        if (ends_at(s_, cb_, verb.begin, w)) op = ">=";
      }
      for (std::string_view w : {"最多", "不超过", "至多"}) {
        if (ends_at(s_, cb_, verb.begin, w)) op = "<=";
      }
    }
    t.comparator = std::string(bound_op.empty() ? op : bound_op);
    t.value = q.value;
    t.unit = q.unit;
    t.baseline_year = baseline_;
    t.year = year_;
    return emit(std::move(t), op, q);
  }

  bool clause_grants_money() {
    if (grants_ < 0) {
      std::string_view clause = s_.substr(cb_, ce_ - cb_);
      grants_ = 0;
      for (std::string_view w : {"给予", "奖励", "补助", "补贴", "奖补", "资助", "贴息"}) {
        if (clause.find(w) != kNpos) grants_ = 1;
      }
    }
    return grants_ == 1;
  }

  // The noun a count or measure is attached to: 建成3个以上|智慧社区（村居）. Empty when the
  // quantity ends the predicate or is a percentage.
  std::string noun_after(const Quantity& q, std::size_t end) {
    if (q.unit == "%" || q.unit == "个百分点" || ends_with(q.unit, "元")) return {};
    char32_t c = cp_at(s_, end);
    if (!is_han(c)) return {};
    static constexpr std::u32string_view kNotNoun =
        U"内后前以左的了和及或与至到为是等并且而即就也都每次之时起止均";
    if (kNotNoun.find(c) != std::u32string_view::npos) return {};
    std::size_t k = end;
    std::size_t count = 0;
    while (k < ce_ && count < 40) {
      std::size_t save = k;
      char32_t d = next_cp(s_, k);
      if (d == U'、' || is_clause_break(d)) {
        k = save;
        break;
      }
      ++count;
    }
    return clean_metric_between(s_.substr(end, k - end));
  }

  bool emit(Target t, std::string_view verb_op, const Quantity& q) {
    if (doc_year_ && t.year && *t.year < *doc_year_) return false;  // a past figure
    std::size_t b = clause_begin_, e = clause_end_;
    if (e - b > kMaxClauseBytes) {
      // Not a clause but a run of text without punctuation: the text before the quantity.
      b = cp_align(s_, std::max(b, q.begin > kWindowBytes ? q.begin - kWindowBytes : 0), q.begin);
      e = q.end;
    }
    t.text = std::string(text_.substr(b, e - b));
    last_op_ = verb_op;
    last_target_ = out_.size();
    out_.push_back(TargetMatch{std::move(t), b, e});
    return true;
  }

  std::string_view text_;
  std::optional<int> doc_year_;
  std::vector<TargetMatch>& out_;
  std::string_view s_;  // text_ up to the clause's end
  std::size_t cb_ = 0, ce_ = 0;
  std::size_t clause_begin_ = 0, clause_end_ = 0;  // trimmed
  bool skip_ = false;
  std::optional<int> year_;
  std::optional<int> baseline_;
  std::size_t seg_start_ = 0;
  VerbSeen last_p_, first_o_;  // read up to verbs_from_
  std::size_t verbs_from_ = 0;
  std::optional<QuantitySeen> last_q_;
  std::size_t last_target_ = kNpos;
  std::string_view last_op_;
  int grants_ = -1;  // does the clause grant money (给予 / 奖励 …)? -1: not yet known
};

// What a character is to the clause splitter, one table lookup per character: it may end a
// clause (is_clause_end decides), or it makes the clause worth reading word by word (a numeral,
// Arabic or Chinese: 两次, 百分之十, or 年: 2025年, 今年, 年内).
enum : unsigned char { kMayEnd = 1, kWorth = 2 };
const std::array<unsigned char, 0x10000>& clause_classes() {
  static const auto table = [] {
    std::array<unsigned char, 0x10000> t{};
    for (char32_t c : std::u32string_view(U"，。；：！？,;:!?\n\r\t")) t[c] |= kMayEnd;
    for (char32_t c = 0; c < 0x10000; ++c)
      if (kNumeralChars.has(c) || c == U'年') t[c] |= kWorth;
    return t;
  }();
  return table;
}

}  // namespace

std::vector<TargetMatch> find_target_matches(std::string_view text, std::optional<int> doc_year) {
  std::vector<TargetMatch> out;
  ClauseScanner scanner(text, doc_year, out);
  const std::array<unsigned char, 0x10000>& classes = clause_classes();
  static const PairTable low_bits_with_class =
      pair_table([&](char32_t c) { return classes[c] != 0; });
  std::size_t cb = 0;
  scanner.sentence_start();
  while (cb < text.size()) {
    std::size_t ce = cb, next = text.size();
    bool sentence_end = false;
    unsigned char seen = 0;
    while (ce < text.size()) {
      // Most characters are three-byte ones of no class: skipped without decoding, by the
      // low twelve bits of their code point (the class of any character with those bits).
      ce = skip_unmarked_cp3(text, ce, text.size(), low_bits_with_class);
      if (ce >= text.size()) break;
      std::size_t k = ce;
      char32_t c = next_cp(text, k);
      unsigned char cls = c < 0x10000 ? classes[c] : 0;
      if ((cls & kMayEnd) && is_clause_end(text, ce, c)) {
        next = k;
        sentence_end = is_sentence_break(c);
        break;
      }
      seen |= cls;
      ce = k;
    }
    const bool worth_reading = (seen & kWorth) != 0;
    // A clause without a numeral or a 年 holds no quantity and no year.
    if (worth_reading) scanner.scan(cb, ce);
    if (sentence_end) scanner.sentence_start();
    cb = next;
  }
  return out;
}

std::vector<Target> find_targets(std::string_view text, std::optional<int> doc_year) {
  std::vector<Target> out;
  for (TargetMatch& m : find_target_matches(text, doc_year)) out.push_back(std::move(m.target));
  return out;
}

}  // namespace duban::detail
