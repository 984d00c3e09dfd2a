// libFuzzer target for the whole core pipeline: normalize, reflow, segment, outline, and the
// task ledger (tasks, units, deadlines, targets, citations).
// The first byte picks whole-input or chunked parsing (final_chunk = false), so the
// resume bookkeeping is fuzzed too. Any bytes are accepted: invalid UTF-8 decodes as
// U+FFFD inside the core.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "duban/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool chunked = data[0] & 1;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  duban::ParseOptions options;
  options.final_chunk = !chunked;
  duban::ParseResult r = duban::parse(text, duban::Rules::builtin(), options);
  // Invariants every caller relies on.
  if (r.resume_offset > text.size()) __builtin_trap();
  for (const duban::Document& d : r.documents) {
    if (d.lines.start > d.lines.end) __builtin_trap();
    if (d.title && d.title->empty()) __builtin_trap();
    if (d.issuer && d.issuer->empty()) __builtin_trap();
    for (const duban::Task& t : d.tasks) {
      // A task names a unit; its lead units are among its units, printed names beside them.
      if (t.units.empty() || t.units.size() != t.units_as_printed.size()) __builtin_trap();
      for (const std::string& l : t.lead_units)
        if (std::find(t.units.begin(), t.units.end(), l) == t.units.end()) __builtin_trap();
      if (t.lines.start > t.lines.end) __builtin_trap();
      if (t.deadline && t.deadline->text.empty()) __builtin_trap();
    }
  }
  return 0;
}
