// adapters/io/parse_driver.h: parse a file of any size, one document at a time.
//
// The driver reads text with a TextReader and feeds it to duban::parse() in chunks (see
// include/duban/parse.h): every chunk but the last is cut after its last line end and parsed
// with final_chunk = false; the unconsumed tail (from ParseResult::resume_offset) is put in
// front of the next chunk, whose first_line is ParseResult::resume_line. If a chunk makes no
// progress because one document is larger than the chunk, the chunk grows (doubling) up to
// max_chunk_bytes; at that cap it is parsed as if it were final and a warning says so.
// Documents are handed to a callback as they are found, so memory stays bounded.
#ifndef DUBAN_ADAPTERS_IO_PARSE_DRIVER_H_
#define DUBAN_ADAPTERS_IO_PARSE_DRIVER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/io/text_reader.h"
#include "duban/document.h"
#include "duban/parse.h"
#include "duban/rules.h"

namespace duban::io {

inline constexpr std::size_t kDefaultMaxChunkBytes = std::size_t{64} << 20;  // 64 MiB

using ParseFunction =
    std::function<ParseResult(std::string_view, const Rules&, const ParseOptions&)>;

struct ParseFileOptions {
  std::size_t chunk_bytes = kDefaultChunkBytes;         // bytes read and parsed per step
  std::size_t max_chunk_bytes = kDefaultMaxChunkBytes;  // hard cap for one oversized document
  ParseFunction parse;                                  // empty: duban::parse (tests swap it)
};

using DocumentSink = std::function<void(Document&&)>;

//! Parses the text of `reader` (which must not have been read from yet). Documents go to
//! `on_document` in source order; warnings are appended to `warnings` in source order, and a
//! "no documents found" warning is added when there were none. Throws InputError.
void parse_text(TextReader& reader, const Rules& rules, const DocumentSink& on_document,
                std::vector<Warning>& warnings, const ParseFileOptions& options = {});

//! Opens `path` ("-" = standard input), sets `out_source` (name and encoding) before the
//! first document is handed out, then works as parse_text(). Throws InputError; since the
//! whole file is validated first, input errors come before any document.
void parse_file(const std::string& path, const Rules& rules, Source& out_source,
                const DocumentSink& on_document, std::vector<Warning>& warnings,
                const ParseFileOptions& options = {});

}  // namespace duban::io

#endif  // DUBAN_ADAPTERS_IO_PARSE_DRIVER_H_
