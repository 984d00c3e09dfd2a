#include "search/analyzer.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <unordered_set>
#include <utility>

#include "core/doc_number.h"
#include "core/html.h"
#include "core/normalize.h"
#include "core/utf8.h"
#include "duban/rules.h"

namespace duban::search {
namespace {

using detail::append_cp;
using detail::fold_width;
using detail::is_han;
using detail::is_space;
using detail::next_cp;

// A search box is not a document: longer queries are cut (bounds the work per query).
constexpr std::size_t kMaxQueryChars = 256;

// The pinyin table covers the BMP Han blocks of detail::is_han; readings are looked up in a
// flat array indexed from kTableBase.
constexpr char32_t kTableBase = 0x3000;
constexpr char32_t kTableEnd = 0xFB00;

bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
char lower(char32_t c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); }
bool is_blank(char32_t c) { return is_space(c) || c == '\n'; }

struct HanChar {
  std::string_view bytes;  // the character as it stands in the text (valid UTF-8)
  char32_t cp = 0;
};

enum class Mode {
  kIndex,  // spaces and line breaks between Han characters are layout: the run goes on
  kQuery,  // a space typed in a query separates words
};

// Cuts text into runs: Han runs, lower-cased ASCII letter words and digit runs (after
// full-width folding). Everything else separates runs.
template <class OnHan, class OnWord>
void scan(std::string_view text, Mode mode, OnHan&& on_han, OnWord&& on_word) {
  std::vector<HanChar> han;
  std::string word;
  bool word_digits = false;
  auto flush_han = [&] {
    if (!han.empty()) on_han(han);
    han.clear();
  };
  auto flush_word = [&] {
    if (!word.empty()) on_word(word);
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    char32_t raw = next_cp(text, i);
    char32_t c = fold_width(raw);
    bool letter = is_letter(c), digit = is_digit(c);
    if (letter || digit) {
      flush_han();
      if (!word.empty() && word_digits != digit) flush_word();
      word_digits = digit;
      word.push_back(lower(c));
      continue;
    }
    flush_word();
    if (is_han(c)) {
      han.push_back({text.substr(at, i - at), c});
      continue;
    }
    if (mode == Mode::kIndex && is_blank(c)) continue;
    flush_han();
  }
  flush_han();
  flush_word();
}

template <class T>
void dedupe(std::vector<T>& v) {
  std::vector<T> out;
  std::unordered_set<T> seen;
  for (T& x : v)
    if (seen.insert(x).second) out.push_back(std::move(x));
  v = std::move(out);
}

// The query's first kMaxQueryChars code points.
std::string_view cap(std::string_view q) {
  std::size_t i = 0;
  for (std::size_t n = 0; i < q.size() && n < kMaxQueryChars; ++n) next_cp(q, i);
  return q.substr(0, i);
}

}  // namespace

struct Analyzer::Impl {
  // Built on first use (std::call_once): ICU's Han-Latin over ~28,000 characters takes
  // about half a second, which index_terms never needs.
  struct Pinyin {
    std::vector<std::uint16_t> reading;     // by code point - kTableBase; 0: none
    std::vector<std::string> syllables;     // [0] unused
    std::unordered_set<std::string> typed;  // syllables a query may be cut into
    std::size_t max_len = 0;
  };
  mutable std::once_flag once;
  mutable Pinyin pinyin;

  const Pinyin& table() const {
    std::call_once(once, [this] { build(pinyin); });
    return pinyin;
  }

  static void build(Pinyin& p);

  //! Syllable id of c, 0 when it has none.
  std::uint16_t reading(const Pinyin& p, char32_t c) const {
    if (c < kTableBase || c >= kTableEnd || p.reading.empty()) return 0;
    return p.reading[c - kTableBase];
  }

  //! Cuts a run of ASCII letters into pinyin syllables: longest match first, backing off
  //! when the rest cannot be cut. Empty when it cannot be cut at all.
  std::vector<std::string> segment(std::string_view s) const;
};

