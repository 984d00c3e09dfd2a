// The task ledger as CSV, XLSX (libxlsxwriter) and JSON; see ledger_export.h.
#include "adapters/export/ledger_export.h"

#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace duban::exporter {
namespace {

// Column indexes, in the order of ledger_columns().
enum Column : lxw_col_t {
  kNumber,
  kTitle,
  kDocNumber,
  kText,
  kLeadUnits,
  kUnits,
  kDeadline,
  kDeadlineDate,
  kPath,
  kLines,
  kColumnCount,
};

// Width of each column in Excel's units (about one Latin character; a Chinese character
// takes about two), and whether its text wraps.
struct ColumnLayout {
  double width;
  bool wrap;
};
constexpr ColumnLayout kLayout[kColumnCount] = {
    {6, false},   // 序号
    {36, true},   // 文件标题
    {22, false},  // 文号
    {70, true},   // 任务
    {20, true},   // 牵头单位
    {36, true},   // 责任单位
    {18, true},   // 完成时限
    {12, false},  // 时限日期
    {36, true},   // 任务路径
    {9, false},   // 行
};

// Excel holds at most 32767 characters in a cell; cutting at that many bytes (on a UTF-8
// character boundary) keeps below the limit however libxlsxwriter counts.
constexpr std::size_t kMaxCellBytes = 32767;

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

bool needs_quotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

void write_csv_field(std::string_view field, std::ostream& os) {
  if (!needs_quotes(field)) {
    os << field;
    return;
  }
  os << '"';
  for (char c : field) {
    if (c == '"') os << '"';
    os << c;
  }
  os << '"';
}

void write_csv_record(const std::vector<std::string>& fields, std::ostream& os) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) os << ',';
    write_csv_field(fields[i], os);
  }
  os << "\r\n";
}

std::string fit_cell(const std::string& text) {
  if (text.size() <= kMaxCellBytes) return text;
  const std::string_view ellipsis = "…";
  std::size_t end = kMaxCellBytes - ellipsis.size();
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + std::string(ellipsis);
}

// Owns a libxlsxwriter workbook; turns its error codes into ExportError. If close() is never
// reached (an error was thrown), the workbook is still closed, to free it, and the file that
// this wrote is removed.
class Workbook {
 public:
  explicit Workbook(const std::string& path) : path_(path) {
    // libxlsxwriter only finds out that the file cannot be created when it is closed, and
    // then prints its own message to stderr: try first, to fail early with ours.
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) fail(std::string("无法创建文件：") + std::strerror(errno));
    std::fclose(file);
    workbook_ = workbook_new(path.c_str());
    if (workbook_ == nullptr) {
      remove_file();
      fail("无法创建工作簿");
    }
  }
  ~Workbook() {
    if (workbook_ == nullptr) return;
    workbook_close(workbook_);
    remove_file();
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() const { return workbook_; }

  void check(lxw_error error, std::string_view what) const {
    if (error != LXW_NO_ERROR) fail(std::string(what) + "：" + lxw_strerror(error));
  }

  [[noreturn]] void fail(const std::string& reason) const {
    throw ExportError(path_ + ": " + reason);
  }

  lxw_format* add_format() {
    lxw_format* format = workbook_add_format(workbook_);
    if (format == nullptr) fail("无法添加单元格格式");
    return format;
  }

  void close() {
    lxw_workbook* workbook = std::exchange(workbook_, nullptr);
    lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR) {
      remove_file();
      fail(std::string("无法写入工作簿：") + lxw_strerror(error));
    }
  }

 private:
  void remove_file() const {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }

  std::string path_;
  lxw_workbook* workbook_ = nullptr;
};

}  // namespace

DocumentSummary summarize(const Document& document) {
  DocumentSummary summary;
  if (document.doc_number) summary.doc_number = document.doc_number->text;
  summary.title = document.title;
  return summary;
}

const std::vector<std::string>& ledger_columns() {
  static const std::vector<std::string> columns = {
      "序号",     "文件标题", "文号",     "任务",     "牵头单位",
      "责任单位", "完成时限", "时限日期", "任务路径", "行",
  };
  return columns;
}

std::string join_units(const std::vector<std::string>& units) { return join(units, "、"); }

std::string line_text(const LineRange& lines) {
  if (lines.start <= 0) return "";
  std::string out = std::to_string(lines.start);
  if (lines.end > lines.start) out += "–" + std::to_string(lines.end);
  return out;
}

