// The storage suite: every case runs against SQLite (a temporary file) and PostgreSQL (a
// fresh schema in the database of DUBAN_TEST_PG_URL; reported as skipped when that is not
// set). Expectations come from reading the samples (tests/cases/*.json, and the documents
// themselves where a case says so).
#include "adapters/storage/storage.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "adapters/storage/ingest.h"
#include "duban/rules.h"
#include "duban/units.h"
#include "storage/test_postgres.h"

namespace duban::store {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

json load_json(const std::string& name) {
  return json::parse(read_file(fs::path(DUBAN_TEST_CASES_DIR) / name));
}

std::string sample(const std::string& name) {
  return (fs::path(DUBAN_SAMPLES_DIR) / name).string();
}

const std::vector<std::string> kSamples = {
    "lanshan-gazette-2021-04.txt", "shanting-2024-equipment-renewal-etc.txt",
    "shanting-gazette-2021-04.txt", "zhoucun-2024-coops-disclosure-tasklist.txt"};
const char* const kZhoucun = "zhoucun-2024-coops-disclosure-tasklist.txt";

const Actor kCli{std::nullopt, "cli", ""};

// The expectations name units as printed; the ledger stores canonical names.
std::set<std::string> canonical(const json& printed) {
  static const UnitRegistry registry(Rules::builtin());
  std::set<std::string> out;
  for (const json& u : printed) out.insert(registry.canonical(u.get<std::string>()));
  return out;
}

template <typename List>
std::set<std::string> as_set(const List& list) {
  return std::set<std::string>(list.begin(), list.end());
}

std::string iso_in(int seconds) {
  std::time_t t = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class StorageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    const std::string id = std::to_string(::getpid()) + "_" + std::to_string(++counter);
    if (GetParam() == "postgresql") {
      pg_url_ = test::pg_test_url();
      if (pg_url_.empty()) GTEST_SKIP() << test::kNoPostgresServer;
      schema_ = "duban_test_" + id;
      pg_exec("CREATE SCHEMA " + schema_);
      db_ = test::pg_schema_url(pg_url_, schema_);
    } else {
      dir_ = fs::temp_directory_path() / ("duban_storage_test_" + id);
      fs::create_directories(dir_);
      db_ = (dir_ / "duban.db").string();
    }
    storage_ = Storage::open(db_);
  }

  void TearDown() override {
    storage_.reset();
    if (!schema_.empty()) pg_exec("DROP SCHEMA " + schema_ + " CASCADE");
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Runs SQL outside the storage (what an attacker or a careless admin could do).
  // Returns "" on success, else the database's error message.
  std::string raw(const std::string& sql) {
    if (GetParam() == "postgresql") return pg_exec("SET search_path TO " + schema_ + ";" + sql);
    sqlite3* db = nullptr;
    sqlite3_open(db_.c_str(), &db);
    sqlite3_busy_timeout(db, 10000);
    char* message = nullptr;
    std::string error;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      error = message ? message : "error";
    }
    sqlite3_free(message);
    sqlite3_close(db);
    return error;
  }

  std::string pg_exec(const std::string& sql) { return test::pg_exec(pg_url_, sql); }

  // The rows of a query run outside the storage, every value as text ("" for NULL).
  std::vector<std::vector<std::string>> raw_rows(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    if (GetParam() == "postgresql") {
      PGconn* conn = PQconnectdb(pg_url_.c_str());
      PQclear(PQexec(conn, ("SET search_path TO " + schema_).c_str()));
      PGresult* r = PQexec(conn, sql.c_str());
      EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
      for (int i = 0; i < PQntuples(r); ++i) {
        rows.emplace_back();
        for (int j = 0; j < PQnfields(r); ++j) rows.back().push_back(PQgetvalue(r, i, j));
      }
      PQclear(r);
      PQfinish(conn);
      return rows;
    }
    sqlite3* db = nullptr;
    sqlite3_open(db_.c_str(), &db);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
      rows.emplace_back();
      for (int j = 0; j < sqlite3_column_count(stmt); ++j) {
        const unsigned char* text = sqlite3_column_text(stmt, j);
        rows.back().push_back(text ? reinterpret_cast<const char*>(text) : "");
      }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
  }

  IngestFileResult ingest(const std::string& path) {
    return ingest_file(*storage_, path, Rules::builtin(), kCli);
  }

  void ingest_samples() {
    for (const std::string& s : kSamples) ingest(sample(s));
  }

  std::string db_;
  std::string pg_url_;
  std::string schema_;
  fs::path dir_;
  std::unique_ptr<Storage> storage_;
};

TEST_P(StorageTest, MigrationsAreIdempotent) {
  const int version = storage_->schema_version();
  EXPECT_GE(version, 2);
  storage_->set_setting("anonymous_read", "0", kCli);
  storage_.reset();
  storage_ = Storage::open(db_);  // migrates nothing the second time
  EXPECT_EQ(storage_->schema_version(), version);
  EXPECT_EQ(storage_->setting("anonymous_read"), "0");
  EXPECT_EQ(storage_->audit_log(100, 0).size(), 1u);
  storage_ = Storage::open(db_);
  EXPECT_EQ(storage_->schema_version(), version);
  EXPECT_EQ(storage_->check_consistency(), "ok");
}

