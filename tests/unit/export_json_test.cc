// Tests of the JSON export against shared/spec/parse-output.md.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "adapters/export/json_export.h"

namespace duban::exporter {
namespace {

const std::vector<std::string> kDocumentKeys = {
    "doc_number", "doc_number_parts", "issuer",    "title",        "kind",  "date",    "public",
    "recipients", "attachments",      "effective", "forwarded_by", "lines", "outline", "tasks",
    "targets",    "citations"};

Document full_document() {
  Document d;
  d.doc_number = DocNumber{"临兰政发〔2021〕3号", "临兰政发", 2021, 3};
  d.issuer = "临沂市兰山区人民政府";
  d.title = "关于印发《兰山区人民政府规范性文件管理规定》的通知";
  d.kind = "通知";
  d.date = Date{2021, 12, 1};
  d.is_public = true;
  d.recipients = {"各镇人民政府", "街道办事处"};
  d.attachments = {"兰山区人民政府规范性文件管理规定"};
  d.effective = Validity{Date{2022, 1, 1}, Date{2026, 12, 31}};
  d.lines = {35, 363};
  OutlineNode chapter{"第一章", "总则", "", {40, 52}, {}};
  chapter.children.push_back(OutlineNode{"第一条", "为了规范", "正文。", {41, 43}, {}});
  d.outline.push_back(chapter);
  d.tables.push_back(
      Table{{"序号", "任务"}, {{"1", "加强网络建设"}, {"2", ""}}, {{61, 61}, {62, 64}}, {60, 64}});
  return d;
}

// Fails if any string anywhere in `j` is empty.
void expect_no_empty_strings(const Json& j, const std::string& where = "$") {
  if (j.is_string()) {
    EXPECT_NE(j.get<std::string>(), "") << where;
  } else if (j.is_object()) {
    for (const auto& [key, value] : j.items()) expect_no_empty_strings(value, where + "." + key);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      expect_no_empty_strings(j[i], where + "[" + std::to_string(i) + "]");
    }
  }
}

TEST(ExportJson, FullDocumentHasEverySpecField) {
  Json j = to_json(full_document());
  for (const std::string& key : kDocumentKeys) EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["doc_number"], "临兰政发〔2021〕3号");
  EXPECT_EQ(j["doc_number_parts"]["agency"], "临兰政发");
  EXPECT_EQ(j["doc_number_parts"]["year"], 2021);
  EXPECT_EQ(j["doc_number_parts"]["serial"], 3);
  EXPECT_EQ(j["issuer"], "临沂市兰山区人民政府");
  EXPECT_EQ(j["kind"], "通知");
  EXPECT_EQ(j["date"], "2021-12-01");
  EXPECT_EQ(j["public"], true);
  EXPECT_EQ(j["recipients"], Json::parse(R"(["各镇人民政府","街道办事处"])"));
  EXPECT_EQ(j["effective"]["from"], "2022-01-01");
  EXPECT_EQ(j["effective"]["until"], "2026-12-31");
  EXPECT_TRUE(j["forwarded_by"].is_null());
  EXPECT_EQ(j["lines"]["start"], 35);
  EXPECT_EQ(j["lines"]["end"], 363);
  const Json& chapter = j["outline"][0];
  EXPECT_EQ(chapter["label"], "第一章");
  EXPECT_EQ(chapter["title"], "总则");
  EXPECT_TRUE(chapter["text"].is_null());
  EXPECT_EQ(chapter["lines"]["start"], 40);
  EXPECT_EQ(chapter["children"][0]["text"], "正文。");
  EXPECT_TRUE(chapter["children"][0]["children"].is_array());
  EXPECT_EQ(j["tasks"], Json::array());
  EXPECT_EQ(j["targets"], Json::array());
  EXPECT_EQ(j["citations"], Json::array());
  EXPECT_EQ(j["tables"][0]["header"][1], "任务");
  EXPECT_EQ(j["tables"][0]["rows"][1][0], "2");
  EXPECT_TRUE(j["tables"][0]["rows"][1][1].is_null());
  EXPECT_EQ(j["tables"][0]["lines"]["end"], 64);
  expect_no_empty_strings(j);
}

TEST(ExportJson, EmptyDocumentIsNullsAndEmptyListsNeverEmptyStrings) {
  Document d;
  d.issuer = "";  // even if the core left an empty string somewhere
  d.recipients = {"", "区政府各部门"};
  d.effective = Validity{};
  Json j = to_json(d);
  for (const std::string& key : kDocumentKeys) EXPECT_TRUE(j.contains(key)) << key;
  for (const char* key : {"doc_number", "doc_number_parts", "issuer", "title", "kind", "date",
                          "effective", "forwarded_by"}) {
    EXPECT_TRUE(j[key].is_null()) << key;
  }
  EXPECT_EQ(j["public"], false);
  EXPECT_EQ(j["recipients"], Json::parse(R"(["区政府各部门"])"));
  for (const char* key : {"attachments", "outline", "tasks", "targets", "citations", "tables"}) {
    EXPECT_EQ(j[key], Json::array()) << key;
  }
  expect_no_empty_strings(j);
}

TEST(ExportJson, PartialValidity) {
  Document d;
  d.effective = Validity{Date{2022, 1, 1}, std::nullopt};
  Json j = to_json(d);
  EXPECT_EQ(j["effective"]["from"], "2022-01-01");
  EXPECT_TRUE(j["effective"].contains("until"));
  EXPECT_TRUE(j["effective"]["until"].is_null());
}

TEST(ExportJson, WarningText) {
  EXPECT_EQ(warning_text({3214, "document number found inside a sentence",
                          WarningKind::kDocNumberAcrossPageBreak, ""}),
            "line 3214: document number found inside a sentence");
  EXPECT_EQ(warning_text({0, "no documents found", WarningKind::kNoDocuments, ""}),
            "no documents found");
}

TEST(ExportJson, TopLevelObject) {
  Json j = to_json("samples/a.txt", "gb18030", {full_document()},
                   {{7, "odd", WarningKind::kNoDocuments, ""}});
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"source", "encoding", "documents", "warnings"}));
  EXPECT_EQ(j["source"], "samples/a.txt");
  EXPECT_EQ(j["encoding"], "gb18030");
  EXPECT_EQ(j["documents"].size(), 1u);
  EXPECT_EQ(j["warnings"], Json::parse(R"(["line 7: odd"])"));
}

TEST(ExportJson, StreamingWriterWritesTheSameAsTheWholeObject) {
  const std::vector<Document> docs = {full_document(), Document{}, full_document()};
  const std::vector<Warning> warnings = {{3, "a \"quoted\" warning", WarningKind::kNoDocuments, ""},
                                         {0, "no line", WarningKind::kNoDocuments, ""}};
  for (std::size_t n = 0; n <= docs.size(); ++n) {
    std::vector<Document> some(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(n));
    std::ostringstream os;
    JsonWriter writer(os);
    writer.begin("in \"put\".txt", "utf-8");
    for (const Document& d : some) writer.add(d);
    writer.end(warnings);
    EXPECT_EQ(os.str(), dump(to_json("in \"put\".txt", "utf-8", some, warnings))) << n;
    EXPECT_EQ(os.str().find('\n'), std::string::npos) << "one line";
    EXPECT_TRUE(Json::accept(os.str()));
  }
}

TEST(ExportJson, InvalidUtf8NeverThrows) {
  Document d;
  d.title = std::string("bad \xFF title");
  std::string out;
  EXPECT_NO_THROW(out = dump(to_json(d)));
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace duban::exporter
