// adapters/storage/storage.h: where ingested documents, the task ledger, follow-up, users,
// sessions and the audit log are kept.
//
// One interface, two implementations chosen by the --db argument:
//   Storage::open("duban.db")                      // SQLite file (WAL, foreign keys)
//   Storage::open("postgresql://u@127.0.0.1:5433/duban")  // PostgreSQL (libpq)
// Both run the same migrations (schema version in table schema_version) and pass the same
// test suite (tests/storage/).
//
// Rules every implementation keeps:
//  - ingest() is one transaction: a file's documents and tasks are all stored or none is.
//  - Every change made for a user (status, progress, accounts, settings) writes its audit
//    entry in the same transaction. The audit table is append-only (the database refuses
//    UPDATE and DELETE on it).
//  - Errors are thrown as StorageError with a message in Chinese fit for the user.
//  - An instance is used by one thread at a time; the HTTP server opens one per worker.
#ifndef DUBAN_ADAPTERS_STORAGE_STORAGE_H_
#define DUBAN_ADAPTERS_STORAGE_STORAGE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "duban/document.h"

namespace duban::store {

class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! Follow-up status of a task. 逾期 is never stored: a task whose due date has passed on the
//! working-day calendar while it is 未开始 or 推进中 is reported as 逾期 (see followup/).
enum class TaskStatus { kNotStarted, kInProgress, kDone, kNotApplicable };
//! "未开始", "推进中", "已完成", "不适用".
const char* status_name(TaskStatus status);
//! Inverse of status_name(); also accepts "not_started", "in_progress", "done", "n/a".
std::optional<TaskStatus> parse_status(std::string_view name);

enum class Role { kAdmin, kUnit, kViewer };
const char* role_name(Role role);  // "admin", "unit", "viewer"
std::optional<Role> parse_role(std::string_view name);

//! Who makes a change, for the audit log.
struct Actor {
  std::optional<std::int64_t> user_id;  // none for the command line run by the operator
  std::string name;                     // user name, or "cli"
  std::string address;                  // client IP, or "" for the command line
};

//! One input file given to ingest().
struct SourceFile {
  std::string name;    // path as given
  std::string sha256;  // hex digest of the file's bytes
  std::int64_t bytes = 0;
};

//! A parsed document ready to store.
struct NewDocument {
  Document document;
  std::string text;          // the document's own source text (its lines, joined by '\n')
  std::string content_hash;  // sha256 hex of `text`: the same document twice is stored once
  std::string json;          // the document as in `duban parse --json` (one "documents" item)
};

struct IngestResult {
  bool file_already_ingested = false;
  int documents_added = 0;
  int documents_unchanged = 0;  // content already stored (from this or another file)
  int new_versions = 0;         // added documents that replace an earlier version
  int tasks_added = 0;
  std::vector<std::int64_t> document_ids;  // of added documents
};

struct DocumentRow {
  std::int64_t id = 0;
  std::optional<std::string> doc_number;  // normalized DocNumber::text
  std::optional<std::string> issuer;
  std::optional<std::string> title;
  std::optional<std::string> kind;
  std::optional<Date> date;
  std::optional<int> year;  // from the date, else from the 文号
  bool is_public = false;
  std::string source_file;
  LineRange lines;
  std::string content_hash;
  int version = 1;                               // 1 for the first version
  std::optional<std::int64_t> previous_version;  // the version this one replaces
  std::optional<std::int64_t> superseded_by;     // the newer version, if any
  int task_count = 0;
  std::string ingested_at;  // UTC, "2026-11-23T14:05:00Z"
  // Filled by document(id) only, empty in lists:
  std::string text;
  std::string json;
};

struct TaskRow {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::string key;  // Task::id, stable within its document
  int seq = 0;      // 1-based order within the document
  std::vector<std::string> path;
  std::string text;
  std::vector<std::string> lead_units;
  std::vector<std::string> units;
  std::vector<std::string> units_as_printed;
  std::optional<Deadline> deadline;
  std::string targets_json;  // JSON array of the task's targets, as in parse output
  LineRange lines;           // where the task is in its source file
  TaskStatus status = TaskStatus::kNotStarted;
  std::string status_updated_at;  // "" when never changed
  // From the document, for ledger rows:
  std::optional<std::string> doc_number;
  std::optional<std::string> doc_title;
};

struct ProgressRow {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  std::string author;
  std::string text;
  std::optional<TaskStatus> status;  // the status set with this report, if any
  std::string created_at;
};

struct UserRow {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::kViewer;
  std::optional<std::string> unit;  // canonical unit name, for Role::kUnit
  std::string password_hash;        // libsodium crypto_pwhash_str (argon2id)
  std::string created_at;
};

struct SessionRow {
  std::string token_hash;  // hash of the cookie value; the cookie itself is never stored
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;
};

struct AuditRow {
  std::int64_t id = 0;
  std::string at;
  std::string actor;
  std::string address;
  std::string action;       // "task.status", "task.progress", "user.add", "login", …
  std::string object_type;  // "task", "user", "setting", "session"
  std::string object_id;
  std::string detail;  // JSON object
};

struct CitationRow {
  std::int64_t from_document = 0;
  std::optional<std::int64_t> to_document;  // when the cited document is stored
  std::optional<std::string> title;
  std::optional<std::string> doc_number;
};

//! Filters shared by document lists and search; unset means any.
struct DocumentFilter {
  std::optional<std::string> issuer;
  std::optional<int> year;
  std::optional<std::string> kind;
  std::optional<std::string> unit;  // documents with a task of this canonical unit
  bool include_superseded = false;
  int limit = 50;
  int offset = 0;
};

struct TaskFilter {
  std::optional<std::string> unit;  // canonical; matches lead and responsible units
  std::optional<TaskStatus> status;
  std::optional<Date> due_from;  // inclusive
  std::optional<Date> due_to;    // inclusive
  std::optional<std::int64_t> document_id;
  //! Only tasks after this id, in the ledger's order: reading a whole ledger page by page
  //! from the last id seen instead of an offset, which the database would count off each time.
  std::optional<std::int64_t> after_id;
  int limit = 200;
  int offset = 0;
};

struct SearchQuery {
  std::string text;  // words, a phrase, a 文号 in any bracket style, or pinyin
  DocumentFilter filter;
  std::optional<TaskStatus> task_status;
  std::optional<Date> due_from;
  std::optional<Date> due_to;
  bool documents = true;
  bool tasks = true;
};

struct SearchHit {
  std::string kind;  // "document" | "task"
  std::int64_t document_id = 0;
  std::optional<std::int64_t> task_id;
  std::optional<std::string> doc_number;
  std::optional<std::string> title;
  std::string snippet;  // plain text with the matched words wrapped in <mark>…</mark>, escaped
  double score = 0;     // higher is better
};

struct SearchResults {
  std::vector<SearchHit> hits;
  int total = 0;               // hits before limit/offset (see total_exact)
  bool total_exact = true;     // false: `total` is a lower bound; SQLite counts the matches it
                               // ranks (the newest 1,000, or as many as limit + offset)
  std::string interpreted_as;  // e.g. "文号 临兰政发〔2021〕3号", "拼音 yingshang huanjing"
};

class Storage {
 public:
  //! A SQLite file path or a postgresql:// URL. Creates or migrates the schema.
  static std::unique_ptr<Storage> open(const std::string& db);
  virtual ~Storage() = default;