void Analyzer::Impl::build(Pinyin& p) {
  std::vector<char32_t> cps;
  for (char32_t c = kTableBase; c < kTableEnd; ++c)
    if (is_han(c)) cps.push_back(c);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> tr(
      icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !tr) return;  // no ICU data: no pinyin, everything else works
  // One call over all characters, one per line: far faster than one call per character.
  icu::UnicodeString all;
  for (char32_t c : cps) {
    all.append(static_cast<UChar32>(c));
    all.append(static_cast<UChar>('\n'));
  }
  tr->transliterate(all);
  std::string out;
  all.toUTF8String(out);
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < out.size();) {
    std::size_t nl = out.find('\n', pos);
    if (nl == std::string::npos) nl = out.size();
    lines.push_back(std::string_view(out).substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (lines.size() != cps.size()) return;  // misaligned: better no pinyin than wrong pinyin
  p.reading.assign(kTableEnd - kTableBase, 0);
  p.syllables.emplace_back();
  std::map<std::string, std::uint16_t, std::less<>> ids;
  for (std::size_t k = 0; k < cps.size(); ++k) {
    std::string_view r = lines[k];
    // Characters without a reading come back unchanged (still Han).
    if (r.empty() ||
        !std::all_of(r.begin(), r.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; }))
      continue;
    auto it = ids.find(r);
    if (it == ids.end()) {
      it = ids.emplace(std::string(r), static_cast<std::uint16_t>(p.syllables.size())).first;
      p.syllables.emplace_back(r);
    }
    p.reading[cps[k] - kTableBase] = it->second;
  }
  // Readings without a vowel are interjections (嗯 n, 呣 m, 噷 hm); letting a query be cut
  // into them would turn almost any Latin word into "pinyin".
  for (std::size_t k = 1; k < p.syllables.size(); ++k) {
    const std::string& s = p.syllables[k];
    if (s.find_first_of("aeiou") == std::string::npos) continue;
    p.typed.insert(s);
    p.max_len = std::max(p.max_len, s.size());
  }
}

std::vector<std::string> Analyzer::Impl::segment(std::string_view s) const {
  const Pinyin& p = table();
  std::size_t n = s.size();
  std::vector<char> ok(n + 1, 0);  // ok[i]: s[i..] can be cut into syllables
  ok[n] = 1;
  auto is_syllable = [&](std::size_t i, std::size_t len) {
    return p.typed.count(std::string(s.substr(i, len))) > 0;
  };
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t len = 1; len <= p.max_len && i + len <= n && !ok[i]; ++len)
      ok[i] = ok[i + len] && is_syllable(i, len);
  std::vector<std::string> out;
  if (!ok[0]) return out;
  for (std::size_t i = 0; i < n;) {
    for (std::size_t len = std::min(p.max_len, n - i); len >= 1; --len)
      if (ok[i + len] && is_syllable(i, len)) {
        out.emplace_back(s.substr(i, len));
        i += len;
        break;
      }
  }
  return out;
}

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;

std::string Analyzer::index_terms(std::string_view text) const {
  std::string out;
  out.reserve(text.size() * 2);
  auto term = [&out](std::string_view a, std::string_view b = {}) {
    out += a;
    out += b;
    out.push_back(' ');
  };
  scan(
      text, Mode::kIndex,
      [&](const std::vector<HanChar>& run) {
        // Bigrams first, in order, then the characters: a phrase of bigrams stays contiguous.
        for (std::size_t k = 0; k + 1 < run.size(); ++k) term(run[k].bytes, run[k + 1].bytes);
        for (const HanChar& h : run) term(h.bytes);
      },
      [&](const std::string& word) { term(word); });
  if (!out.empty()) out.pop_back();
  return out;
}