TEST_P(StorageTest, IngestsTheSamples) {
  const json corpus = load_json("corpus_expected.json");
  int expected_documents = 0;
  for (const std::string& s : kSamples) {
    IngestFileResult r = ingest(sample(s));
    EXPECT_FALSE(r.stored.file_already_ingested) << s;
    EXPECT_EQ(r.stored.documents_added, static_cast<int>(corpus[s].size())) << s;
    EXPECT_EQ(r.stored.documents_unchanged, 0) << s;
    EXPECT_EQ(r.stored.new_versions, 0) << s;
    EXPECT_EQ(r.stored.document_ids.size(), corpus[s].size()) << s;
    expected_documents += static_cast<int>(corpus[s].size());
  }
  EXPECT_EQ(storage_->count_documents({}), expected_documents);
  for (const std::string& s : kSamples) {
    for (const json& want : corpus[s]) {
      if (want["doc_number"].is_null()) continue;
      auto d = storage_->document_by_number(want["doc_number"].get<std::string>());
      ASSERT_TRUE(d) << want["doc_number"];
      EXPECT_EQ(d->source_file, sample(s));
      EXPECT_EQ(d->title, want["title"].get<std::string>());
      EXPECT_EQ(d->issuer, want["issuer"].get<std::string>());
      ASSERT_TRUE(d->date);
      EXPECT_EQ(d->date->iso(), want["date"].get<std::string>());
      EXPECT_EQ(d->year, d->date->year);
      EXPECT_EQ(d->is_public, want["public"].get<bool>());
      EXPECT_EQ(d->lines.start, want["lines"]["start"].get<int>());
      EXPECT_EQ(d->lines.end, want["lines"]["end"].get<int>());
      EXPECT_EQ(d->version, 1);
      EXPECT_EQ(d->ingested_at.size(), 20u);
      EXPECT_EQ(d->ingested_at.back(), 'Z');
      // The stored text is the document's own lines.
      auto full = storage_->document(d->id);
      ASSERT_TRUE(full);
      const long lines = std::count(full->text.begin(), full->text.end(), '\n') + 1;
      EXPECT_EQ(lines, d->lines.end - d->lines.start + 1) << want["doc_number"];
      EXPECT_EQ(json::parse(full->json)["doc_number"], want["doc_number"]);
    }
  }
  const json tasks = load_json("tasks_expected.json");
  for (const auto& [key, want] : tasks.items()) {
    const std::string number = key.substr(key.find('#') + 1);
    auto d = storage_->document_by_number(number);
    ASSERT_TRUE(d) << number;
    EXPECT_EQ(d->task_count, static_cast<int>(want["tasks"].size())) << number;
    TaskFilter f;
    f.document_id = d->id;
    std::vector<TaskRow> rows = storage_->tasks(f);
    ASSERT_EQ(rows.size(), want["tasks"].size()) << number;
    EXPECT_EQ(storage_->count_tasks(f), static_cast<int>(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const json& t = want["tasks"][i];
      EXPECT_EQ(rows[i].seq, static_cast<int>(i) + 1);
      EXPECT_EQ(rows[i].text.rfind(t["starts_with"].get<std::string>(), 0), 0u)
          << number << " task " << i;
      EXPECT_EQ(as_set(rows[i].units), canonical(t["units"])) << number << " " << i;
      EXPECT_EQ(as_set(rows[i].lead_units), canonical(t["lead_units"])) << number << " " << i;
      EXPECT_EQ(rows[i].status, TaskStatus::kNotStarted);
      EXPECT_EQ(rows[i].doc_number, number);
      // Where the task is (the ledger exports' 行 column): inside its document, in order.
      EXPECT_GE(rows[i].lines.start, d->lines.start) << number << " " << i;
      EXPECT_LE(rows[i].lines.end, d->lines.end) << number << " " << i;
      EXPECT_LE(rows[i].lines.start, rows[i].lines.end) << number << " " << i;
      if (i > 0) {
        EXPECT_GE(rows[i].lines.start, rows[i - 1].lines.start) << number << " " << i;
      }
      if (t["deadline_text"].is_null()) {
        EXPECT_FALSE(rows[i].deadline) << number << " " << i;
      } else {
        ASSERT_TRUE(rows[i].deadline);
        EXPECT_EQ(rows[i].deadline->text, t["deadline_text"].get<std::string>());
      }
    }
  }
  EXPECT_EQ(storage_->check_consistency(), "ok");
  // One audit entry per stored file.
  int ingests = 0;
  for (const AuditRow& a : storage_->audit_log(100, 0)) ingests += a.action == "ingest";
  EXPECT_EQ(ingests, static_cast<int>(kSamples.size()));
}

TEST_P(StorageTest, TheSameFileTwiceAddsNothing) {
  IngestFileResult first = ingest(sample(kZhoucun));
  ASSERT_EQ(first.stored.documents_added, 3);
  const int tasks = storage_->count_tasks({});
  IngestFileResult again = ingest(sample(kZhoucun));
  EXPECT_TRUE(again.stored.file_already_ingested);
  EXPECT_EQ(again.stored.documents_added, 0);
  EXPECT_EQ(again.stored.tasks_added, 0);
  // The same bytes under another name are the same file.
  const fs::path copy = fs::temp_directory_path() / ("duban_copy_" + std::to_string(getpid()));
  fs::copy_file(sample(kZhoucun), copy, fs::copy_options::overwrite_existing);
  EXPECT_TRUE(ingest(copy.string()).stored.file_already_ingested);
  // Other bytes (two blank lines more) with the same documents: counted unchanged.
  {
    std::ofstream out(copy, std::ios::app | std::ios::binary);
    out << "\n\n";
  }
  IngestFileResult padded = ingest(copy.string());
  fs::remove(copy);
  EXPECT_FALSE(padded.stored.file_already_ingested);
  EXPECT_EQ(padded.stored.documents_added, 0);
  EXPECT_EQ(padded.stored.documents_unchanged, 3);
  EXPECT_EQ(storage_->count_documents({}), 3);
  EXPECT_EQ(storage_->count_tasks({}), tasks);
  EXPECT_EQ(storage_->check_consistency(), "ok");
}

TEST_P(StorageTest, AKnownFileIsNotParsedAgain) {
  const std::string bytes = read_file(sample(kZhoucun));
  const std::string sha = sha256_hex(bytes);
  EXPECT_FALSE(storage_->has_file(sha));
  IngestFileResult first = ingest(sample(kZhoucun));
  EXPECT_EQ(first.documents_parsed, 3);
  EXPECT_TRUE(storage_->has_file(sha));
  EXPECT_FALSE(storage_->has_file(sha256_hex(bytes + "\n")));
  EXPECT_FALSE(storage_->has_file(""));
  // Known by its bytes, under any name: reported as already ingested without being parsed.
  const fs::path copy = fs::temp_directory_path() / ("duban_known_" + std::to_string(getpid()));
  fs::copy_file(sample(kZhoucun), copy, fs::copy_options::overwrite_existing);
  IngestFileResult again = ingest(copy.string());
  fs::remove(copy);
  EXPECT_TRUE(again.stored.file_already_ingested);
  EXPECT_EQ(again.documents_parsed, 0);
  EXPECT_TRUE(again.warnings.empty());
  EXPECT_EQ(again.stored.documents_added, 0);
  EXPECT_EQ(again.stored.documents_unchanged, 0);
  EXPECT_EQ(storage_->count_documents({}), 3);
  EXPECT_EQ(storage_->check_consistency(), "ok");
}

TEST_P(StorageTest, AnAmendedDocumentBecomesANewVersion) {
  ingest(sample(kZhoucun));
  auto v1 = storage_->document_by_number("周政字〔2024〕33号");
  ASSERT_TRUE(v1);
  auto full = storage_->document(v1->id);
  // The same document re-issued with one task reworded (a line of its own text).
  std::string text = full->text;
  const std::string from = "加强县域商贸流通网络";
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, from.size(), "加强县域商贸物流网络");
  const fs::path amended = dir_.empty()
                               ? fs::temp_directory_path() / ("duban_v2_" + schema_ + ".txt")
                               : dir_ / "amended.txt";
  {
    std::ofstream out(amended, std::ios::binary);
    out << text << '\n';
  }
  IngestFileResult r = ingest(amended.string());
  fs::remove(amended);
  EXPECT_EQ(r.stored.documents_added, 1);
  EXPECT_EQ(r.stored.new_versions, 1);
  auto v2 = storage_->document_by_number("周政字〔2024〕33号");
  ASSERT_TRUE(v2);
  EXPECT_NE(v2->id, v1->id);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->previous_version, v1->id);
  EXPECT_FALSE(v2->superseded_by);
  EXPECT_EQ(storage_->document(v1->id)->superseded_by, v2->id);
  EXPECT_EQ(v2->task_count, v1->task_count);
  // Lists and the ledger show the current version; old versions on request.
  EXPECT_EQ(storage_->count_documents({}), 3);
  DocumentFilter all;
  all.include_superseded = true;
  EXPECT_EQ(storage_->count_documents(all), 4);
  TaskFilter of_v2;
  of_v2.document_id = v2->id;
  EXPECT_EQ(storage_->tasks(of_v2).front().text.rfind("加强县域商贸物流网络", 0), 0u);
  int current = 0;
  for (const TaskRow& t : storage_->tasks({})) {
    EXPECT_NE(t.document_id, v1->id);
    current += t.document_id == v2->id;
  }
  EXPECT_EQ(current, v2->task_count);
  // Search finds the current version only (its document and tasks), old ones on request;
  // totals count exactly the hits.
  SearchQuery q;
  q.text = "加强县域商贸";
  const SearchResults found = storage_->search(q, 100, 0);
  ASSERT_FALSE(found.hits.empty());
  EXPECT_EQ(found.total, static_cast<int>(found.hits.size()));
  int documents = 0;
  for (const SearchHit& h : found.hits) {
    EXPECT_EQ(h.document_id, v2->id) << h.kind;
    documents += h.kind == "document";
  }
  EXPECT_EQ(documents, 1);
  q.filter.include_superseded = true;
  const SearchResults with_old = storage_->search(q, 100, 0);
  EXPECT_EQ(with_old.total, static_cast<int>(with_old.hits.size()));
  EXPECT_EQ(with_old.total, 2 * found.total);
  EXPECT_EQ(storage_->check_consistency(), "ok");
}

