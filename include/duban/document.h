// duban/document.h: the structured official document (公文) that parsing produces.
//
// The fields follow the elements of GB/T 9704-2012 (党政机关公文格式) that a reader
// of a published document can see: 发文字号, 发文机关, 标题, 主送机关, 成文日期, 附注
// （此件公开发布）, 附件说明, plus the outline of the body. Absent values are empty
// optionals or empty vectors; nothing is ever the empty string.
//
// JSON for these types (the contract in shared/spec/parse-output.md) is written by the
// export adapter, not here: the core knows nothing about output formats.
#ifndef DUBAN_DOCUMENT_H_
#define DUBAN_DOCUMENT_H_

#include <optional>
#include <string>
#include <vector>

namespace duban {

//! 1-based, inclusive range of physical lines in the source text.
struct LineRange {
  int start = 0;
  int end = 0;
};

//! A calendar date. Valid dates only: parsing rejects 2月30日.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  std::string iso() const;  // "2021-12-01"
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

//! 发文字号 such as 临兰政发〔2021〕3号: 机关代字 + 〔年份〕 + 发文顺序号 + 号.
struct DocNumber {
  std::string text;    // normalized: 〔〕 brackets, ASCII digits, no spaces
  std::string agency;  // 机关代字, e.g. "临兰政发"
  int year = 0;
  int serial = 0;
  friend bool operator==(const DocNumber&, const DocNumber&) = default;
};

//! 施行 / 有效期 dates stated in the text; either side may be missing.
struct Validity {
  std::optional<Date> from;
  std::optional<Date> until;
};

//! One node of the heading tree (第一章, 一、, （一）, 1., （1）, ①, 第一条 …).
struct OutlineNode {
  std::string label;  // as printed, e.g. "第一章", "（一）", "1."
  std::string title;  // heading text; for run-in headings the part before the first 。
  std::string text;   // the node's own paragraph text after the title (reflowed), may be empty
  LineRange lines;
  std::vector<OutlineNode> children;
};

//! A table: rows of cells, merged (empty) cells filled down from the row above.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<LineRange> row_lines;  // where each row is, parallel to rows
  LineRange lines;
};

//! A reflowed paragraph of body text and where it came from.
struct Paragraph {
  std::string text;
  LineRange lines;
};

//! When a task is due. `text` is the phrase as printed ("9月底前", "5个工作日内",
//! "每季度结束后10日内", "长期坚持"); `date` is resolved against the document's date and the
//! working-day calendar where that is possible (for a recurring deadline: the first due date
//! on or after the document's date).
struct Deadline {
  std::string text;
  std::optional<Date> date;
  std::string kind;  // "absolute" | "relative" | "recurring" | "open"
};

//! A quantitative target: "到2027年…设备投资规模较2023年增长28%以上".
struct Target {
  std::string text;                       // the clause it was read from
  std::optional<std::string> metric;      // 设备投资规模
  std::optional<std::string> comparator;  // ">=", "<=", ">", "<", "=" ; 以上/不低于 -> ">="
  std::optional<double> value;            // 28
  std::optional<std::string> unit;        // "%", "万吨", "元", "家", "微克/立方米"
  std::optional<int> baseline_year;       // 较2023年 -> 2023
  std::optional<int> year;                // 到2027年 -> 2027
};

//! A unit of work assigned by a document: an outline item or a table row.
struct Task {
  std::string id;                       // "<doc number or title>#<n>", stable within the document
  std::vector<std::string> path;        // headings above the item, as "label+title"
  std::string text;                     // the item's own text, reflowed
  std::vector<std::string> lead_units;  // 牵头 units, canonical names
  std::vector<std::string> units;       // every responsible unit, lead ones included
  std::vector<std::string> units_as_printed;  // the same, as printed
  std::optional<Deadline> deadline;
  std::vector<Target> targets;
  LineRange lines;
};

//! A document cited by another: 《title》（文号）, or a bare 文号.
struct Citation {
  std::optional<std::string> title;
  std::optional<std::string> doc_number;  // normalized as DocNumber::text
  std::optional<int> line;                // where it is cited
  //! The cited document when it is in the same input: its 文号, or its title if it has none.
  std::optional<std::string> document;
};

//! A parsed official document.
struct Document {
  std::optional<DocNumber> doc_number;
  std::optional<std::string> issuer;     // 发文机关 as signed
  std::optional<std::string> title;      // own title, issuer prefix and layout spaces removed
  std::optional<std::string> kind;       // 文种: 通知, 意见, 决定 …
  std::optional<Date> date;              // 成文日期
  bool is_public = false;                // （此件公开发布）
  std::vector<std::string> recipients;   // 主送机关
  std::vector<std::string> attachments;  // 附件说明 titles
  std::optional<Validity> effective;
  std::optional<std::string> forwarded_by;  // doc number of the notice that 转发 this one
  LineRange lines;
  std::vector<OutlineNode> outline;
  std::vector<Table> tables;
  std::vector<Paragraph> body;  // reflowed paragraphs in reading order
  std::vector<Task> tasks;
  std::vector<Target> targets;  // every target in the document, those of tasks included
  std::vector<Citation> citations;
};

//! What a Warning is about, so that a front end can say it in its users' language.
enum class WarningKind {
  kDocNumberAcrossPageBreak,  // a 文号 inside a sentence that a page break cut
  kCoverLetterInterleaved,    // a cover letter (印发通知) interrupting the body, moved
  kParsedInPieces,            // text without a document boundary longer than the chunk cap
  kContentsEntryMissing,      // a table-of-contents entry with no document of that 文号
  kNoDocuments,               // nothing in the input looked like a document
};

//! Something odd in the input that the parser worked around.
struct Warning {
  int line = 0;         // 1-based source line, 0 if not tied to a line
  std::string message;  // English, as `duban parse --json` writes it (shared/spec)
  WarningKind kind = WarningKind::kNoDocuments;
  std::string subject;  // what the message names: the 文号 or the size, if anything
};

}  // namespace duban

#endif  // DUBAN_DOCUMENT_H_