namespace {

// Pinyin bigrams of consecutive syllables, then the syllables themselves when asked for (the
// index has both; a query of two or more syllables needs only the bigrams).
template <class Emit>
void pinyin_grams(const std::vector<std::string_view>& syl, bool with_singles, Emit&& emit) {
  for (std::size_t k = 0; k + 1 < syl.size(); ++k) emit(syl[k], syl[k + 1]);
  if (with_singles || syl.size() == 1)
    for (std::string_view s : syl) emit(s, std::string_view());
}

// Appends to a list of query terms.
auto to_list(std::vector<std::string>& out) {
  return [&out](std::string_view a, std::string_view b) {
    std::string t(a);
    t += b;
    out.push_back(std::move(t));
  };
}

}  // namespace

std::string Analyzer::pinyin_terms(std::string_view text) const {
  const Impl::Pinyin& p = impl_->table();
  std::string out;
  auto emit = [&out](std::string_view a, std::string_view b) {
    if (!out.empty()) out.push_back(' ');
    out += a;
    out += b;
  };
  std::vector<std::string_view> syl;
  scan(
      text, Mode::kIndex,
      [&](const std::vector<HanChar>& run) {
        // A character without a reading breaks the pinyin run.
        syl.clear();
        for (const HanChar& h : run) {
          std::uint16_t id = impl_->reading(p, h.cp);
          if (id == 0) {
            pinyin_grams(syl, true, emit);
            syl.clear();
          } else {
            syl.push_back(p.syllables[id]);
          }
        }
        pinyin_grams(syl, true, emit);
      },
      [](const std::string&) {});
  return out;
}

AnalyzedQuery Analyzer::analyze_query(std::string_view query) const {
  AnalyzedQuery q;
  std::string_view text = cap(query);

  // A 文号 typed in any bracket style, full-width digits, spaces anywhere.
  std::string norm = detail::normalize_text(text, Rules::builtin());
  std::erase(norm, ' ');
  if (auto dn = detail::parse_doc_number(norm)) {
    q.doc_number = dn->text;
    q.highlight.push_back(dn->text);
    q.highlight.push_back(norm);
  }

  const Impl::Pinyin& p = impl_->table();
  bool latin_only = true;  // only ASCII letters, spaces and syllable apostrophes (xi'an)
  std::vector<std::string> words;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = fold_width(next_cp(text, i));
    if (!is_letter(c) && !is_blank(c) && c != '\'' && c != 0x2019) latin_only = false;
  }
  scan(
      text, Mode::kQuery,
      [&](const std::vector<HanChar>& run) {
        if (run.size() == 1) q.terms.emplace_back(run[0].bytes);
        for (std::size_t k = 0; k + 1 < run.size(); ++k)
          q.terms.push_back(std::string(run[k].bytes) + std::string(run[k + 1].bytes));
        std::string joined;
        for (const HanChar& h : run) joined += h.bytes;
        if (!q.doc_number) q.highlight.push_back(joined);
        std::vector<std::string_view> syl;
        for (const HanChar& h : run) {
          std::uint16_t id = impl_->reading(p, h.cp);
          if (id == 0) {
            pinyin_grams(syl, false, to_list(q.pinyin_terms));
            syl.clear();
          } else {
            syl.push_back(p.syllables[id]);
          }
        }
        pinyin_grams(syl, false, to_list(q.pinyin_terms));
      },
      [&](const std::string& word) {
        q.terms.push_back(word);
        if (!q.doc_number) q.highlight.push_back(word);
        words.push_back(word);
      });

  // Pinyin typed in Latin letters, with or without spaces: "yingshanghuanjing",
  // "ying shang huan jing", "xi'an". Every word must cut into syllables.
  if (latin_only && !words.empty()) {
    std::vector<std::string> all;
    for (const std::string& w : words) {
      std::vector<std::string> s = impl_->segment(w);
      if (s.empty()) {
        all.clear();
        break;
      }
      all.insert(all.end(), s.begin(), s.end());
    }
    std::vector<std::string_view> syl(all.begin(), all.end());
    pinyin_grams(syl, false, to_list(q.pinyin_terms));
  }
  dedupe(q.terms);
  dedupe(q.pinyin_terms);
  dedupe(q.highlight);
  return q;
}

