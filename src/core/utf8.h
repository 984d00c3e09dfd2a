// Internal: UTF-8 scanning and the character classes the layout rules need.
#ifndef DUBAN_CORE_UTF8_H_
#define DUBAN_CORE_UTF8_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace duban::detail {

char32_t next_cp_slow(std::string_view s, std::size_t& i);
//! Decodes the code point at s[i] and advances i. Invalid bytes decode as U+FFFD, one byte.
inline char32_t next_cp(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  // Three-byte sequences (all of CJK) inline; the rest, and anything malformed, out of line.
  if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
    char32_t cp = (char32_t{c & 0x0Fu} << 12) | (char32_t{c1 & 0x3Fu} << 6) | (c2 & 0x3Fu);
    if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && cp >= 0x800) {
      i += 3;
      return cp;
    }
  }
  return next_cp_slow(s, i);
}
//! Decodes the code point that ends just before s[i] and moves i back to its start.
char32_t prev_cp(std::string_view s, std::size_t& i);
void append_cp(std::string& out, char32_t cp);

//! Han ideographs and 〇.
bool is_han(char32_t c);
//! CJK punctuation and full-width forms (，。、；：（）《》“”…), which take a full cell.
bool is_cjk_punct(char32_t c);
//! Any space a layout engine may insert: ASCII, NBSP, ideographic space, thin spaces.
bool is_space(char32_t c);
//! Display width in half-width cells: 2 for Han, CJK punctuation and full-width forms.
int cp_width(char32_t c);
int display_width(std::string_view s);
//! Number of code points.
std::size_t cp_count(std::string_view s);

//! Sentence-final punctuation that ends a paragraph: 。！？；： and their ASCII forms.
bool is_terminal_punct(char32_t c);

//! Trims layout spaces (is_space) at both ends.
std::string_view trim(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
//! n bytes alike? For the short words of the scanners (a few characters), loads compared
//! whole, without a branch on each byte (which text makes unpredictable) and without a call
//! to memcmp: two overlapping loads cover any length from 4 to 16.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  auto load4 = [](const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  };
  auto load8 = [](const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  };
  if (n >= 8 && n <= 16)
    return ((load8(a) ^ load8(b)) | (load8(a + n - 8) ^ load8(b + n - 8))) == 0;
  if (n >= 4 && n < 8) return ((load4(a) ^ load4(b)) | (load4(a + n - 4) ^ load4(b + n - 4))) == 0;
  if (n < 4) {
    unsigned diff = 0;
    for (std::size_t k = 0; k < n; ++k) diff |= static_cast<unsigned char>(a[k] ^ b[k]);
    return diff == 0;
  }
  return std::memcmp(a, b, n) == 0;
}
//! Does `w` stand at byte offset i of s?
inline bool at(std::string_view s, std::size_t i, std::string_view w) {
  return i <= s.size() && s.size() - i >= w.size() && same_bytes(s.data() + i, w.data(), w.size());
}
//! Does s[lo, i) end with w?
inline bool ends_at(std::string_view s, std::size_t lo, std::size_t i, std::string_view w) {
  return i >= lo && i - lo >= w.size() && i <= s.size() &&
         same_bytes(s.data() + i - w.size(), w.data(), w.size());
}
//! starts_with and ends_with comparing in place (same_bytes), for the ledger's hot loops.
inline bool at_start(std::string_view s, std::string_view w) { return at(s, 0, w); }
inline bool at_end(std::string_view s, std::string_view w) { return ends_at(s, 0, s.size(), w); }
//! The code point at byte offset i, or before it; 0 past either end.
inline char32_t cp_at(std::string_view s, std::size_t i) {
  return i >= s.size() ? 0 : next_cp(s, i);
}
inline char32_t cp_before(std::string_view s, std::size_t i) {
  return i == 0 || i > s.size() ? 0 : prev_cp(s, i);
}