TEST_P(StorageTest, AFailedIngestLeavesNothing) {
  Document good;
  good.doc_number = DocNumber{"周政字〔2024〕99号", "周政字", 2024, 99};
  good.title = "关于测试的通知";
  good.lines = {1, 3};
  Task task;
  task.id = "周政字〔2024〕99号#1";
  task.text = "做好测试工作";
  task.units = {"区商务局"};
  task.lines = {2, 2};
  good.tasks.push_back(task);
  Document bad = good;
  bad.doc_number = DocNumber{"周政字〔2024〕98号", "周政字", 2024, 98};
  bad.lines = {0, 0};  // no such lines: the database refuses the row
  std::vector<NewDocument> docs = {make_new_document(good, "周村区人民政府\n做好测试工作\n通知"),
                                   make_new_document(bad, "另一份\n文件")};
  SourceFile file{"test.txt", sha256_hex("test bytes"), 10};
  EXPECT_THROW(storage_->ingest(file, docs, kCli), StorageError);
  EXPECT_FALSE(storage_->has_file(file.sha256));
  EXPECT_EQ(storage_->count_documents({}), 0);
  EXPECT_EQ(storage_->count_tasks({}), 0);
  EXPECT_TRUE(storage_->units().empty());
  EXPECT_TRUE(storage_->audit_log(10, 0).empty());
  SearchQuery q;
  q.text = "测试工作";
  EXPECT_EQ(storage_->search(q, 10, 0).total, 0);
  EXPECT_EQ(storage_->check_consistency(), "ok");
  // Nothing of the file was kept either: with the bad document gone it goes in whole.
  docs.pop_back();
  IngestResult r = storage_->ingest(file, docs, kCli);
  EXPECT_FALSE(r.file_already_ingested);
  EXPECT_EQ(r.documents_added, 1);
  EXPECT_EQ(r.tasks_added, 1);
  EXPECT_EQ(storage_->count_tasks({}), 1);
  EXPECT_TRUE(storage_->has_file(file.sha256));
}

TEST_P(StorageTest, TaskFilters) {
  ingest(sample(kZhoucun));
  const json tasks = load_json("tasks_expected.json");
  const json& want = tasks[std::string(kZhoucun) + "#周政字〔2024〕33号"]["tasks"];
  auto d = storage_->document_by_number("周政字〔2024〕33号");
  ASSERT_TRUE(d);
  for (const std::string printed : {"区商务局", "区供销联社", "区农业农村局"}) {
    const std::string unit = *canonical(json::array({printed})).begin();
    int expected = 0;
    for (const json& t : want) {
      expected += canonical(t["units"]).count(unit) || canonical(t["lead_units"]).count(unit);
    }
    ASSERT_GT(expected, 0) << unit;
    TaskFilter f;
    f.document_id = d->id;
    f.unit = unit;
    EXPECT_EQ(storage_->count_tasks(f), expected) << unit;
    for (const TaskRow& t : storage_->tasks(f)) {
      EXPECT_NE(std::find(t.units.begin(), t.units.end(), unit), t.units.end());
    }
    // Read page by page after the last id seen, the unit's current tasks (in every document
    // of the file) are the same, in the same order, as in one page.
    TaskFilter current;
    current.unit = unit;
    const std::vector<TaskRow> all = storage_->tasks(current);
    ASSERT_GE(static_cast<int>(all.size()), expected) << unit;
    std::vector<std::int64_t> paged;
    current.limit = 2;
    for (std::vector<TaskRow> page;
         paged.size() <= all.size() && !(page = storage_->tasks(current)).empty();) {
      for (const TaskRow& t : page) paged.push_back(t.id);
      current.after_id = page.back().id;
    }
    std::vector<std::int64_t> ids;
    for (const TaskRow& t : all) ids.push_back(t.id);
    EXPECT_EQ(paged, ids) << unit;
  }
  // Units with their task counts: the 供销社 is named in all 16 tasks of 周政字〔2024〕33号.
  const std::string coop = *canonical(json::array({"区供销联社"})).begin();
  bool found = false;
  for (const auto& [unit, count] : storage_->units()) {
    if (unit == coop) {
      found = true;
      EXPECT_GE(count, 16);
    }
  }
  EXPECT_TRUE(found);

  // Due window: 周政办字〔2024〕9号 (dated 2024-07-01) has one task due "7月10日前"
  // (2024-07-10) and one due "年底前" (2024-12-31).
  auto plan = storage_->document_by_number("周政办字〔2024〕9号");
  ASSERT_TRUE(plan);
  TaskFilter july;
  july.document_id = plan->id;
  july.due_from = Date{2024, 7, 1};
  july.due_to = Date{2024, 7, 31};
  std::vector<TaskRow> due = storage_->tasks(july);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].deadline->text, "7月10日前");
  EXPECT_EQ(due[0].deadline->date, (Date{2024, 7, 10}));
  TaskFilter december = july;
  december.due_from = Date{2024, 12, 31};
  december.due_to = Date{2024, 12, 31};
  ASSERT_EQ(storage_->count_tasks(december), 1);
  EXPECT_EQ(storage_->tasks(december)[0].deadline->text, "年底前");

  // Status.
  TaskFilter in_progress;
  in_progress.status = TaskStatus::kInProgress;
  EXPECT_EQ(storage_->count_tasks(in_progress), 0);
  storage_->report_progress(due[0].id, "已开始", TaskStatus::kInProgress, kCli);
  ASSERT_EQ(storage_->count_tasks(in_progress), 1);
  EXPECT_EQ(storage_->tasks(in_progress)[0].id, due[0].id);
  TaskFilter not_started;
  not_started.status = TaskStatus::kNotStarted;
  EXPECT_EQ(storage_->count_tasks(not_started), storage_->count_tasks({}) - 1);
  // Paging.
  TaskFilter page;
  page.limit = 5;
  page.offset = 5;
  std::vector<TaskRow> second = storage_->tasks(page);
  ASSERT_EQ(second.size(), 5u);
  EXPECT_EQ(second[0].id, storage_->tasks({})[5].id);
}

