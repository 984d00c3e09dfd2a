// Nothing is lost when `duban ingest` is killed: a large ingest is killed with SIGKILL part
// way (twice: in the first run and in the re-run), and each time the database is consistent
// and holds whole files only; the next run completes it, ending with what a clean ingest into
// a fresh database stores, and one more run adds nothing. Against SQLite, and against
// PostgreSQL when DUBAN_TEST_PG_URL is set (tools/run-tests starts a server).
//
// The input is written here: documents of the samples with their 文号 rewritten so that each
// is unique (as bench/load/gen_corpus does), many per file, so that the ingest takes seconds.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "adapters/storage/ingest.h"
#include "adapters/storage/storage.h"
#include "bench/load/document_variants.h"
#include "duban/parse.h"
#include "e2e/run_duban.h"
#include "storage/test_postgres.h"

extern char** environ;

namespace duban::e2e {
namespace {

namespace fs = std::filesystem;
using store::DocumentFilter;
using store::DocumentRow;
using store::Storage;

// --- input

using load::slice;
using load::split_lines;

// One input file and what a fresh parse of it finds that ingest stores: 文号 → number of
// tasks of each document whose text (its own lines) was not seen before in the input.
struct InputFile {
  std::string path;
  std::string sha256;
  std::map<std::string, int> documents;
};

struct Input {
  std::vector<InputFile> files;
  int documents = 0;  // stored
  int unchanged = 0;  // the same text as a document before it: stored once
  int tasks = 0;
  int documents_in(int files) const {
    int n = 0;
    for (int f = 0; f < files; ++f) n += static_cast<int>(this->files[f].documents.size());
    return n;
  }
  std::vector<std::string> paths() const {
    std::vector<std::string> out;
    for (const InputFile& f : files) out.push_back(f.path);
    return out;
  }
};

// Writes `count` files of `per_file` documents into `dir`, each document a template with a
// new 文号 (year and serial unique over the whole input) and two to five of its items. (A
// few templates print the 文号 outside the lines the parser gives the document; two such
// documents with the same items have the same text, and ingest stores that text once.)
Input make_input(const fs::path& dir, int count, int per_file) {
  static const std::vector<load::Template> templates =
      load::load_templates(DUBAN_SAMPLES_DIR, /*number_in_head=*/true);
  EXPECT_GE(templates.size(), 5u);
  fs::create_directories(dir);
  std::mt19937 rng(42);
  Input input;
  std::set<std::string> texts;  // content hashes, as ingest computes them
  int n = 0;
  for (int f = 0; f < count; ++f) {
    InputFile file;
    file.path = (dir / ("input-" + std::to_string(f) + ".txt")).string();
    std::string text;
    for (int k = 0; k < per_file; ++k, ++n) {
      const load::Template& t = templates[static_cast<std::size_t>(n) % templates.size()];
      text += load::make_variant(t, 2000 + n % 20, std::to_string(1 + n / 20), rng,
                                 /*date_year=*/false);
    }
    std::ofstream(file.path, std::ios::binary) << text;
    file.sha256 = store::sha256_hex(text);
    const std::vector<std::string> lines = split_lines(text);
    std::set<std::string> numbers;
    for (const Document& d : parse(text, Rules::builtin()).documents) {
      EXPECT_TRUE(d.doc_number) << file.path << ':' << d.lines.start;
      if (!d.doc_number) continue;
      EXPECT_TRUE(numbers.insert(d.doc_number->text).second)
          << "文号 twice in " << file.path << ": " << d.doc_number->text;
      std::string own;  // the document's own lines, joined by '\n'
      for (const std::string& line : slice(lines, d.lines.start, d.lines.end)) {
        own += (own.empty() ? "" : "\n") + line;
      }
      if (!texts.insert(store::sha256_hex(own)).second) {
        ++input.unchanged;
        continue;
      }
      file.documents.emplace(d.doc_number->text, d.tasks.size());
      input.tasks += static_cast<int>(d.tasks.size());
    }
    EXPECT_EQ(static_cast<int>(numbers.size()), per_file) << file.path;
    input.documents += static_cast<int>(file.documents.size());
    input.files.push_back(std::move(file));
  }
  // Every 文号 unique over the input: no document is a duplicate or a version of another.
  std::set<std::string> all;
  for (const InputFile& f : input.files) {
    for (const auto& [number, tasks] : f.documents) {
      EXPECT_TRUE(all.insert(number).second) << "文号 in two files: " << number;
    }
  }
  return input;
}

// --- the child process

struct Child {
  pid_t pid = -1;
};

Child spawn_ingest(const fs::path& dir, const std::string& db,
                   const std::vector<std::string>& files, const std::string& log) {
  std::vector<std::string> args = {DUBAN_BINARY, "ingest", "--db", db};
  args.insert(args.end(), files.begin(), files.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const std::string out = (dir / (log + ".out")).string();
  const std::string err = (dir / (log + ".err")).string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  Child child;
  const int rc = posix_spawn(&child.pid, DUBAN_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(rc, 0) << "posix_spawn " << DUBAN_BINARY;
  if (rc != 0) child.pid = -1;
  return child;
}

int all_documents(Storage& storage) {
  DocumentFilter all;
  all.include_superseded = true;
  return storage.count_documents(all);
}

// Whether an ingest transaction is open right now: SQLite refuses another writer (probed
// with BEGIN IMMEDIATE, no waiting); PostgreSQL shows ingest's advisory lock as held.
class TransactionProbe {
 public:
  explicit TransactionProbe(const std::string& db) {
    if (db.rfind("postgresql://", 0) == 0) {
      pg_ = PQconnectdb(db.c_str());
    } else {
      sqlite3_open_v2(db.c_str(), &sqlite_, SQLITE_OPEN_READWRITE, nullptr);
    }
  }
  ~TransactionProbe() {
    if (pg_ != nullptr) PQfinish(pg_);
    if (sqlite_ != nullptr) sqlite3_close(sqlite_);
  }
  TransactionProbe(const TransactionProbe&) = delete;
  TransactionProbe& operator=(const TransactionProbe&) = delete;

  bool open() {
    if (pg_ != nullptr) {
      PGresult* r = PQexec(pg_,
                           "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                           " AND classid = 0 AND objid = 4242 AND granted");
      const bool held = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
                        std::string(PQgetvalue(r, 0, 0)) != "0";
      PQclear(r);
      return held;
    }
    if (sqlite_ == nullptr) return false;
    if (sqlite3_exec(sqlite_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK) {
      sqlite3_exec(sqlite_, "ROLLBACK", nullptr, nullptr, nullptr);
      return false;
    }
    return true;  // SQLITE_BUSY: the ingest holds the write lock
  }

 private:
  PGconn* pg_ = nullptr;
  sqlite3* sqlite_ = nullptr;
};

enum class Outcome { kKilled, kFinished, kTimedOut };

// Waits until the database holds at least `at_least` documents (and, with `in_transaction`,
// until the probe sees a file's transaction open, while the child runs), then kills the
// child with SIGKILL. kFinished when the child exited first (the input was too small).
Outcome kill_when(Child child, const std::string& db, int at_least,
                  bool* in_transaction = nullptr) {
  // Only an upper bound against hanging; nothing is asserted about how long it takes.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  int status = 0;
  std::unique_ptr<Storage> storage = Storage::open(db);
  std::unique_ptr<TransactionProbe> probe;
  while (true) {
    if (waitpid(child.pid, &status, WNOHANG) == child.pid) return Outcome::kFinished;
    if (std::chrono::steady_clock::now() > give_up) {
      kill(child.pid, SIGKILL);
      waitpid(child.pid, &status, 0);
      return Outcome::kTimedOut;
    }
    if (!probe) {
      if (all_documents(*storage) < at_least) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      if (in_transaction == nullptr) break;
      probe = std::make_unique<TransactionProbe>(db);
    }
    if ((*in_transaction = probe->open())) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(child.pid, SIGKILL);
  waitpid(child.pid, &status, 0);
  // The child may have exited on its own between the check and the kill.
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? Outcome::kKilled : Outcome::kFinished;
}

// "" when equal, else the 文号 whose task counts differ or that only one side has.
std::string differences(const std::map<std::string, int>& stored,
                        const std::map<std::string, int>& parsed) {
  std::string out;
  for (const auto& [number, tasks] : parsed) {
    auto it = stored.find(number);
    if (it == stored.end()) {
      out += number + " missing; ";
    } else if (it->second != tasks) {
      out += number + " has " + std::to_string(it->second) + " tasks, not " +
             std::to_string(tasks) + "; ";
    }
  }
  for (const auto& [number, tasks] : stored) {
    if (!parsed.count(number)) out += number + " not in the file; ";
  }
  return out;
}

// --- the databases

using test::pg_exec;

class IngestKillTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = make_test_dir("duban_ingest_kill_" + GetParam());
    if (GetParam() == "postgresql") {
      pg_url_ = test::pg_test_url();
      if (pg_url_.empty()) GTEST_SKIP() << test::kNoPostgresServer;
    }
  }

  void TearDown() override {
    for (const std::string& schema : schemas_) {
      std::string error =
          pg_exec(pg_url_, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS " + schema +
                               " CASCADE");
      EXPECT_EQ(error, "");
    }
    fs::remove_all(dir_);
  }

  // A fresh, empty database named `name`.
  std::string fresh_db(const std::string& name) {
    if (pg_url_.empty()) {
      const fs::path path = dir_ / (name + ".db");
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
      return path.string();
    }
    const std::string schema =
        "duban_kill_" + std::to_string(::getpid()) + "_" + std::to_string(schemas_.size());
    EXPECT_EQ(pg_exec(pg_url_, "CREATE SCHEMA " + schema), "");
    schemas_.push_back(schema);
    return test::pg_schema_url(pg_url_, schema);
  }

  // What a killed ingest left: consistent, and each file either whole or absent. Returns the
  // number of files stored; they are the first ones, as ingest goes in order.
  int expect_whole_files(const std::string& db, const Input& input) {
    std::unique_ptr<Storage> storage = Storage::open(db);
    EXPECT_EQ(storage->check_consistency(), "ok");
    DocumentFilter all;
    all.include_superseded = true;
    all.limit = 10000;
    std::map<std::string, std::vector<DocumentRow>> by_file;
    for (DocumentRow& d : storage->documents(all)) by_file[d.source_file].push_back(d);
    int stored = 0;
    for (const InputFile& f : input.files) {
      auto it = by_file.find(f.path);
      const std::vector<DocumentRow> rows =
          it == by_file.end() ? std::vector<DocumentRow>() : it->second;
      if (!storage->has_file(f.sha256)) {
        EXPECT_TRUE(rows.empty()) << f.path << ": not recorded, yet " << rows.size()
                                  << " of its documents are stored";
        continue;
      }
      ++stored;
      // All of its documents, each with all its tasks, as a fresh parse finds them.
      std::map<std::string, int> found;
      for (const DocumentRow& d : rows) {
        if (!d.doc_number) {
          ADD_FAILURE() << f.path << ": document " << d.id << " without 文号";
          continue;
        }
        EXPECT_EQ(d.version, 1) << *d.doc_number;
        store::TaskFilter of;
        of.document_id = d.id;
        of.limit = 100000;
        EXPECT_EQ(static_cast<int>(storage->tasks(of).size()), d.task_count) << *d.doc_number;
        found[*d.doc_number] = d.task_count;
      }
      EXPECT_EQ(differences(found, f.documents), "") << f.path << ": stored vs a fresh parse";
    }
    EXPECT_EQ(by_file.size(), static_cast<std::size_t>(stored)) << "documents of unknown files";
    EXPECT_EQ(all_documents(*storage), input.documents_in(stored));
    return stored;
  }

  fs::path dir_;
  std::string pg_url_;
  std::vector<std::string> schemas_;
};

TEST_P(IngestKillTest, AKilledIngestLosesNothingAndTheRerunCompletesIt) {
  // Large enough that the ingest takes seconds; doubled when it finished before the kill.
  int files = 40;
  const int per_file = 40;
  Input input;
  std::string db;
  int at_kill = 0;
  Outcome outcome = Outcome::kFinished;
  for (int attempt = 0; attempt < 3 && outcome == Outcome::kFinished; ++attempt, files *= 2) {
    fs::remove_all(dir_ / "input");
    input = make_input(dir_ / "input", files, per_file);
    if (::testing::Test::HasFailure()) return;
    db = fresh_db("killed");
    // Killed once a third of the documents are stored.
    Child child = spawn_ingest(dir_, db, input.paths(), "first");
    ASSERT_GT(child.pid, 0);
    outcome = kill_when(child, db, input.documents / 3);
    ASSERT_NE(outcome, Outcome::kTimedOut)
        << "no progress in 10 minutes: " << slurp(dir_ / "first.err");
  }
  ASSERT_EQ(outcome, Outcome::kKilled) << "the ingest finished each time before it was killed";
  {
    std::unique_ptr<Storage> storage = Storage::open(db);
    at_kill = all_documents(*storage);
  }
  // Killed in the middle: some documents stored, not all.
  ASSERT_GT(at_kill, 0);
  ASSERT_LT(at_kill, input.documents) << "the kill came after the ingest had finished";
  const int files_at_kill = expect_whole_files(db, input);
  EXPECT_EQ(at_kill, input.documents_in(files_at_kill));
  std::cout << "[          ] first kill: " << at_kill << " of " << input.documents << " documents, "
            << files_at_kill << " of " << input.files.size() << " files\n";

  // The re-run is killed too, once two thirds are stored.
  Child rerun = spawn_ingest(dir_, db, input.paths(), "rerun");
  ASSERT_GT(rerun.pid, 0);
  bool in_transaction = false;
  const Outcome second = kill_when(rerun, db, 2 * input.documents / 3, &in_transaction);
  ASSERT_NE(second, Outcome::kTimedOut) << slurp(dir_ / "rerun.err");
  const int files_at_second = expect_whole_files(db, input);
  std::cout << "[          ] second kill: " << (second == Outcome::kKilled ? "" : "(too late) ")
            << (in_transaction ? "with a file's transaction open, " : "")
            << input.documents_in(files_at_second) << " documents, " << files_at_second
            << " files\n";

  // The next run completes it: it adds exactly what was missing.
  std::vector<std::string> args = {"ingest", "--db", db};
  const std::vector<std::string> paths = input.paths();
  args.insert(args.end(), paths.begin(), paths.end());
  e2e::Run complete = run_duban(dir_, args);
  EXPECT_EQ(complete.code, 0) << complete.err;
  const int missing = input.documents - input.documents_in(files_at_second);
  EXPECT_NE(complete.out.find("文件 " + std::to_string(input.files.size()) + "，新增文档 " +
                              std::to_string(missing) + "，未变 "),
            std::string::npos)
      << complete.out;
  if (files_at_second > 0) {
    EXPECT_NE(complete.out.find("其中 " + std::to_string(files_at_second) + " 个文件此前已入库"),
              std::string::npos)
        << complete.out;
  }
  EXPECT_EQ(expect_whole_files(db, input), static_cast<int>(input.files.size()));

  // The same as a clean ingest into a fresh database, and as the fresh parse.
  const std::string clean_db = fresh_db("clean");
  args[2] = clean_db;
  e2e::Run clean = run_duban(dir_, args);
  ASSERT_EQ(clean.code, 0) << clean.err;
  EXPECT_NE(clean.out.find("新增文档 " + std::to_string(input.documents) + "，未变 " +
                           std::to_string(input.unchanged) + "，新版本 0，任务 " +
                           std::to_string(input.tasks) + "，"),
            std::string::npos)
      << clean.out;
  {
    std::unique_ptr<Storage> killed = Storage::open(db);
    std::unique_ptr<Storage> fresh = Storage::open(clean_db);
    EXPECT_EQ(all_documents(*killed), all_documents(*fresh));
    EXPECT_EQ(all_documents(*killed), input.documents);
    EXPECT_EQ(killed->count_tasks({}), fresh->count_tasks({}));
    EXPECT_EQ(killed->count_tasks({}), input.tasks);
  }

  // And once more: nothing to add.
  args[2] = db;
  e2e::Run again = run_duban(dir_, args);
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("新增文档 0，未变 0，新版本 0，任务 0，"), std::string::npos)
      << again.out;
  EXPECT_NE(again.out.find("其中 " + std::to_string(input.files.size()) + " 个文件此前已入库"),
            std::string::npos)
      << again.out;
  std::unique_ptr<Storage> storage = Storage::open(db);
  EXPECT_EQ(all_documents(*storage), input.documents);
  EXPECT_EQ(storage->check_consistency(), "ok");
}

INSTANTIATE_TEST_SUITE_P(Backends, IngestKillTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duban::e2e