namespace {

void append_escaped(std::string& out, std::string_view s) { detail::append_html_escaped(out, s); }

}  // namespace

std::string snippet(std::string_view text, const std::vector<std::string>& highlight,
                    int max_chars) {
  if (max_chars <= 0) return {};
  // The text with whitespace runs collapsed to one space and invalid bytes as U+FFFD, and
  // where each of its code points starts.
  std::string flat;
  flat.reserve(std::min<std::size_t>(text.size(), 1 << 20));
  std::vector<std::size_t> starts;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next_cp(text, i);
    if (is_blank(c) || c < 0x20 || c == 0x7F) {
      space = !flat.empty();
      continue;
    }
    if (space) {
      starts.push_back(flat.size());
      flat.push_back(' ');
      space = false;
    }
    starts.push_back(flat.size());
    append_cp(flat, c);
  }
  const std::size_t n = starts.size();
  starts.push_back(flat.size());

  // Matches, as code point intervals, ASCII case folded; overlapping ones merged.
  std::string folded = flat;
  for (char& ch : folded) ch = lower(static_cast<unsigned char>(ch));
  std::vector<std::pair<std::size_t, std::size_t>> m;
  for (const std::string& h : highlight) {
    std::string needle;
    for (char ch : h) needle.push_back(lower(static_cast<unsigned char>(ch)));
    if (needle.empty() || needle.size() > folded.size()) continue;
    for (std::size_t pos = folded.find(needle); pos != std::string::npos;
         pos = folded.find(needle, pos + needle.size())) {
      auto b = std::lower_bound(starts.begin(), starts.end(), pos);
      auto e = std::lower_bound(b, starts.end(), pos + needle.size());
      if (*b != pos || *e != pos + needle.size()) continue;  // not on character boundaries
      m.emplace_back(b - starts.begin(), e - starts.begin());
    }
  }
  std::sort(m.begin(), m.end());
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (const auto& iv : m) {
    if (!merged.empty() && iv.first < merged.back().second)
      merged.back().second = std::max(merged.back().second, iv.second);
    else
      merged.push_back(iv);
  }

  // The window of max_chars characters holding the most matches.
  const std::size_t w = static_cast<std::size_t>(max_chars);
  std::size_t lo = 0;
  if (n > w && !merged.empty()) {
    std::size_t best = 0, best_count = 0;
    for (std::size_t i = 0, j = 0; i < merged.size(); ++i) {
      j = std::max(j, i);
      while (j < merged.size() && merged[j].second <= merged[i].first + w) ++j;
      if (j - i > best_count) {
        best_count = j - i;
        best = i;
      }
    }
    std::size_t first = merged[best].first;
    std::size_t span = best_count ? merged[best + best_count - 1].second - first : 0;
    std::size_t lead = span < w ? (w - span) / 3 : 0;  // some context before the first match
    lo = first > lead ? first - lead : 0;
    lo = std::min(lo, n - w);
  }
  std::size_t hi = std::min(n, lo + w);
  while (lo < hi && flat[starts[lo]] == ' ') ++lo;
  while (hi > lo && flat[starts[hi - 1]] == ' ') --hi;

  std::string out;
  if (lo > 0) out += "…";
  auto it = std::lower_bound(merged.begin(), merged.end(), std::make_pair(lo, std::size_t{0}));
  std::size_t pos = lo;
  for (; it != merged.end() && it->second <= hi; ++it) {
    append_escaped(out,
                   std::string_view(flat).substr(starts[pos], starts[it->first] - starts[pos]));
    out += "<mark>";
    append_escaped(out, std::string_view(flat).substr(starts[it->first],
                                                      starts[it->second] - starts[it->first]));
    out += "</mark>";
    pos = it->second;
  }
  append_escaped(out, std::string_view(flat).substr(starts[pos], starts[hi] - starts[pos]));
  if (hi < n) out += "…";
  return out;
}

}  // namespace duban::search