// progress_of reads the reports of many tasks at once, in chunks, grouped by task.
TEST_P(StorageTest, ProgressOfManyTasks) {
  ingest(sample(kZhoucun));
  const std::vector<TaskRow> tasks = storage_->tasks({});
  ASSERT_GE(tasks.size(), 3u);
  const Actor user{std::nullopt, "督查室", "127.0.0.1"};
  const std::int64_t a = tasks[0].id;
  const std::int64_t b = tasks[2].id;
  storage_->report_progress(b, "b 第一次", TaskStatus::kInProgress, user);
  storage_->report_progress(a, "a 第一次", TaskStatus::kInProgress, user);
  storage_->report_progress(b, "b 第二次", TaskStatus::kDone, user);
  // 1,200 ids (three chunks), with the reported tasks in the last one and one id twice.
  std::vector<std::int64_t> ids;
  for (std::int64_t i = 0; i < 1198; ++i) ids.push_back(1000000 + i);
  ids.push_back(b);
  ids.push_back(a);
  ids.push_back(b);
  const std::vector<ProgressRow> rows = storage_->progress_of(ids);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].task_id, a);
  EXPECT_EQ(rows[0].text, "a 第一次");
  EXPECT_EQ(rows[1].task_id, b);
  EXPECT_EQ(rows[1].text, "b 第一次");
  EXPECT_EQ(rows[2].text, "b 第二次");
  EXPECT_EQ(rows[2].status, TaskStatus::kDone);
  EXPECT_TRUE(storage_->progress_of({tasks[1].id}).empty());
  EXPECT_TRUE(storage_->progress_of({}).empty());
}

TEST_P(StorageTest, ProgressAndItsAuditEntryAreWrittenTogether) {
  ingest(sample(kZhoucun));
  const std::int64_t task_id = storage_->tasks({}).front().id;
  const Actor user{std::nullopt, "商务局张三", "127.0.0.1"};
  ProgressRow p = storage_->report_progress(task_id, "已完成调研", TaskStatus::kInProgress, user);
  EXPECT_EQ(p.author, "商务局张三");
  auto t = storage_->task(task_id);
  EXPECT_EQ(t->status, TaskStatus::kInProgress);
  EXPECT_EQ(t->status_updated_at, p.created_at);
  std::vector<ProgressRow> reports = storage_->progress(task_id);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].text, "已完成调研");
  EXPECT_EQ(reports[0].status, TaskStatus::kInProgress);
  AuditRow last = storage_->audit_log(1, 0).at(0);
  EXPECT_EQ(last.action, "task.progress");
  EXPECT_EQ(last.object_type, "task");
  EXPECT_EQ(last.object_id, std::to_string(task_id));
  EXPECT_EQ(last.actor, "商务局张三");
  EXPECT_EQ(last.address, "127.0.0.1");
  EXPECT_EQ(json::parse(last.detail)["status"], "推进中");

  // A status change alone.
  storage_->report_progress(task_id, "", TaskStatus::kDone, user);
  EXPECT_EQ(storage_->task(task_id)->status, TaskStatus::kDone);
  EXPECT_EQ(storage_->audit_log(1, 0).at(0).action, "task.status");
  EXPECT_THROW(storage_->report_progress(task_id, "", std::nullopt, user), StorageError);
  EXPECT_THROW(storage_->report_progress(999999, "x", TaskStatus::kDone, user), StorageError);

  // When the audit entry cannot be written, the progress is not written either.
  const std::size_t audits = storage_->audit_log(1000, 0).size();
  const std::string refuse =
      GetParam() == "postgresql"
          ? "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE "
            "EXCEPTION 'no'; END $$; CREATE TRIGGER refuse BEFORE INSERT ON audit FOR EACH ROW "
            "EXECUTE FUNCTION refuse();"
          : "CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'no'); END;";
  ASSERT_EQ(raw(refuse), "");
  EXPECT_THROW(storage_->report_progress(task_id, "再次报告", TaskStatus::kInProgress, user),
               StorageError);
  EXPECT_EQ(storage_->progress(task_id).size(), 2u);
  EXPECT_EQ(storage_->task(task_id)->status, TaskStatus::kDone);
  EXPECT_EQ(storage_->audit_log(1000, 0).size(), audits);
}

TEST_P(StorageTest, TheAuditLogIsAppendOnly) {
  storage_->audit(kCli, "login", "session", "1", R"({"ok":true})");
  storage_->audit(kCli, "logout", "session", "1", "{}");
  EXPECT_NE(raw("UPDATE audit SET actor = 'someone else'"), "");
  EXPECT_NE(raw("DELETE FROM audit"), "");
  EXPECT_NE(raw("DELETE FROM audit WHERE action = 'login'"), "");
  if (GetParam() == "postgresql") {
    EXPECT_NE(raw("TRUNCATE audit"), "");
  }
  std::vector<AuditRow> log = storage_->audit_log(10, 0);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "logout");  // newest first
  EXPECT_EQ(log[1].action, "login");
  EXPECT_EQ(log[1].actor, "cli");
  EXPECT_EQ(json::parse(log[1].detail)["ok"], true);
  EXPECT_EQ(storage_->audit_log(10, 1).size(), 1u);
  // Inserting is what the log is for.
  EXPECT_EQ(raw("INSERT INTO audit (at, actor, address, action, object_type, object_id, detail)"
                " VALUES ('2026-01-01T00:00:00Z', 'x', '', 'a', 'b', 'c', '{}')"),
            "");
}

