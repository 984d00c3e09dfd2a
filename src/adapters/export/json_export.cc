// JSON export; see json_export.h.
#include "adapters/export/json_export.h"

namespace duban::exporter {
namespace {

Json string_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json string_or_null(const std::optional<std::string>& s) {
  return s ? string_or_null(*s) : Json(nullptr);
}

Json number_or_null(int n) { return n == 0 ? Json(nullptr) : Json(n); }

// A list of strings without empty entries.
Json string_list(const std::vector<std::string>& items) {
  Json out = Json::array();
  for (const std::string& s : items) {
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

Json cell_list(const std::vector<std::string>& cells) {
  Json out = Json::array();
  for (const std::string& s : cells) out.push_back(string_or_null(s));
  return out;
}

}  // namespace

Json to_json(const std::optional<Date>& date) { return date ? Json(date->iso()) : Json(nullptr); }

Json to_json(const LineRange& lines) {
  Json j = Json::object();
  j["start"] = lines.start;
  j["end"] = lines.end;
  return j;
}

Json to_json(const OutlineNode& node) {
  Json j = Json::object();
  j["label"] = string_or_null(node.label);
  j["title"] = string_or_null(node.title);
  j["text"] = string_or_null(node.text);
  j["lines"] = to_json(node.lines);
  Json children = Json::array();
  for (const OutlineNode& child : node.children) children.push_back(to_json(child));
  j["children"] = std::move(children);
  return j;
}

Json to_json(const Table& table) {
  Json j = Json::object();
  j["header"] = cell_list(table.header);
  Json rows = Json::array();
  for (const std::vector<std::string>& row : table.rows) rows.push_back(cell_list(row));
  j["rows"] = std::move(rows);
  Json row_lines = Json::array();
  for (const LineRange& r : table.row_lines) row_lines.push_back(to_json(r));
  j["row_lines"] = std::move(row_lines);
  j["lines"] = to_json(table.lines);
  return j;
}

Json to_json(const Target& t) {
  Json j = Json::object();
  j["text"] = string_or_null(t.text);
  j["metric"] = string_or_null(t.metric);
  j["comparator"] = string_or_null(t.comparator);
  j["value"] = t.value ? Json(*t.value) : Json(nullptr);
  j["unit"] = string_or_null(t.unit);
  j["baseline_year"] = t.baseline_year ? Json(*t.baseline_year) : Json(nullptr);
  j["year"] = t.year ? Json(*t.year) : Json(nullptr);
  return j;
}

Json to_json(const Task& t) {
  Json j = Json::object();
  j["id"] = string_or_null(t.id);
  j["path"] = string_list(t.path);
  j["text"] = string_or_null(t.text);
  j["lead_units"] = string_list(t.lead_units);
  j["units"] = string_list(t.units);
  j["units_as_printed"] = string_list(t.units_as_printed);
  if (t.deadline) {
    Json deadline = Json::object();
    deadline["text"] = string_or_null(t.deadline->text);
    deadline["date"] = to_json(t.deadline->date);
    deadline["kind"] = string_or_null(t.deadline->kind);
    j["deadline"] = std::move(deadline);
  } else {
    j["deadline"] = nullptr;
  }
  Json targets = Json::array();
  for (const Target& target : t.targets) targets.push_back(to_json(target));
  j["targets"] = std::move(targets);
  j["lines"] = to_json(t.lines);
  return j;
}

Json to_json(const Citation& c) {
  Json j = Json::object();
  j["title"] = string_or_null(c.title);
  j["doc_number"] = string_or_null(c.doc_number);
  j["line"] = c.line ? Json(*c.line) : Json(nullptr);
  j["document"] = string_or_null(c.document);
  return j;
}

Json to_json(const Document& d) {
  Json j = Json::object();
  if (d.doc_number) {
    j["doc_number"] = string_or_null(d.doc_number->text);
    Json parts = Json::object();
    parts["agency"] = string_or_null(d.doc_number->agency);
    parts["year"] = number_or_null(d.doc_number->year);
    parts["serial"] = number_or_null(d.doc_number->serial);
    j["doc_number_parts"] = std::move(parts);
  } else {
    j["doc_number"] = nullptr;
    j["doc_number_parts"] = nullptr;
  }
  j["issuer"] = string_or_null(d.issuer);
  j["title"] = string_or_null(d.title);
  j["kind"] = string_or_null(d.kind);
  j["date"] = to_json(d.date);
  j["public"] = d.is_public;
  j["recipients"] = string_list(d.recipients);
  j["attachments"] = string_list(d.attachments);
  if (d.effective && (d.effective->from || d.effective->until)) {
    Json effective = Json::object();
    effective["from"] = to_json(d.effective->from);
    effective["until"] = to_json(d.effective->until);
    j["effective"] = std::move(effective);
  } else {
    j["effective"] = nullptr;
  }
  j["forwarded_by"] = string_or_null(d.forwarded_by);
  j["lines"] = to_json(d.lines);
  Json outline = Json::array();
  for (const OutlineNode& node : d.outline) outline.push_back(to_json(node));
  j["outline"] = std::move(outline);
  Json tasks = Json::array();
  for (const Task& t : d.tasks) tasks.push_back(to_json(t));
  j["tasks"] = std::move(tasks);
  Json targets = Json::array();
  for (const Target& t : d.targets) targets.push_back(to_json(t));
  j["targets"] = std::move(targets);
  Json citations = Json::array();
  for (const Citation& c : d.citations) citations.push_back(to_json(c));
  j["citations"] = std::move(citations);
  Json tables = Json::array();
  for (const Table& table : d.tables) tables.push_back(to_json(table));
  j["tables"] = std::move(tables);
  return j;
}

std::string warning_text(const Warning& warning) {
  if (warning.line <= 0) return warning.message;
  return "line " + std::to_string(warning.line) + ": " + warning.message;
}

Json to_json(std::string_view source, std::string_view encoding,
             const std::vector<Document>& documents, const std::vector<Warning>& warnings) {
  Json j = Json::object();
  j["source"] = std::string(source);
  j["encoding"] = std::string(encoding);
  Json docs = Json::array();
  for (const Document& d : documents) docs.push_back(to_json(d));
  j["documents"] = std::move(docs);
  Json warns = Json::array();
  for (const Warning& w : warnings) warns.push_back(warning_text(w));
  j["warnings"] = std::move(warns);
  return j;
}

std::string dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void JsonWriter::begin(std::string_view source, std::string_view encoding) {
  first_ = true;
  os_ << "{\"source\":" << dump(Json(std::string(source)))
      << ",\"encoding\":" << dump(Json(std::string(encoding))) << ",\"documents\":[";
}

void JsonWriter::add(const Document& document) {
  if (!first_) os_ << ',';
  first_ = false;
  os_ << dump(to_json(document));
}

void JsonWriter::end(const std::vector<Warning>& warnings) {
  Json warns = Json::array();
  for (const Warning& w : warnings) warns.push_back(warning_text(w));
  os_ << "],\"warnings\":" << dump(warns) << '}';
}

}  // namespace duban::exporter
