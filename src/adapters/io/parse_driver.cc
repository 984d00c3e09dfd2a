// The streaming parse driver; see parse_driver.h.
#include "adapters/io/parse_driver.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace duban::io {
namespace {

std::string mib(std::size_t bytes) {
  return std::to_string((bytes + (std::size_t{1} << 20) - 1) >> 20) + " MiB";
}

}  // namespace

void parse_text(TextReader& reader, const Rules& rules, const DocumentSink& on_document,
                std::vector<Warning>& warnings, const ParseFileOptions& options) {
  const std::size_t base = std::max<std::size_t>(options.chunk_bytes, 1);
  const std::size_t cap = std::max(options.max_chunk_bytes, base);
  const ParseFunction run = options.parse ? options.parse : ParseFunction(&duban::parse);
  std::size_t documents = 0;
  std::vector<ContentsEntry> contents;  // checked once every document has been seen
  std::vector<std::string> numbers;
  auto take = [&](ParseResult& r) {
    for (Document& d : r.documents) {
      ++documents;
      if (d.doc_number) numbers.push_back(d.doc_number->text);
      on_document(std::move(d));
    }
    warnings.insert(warnings.end(), std::make_move_iterator(r.warnings.begin()),
                    std::make_move_iterator(r.warnings.end()));
    contents.insert(contents.end(), r.contents.begin(), r.contents.end());
  };

  std::string pending;  // text not parsed yet; starts at source line `line`
  int line = 1;
  std::size_t limit = base;
  bool eof = false;
  while (true) {
    while (!eof && pending.size() < limit) eof = !reader.read(pending);
    const std::string_view text(pending);
    if (eof) {
      ParseResult r = run(text, rules, ParseOptions{line, true});
      take(r);
      break;
    }
    // Parse up to the last line end; the rest waits for more text.
    const std::size_t newline = text.rfind('\n');
    const std::size_t cut = newline == std::string_view::npos ? 0 : newline + 1;
    if (cut > 0) {
      ParseResult r = run(text.substr(0, cut), rules, ParseOptions{line, false});
      if (r.resume_offset > 0) {
        take(r);
        pending.erase(0, std::min(r.resume_offset, cut));
        line = r.resume_line;
        limit = base;
        continue;
      }
    }
    // No progress: one document (or one line) is longer than the chunk.
    if (limit < cap) {
      limit = std::min(cap, std::max(limit * 2, pending.size() + 1));
      continue;
    }
    // At the cap: parse what we have as if it were the end, and go on after it.
    const std::size_t part = cut > 0 ? cut : pending.size();
    warnings.push_back(Warning{
        line, "text longer than " + mib(cap) + " without a document boundary; parsed in pieces",
        WarningKind::kParsedInPieces, mib(cap)});
    ParseResult r = run(text.substr(0, part), rules, ParseOptions{line, true});
    take(r);
    line += static_cast<int>(
        std::count(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(part), '\n'));
    pending.erase(0, part);
    limit = base;
  }
  for (Warning& w : check_contents(contents, numbers)) warnings.push_back(std::move(w));
  std::stable_sort(warnings.begin(), warnings.end(),
                   [](const Warning& a, const Warning& b) { return a.line < b.line; });
  if (documents == 0) {
    warnings.push_back(Warning{0, "no documents found", WarningKind::kNoDocuments, ""});
  }
}

void parse_file(const std::string& path, const Rules& rules, Source& out_source,
                const DocumentSink& on_document, std::vector<Warning>& warnings,
                const ParseFileOptions& options) {
  TextReader reader(path, options.chunk_bytes);
  out_source = reader.source();
  parse_text(reader, rules, on_document, warnings, options);
}

}  // namespace duban::io