TEST_P(StorageTest, UsersSessionsAndLoginAttempts) {
  EXPECT_EQ(storage_->count_users(), 0);
  UserRow admin = storage_->add_user("admin", Role::kAdmin, std::nullopt, "$argon2id$x", kCli);
  EXPECT_GT(admin.id, 0);
  UserRow unit = storage_->add_user("shangwu", Role::kUnit, "区商务局", "$argon2id$y", kCli);
  EXPECT_EQ(storage_->count_users(), 2);
  EXPECT_THROW(storage_->add_user("admin", Role::kViewer, std::nullopt, "h", kCli), StorageError);
  EXPECT_THROW(storage_->add_user("nounit", Role::kUnit, std::nullopt, "h", kCli), StorageError);
  EXPECT_EQ(storage_->count_users(), 2);
  auto found = storage_->user_by_name("shangwu");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, unit.id);
  EXPECT_EQ(found->role, Role::kUnit);
  EXPECT_EQ(found->unit, "区商务局");
  EXPECT_EQ(found->password_hash, "$argon2id$y");
  EXPECT_EQ(storage_->user(admin.id)->name, "admin");
  EXPECT_FALSE(storage_->user_by_name("nobody"));
  EXPECT_FALSE(storage_->user(987654));
  std::vector<AuditRow> log = storage_->audit_log(10, 0);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "user.add");
  EXPECT_EQ(log[0].object_id, std::to_string(unit.id));

  storage_->add_session({"hash-live", unit.id, "csrf1", iso_in(0), iso_in(3600)});
  storage_->add_session({"hash-old", unit.id, "csrf2", iso_in(-7200), iso_in(-3600)});
  auto live = storage_->session("hash-live");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->user_id, unit.id);
  EXPECT_EQ(live->csrf_token, "csrf1");
  EXPECT_FALSE(storage_->session("hash-old"));  // expired
  EXPECT_FALSE(storage_->session("no-such"));
  storage_->delete_session("hash-live");
  EXPECT_FALSE(storage_->session("hash-live"));

  const std::string before = iso_in(-60);
  storage_->record_login("shangwu", false);
  storage_->record_login("shangwu", false);
  storage_->record_login("127.0.0.1", false);
  storage_->record_login("shangwu", true);
  storage_->record_login("shangwu", false);
  EXPECT_EQ(storage_->failed_logins("shangwu", before), 3);
  EXPECT_EQ(storage_->failed_logins("127.0.0.1", before), 1);
  EXPECT_EQ(storage_->failed_logins("shangwu", iso_in(3600)), 0);
  EXPECT_EQ(storage_->failed_logins("admin", before), 0);
}

TEST_P(StorageTest, Settings) {
  EXPECT_FALSE(storage_->setting("anonymous_read"));
  storage_->set_setting("anonymous_read", "1", kCli);
  EXPECT_EQ(storage_->setting("anonymous_read"), "1");
  storage_->set_setting("anonymous_read", "0", Actor{1, "admin", "127.0.0.1"});
  EXPECT_EQ(storage_->setting("anonymous_read"), "0");
  std::vector<AuditRow> log = storage_->audit_log(10, 0);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "setting.set");
  EXPECT_EQ(log[0].object_id, "anonymous_read");
  EXPECT_EQ(log[0].actor, "admin");
  EXPECT_EQ(json::parse(log[0].detail)["previous"], "1");
  EXPECT_EQ(json::parse(log[0].detail)["value"], "0");
}

// Feed tokens are given to the storage as their SHA-256 (adapters/http/auth.h); the tests
// use sha256_hex of made-up tokens the same way.
TEST_P(StorageTest, CalendarFeedTokensOneLivePerUnit) {
  const std::string token1 = "first-feed-token-of-the-unit";
  const std::string token2 = "second-feed-token-of-the-unit";
  const std::string other = "token-of-another-unit";
  const Actor admin{1, "admin", "127.0.0.1"};
  EXPECT_FALSE(storage_->feed_token_unit(sha256_hex(token1)));

  storage_->create_feed_token("区商务局", sha256_hex(token1), admin);
  EXPECT_EQ(storage_->feed_token_unit(sha256_hex(token1)), "区商务局");
  EXPECT_FALSE(storage_->feed_token_unit(token1));  // looked up by its hash only
  storage_->create_feed_token("区交通运输局", sha256_hex(other), kCli);

  // A second token for the unit replaces the first; the other unit's stays.
  storage_->create_feed_token("区商务局", sha256_hex(token2), admin);
  EXPECT_FALSE(storage_->feed_token_unit(sha256_hex(token1)));
  EXPECT_EQ(storage_->feed_token_unit(sha256_hex(token2)), "区商务局");
  EXPECT_EQ(storage_->feed_token_unit(sha256_hex(other)), "区交通运输局");

  EXPECT_EQ(storage_->revoke_feed_tokens("区商务局", admin), 1);
  EXPECT_FALSE(storage_->feed_token_unit(sha256_hex(token2)));
  EXPECT_EQ(storage_->feed_token_unit(sha256_hex(other)), "区交通运输局");
  EXPECT_EQ(storage_->revoke_feed_tokens("区商务局", admin), 0);  // none live any more

  std::vector<AuditRow> log = storage_->audit_log(10, 0);
  ASSERT_EQ(log.size(), 5u);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"calendar_feed.revoke", "区商务局"},
      {"calendar_feed.revoke", "区商务局"},
      {"calendar_feed.create", "区商务局"},
      {"calendar_feed.create", "区交通运输局"},
      {"calendar_feed.create", "区商务局"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(log[i].action, expected[i].first) << i;
    EXPECT_EQ(log[i].object_type, "unit") << i;
    EXPECT_EQ(log[i].object_id, expected[i].second) << i;
  }
  EXPECT_EQ(log[0].actor, "admin");
  EXPECT_EQ(log[3].actor, "cli");
  EXPECT_EQ(json::parse(log[0].detail)["revoked"], 0);
  EXPECT_EQ(json::parse(log[1].detail)["revoked"], 1);
  EXPECT_EQ(json::parse(log[2].detail)["revoked"], 1);  // the rotation revoked token1
  EXPECT_EQ(json::parse(log[4].detail)["revoked"], 0);

  // What is stored: hashes, who made them, when each was revoked; never a token.
  auto rows = raw_rows(
      "SELECT token_hash, unit, created_by, created_at, COALESCE(revoked_at, '')"
      " FROM calendar_feeds ORDER BY created_at, unit DESC");
  ASSERT_EQ(rows.size(), 3u);
  std::set<std::string> hashes;
  for (const auto& row : rows) {
    hashes.insert(row[0]);
    EXPECT_EQ(row[0].size(), 64u);
    EXPECT_FALSE(row[3].empty());
    for (const std::string& value : row) {
      for (const std::string& token : {token1, token2, other}) {
        EXPECT_EQ(value.find(token), std::string::npos) << value;
      }
    }
  }
  EXPECT_EQ(hashes,
            (std::set<std::string>{sha256_hex(token1), sha256_hex(token2), sha256_hex(other)}));
  for (const auto& row : raw_rows("SELECT detail FROM audit")) {
    for (const std::string& token : {token1, token2, other}) {
      EXPECT_EQ(row[0].find(token), std::string::npos) << row[0];
      EXPECT_EQ(row[0].find(sha256_hex(token)), std::string::npos) << row[0];
    }
  }
  auto revoked = raw_rows("SELECT created_by, revoked_at FROM calendar_feeds WHERE token_hash = '" +
                          sha256_hex(token1) + "'");
  ASSERT_EQ(revoked.size(), 1u);
  EXPECT_EQ(revoked[0][0], "admin");
  EXPECT_FALSE(revoked[0][1].empty());
  auto live = raw_rows("SELECT count(*) FROM calendar_feeds WHERE revoked_at IS NULL");
  EXPECT_EQ(live[0][0], "1");
}

