// duban/parse.h: turn UTF-8 text into structured documents.
//
// Usage:
//   duban::Rules rules = duban::Rules::builtin();
//   duban::ParseResult r = duban::parse(utf8_text, rules);
//   for (const duban::Document& d : r.documents) { ... d.doc_number->text ... }
//
// The parser is pure: text in, structures out. It reads no files (encoding detection and
// chunked reading of large inputs live in the io adapter, src/adapters/io). Input must be
// valid UTF-8; anything else is the caller's bug and is reported as an error value.
//
// Large inputs are parsed in chunks: pass `options.final_chunk = false` for every chunk but
// the last; the result then stops before the last, possibly incomplete, document and tells
// where to resume (`resume_offset`, a byte offset into the chunk at a line start). The caller
// prepends the unconsumed tail to the next chunk and sets `first_line` accordingly. Documents
// that start near the end of a chunk are held back too, so that a head or a cover letter cut
// by the chunk end is read whole in the next one: results do not depend on where chunks end.
#ifndef DUBAN_PARSE_H_
#define DUBAN_PARSE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "duban/document.h"
#include "duban/rules.h"

namespace duban {

struct ParseOptions {
  int first_line = 1;       // source line number of the first line of `text`
  bool final_chunk = true;  // false: keep the trailing, maybe incomplete, document back
  bool ledger = true;       // also extract tasks, targets and citations (Document::tasks …)
};

//! A document listed in a gazette's table of contents (目录).
struct ContentsEntry {
  int line = 0;
  std::string doc_number;  // normalized, as DocNumber::text
};

struct ParseResult {
  std::vector<Document> documents;
  std::vector<Warning> warnings;
  std::vector<ContentsEntry> contents;  // for check_contents() once all chunks are parsed
  // With final_chunk == false: byte offset in `text` where the unconsumed tail starts
  // (text.size() when everything was consumed). Always text.size() for a final chunk.
  std::size_t resume_offset = 0;
  int resume_line = 0;  // source line number at resume_offset
};

//! Cross-checks a table of contents against the documents found: one warning for each
//! listed 文号 that no document has.
std::vector<Warning> check_contents(const std::vector<ContentsEntry>& contents,
                                    const std::vector<std::string>& doc_numbers);

//! Parses `text` (valid UTF-8). Never throws on any input text; throws std::bad_alloc only.
ParseResult parse(std::string_view text, const Rules& rules, const ParseOptions& options = {});

}  // namespace duban

#endif  // DUBAN_PARSE_H_
