// adapters/export/json_export.h: documents as JSON, the contract of
// shared/spec/parse-output.md (`duban parse --json`).
//
// Field names are the spec's. Absent values are null (or [] for lists), never "". Extra
// fields: outline nodes carry "text" and "lines"; documents carry "tables" (list of
// {header, rows, lines}). "tasks", "targets" and "citations" are [] until the core finds them.
// Objects keep the spec's key order (nlohmann::ordered_json).
//
// For large inputs JsonWriter streams one file's object, a document at a time:
//   {"source":…,"encoding":…,"documents":[<doc>,<doc>…],"warnings":[…]}
// and writes exactly what dump(to_json(source, encoding, documents, warnings)) would.
#ifndef DUBAN_ADAPTERS_EXPORT_JSON_EXPORT_H_
#define DUBAN_ADAPTERS_EXPORT_JSON_EXPORT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "duban/document.h"

namespace duban::exporter {

using Json = nlohmann::ordered_json;

//! "2021-12-01", or null.
Json to_json(const std::optional<Date>& date);
//! {"start": …, "end": …}
Json to_json(const LineRange& lines);
//! {"label", "title", "text", "lines", "children"}
Json to_json(const OutlineNode& node);
//! {"header", "rows", "lines"}; empty cells are null.
Json to_json(const Table& table);
Json to_json(const Target& target);
Json to_json(const Task& task);
Json to_json(const Citation& citation);
//! One element of "documents".
Json to_json(const Document& document);
//! "line N: message", or just the message when the warning has no line.
std::string warning_text(const Warning& warning);
//! The whole object for one input file.
Json to_json(std::string_view source, std::string_view encoding,
             const std::vector<Document>& documents, const std::vector<Warning>& warnings);

//! Compact, on one line (so that several files make JSON Lines); invalid UTF-8 in strings
//! is replaced by U+FFFD instead of throwing.
std::string dump(const Json& json);

//! Writes one file's object to `os` piece by piece: begin(), add() per document, end().
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& os) : os_(os) {}
  //! Writes {"source":…,"encoding":…,"documents":[
  void begin(std::string_view source, std::string_view encoding);
  //! Writes one document (with a separating comma as needed).
  void add(const Document& document);
  //! Writes ],"warnings":[…]} (no newline).
  void end(const std::vector<Warning>& warnings);

 private:
  std::ostream& os_;
  bool first_ = true;
};

}  // namespace duban::exporter

#endif  // DUBAN_ADAPTERS_EXPORT_JSON_EXPORT_H_
