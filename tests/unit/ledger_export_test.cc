// The task ledger writers: CSV (RFC 4180 quoting, BOM), JSON, XLSX (read back with unzip).
#include "adapters/export/ledger_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace duban::exporter {
namespace {

namespace fs = std::filesystem;

const std::string kBom = "\xEF\xBB\xBF";
const std::string kHeader =
    "序号,文件标题,文号,任务,牵头单位,责任单位,完成时限,时限日期,任务路径,行\r\n";

LedgerRow sample_row() {
  LedgerRow row;
  row.document.doc_number = "周政字〔2024〕33号";
  row.document.title = "关于推动供销合作社高质量发展的实施意见";
  row.task.id = "周政字〔2024〕33号#2";
  row.task.path = {"二、重点任务", "（一）健全为农服务体系"};
  row.task.text = "构建农资流通服务网络体系。";
  row.task.lead_units = {"区供销合作社联合社"};
  row.task.units = {"区供销合作社联合社", "区发展和改革局", "区商务局"};
  row.task.units_as_printed = {"区供销联社", "区发展改革局", "区商务局"};
  row.task.deadline = Deadline{"9月底前", Date{2024, 9, 30}, "absolute"};
  row.task.lines = {20, 21};
  return row;
}

std::string csv_of(const std::vector<LedgerRow>& rows) {
  std::ostringstream out;
  write_csv(rows, out);
  return out.str();
}

TEST(LedgerColumns, SpecOrderThenExtras) {
  EXPECT_EQ(ledger_columns(),
            (std::vector<std::string>{"序号", "文件标题", "文号", "任务", "牵头单位", "责任单位",
                                      "完成时限", "时限日期", "任务路径", "行"}));
}

TEST(LedgerCells, OneRow) {
  EXPECT_EQ(
      ledger_cells(sample_row(), 7),
      (std::vector<std::string>{"7", "关于推动供销合作社高质量发展的实施意见", "周政字〔2024〕33号",
                                "构建农资流通服务网络体系。", "区供销合作社联合社",
                                "区供销合作社联合社、区发展和改革局、区商务局", "9月底前",
                                "2024-09-30", "二、重点任务 > （一）健全为农服务体系", "20–21"}));
}

TEST(LedgerCells, AbsentValuesAreEmpty) {
  LedgerRow row;
  row.task.text = "加强组织领导。";
  std::vector<std::string> cells = ledger_cells(row, 1);
  ASSERT_EQ(cells.size(), ledger_columns().size());
  for (std::size_t c : {1, 2, 4, 5, 6, 7, 8, 9}) EXPECT_EQ(cells[c], "") << c;

  row.task.deadline = Deadline{"长期坚持", std::nullopt, "open"};
  cells = ledger_cells(row, 1);
  EXPECT_EQ(cells[6], "长期坚持");
  EXPECT_EQ(cells[7], "");
}

TEST(LineText, SingleLineAndRange) {
  EXPECT_EQ(line_text({18, 18}), "18");
  EXPECT_EQ(line_text({18, 20}), "18–20");
  EXPECT_EQ(line_text({}), "");
}

TEST(LedgerCsv, StartsWithBomThenHeader) {
  std::string csv = csv_of({});
  EXPECT_EQ(csv, kBom + kHeader);
}

TEST(LedgerCsv, PlainFieldsAreNotQuoted) {
  std::string csv = csv_of({sample_row()});
  EXPECT_EQ(csv, kBom + kHeader +
                     "1,关于推动供销合作社高质量发展的实施意见,周政字〔2024〕33号,"
                     "构建农资流通服务网络体系。,区供销合作社联合社,"
                     "区供销合作社联合社、区发展和改革局、区商务局,9月底前,2024-09-30,"
                     "二、重点任务 > （一）健全为农服务体系,20–21\r\n");
}

TEST(LedgerCsv, QuotesCommasQuotesAndNewlines) {
  LedgerRow row = sample_row();
  row.document.title = "关于\"十四五\"规划的通知";
  row.task.text = "第一段,含逗号\n第二段\r\n第三段";
  row.task.deadline = std::nullopt;
  row.task.path.clear();
  row.task.lines = {5, 5};
  std::string csv = csv_of({row});
  EXPECT_EQ(csv, kBom + kHeader + "1,\"关于\"\"十四五\"\"规划的通知\",周政字〔2024〕33号," +
                     "\"第一段,含逗号\n第二段\r\n第三段\",区供销合作社联合社," +
                     "区供销合作社联合社、区发展和改革局、区商务局,,,,5\r\n");
}

TEST(LedgerCsv, FullwidthCommaNeedsNoQuotes) {
  LedgerRow row = sample_row();
  row.task.text = "甲，乙";
  std::string csv = csv_of({row});
  EXPECT_NE(csv.find(",甲，乙,"), std::string::npos) << csv;
}

TEST(LedgerJson, TaskFieldsPlusDocument) {
  std::ostringstream out;
  write_json({sample_row(), LedgerRow{}}, out);
  nlohmann::json j = nlohmann::json::parse(out.str());
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  const nlohmann::json& t = j[0];
  for (const char* key : {"id", "path", "text", "lead_units", "units", "units_as_printed",
                          "deadline", "targets", "lines", "document"}) {
    EXPECT_TRUE(t.contains(key)) << key;
  }
  EXPECT_EQ(t["id"], "周政字〔2024〕33号#2");
  EXPECT_EQ(t["units_as_printed"][0], "区供销联社");
  EXPECT_EQ(t["deadline"]["date"], "2024-09-30");
  EXPECT_EQ(t["deadline"]["kind"], "absolute");
  EXPECT_EQ(t["lines"]["start"], 20);
  EXPECT_EQ(t["document"]["doc_number"], "周政字〔2024〕33号");
  EXPECT_EQ(t["document"]["title"], "关于推动供销合作社高质量发展的实施意见");
  EXPECT_TRUE(j[1]["document"]["doc_number"].is_null());
  EXPECT_TRUE(j[1]["document"]["title"].is_null());
  EXPECT_TRUE(j[1]["deadline"].is_null());
}

TEST(LedgerJson, EmptyLedgerIsAnEmptyArray) {
  std::ostringstream out;
  write_json({}, out);
  EXPECT_EQ(out.str(), "[]");
}

// --- XLSX -------------------------------------------------------------------------------

class LedgerXlsx : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("duban_ledger_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `unzip -p` of one member of the workbook.
  static std::string member(const fs::path& xlsx, const std::string& name) {
    std::string cmd = "unzip -p '" + xlsx.string() + "' '" + name + "' 2>/dev/null";
    std::string out;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
      out.append(buffer, n);
    }
    ::pclose(pipe);
    return out;
  }