TEST_P(StorageTest, AFailedFeedTokenChangesNothing) {
  storage_->create_feed_token("区商务局", sha256_hex("a"), kCli);
  storage_->create_feed_token("区交通运输局", sha256_hex("b"), kCli);
  const std::size_t audit_before = storage_->audit_log(100, 0).size();
  // Token a's hash again, for 区交通运输局: the insert fails after b was revoked in the same
  // transaction, so b stays live and no audit entry is left.
  EXPECT_THROW(storage_->create_feed_token("区交通运输局", sha256_hex("a"), kCli), StorageError);
  EXPECT_EQ(storage_->feed_token_unit(sha256_hex("b")), "区交通运输局");
  EXPECT_EQ(storage_->feed_token_unit(sha256_hex("a")), "区商务局");
  EXPECT_EQ(storage_->audit_log(100, 0).size(), audit_before);
  EXPECT_THROW(storage_->create_feed_token("", sha256_hex("c"), kCli), StorageError);
  EXPECT_FALSE(storage_->feed_token_unit(sha256_hex("c")));
  EXPECT_EQ(storage_->audit_log(100, 0).size(), audit_before);
}

TEST_P(StorageTest, Citations) {
  ingest_samples();
  // 山政办字〔2021〕16号 forwards (转发) 枣政办字〔2021〕22号, which the same gazette prints.
  auto forwarding = storage_->document_by_number("山政办字〔2021〕16号");
  auto forwarded = storage_->document_by_number("枣政办字〔2021〕22号");
  ASSERT_TRUE(forwarding && forwarded);
  auto has_link = [&](const std::vector<CitationRow>& rows) {
    for (const CitationRow& c : rows) {
      if (c.from_document == forwarding->id && c.to_document == forwarded->id &&
          c.doc_number == "枣政办字〔2021〕22号") {
        return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(has_link(storage_->citations(forwarding->id)));
  EXPECT_TRUE(has_link(storage_->citations(forwarded->id)));
  EXPECT_TRUE(has_link(storage_->citations(std::nullopt)));
  // 山政发〔2021〕7号 cites the province's 鲁政发〔2021〕6号, which is not stored.
  auto plan = storage_->document_by_number("山政发〔2021〕7号");
  bool province = false;
  for (const CitationRow& c : storage_->citations(plan->id)) {
    if (c.doc_number == "鲁政发〔2021〕6号") {
      province = true;
      EXPECT_FALSE(c.to_document);
    }
  }
  EXPECT_TRUE(province);
}

TEST_P(StorageTest, DocumentFilters) {
  ingest_samples();
  const json corpus = load_json("corpus_expected.json");
  int in_2024 = 0, by_zhoucun = 0;
  for (const auto& [file, docs] : corpus.items()) {
    for (const json& d : docs) {
      in_2024 += d["date"].get<std::string>().rfind("2024", 0) == 0;
      by_zhoucun += d["issuer"] == "周村区人民政府";
    }
  }
  DocumentFilter year;
  year.year = 2024;
  EXPECT_EQ(storage_->count_documents(year), in_2024);
  for (const DocumentRow& d : storage_->documents(year)) EXPECT_EQ(d.year, 2024);
  DocumentFilter issuer;
  issuer.issuer = "周村区人民政府";
  EXPECT_EQ(storage_->count_documents(issuer), by_zhoucun);
  DocumentFilter kind;
  kind.kind = "意见";
  for (const DocumentRow& d : storage_->documents(kind)) EXPECT_EQ(d.kind, "意见");
  DocumentFilter unit;
  unit.unit = *canonical(json::array({"区供销联社"})).begin();
  std::vector<DocumentRow> with_unit = storage_->documents(unit);
  ASSERT_FALSE(with_unit.empty());
  bool coops = false;
  for (const DocumentRow& d : with_unit) coops |= d.doc_number == "周政字〔2024〕33号";
  EXPECT_TRUE(coops);
  DocumentFilter page;
  page.limit = 3;
  EXPECT_EQ(storage_->documents(page).size(), 3u);
}

// --- search

bool has_number(const SearchResults& r, const std::string& number) {
  for (const SearchHit& h : r.hits) {
    if (h.kind == "document" && h.doc_number == number) return true;
  }
  return false;
}

TEST_P(StorageTest, SearchByWordsAndPhrases) {
  ingest_samples();
  SearchQuery q;
  q.text = "营商环境";
  SearchResults r = storage_->search(q, 10, 0);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_GT(r.total, 1);
  // 山政发〔2021〕7号 is the plan to optimize the business environment (优化营商环境): its
  // title carries the words, so it ranks first among documents.
  const SearchHit* first_document = nullptr;
  for (const SearchHit& h : r.hits) {
    if (h.kind == "document") {
      first_document = &h;
      break;
    }
  }
  ASSERT_TRUE(first_document);
  EXPECT_EQ(first_document->doc_number, "山政发〔2021〕7号");
  EXPECT_NE(first_document->snippet.find("<mark>"), std::string::npos);
  for (std::size_t i = 1; i < r.hits.size(); ++i) EXPECT_GE(r.hits[i - 1].score, r.hits[i].score);
  EXPECT_NE(r.interpreted_as.find("营商环境"), std::string::npos);
  // Paging.
  SearchResults second = storage_->search(q, 3, 3);
  ASSERT_EQ(second.hits.size(), 3u);
  EXPECT_EQ(second.hits[0].document_id, r.hits[3].document_id);
  EXPECT_EQ(second.hits[0].task_id, r.hits[3].task_id);
  EXPECT_EQ(second.total, r.total);

  // Task hits carry their task and a marked snippet.
  SearchQuery t;
  t.text = "供销合作社";
  t.documents = false;
  SearchResults tasks = storage_->search(t, 50, 0);
  ASSERT_FALSE(tasks.hits.empty());
  for (const SearchHit& h : tasks.hits) {
    EXPECT_EQ(h.kind, "task");
    ASSERT_TRUE(h.task_id);
    EXPECT_NE(h.snippet.find("<mark>"), std::string::npos) << h.snippet;
  }

  // A phrase in quotes must occur as typed: 消费券 is printed in 临兰政办发〔2021〕24号
  // ("2021兰山消费季"惠民消费券发放活动实施方案), and every hit contains it.
  for (const std::string typed : {"\"消费券\"", "“消费券”"}) {
    SearchQuery phrase;
    phrase.text = typed;
    SearchResults found = storage_->search(phrase, 100, 0);
    EXPECT_TRUE(has_number(found, "临兰政办发〔2021〕24号")) << typed;
    EXPECT_EQ(found.interpreted_as.rfind("短语", 0), 0u) << found.interpreted_as;
    for (const SearchHit& h : found.hits) {
      const std::string text =
          h.task_id ? storage_->task(*h.task_id)->text : storage_->document(h.document_id)->text;
      EXPECT_NE(text.find("消费券"), std::string::npos) << h.snippet;
    }
  }
}

TEST_P(StorageTest, SearchByDocNumberInAnyBrackets) {
  ingest_samples();
  for (const std::string q :
       {"临兰政发〔2021〕3号", "临兰政发[2021]3号", "临兰政发(2021)3号", "临兰政发（2021）3号",
        "临兰政发【2021】3号", "临兰政发［2021］3号"}) {
    SearchQuery query;
    query.text = q;
    SearchResults r = storage_->search(query, 10, 0);
    ASSERT_FALSE(r.hits.empty()) << q;
    EXPECT_EQ(r.hits[0].kind, "document") << q;
    EXPECT_EQ(r.hits[0].doc_number, "临兰政发〔2021〕3号") << q;
    EXPECT_EQ(r.hits[0].title, "关于印发《兰山区人民政府规范性文件管理规定》的通知");
    EXPECT_NE(r.interpreted_as.find("临兰政发〔2021〕3号"), std::string::npos) << q;
    // The document is listed once, first; the total counts it once.
    SearchResults all = storage_->search(query, 1000, 0);
    EXPECT_EQ(all.total, static_cast<int>(all.hits.size())) << q;
    int listed = 0;
    for (const SearchHit& h : all.hits)
      listed += h.kind == "document" && h.document_id == r.hits[0].document_id;
    EXPECT_EQ(listed, 1) << q;
  }
}

TEST_P(StorageTest, SearchByPinyinAndWithHomophoneTypos) {
  ingest_samples();
  // 营商环境 typed in pinyin, and with 境 replaced by its homophone 竟.
  for (const std::string q : {"yingshang huanjing", "yingshanghuanjing", "营商环竟"}) {
    SearchQuery query;
    query.text = q;
    SearchResults r = storage_->search(query, 20, 0);
    EXPECT_TRUE(has_number(r, "山政发〔2021〕7号")) << q;
    EXPECT_NE(r.interpreted_as.find("拼音"), std::string::npos) << q << ": " << r.interpreted_as;
  }
}

TEST_P(StorageTest, SearchFilters) {
  ingest_samples();
  SearchQuery q;
  q.text = "政务服务";
  SearchResults all = storage_->search(q, 200, 0);
  ASSERT_FALSE(all.hits.empty());
  q.filter.year = 2021;
  SearchResults in_2021 = storage_->search(q, 200, 0);
  ASSERT_FALSE(in_2021.hits.empty());
  EXPECT_LE(in_2021.total, all.total);
  for (const SearchHit& h : in_2021.hits) {
    EXPECT_EQ(storage_->document(h.document_id)->year, 2021) << h.title.value_or("");
  }
  q.filter.year = 2024;
  for (const SearchHit& h : storage_->search(q, 200, 0).hits) {
    EXPECT_EQ(storage_->document(h.document_id)->year, 2024);
  }
  q.filter.year.reset();
  q.filter.issuer = "周村区人民政府办公室";
  for (const SearchHit& h : storage_->search(q, 200, 0).hits) {
    EXPECT_EQ(storage_->document(h.document_id)->issuer, "周村区人民政府办公室");
  }
  q.filter.issuer.reset();
  // Tasks of one unit only.
  SearchQuery unit;
  unit.text = "供销";
  unit.documents = false;
  unit.filter.unit = *canonical(json::array({"区商务局"})).begin();
  SearchResults r = storage_->search(unit, 200, 0);
  ASSERT_FALSE(r.hits.empty());
  for (const SearchHit& h : r.hits) {
    auto t = storage_->task(*h.task_id);
    EXPECT_NE(std::find(t->units.begin(), t->units.end(), *unit.filter.unit), t->units.end());
  }
  // Status and due window.
  SearchQuery status = unit;
  status.task_status = TaskStatus::kDone;
  EXPECT_EQ(storage_->search(status, 10, 0).total, 0);
  storage_->report_progress(*r.hits[0].task_id, "完成", TaskStatus::kDone, kCli);
  SearchResults done = storage_->search(status, 10, 0);
  ASSERT_EQ(done.total, 1);
  EXPECT_EQ(done.hits[0].task_id, r.hits[0].task_id);
  SearchQuery due;
  due.text = "公开";
  due.documents = false;
  due.due_from = Date{2024, 7, 1};
  due.due_to = Date{2024, 7, 31};
  for (const SearchHit& h : storage_->search(due, 50, 0).hits) {
    auto t = storage_->task(*h.task_id);
    ASSERT_TRUE(t->deadline && t->deadline->date);
    EXPECT_GE(*t->deadline->date, (Date{2024, 7, 1}));
    EXPECT_LE(*t->deadline->date, (Date{2024, 7, 31}));
  }
}

// A filtered search finds exactly the unfiltered search's hits that pass the filter, judged
// from the stored rows (SQLite answers filters from facet terms in its full-text tables, so
// this checks those terms against the columns they stand for).
TEST_P(StorageTest, FilteredSearchIsTheUnfilteredSearchNarrowedByTheRows) {
  ingest_samples();
  const std::string unit = *canonical(json::array({"区商务局"})).begin();
  auto has_unit = [&](const TaskRow& t) {
    return std::find(t.units.begin(), t.units.end(), unit) != t.units.end() ||
           std::find(t.lead_units.begin(), t.lead_units.end(), unit) != t.lead_units.end();
  };
  auto ids = [](const SearchResults& r) {
    std::set<std::pair<std::int64_t, std::int64_t>> out;
    for (const SearchHit& h : r.hits) out.emplace(h.document_id, h.task_id.value_or(0));
    return out;
  };
  int narrowed = 0;  // cases where the filter kept some hits and dropped others
  for (const char* text : {"政务服务", "供销", "营商环境", "yingshang huanjing"}) {
    SearchQuery base;
    base.text = text;
    const SearchResults all = storage_->search(base, 1000, 0);
    ASSERT_LT(all.total, 1000) << text;
    struct Case {
      std::string name;
      std::function<void(SearchQuery&)> set;
      std::function<bool(const DocumentRow&)> document_passes;
      std::function<bool(const TaskRow&, const DocumentRow&)> task_passes;
    };
    const std::vector<Case> cases = {
        {"year 2021", [](SearchQuery& q) { q.filter.year = 2021; },
         [](const DocumentRow& d) { return d.year == 2021; },
         [](const TaskRow&, const DocumentRow& d) { return d.year == 2021; }},
        {"year 2024", [](SearchQuery& q) { q.filter.year = 2024; },
         [](const DocumentRow& d) { return d.year == 2024; },
         [](const TaskRow&, const DocumentRow& d) { return d.year == 2024; }},
        {"kind 通知", [](SearchQuery& q) { q.filter.kind = "通知"; },
         [](const DocumentRow& d) { return d.kind == "通知"; },
         [](const TaskRow&, const DocumentRow& d) { return d.kind == "通知"; }},
        {"issuer", [](SearchQuery& q) { q.filter.issuer = "周村区人民政府办公室"; },
         [](const DocumentRow& d) { return d.issuer == "周村区人民政府办公室"; },
         [](const TaskRow&, const DocumentRow& d) { return d.issuer == "周村区人民政府办公室"; }},
        {"unit", [&](SearchQuery& q) { q.filter.unit = unit; },
         [&](const DocumentRow& d) {
           TaskFilter f;
           f.unit = unit;
           f.document_id = d.id;
           return storage_->count_tasks(f) > 0;
         },
         [&](const TaskRow& t, const DocumentRow&) { return has_unit(t); }},
        {"unit and year 2024",
         [&](SearchQuery& q) {
           q.filter.unit = unit;
           q.filter.year = 2024;
         },
         [&](const DocumentRow& d) {
           TaskFilter f;
           f.unit = unit;
           f.document_id = d.id;
           return d.year == 2024 && storage_->count_tasks(f) > 0;
         },
         [&](const TaskRow& t, const DocumentRow& d) { return d.year == 2024 && has_unit(t); }},
    };
    for (const Case& c : cases) {
      SearchQuery q = base;
      c.set(q);
      std::set<std::pair<std::int64_t, std::int64_t>> expected;
      for (const SearchHit& h : all.hits) {
        const DocumentRow d = *storage_->document(h.document_id);
        const bool passes =
            h.task_id ? c.task_passes(*storage_->task(*h.task_id), d) : c.document_passes(d);
        if (passes) expected.emplace(h.document_id, h.task_id.value_or(0));
      }
      const SearchResults filtered = storage_->search(q, 1000, 0);
      if (filtered.interpreted_as != all.interpreted_as) {
        // Nothing passed, so the search fell back to the pinyin or to any of the words.
        EXPECT_TRUE(expected.empty()) << text << ", " << c.name;
        continue;
      }
      EXPECT_EQ(ids(filtered), expected) << text << ", " << c.name;
      EXPECT_EQ(filtered.total, static_cast<int>(expected.size())) << text << ", " << c.name;
      if (!expected.empty() && expected.size() < all.hits.size()) ++narrowed;
    }
  }
  EXPECT_GE(narrowed, 12);
}

// A word in more documents than the search ranks (SQLite ranks and counts the newest 1,000
// matches): the total is then a lower bound and says so; a filter that narrows the matches,
// or a page beyond the window, gets an exact count again.
TEST_P(StorageTest, ABroadSearchCountsWhatItRanks) {
  constexpr int kDocuments = 1050;
  std::vector<NewDocument> docs;
  for (int i = 1; i <= kDocuments; ++i) {
    Document d;
    d.doc_number = DocNumber{"周政字〔2024〕" + std::to_string(i) + "号", "周政字", 2024, i};
    d.title =
        "关于优化营商环境第" + std::to_string(i) + "项措施的" + (i % 35 == 0 ? "意见" : "通知");
    d.kind = i % 35 == 0 ? "意见" : "通知";
    d.lines = {1, 1};
    docs.push_back(make_new_document(d, *d.title));
  }
  storage_->ingest(SourceFile{"broad.txt", sha256_hex("broad"), 1}, docs, kCli);
  SearchQuery q;
  q.text = "营商环境";
  const SearchResults broad = storage_->search(q, 20, 0);
  EXPECT_EQ(broad.hits.size(), 20u);
  EXPECT_GE(broad.total, 1000);
  EXPECT_LE(broad.total, kDocuments);
  EXPECT_EQ(broad.total_exact, broad.total == kDocuments);
  if (GetParam() == "sqlite") {
    EXPECT_FALSE(broad.total_exact);
  }
  q.filter.kind = "意见";
  const SearchResults narrow = storage_->search(q, 50, 0);
  EXPECT_TRUE(narrow.total_exact);
  EXPECT_EQ(narrow.total, kDocuments / 35);
  EXPECT_EQ(narrow.hits.size(), static_cast<std::size_t>(kDocuments / 35));
  // Only the count (no hits wanted).
  const SearchResults count_only = storage_->search(q, 0, 0);
  EXPECT_TRUE(count_only.hits.empty());
  EXPECT_EQ(count_only.total, kDocuments / 35);
  q.filter.kind.reset();
  const SearchResults last_page = storage_->search(q, 20, 1040);
  EXPECT_TRUE(last_page.total_exact);
  EXPECT_EQ(last_page.total, kDocuments);
  EXPECT_EQ(last_page.hits.size(), 10u);
}

// Opening a database whose full-text tables predate the facet columns (schema version 4)
// rebuilds them and indexes every stored document and task again; task_units gets its
// copies of status and due date (version 6) from the tasks.
TEST_P(StorageTest, MigratingToFacetsIndexesEverythingAgain) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "facets are SQLite's";
  ingest_samples();
  SearchQuery q;
  q.text = "供销";
  q.filter.year = 2024;
  const SearchResults before = storage_->search(q, 1000, 0);
  ASSERT_GT(before.total, 0);
  const std::string unit = *canonical(json::array({"区商务局"})).begin();
  TaskFilter of_unit;
  of_unit.unit = unit;
  const TaskRow done = storage_->tasks(of_unit).at(0);
  storage_->report_progress(done.id, "", TaskStatus::kDone, kCli);
  storage_.reset();
  ASSERT_EQ(raw("DROP TABLE doc_fts; DROP TABLE task_fts;"
                " CREATE VIRTUAL TABLE doc_fts USING fts5(title, body, pinyin, content='',"
                " tokenize='unicode61');"
                " CREATE VIRTUAL TABLE task_fts USING fts5(text, units, pinyin, content='',"
                " tokenize='unicode61');"
                // and before migration 6, task_units' copies of status and due date:
                " DROP INDEX task_units_status; DROP INDEX task_units_due;"
                " ALTER TABLE task_units DROP COLUMN status;"
                " ALTER TABLE task_units DROP COLUMN deadline_date;"
                // and before migration 7, the calendar feeds:
                " DROP TABLE calendar_feeds;"
                " DELETE FROM schema_version WHERE version >= 5;"),
            "");
  storage_ = Storage::open(db_);
  EXPECT_GE(storage_->schema_version(), 5);
  const SearchResults after = storage_->search(q, 1000, 0);
  EXPECT_EQ(after.total, before.total);
  ASSERT_EQ(after.hits.size(), before.hits.size());
  for (std::size_t i = 0; i < after.hits.size(); ++i) {
    EXPECT_EQ(after.hits[i].document_id, before.hits[i].document_id);
    EXPECT_EQ(after.hits[i].task_id, before.hits[i].task_id);
  }
  // The unit's ledger filtered by status and by due window, from task_units' copies.
  of_unit.status = TaskStatus::kDone;
  ASSERT_EQ(storage_->count_tasks(of_unit), 1);
  EXPECT_EQ(storage_->tasks(of_unit).at(0).id, done.id);
  of_unit.status.reset();
  of_unit.due_from = Date{2024, 1, 1};
  of_unit.due_to = Date{2024, 12, 31};
  int due_in_2024 = 0;
  TaskFilter all_of_unit;
  all_of_unit.unit = unit;
  for (const TaskRow& t : storage_->tasks(all_of_unit)) {
    due_in_2024 += t.deadline && t.deadline->date && t.deadline->date->year == 2024;
  }
  EXPECT_GT(due_in_2024, 0);
  EXPECT_EQ(storage_->count_tasks(of_unit), due_in_2024);
  EXPECT_EQ(storage_->check_consistency(), "ok");
}

std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, ::testing::Values("sqlite", "postgresql"),
                         backend_name);

}  // namespace
}  // namespace duban::store
