// adapters/export/ledger_export.h: the task ledger (工作台账) as CSV, XLSX and JSON.
//
// Usage:
//   std::vector<duban::exporter::LedgerRow> rows;
//   for (duban::Task& t : document.tasks) rows.push_back({summarize(document), std::move(t)});
//   duban::exporter::write_csv(rows, std::cout);
//   duban::exporter::write_xlsx(rows, "台账.xlsx");  // throws ExportError
//
// The ledger has one row per task and these columns, in this order (ledger_columns()):
//   序号      1, 2, 3 … in the order of `rows`
//   文件标题  the document's title
//   文号      the document's 发文字号
//   任务      the task's text
//   牵头单位  lead units, joined with "、"
//   责任单位  every responsible unit (lead ones included), joined with "、"
//   完成时限  the deadline as printed ("9月底前")
//   时限日期  the deadline's resolved date, ISO ("2024-09-30"), empty if none
//   任务路径  the headings above the task, joined with " > "
//   行        the task's source lines, "18" or "18–20" (an en dash, so that spreadsheet
//             programs do not read "1-2" as a date)
// Absent values are empty cells (CSV, XLSX) or null (JSON).
#ifndef DUBAN_ADAPTERS_EXPORT_LEDGER_EXPORT_H_
#define DUBAN_ADAPTERS_EXPORT_LEDGER_EXPORT_H_

#include <cstddef>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/export/json_export.h"
#include "duban/document.h"

namespace duban::exporter {

//! What the ledger shows of the document that a task comes from.
struct DocumentSummary {
  std::optional<std::string> doc_number;  // DocNumber::text
  std::optional<std::string> title;
};

//! The summary of `document` (its tasks are not copied).
DocumentSummary summarize(const Document& document);

//! One row of the ledger: a task and the document it belongs to.
struct LedgerRow {
  DocumentSummary document;
  Task task;
};

//! A ledger that cannot be written (a libxlsxwriter failure, a file that cannot be created).
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! The column names, in order: 序号, 文件标题, 文号, 任务, 牵头单位, 责任单位, 完成时限,
//! 时限日期, 任务路径, 行.
const std::vector<std::string>& ledger_columns();

//! The cells of `row` as text, parallel to ledger_columns(); `number` is its 序号 (1-based).
std::vector<std::string> ledger_cells(const LedgerRow& row, std::size_t number);

//! Unit names joined with "、".
std::string join_units(const std::vector<std::string>& units);

//! "18", or "18–20" when the range spans several lines; empty for an unset range.
std::string line_text(const LineRange& lines);

//! Writes the ledger as CSV (RFC 4180: CRLF line ends, fields quoted when they contain a
//! comma, a double quote, CR or LF, quotes doubled), header row first. The text is UTF-8
//! preceded by a byte order mark: without it Excel reads a CSV file in the local ANSI code
//! page and shows Chinese as mojibake. The caller checks `os` for errors.
void write_csv(const std::vector<LedgerRow>& rows, std::ostream& os);

//! A task object as in shared/spec/parse-output.md (id, path, text, lead_units, units,
//! units_as_printed, deadline, targets, lines) plus "document": {"doc_number", "title"}.
Json to_json(const LedgerRow& row);

//! Writes the ledger as one JSON array of to_json(row) objects, compact, without a trailing
//! newline. The caller checks `os` for errors.
void write_json(const std::vector<LedgerRow>& rows, std::ostream& os);

//! Writes the ledger as an Excel workbook (one sheet, 工作台账) to `path`, replacing it: a bold
//! header row that stays in place when scrolling, with an autofilter; column widths set; 任务
//! and other long text columns wrap; 序号 is a number and 时限日期 a real date cell
//! (yyyy-mm-dd format). Text longer than a cell can hold (32767) is cut with "…". Throws
//! ExportError if the workbook cannot be written; no file is left behind then.
void write_xlsx(const std::vector<LedgerRow>& rows, const std::string& path);

}  // namespace duban::exporter

#endif  // DUBAN_ADAPTERS_EXPORT_LEDGER_EXPORT_H_