  static std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
      ++n;
    }
    return n;
  }

  fs::path dir_;
};

TEST_F(LedgerXlsx, IsAWorkbookWithHeaderTasksAndRealDates) {
  LedgerRow second = sample_row();
  second.task.text = "完善农业社会化服务保障机制。";
  second.task.deadline = Deadline{"长期坚持", std::nullopt, "open"};
  LedgerRow third = sample_row();
  third.task.text = "含<特殊>&字符\"的任务";
  const fs::path path = dir_ / "台账.xlsx";
  write_xlsx({sample_row(), second, third}, path.string());

  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4)) << "a zip archive";

  const std::string strings = member(path, "xl/sharedStrings.xml");
  ASSERT_FALSE(strings.empty()) << "unzip -p failed (is unzip installed?)";
  for (const std::string& column : ledger_columns()) {
    EXPECT_NE(strings.find("<t>" + column + "</t>"), std::string::npos) << column;
  }
  EXPECT_NE(strings.find("构建农资流通服务网络体系。"), std::string::npos);
  EXPECT_NE(strings.find("完善农业社会化服务保障机制。"), std::string::npos);
  EXPECT_NE(strings.find("含&lt;特殊&gt;&amp;字符\"的任务"), std::string::npos) << strings;
  EXPECT_NE(strings.find("长期坚持"), std::string::npos);
  EXPECT_EQ(strings.find("2024-09-30"), std::string::npos) << "the date is not a string";

  const std::string sheet = member(path, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(count(sheet, "<row "), 4u) << "header + 3 tasks";
  EXPECT_NE(sheet.find("<pane ySplit=\"1\""), std::string::npos) << "frozen header";
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("<autoFilter ref=\"A1:J4\""), std::string::npos);
  EXPECT_NE(sheet.find("<cols>"), std::string::npos) << "column widths";
  // 2024-09-30 is Excel day 45565 (1900 date system), a number cell in column H.
  EXPECT_EQ(count(sheet, "<v>45565</v>"), 2u) << sheet;
  EXPECT_NE(sheet.find("<c r=\"H2\" s="), std::string::npos);
  EXPECT_EQ(sheet.find("<c r=\"H3\""), std::string::npos) << "no date, no cell";

  const std::string styles = member(path, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"yyyy-mm-dd\""), std::string::npos);
  EXPECT_NE(styles.find("<b/>"), std::string::npos) << "bold header";
  EXPECT_NE(styles.find("wrapText=\"1\""), std::string::npos);

  const std::string workbook = member(path, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"工作台账\""), std::string::npos);
}

TEST_F(LedgerXlsx, EmptyLedgerHasTheHeaderRow) {
  const fs::path path = dir_ / "empty.xlsx";
  write_xlsx({}, path.string());
  EXPECT_EQ(count(member(path, "xl/worksheets/sheet1.xml"), "<row "), 1u);
}

TEST_F(LedgerXlsx, OverlongTextIsCut) {
  LedgerRow row = sample_row();
  row.task.text.clear();
  for (int i = 0; i < 12000; ++i) row.task.text += "字";  // 36000 bytes
  const fs::path path = dir_ / "long.xlsx";
  write_xlsx({row}, path.string());
  const std::string strings = member(path, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("字…</t>"), std::string::npos);
}

TEST_F(LedgerXlsx, UnwritablePathIsAnExportError) {
  const fs::path path = dir_ / "no-such-dir" / "out.xlsx";
  try {
    write_xlsx({sample_row()}, path.string());
    FAIL() << "expected ExportError";
  } catch (const ExportError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path.string() + ": ", 0), 0u) << e.what();
  }
  EXPECT_FALSE(fs::exists(path));
}

}  // namespace
}  // namespace duban::exporter
