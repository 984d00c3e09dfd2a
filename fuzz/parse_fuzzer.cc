// libFuzzer target for the whole core pipeline: normalize, reflow, segment, outline.
// The first byte picks whole-input or chunked parsing (final_chunk = false), so the
// resume bookkeeping is fuzzed too. Any bytes are accepted: invalid UTF-8 decodes as
// U+FFFD inside the core.
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
  }
  return 0;
}