std::vector<std::string> ledger_cells(const LedgerRow& row, std::size_t number) {
  const Task& task = row.task;
  std::vector<std::string> cells(kColumnCount);
  cells[kNumber] = std::to_string(number);
  cells[kTitle] = row.document.title.value_or("");
  cells[kDocNumber] = row.document.doc_number.value_or("");
  cells[kText] = task.text;
  cells[kLeadUnits] = join_units(task.lead_units);
  cells[kUnits] = join_units(task.units);
  if (task.deadline) {
    cells[kDeadline] = task.deadline->text;
    if (task.deadline->date) cells[kDeadlineDate] = task.deadline->date->iso();
  }
  cells[kPath] = join(task.path, " > ");
  cells[kLines] = line_text(task.lines);
  return cells;
}

void write_csv(const std::vector<LedgerRow>& rows, std::ostream& os) {
  // UTF-8 byte order mark: Excel opens a CSV file in the local ANSI code page (GBK on Chinese
  // Windows, cp1252 elsewhere) unless the file starts with one, and then shows mojibake.
  os << "\xEF\xBB\xBF";
  write_csv_record(ledger_columns(), os);
  for (std::size_t i = 0; i < rows.size(); ++i) write_csv_record(ledger_cells(rows[i], i + 1), os);
}

Json to_json(const LedgerRow& row) {
  Json j = to_json(row.task);
  Json document = Json::object();
  document["doc_number"] = row.document.doc_number ? Json(*row.document.doc_number) : Json();
  document["title"] = row.document.title ? Json(*row.document.title) : Json();
  j["document"] = std::move(document);
  return j;
}

void write_json(const std::vector<LedgerRow>& rows, std::ostream& os) {
  os << '[';
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) os << ',';
    os << dump(to_json(rows[i]));
  }
  os << ']';
}

void write_xlsx(const std::vector<LedgerRow>& rows, const std::string& path) {
  Workbook book(path);
  lxw_workbook* wb = book.get();

  lxw_doc_properties properties = {};
  properties.title = const_cast<char*>("工作台账");
  properties.comments = const_cast<char*>("由 duban 生成");
  book.check(workbook_set_properties(wb, &properties), "无法设置文档属性");

  lxw_worksheet* sheet = workbook_add_worksheet(wb, "工作台账");
  if (sheet == nullptr) book.fail("无法添加工作表");

  lxw_format* header = book.add_format();
  format_set_bold(header);
  format_set_bg_color(header, 0xD9E1F2);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);

  lxw_format* plain = book.add_format();
  format_set_align(plain, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* wrapped = book.add_format();
  format_set_text_wrap(wrapped);
  format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* date = book.add_format();
  format_set_num_format(date, "yyyy-mm-dd");
  format_set_align(date, LXW_ALIGN_VERTICAL_TOP);

  for (lxw_col_t c = 0; c < kColumnCount; ++c) {
    book.check(
        worksheet_set_column(sheet, c, c, kLayout[c].width, kLayout[c].wrap ? wrapped : plain),
        "无法设置列宽");
  }

  const std::vector<std::string>& columns = ledger_columns();
  for (lxw_col_t c = 0; c < kColumnCount; ++c) {
    book.check(worksheet_write_string(sheet, 0, c, columns[c].c_str(), header), "无法写入表头");
  }
  worksheet_freeze_panes(sheet, 1, 0);  // returns nothing; cannot fail

  for (std::size_t i = 0; i < rows.size(); ++i) {
    // Rows past Excel's limit make worksheet_write_* fail with "row or column out of range".
    const auto r = static_cast<lxw_row_t>(i + 1);
    const std::vector<std::string> cells = ledger_cells(rows[i], i + 1);
    for (lxw_col_t c = 0; c < kColumnCount; ++c) {
      lxw_format* format = kLayout[c].wrap ? wrapped : plain;
      const std::optional<Deadline>& deadline = rows[i].task.deadline;
      lxw_error error = LXW_NO_ERROR;
      if (c == kNumber) {
        error = worksheet_write_number(sheet, r, c, static_cast<double>(i + 1), format);
      } else if (c == kDeadlineDate) {
        if (deadline && deadline->date && deadline->date->year >= 1900 &&
            deadline->date->year <= 9999) {
          lxw_datetime when = {
              deadline->date->year, deadline->date->month, deadline->date->day, 0, 0, 0.0};
          error = worksheet_write_datetime(sheet, r, c, &when, date);
        } else if (!cells[c].empty()) {  // outside Excel's calendar: the ISO text
          error = worksheet_write_string(sheet, r, c, cells[c].c_str(), format);
        }
      } else if (!cells[c].empty()) {
        error = worksheet_write_string(sheet, r, c, fit_cell(cells[c]).c_str(), format);
      }
      book.check(error, "无法写入第 " + std::to_string(i + 1) + " 项任务");
    }
  }
  book.check(
      worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows.size()), kColumnCount - 1),
      "无法设置筛选");
  book.close();
}

}  // namespace duban::exporter