  virtual int schema_version() = 0;

  // --- ingest
  virtual IngestResult ingest(const SourceFile& file, const std::vector<NewDocument>& documents,
                              const Actor& actor) = 0;
  //! Whether a file with these bytes (SourceFile::sha256) was ingested: lets ingest skip
  //! parsing it again.
  virtual bool has_file(const std::string& sha256) = 0;

  // --- documents
  virtual std::optional<DocumentRow> document(std::int64_t id) = 0;
  virtual std::vector<DocumentRow> documents(const DocumentFilter& filter) = 0;
  virtual int count_documents(const DocumentFilter& filter) = 0;
  //! By normalized 文号 (DocNumber::text); the latest version.
  virtual std::optional<DocumentRow> document_by_number(const std::string& doc_number) = 0;
  //! Citations from and to a document; all citations when document_id is unset.
  virtual std::vector<CitationRow> citations(std::optional<std::int64_t> document_id) = 0;

  // --- search
  virtual SearchResults search(const SearchQuery& query, int limit, int offset) = 0;

  // --- ledger and follow-up
  virtual std::vector<TaskRow> tasks(const TaskFilter& filter) = 0;
  virtual int count_tasks(const TaskFilter& filter) = 0;
  virtual std::optional<TaskRow> task(std::int64_t id) = 0;
  //! Records a progress report and/or a status change, with its audit entry, atomically.
  virtual ProgressRow report_progress(std::int64_t task_id, const std::string& text,
                                      std::optional<TaskStatus> status, const Actor& actor) = 0;
  virtual std::vector<ProgressRow> progress(std::int64_t task_id) = 0;
  //! The reports on any of `task_ids`, by task and then in order (one query per 500 tasks,
  //! for rates and notices over many tasks).
  virtual std::vector<ProgressRow> progress_of(const std::vector<std::int64_t>& task_ids) = 0;
  //! Canonical units with their task counts.
  virtual std::vector<std::pair<std::string, int>> units() = 0;

  // --- users, sessions, login throttling
  virtual UserRow add_user(const std::string& name, Role role,
                           const std::optional<std::string>& unit, const std::string& password_hash,
                           const Actor& actor) = 0;
  virtual std::optional<UserRow> user_by_name(const std::string& name) = 0;
  virtual std::optional<UserRow> user(std::int64_t id) = 0;
  virtual int count_users() = 0;
  virtual void add_session(const SessionRow& session) = 0;
  virtual std::optional<SessionRow> session(const std::string& token_hash) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  //! Failed logins for `key` (name or address) since `since` (UTC ISO).
  virtual int failed_logins(const std::string& key, const std::string& since) = 0;
  virtual void record_login(const std::string& key, bool ok) = 0;

  // --- settings ("anonymous_read": "1"/"0")
  virtual std::optional<std::string> setting(const std::string& name) = 0;
  virtual void set_setting(const std::string& name, const std::string& value,
                           const Actor& actor) = 0;

  // --- audit (append-only)
  virtual void audit(const Actor& actor, const std::string& action, const std::string& object_type,
                     const std::string& object_id, const std::string& detail_json) = 0;
  virtual std::vector<AuditRow> audit_log(int limit, int offset) = 0;

  //! For the tests' consistency checks: "ok" or what is wrong (SQLite integrity_check,
  //! documents whose stored task count differs from their tasks, dangling rows).
  virtual std::string check_consistency() = 0;
};

}  // namespace duban::store

#endif  // DUBAN_ADAPTERS_STORAGE_STORAGE_H_