//! A set of characters of the Basic Multilingual Plane, one bit each: a membership test
//! costs one load, for scanners that look at every character of a text.
class CharSet {
 public:
  constexpr CharSet() = default;
  constexpr explicit CharSet(std::u32string_view chars) { add(chars); }
  constexpr void add(std::u32string_view chars) {
    for (char32_t c : chars) add(c);
  }
  constexpr void add(char32_t c) {
    if (c < 0x10000) bits_[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
  constexpr bool has(char32_t c) const {
    return c < 0x10000 && ((bits_[c >> 6] >> (c & 63)) & 1) != 0;
  }

 private:
  std::array<std::uint64_t, 1024> bits_{};
};

//! A filter over the low twelve bits of code points (c & 0xFFF): an entry is marked when some
//! character with those bits matters to a scanner. One byte per entry: a load, without the
//! shifts of a bitset, in the hottest loops.
using LowBitsTable = std::array<unsigned char, 4096>;

//! The table that marks the low bits of every three-byte character (U+0800–U+FFFF) for which
//! `matters(c)` holds.
template <class Predicate>
LowBitsTable low_bits_table(Predicate matters) {
  LowBitsTable t{};
  for (char32_t c = 0x800; c < 0x10000; ++c)
    if (matters(c)) t[c & 0xFFF] = 1;
  return t;
}

//! The same filter indexed by the last two bytes of a three-byte character as they stand
//! (b1 | b2 << 8, one two-byte load on a little-endian machine), with the check that both are
//! continuation bytes folded in (a pair that is not is marked): the skip loop then masks
//! nothing. 64 KiB, of which text touches the 64 cache lines of well-formed pairs.
using PairTable = std::array<unsigned char, 65536>;

template <class Predicate>
PairTable pair_table(Predicate matters) {
  const LowBitsTable low = low_bits_table(matters);
  PairTable t;
  for (unsigned b1 = 0; b1 < 256; ++b1)
    for (unsigned b2 = 0; b2 < 256; ++b2)
      t[b1 | b2 << 8] =
          (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 ? 1 : low[(b1 & 0x3F) << 6 | (b2 & 0x3F)];
  return t;
}

//! Skips, from byte i of s, the three-byte characters (lead byte E1-EF: CJK) that `marked`
//! does not mark: most of a Chinese text, without decoding it. Stops at anything else or where
//! a whole character no longer fits before `end`; returns where it stopped.
inline std::size_t skip_unmarked_cp3(std::string_view s, std::size_t i, std::size_t end,
                                     const PairTable& marked) {
  if (i + 2 >= end) return i;
  // A pointer of its own, so that the loop carries nothing else.
  const auto* const bytes = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* p = bytes + i;
  const unsigned char* const last = bytes + end - 3;  // the last start a whole character fits at
  while (p <= last && p[0] - 0xE1u <= 0xEu && !marked[p[1] | p[2] << 8]) p += 3;
  return static_cast<std::size_t>(p - bytes);
}

//! The code point of the three-byte UTF-8 sequence (a CJK character) that starts w, for
//! tables built at compile time.
constexpr char32_t first_cp3(std::string_view w) {
  return (char32_t{static_cast<unsigned char>(w[0]) & 0x0Fu} << 12) |
         (char32_t{static_cast<unsigned char>(w[1]) & 0x3Fu} << 6) |
         (static_cast<unsigned char>(w[2]) & 0x3Fu);
}

//! Does text hold the character c, given as its three UTF-8 bytes? memchr finds c's last
//! byte, which is rare, where string::find stops at every byte like the first (号 starts with
//! the lead byte of a third of all Chinese characters).
inline bool contains_cp3(std::string_view text, std::string_view c) {
  if (text.size() < 3) return false;
  const char* end = text.data() + text.size();
  for (const char* p = text.data() + 2; p < end; ++p) {
    p = static_cast<const char*>(std::memchr(p, c[2], static_cast<std::size_t>(end - p)));
    if (p == nullptr) return false;
    if (p[-2] == c[0] && p[-1] == c[1]) return true;
  }
  return false;
}

//! Does text hold the character a or the character b (three UTF-8 bytes each)? One pass for
//! both, in blocks of 64 positions tested without a branch per byte, which the compiler
//! vectorizes: faster than two memchr scans for bytes that CJK text is full of.
inline bool contains_either_cp3(std::string_view text, std::string_view a, std::string_view b) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char a0 = static_cast<unsigned char>(a[0]), a1 = static_cast<unsigned char>(a[1]),
                      a2 = static_cast<unsigned char>(a[2]);
  const unsigned char b0 = static_cast<unsigned char>(b[0]), b1 = static_cast<unsigned char>(b[1]),
                      b2 = static_cast<unsigned char>(b[2]);
  // Is a or b at s[p - 2 .. p]? Without && so that a block of these compiles to vector code.
  auto at = [&](std::size_t p) {
    return static_cast<unsigned char>((s[p - 2] == a0) & (s[p - 1] == a1) & (s[p] == a2)) |
           static_cast<unsigned char>((s[p - 2] == b0) & (s[p - 1] == b1) & (s[p] == b2));
  };
  constexpr std::size_t kBlock = 64;
  auto block_at = [&](std::size_t p) {
    unsigned char hit = 0;
    for (std::size_t k = 0; k < kBlock; ++k) hit |= at(p + k);
    return hit != 0;
  };
  std::size_t p = 2;
  for (; p + kBlock <= n; p += kBlock)
    if (block_at(p)) return true;
  // The rest of a text longer than a block: one more block, ending at the text's end (it
  // overlaps the last one), instead of a byte at a time.
  if (p < n && n >= 2 + kBlock) return block_at(n - kBlock);
  for (; p < n; ++p)
    if (at(p)) return true;
  return false;
}

//! Last code point of s, 0 if empty.
char32_t last_cp(std::string_view s);
char32_t first_cp(std::string_view s);

}  // namespace duban::detail

#endif  // DUBAN_CORE_UTF8_H_
