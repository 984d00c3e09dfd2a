// Storage over a Db (SQLite or PostgreSQL); see storage.h. The SQL is written once, in the
// subset both databases understand (RETURNING, ON CONFLICT, ? placeholders); the few places
// that differ (full-text search, the ingest lock) ask db_->dialect().
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "adapters/export/json_export.h"
#include "adapters/storage/db.h"
#include "adapters/storage/schema.h"
#include "adapters/storage/search_index.h"
#include "adapters/storage/sql_filters.h"
#include "adapters/storage/storage.h"

namespace duban::store {

const char* status_name(TaskStatus status) {
  switch (status) {
    case TaskStatus::kNotStarted:
      return "未开始";
    case TaskStatus::kInProgress:
      return "推进中";
    case TaskStatus::kDone:
      return "已完成";
    case TaskStatus::kNotApplicable:
      return "不适用";
  }
  return "未开始";
}

std::optional<TaskStatus> parse_status(std::string_view name) {
  for (TaskStatus s : {TaskStatus::kNotStarted, TaskStatus::kInProgress, TaskStatus::kDone,
                       TaskStatus::kNotApplicable}) {
    if (name == status_name(s) || name == status_code(s)) return s;
  }
  return std::nullopt;
}

const char* role_name(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kUnit:
      return "unit";
    case Role::kViewer:
      return "viewer";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : {Role::kAdmin, Role::kUnit, Role::kViewer}) {
    if (name == role_name(r)) return r;
  }
  return std::nullopt;
}

namespace {

using nlohmann::json;

std::string now_utc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Value opt(const std::optional<std::string>& s) { return s ? Value(*s) : Value(std::monostate{}); }
Value opt(const std::optional<std::int64_t>& n) { return n ? Value(*n) : Value(std::monostate{}); }
Value opt_int(const std::optional<int>& n) {
  return n ? Value(std::int64_t{*n}) : Value(std::monostate{});
}
Value opt_date(const std::optional<Date>& d) {
  return d ? Value(d->iso()) : Value(std::monostate{});
}

std::int64_t to_i64(const std::optional<std::string>& s) { return s ? std::stoll(*s) : 0; }
std::optional<std::int64_t> to_opt_i64(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::stoll(*s);
}
std::string str(const std::optional<std::string>& s) { return s ? *s : std::string(); }

std::optional<Date> parse_date(const std::optional<std::string>& s) {
  int y = 0, m = 0, d = 0;
  if (!s || std::sscanf(s->c_str(), "%d-%d-%d", &y, &m, &d) != 3) return std::nullopt;
  return Date{y, m, d};
}

std::string json_list(const std::vector<std::string>& items) { return json(items).dump(); }
std::vector<std::string> parse_list(const std::optional<std::string>& s) {
  if (!s || s->empty()) return {};
  return json::parse(*s).get<std::vector<std::string>>();
}

// The key under which versions of one document are recognized: its 文号, or, without one,
// issuer and title.
std::optional<std::string> version_key(const Document& d) {
  if (d.doc_number && !d.doc_number->text.empty()) return "n:" + d.doc_number->text;
  if (d.title && !d.title->empty()) return "t:" + d.issuer.value_or("") + "\x1f" + *d.title;
  return std::nullopt;
}

std::optional<int> document_year(const Document& d) {
  if (d.date) return d.date->year;
  if (d.doc_number && d.doc_number->year > 0) return d.doc_number->year;
  return std::nullopt;
}

const char* const kDocumentColumns =
    "d.id, d.doc_number, d.issuer, d.title, d.kind, d.date, d.year, d.is_public, d.source_file, "
    "d.line_start, d.line_end, d.content_hash, d.version, d.previous_version, d.superseded_by, "
    "d.task_count, d.ingested_at";

DocumentRow read_document(const Row& r) {
  DocumentRow d;
  d.id = to_i64(r[0]);
  d.doc_number = r[1];
  d.issuer = r[2];
  d.title = r[3];
  d.kind = r[4];
  d.date = parse_date(r[5]);
  if (r[6]) d.year = std::stoi(*r[6]);
  d.is_public = to_i64(r[7]) != 0;
  d.source_file = str(r[8]);
  d.lines = LineRange{static_cast<int>(to_i64(r[9])), static_cast<int>(to_i64(r[10]))};
  d.content_hash = str(r[11]);
  d.version = static_cast<int>(to_i64(r[12]));
  d.previous_version = to_opt_i64(r[13]);
  d.superseded_by = to_opt_i64(r[14]);
  d.task_count = static_cast<int>(to_i64(r[15]));
  d.ingested_at = str(r[16]);
  return d;
}

const char* const kTaskColumns =
    "t.id, t.document_id, t.key, t.seq, t.path, t.text, t.lead_units, t.units, "
    "t.units_as_printed, t.deadline_text, t.deadline_kind, t.deadline_date, t.targets_json, "
    "t.status, t.status_updated_at, d.doc_number, d.title, t.line_start, t.line_end";

TaskRow read_task(const Row& r) {
  TaskRow t;
  t.id = to_i64(r[0]);
  t.document_id = to_i64(r[1]);
  t.key = str(r[2]);
  t.seq = static_cast<int>(to_i64(r[3]));
  t.path = parse_list(r[4]);
  t.text = str(r[5]);
  t.lead_units = parse_list(r[6]);
  t.units = parse_list(r[7]);
  t.units_as_printed = parse_list(r[8]);
  if (r[9] || r[10] || r[11]) {
    t.deadline = Deadline{str(r[9]), parse_date(r[11]), str(r[10])};
  }
  t.targets_json = r[12] ? *r[12] : "[]";
  t.status = parse_status(str(r[13])).value_or(TaskStatus::kNotStarted);
  t.status_updated_at = str(r[14]);
  t.doc_number = r[15];
  t.doc_title = r[16];
  t.lines = {static_cast<int>(to_i64(r[17])), static_cast<int>(to_i64(r[18]))};
  return t;
}

const char* const kUserColumns = "id, name, role, unit, password_hash, created_at";

UserRow read_user(const Row& r) {
  UserRow u;
  u.id = to_i64(r[0]);
  u.name = str(r[1]);
  u.role = parse_role(str(r[2])).value_or(Role::kViewer);
  u.unit = r[3];
  u.password_hash = str(r[4]);
  u.created_at = str(r[5]);
  return u;
}

// The ledger's FROM and WHERE over tasks `t`. A unit's current tasks are read from the index
// task_units(unit, is_current, task_id) in task order, so a page ends the scan early;
// `join` is how to join in that order ("CROSS JOIN" makes SQLite keep it).
struct TaskQuery {
  std::string from;
  std::string where;
  std::string order;  // column giving the ledger order
  std::vector<Value> params;
};

TaskQuery task_query(const TaskFilter& f, const char* join) {
  TaskQuery q;
  if (f.document_id) {
    q.from = " FROM tasks t";
    q.where = " WHERE t.document_id = ?";
    q.params.emplace_back(*f.document_id);
    task_where(f.unit, f.status, f.due_from, f.due_to, q.where, q.params);
  } else if (f.unit) {
    // The ledger follows the current version of each document.
    q.from = std::string(" FROM task_units tu") + join + "tasks t ON t.id = tu.task_id";
    q.where = " WHERE tu.unit = ? AND tu.is_current = 1";
    q.params.emplace_back(*f.unit);
    // On task_units' own copies of status and due date, so its indexes answer the filter.
    task_where(std::nullopt, f.status, f.due_from, f.due_to, q.where, q.params, "tu");
  } else {
    q.from = " FROM tasks t";
    q.where = " WHERE t.is_current = 1";
    task_where(std::nullopt, f.status, f.due_from, f.due_to, q.where, q.params);
  }
  // Task ids follow (document, seq): a document's tasks are inserted together, in order, and
  // ingests are serialized.
  q.order = f.unit && !f.document_id ? "tu.task_id" : "t.id";
  if (f.after_id) {
    q.where += " AND " + q.order + " > ?";
    q.params.emplace_back(*f.after_id);
  }
  return q;
}

std::int64_t clamp_limit(int n, int max) { return std::clamp<std::int64_t>(n, 0, max); }

// A row laid out as (id, task_id, author, text, status, created_at).
ProgressRow progress_row(const Row& r) {
  ProgressRow p;
  p.id = to_i64(r[0]);
  p.task_id = to_i64(r[1]);
  p.author = str(r[2]);
  p.text = str(r[3]);
  if (r[4]) p.status = parse_status(*r[4]);
  p.created_at = str(r[5]);
  return p;
}

class SqlStorage : public Storage {
 public:
  explicit SqlStorage(std::unique_ptr<Db> db) : db_(std::move(db)) { migrate(); }

  // SQLite's CROSS JOIN keeps the tables in the order written; PostgreSQL plans joins itself
  // (and has no CROSS JOIN … ON).
  const char* join_in_order() const {
    return db_->dialect() == Dialect::kSqlite ? " CROSS JOIN " : " JOIN ";
  }

  int schema_version() override {
    auto rows = db_->query("SELECT max(version) FROM schema_version", {});
    return rows.empty() || !rows[0][0] ? 0 : static_cast<int>(to_i64(rows[0][0]));
  }

  // --- ingest

  IngestResult ingest(const SourceFile& file, const std::vector<NewDocument>& documents,
                      const Actor& actor) override {
    IngestResult result;
    Transaction tx(*db_);
    if (db_->dialect() == Dialect::kPostgres) {
      // One ingest at a time, so that two cannot both make version N+1 of a document.
      db_->query("SELECT pg_advisory_xact_lock(4242)", {});
    }
    if (!db_->query("SELECT id FROM files WHERE sha256 = ?", {file.sha256}).empty()) {
      result.file_already_ingested = true;
      return result;  // rolls back: nothing was written
    }
    const std::string now = now_utc();
    const std::int64_t file_id =
        to_i64(db_->query("INSERT INTO files (name, sha256, bytes, documents, ingested_at) "
                          "VALUES (?, ?, ?, ?, ?) RETURNING id",
                          {file.name, file.sha256, std::int64_t{file.bytes},
                           std::int64_t(documents.size()), now})[0][0]);
    for (const NewDocument& nd : documents) {
      if (!db_->query("SELECT id FROM documents WHERE content_hash = ?", {nd.content_hash})
               .empty()) {
        ++result.documents_unchanged;
        continue;
      }
      std::int64_t id = insert_document(file_id, file.name, nd, now, result);
      result.document_ids.push_back(id);
      ++result.documents_added;
      result.tasks_added += static_cast<int>(nd.document.tasks.size());
    }
    json detail = {{"file", file.name},
                   {"sha256", file.sha256},
                   {"documents_added", result.documents_added},
                   {"documents_unchanged", result.documents_unchanged},
                   {"new_versions", result.new_versions},
                   {"tasks_added", result.tasks_added}};
    write_audit(actor, "ingest", "file", std::to_string(file_id), detail.dump(), now);
    tx.commit();
    return result;
  }

  bool has_file(const std::string& sha256) override {
    return !db_->query("SELECT 1 FROM files WHERE sha256 = ?", {sha256}).empty();
  }

  // --- documents

  std::optional<DocumentRow> document(std::int64_t id) override {
    auto rows = db_->query(std::string("SELECT ") + kDocumentColumns +
                               ", d.text, d.json FROM documents d WHERE d.id = ?",
                           {id});
    if (rows.empty()) return std::nullopt;
    DocumentRow d = read_document(rows[0]);
    d.text = str(rows[0][17]);
    d.json = str(rows[0][18]);
    return d;
  }

  std::vector<DocumentRow> documents(const DocumentFilter& filter) override {
    std::string sql = std::string("SELECT ") + kDocumentColumns + " FROM documents d WHERE 1=1";
    std::vector<Value> params;
    document_where(filter, /*with_unit=*/true, sql, params);
    sql += " ORDER BY d.date DESC, d.id DESC LIMIT ? OFFSET ?";
    params.emplace_back(clamp_limit(filter.limit, 10000));
    params.emplace_back(std::int64_t{std::max(filter.offset, 0)});
    std::vector<DocumentRow> out;
    for (const Row& r : db_->query(sql, params)) out.push_back(read_document(r));
    return out;
  }

  int count_documents(const DocumentFilter& filter) override {
    std::string sql = "SELECT count(*) FROM documents d WHERE 1=1";
    std::vector<Value> params;
    document_where(filter, /*with_unit=*/true, sql, params);
    return static_cast<int>(to_i64(db_->query(sql, params)[0][0]));
  }

  std::optional<DocumentRow> document_by_number(const std::string& doc_number) override {
    auto rows = db_->query(std::string("SELECT ") + kDocumentColumns +
                               " FROM documents d WHERE d.doc_number = ?"
                               " ORDER BY d.version DESC, d.id DESC LIMIT 1",
                           {doc_number});
    if (rows.empty()) return std::nullopt;
    return read_document(rows[0]);
  }

  std::vector<CitationRow> citations(std::optional<std::int64_t> document_id) override {
    // The cited document is resolved when asked, so a citation finds documents ingested
    // after the one that cites them.
    std::string sql =
        "SELECT x.document_id, x.to_document, x.title, x.doc_number FROM ("
        " SELECT c.id, c.document_id, c.title, c.doc_number, ("
        "  SELECT t.id FROM documents t WHERE t.superseded_by IS NULL AND t.id <> c.document_id"
        "  AND ((c.doc_number IS NOT NULL AND t.doc_number = c.doc_number)"
        "   OR (c.doc_number IS NULL AND c.title IS NOT NULL AND t.title = c.title))"
        "  ORDER BY t.id DESC LIMIT 1) AS to_document"
        " FROM citations c JOIN documents d ON d.id = c.document_id"
        " WHERE d.superseded_by IS NULL) x";
    std::vector<Value> params;
    if (document_id) {
      sql += " WHERE x.document_id = ? OR x.to_document = ?";
      params = {*document_id, *document_id};
    }
    sql += " ORDER BY x.document_id, x.id";
    std::vector<CitationRow> out;
    for (const Row& r : db_->query(sql, params)) {
      out.push_back(CitationRow{to_i64(r[0]), to_opt_i64(r[1]), r[2], r[3]});
    }
    return out;
  }

  // --- search

  SearchResults search(const SearchQuery& query, int limit, int offset) override {
    return search_index_.search(*db_, query, limit, offset);
  }

  // --- ledger and follow-up

  std::vector<TaskRow> tasks(const TaskFilter& filter) override {
    const char* join = join_in_order();
    TaskQuery q = task_query(filter, join);
    std::string sql;
    if (filter.unit && !filter.document_id) {
      // Every condition is on task_units (its index): take the page there, then join only
      // the page. Joining first read a task and a document row for every match before
      // sorting (a unit's tasks due in a year: 4,800 matches, 120 ms).
      sql = std::string("SELECT ") + kTaskColumns + " FROM (SELECT tu.task_id FROM task_units tu" +
            q.where + " ORDER BY tu.task_id LIMIT ? OFFSET ?) p" + join +
            "tasks t ON t.id = p.task_id" + join +
            "documents d ON d.id = t.document_id ORDER BY p.task_id";
    } else {
      sql = std::string("SELECT ") + kTaskColumns + q.from + join +
            "documents d ON d.id = t.document_id" + q.where + " ORDER BY " + q.order +
            " LIMIT ? OFFSET ?";
    }
    q.params.emplace_back(clamp_limit(filter.limit, 100000));
    q.params.emplace_back(std::int64_t{std::max(filter.offset, 0)});
    std::vector<TaskRow> out;
    for (const Row& r : db_->query(sql, q.params)) out.push_back(read_task(r));
    return out;
  }

  int count_tasks(const TaskFilter& filter) override {
    TaskQuery q = task_query(filter, join_in_order());
    if (filter.unit && !filter.document_id) {
      q.from = " FROM task_units tu";  // an index alone counts a unit's tasks
    }
    return static_cast<int>(
        to_i64(db_->query("SELECT count(*)" + q.from + q.where, q.params)[0][0]));
  }

  std::optional<TaskRow> task(std::int64_t id) override {
    auto rows = db_->query(std::string("SELECT ") + kTaskColumns +
                               " FROM tasks t JOIN documents d ON d.id = t.document_id"
                               " WHERE t.id = ?",
                           {id});
    if (rows.empty()) return std::nullopt;
    return read_task(rows[0]);
  }

  ProgressRow report_progress(std::int64_t task_id, const std::string& text,
                              std::optional<TaskStatus> status, const Actor& actor) override {
    if (text.empty() && !status) throw StorageError("进展内容和状态不能都为空");
    Transaction tx(*db_);
    auto old = db_->query("SELECT status FROM tasks WHERE id = ?", {task_id});
    if (old.empty()) throw StorageError("任务不存在：" + std::to_string(task_id));
    const std::string now = now_utc();
    ProgressRow p;
    p.task_id = task_id;
    p.author = actor.name;
    p.text = text;
    p.status = status;
    p.created_at = now;
    p.id = to_i64(db_->query(
        "INSERT INTO progress (task_id, user_id, author, text, status, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        {task_id, opt(actor.user_id), actor.name, text,
         status ? Value(std::string(status_code(*status))) : Value(std::monostate{}), now})[0][0]);
    json detail = {{"progress_id", p.id}};
    if (!text.empty()) detail["text"] = text;
    if (status) {
      db_->query("UPDATE tasks SET status = ?, status_updated_at = ? WHERE id = ?",
                 {std::string(status_code(*status)), now, task_id});
      db_->query("UPDATE task_units SET status = ? WHERE task_id = ?",
                 {std::string(status_code(*status)), task_id});
      detail["status"] = status_name(*status);
      const auto before = parse_status(str(old[0][0]));
      detail["previous_status"] = status_name(before.value_or(TaskStatus::kNotStarted));
    }
    write_audit(actor, text.empty() ? "task.status" : "task.progress", "task",
                std::to_string(task_id), detail.dump(), now);
    tx.commit();
    return p;
  }

  std::vector<ProgressRow> progress(std::int64_t task_id) override {
    std::vector<ProgressRow> out;
    for (const Row& r : db_->query("SELECT id, task_id, author, text, status, created_at"
                                   " FROM progress WHERE task_id = ? ORDER BY id",
                                   {task_id})) {
      out.push_back(progress_row(r));
    }
    return out;
  }

  std::vector<ProgressRow> progress_of(const std::vector<std::int64_t>& task_ids) override {
    constexpr std::size_t kChunk = 500;  // well under both databases' parameter limits
    std::vector<std::int64_t> ids = task_ids;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<ProgressRow> out;
    for (std::size_t at = 0; at < ids.size(); at += kChunk) {
      const std::size_t n = std::min(kChunk, ids.size() - at);
      std::string sql =
          "SELECT id, task_id, author, text, status, created_at FROM progress WHERE task_id IN (";
      std::vector<Value> params;
      for (std::size_t i = 0; i < n; ++i) {
        sql += i ? ", ?" : "?";
        params.emplace_back(ids[at + i]);
      }
      sql += ") ORDER BY task_id, id";
      for (const Row& r : db_->query(sql, params)) out.push_back(progress_row(r));
    }
    return out;
  }

  std::vector<std::pair<std::string, int>> units() override {
    std::vector<std::pair<std::string, int>> out;
    for (const Row& r :
         db_->query("SELECT tu.unit, count(*) AS n FROM task_units tu WHERE tu.is_current = 1"
                    " GROUP BY tu.unit ORDER BY n DESC, tu.unit",
                    {})) {
      out.emplace_back(str(r[0]), static_cast<int>(to_i64(r[1])));
    }
    return out;
  }

  // --- users, sessions, login throttling

  UserRow add_user(const std::string& name, Role role, const std::optional<std::string>& unit,
                   const std::string& password_hash, const Actor& actor) override {
    if (name.empty()) throw StorageError("用户名不能为空");
    if (role == Role::kUnit && (!unit || unit->empty())) {
      throw StorageError("单位用户必须指定所属单位");
    }
    Transaction tx(*db_);
    if (user_by_name(name)) throw StorageError("用户名已存在：" + name);
    UserRow u;
    u.name = name;
    u.role = role;
    u.unit = role == Role::kUnit ? unit : std::nullopt;
    u.password_hash = password_hash;
    u.created_at = now_utc();
    u.id = to_i64(db_->query(
        "INSERT INTO users (name, role, unit, password_hash, created_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id",
        {name, std::string(role_name(role)), opt(u.unit), password_hash, u.created_at})[0][0]);
    json detail = {{"name", name}, {"role", role_name(role)}};
    if (u.unit) detail["unit"] = *u.unit;
    write_audit(actor, "user.add", "user", std::to_string(u.id), detail.dump(), u.created_at);
    tx.commit();
    return u;
  }

  std::optional<UserRow> user_by_name(const std::string& name) override {
    auto rows =
        db_->query(std::string("SELECT ") + kUserColumns + " FROM users WHERE name = ?", {name});
    if (rows.empty()) return std::nullopt;
    return read_user(rows[0]);
  }

  std::optional<UserRow> user(std::int64_t id) override {
    auto rows =
        db_->query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return read_user(rows[0]);
  }

  int count_users() override {
    return static_cast<int>(to_i64(db_->query("SELECT count(*) FROM users", {})[0][0]));
  }

  void add_session(const SessionRow& s) override {
    db_->query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?)",
        {s.token_hash, s.user_id, s.csrf_token, s.created_at.empty() ? now_utc() : s.created_at,
         s.expires_at});
  }

  std::optional<SessionRow> session(const std::string& token_hash) override {
    // An expired session is no session.
    auto rows = db_->query(
        "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions"
        " WHERE token_hash = ? AND expires_at > ?",
        {token_hash, now_utc()});
    if (rows.empty()) return std::nullopt;
    return SessionRow{str(rows[0][0]), to_i64(rows[0][1]), str(rows[0][2]), str(rows[0][3]),
                      str(rows[0][4])};
  }

  void delete_session(const std::string& token_hash) override {
    db_->query("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
  }

  int failed_logins(const std::string& key, const std::string& since) override {
    return static_cast<int>(
        to_i64(db_->query("SELECT count(*) FROM login_attempts WHERE key = ? AND ok = 0"
                          " AND at >= ?",
                          {key, since})[0][0]));
  }

  void record_login(const std::string& key, bool ok) override {
    db_->query("INSERT INTO login_attempts (key, ok, at) VALUES (?, ?, ?)",
               {key, std::int64_t{ok ? 1 : 0}, now_utc()});
  }

  // --- calendar feeds

  void create_feed_token(const std::string& unit, const std::string& token_hash,
                         const Actor& actor) override {
    if (unit.empty()) throw StorageError("单位不能为空");
    if (token_hash.empty()) throw StorageError("订阅令牌为空");
    Transaction tx(*db_);
    const std::string now = now_utc();
    const int revoked = revoke_live_feeds(unit, now);
    db_->query(
        "INSERT INTO calendar_feeds (token_hash, unit, created_at, created_by)"
        " VALUES (?, ?, ?, ?)",
        {token_hash, unit, now, actor.name.empty() ? std::string("cli") : actor.name});
    write_audit(actor, "calendar_feed.create", "unit", unit, json{{"revoked", revoked}}.dump(),
                now);
    tx.commit();
  }

  std::optional<std::string> feed_token_unit(const std::string& token_hash) override {
    auto rows =
        db_->query("SELECT unit FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL",
                   {token_hash});
    if (rows.empty()) return std::nullopt;
    return rows[0][0];
  }

  int revoke_feed_tokens(const std::string& unit, const Actor& actor) override {
    Transaction tx(*db_);
    const std::string now = now_utc();
    const int revoked = revoke_live_feeds(unit, now);
    write_audit(actor, "calendar_feed.revoke", "unit", unit, json{{"revoked", revoked}}.dump(),
                now);
    tx.commit();
    return revoked;
  }

  // --- settings

  std::optional<std::string> setting(const std::string& name) override {
    auto rows = db_->query("SELECT value FROM settings WHERE name = ?", {name});
    if (rows.empty()) return std::nullopt;
    return rows[0][0];
  }

  void set_setting(const std::string& name, const std::string& value, const Actor& actor) override {
    Transaction tx(*db_);
    const std::string now = now_utc();
    auto old = db_->query("SELECT value FROM settings WHERE name = ?", {name});
    db_->query(
        "INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value,"
        " updated_at = excluded.updated_at",
        {name, value, now});
    json detail = {{"value", value}};
    if (!old.empty()) detail["previous"] = str(old[0][0]);
    write_audit(actor, "setting.set", "setting", name, detail.dump(), now);
    tx.commit();
  }

  // --- audit

  void audit(const Actor& actor, const std::string& action, const std::string& object_type,
             const std::string& object_id, const std::string& detail_json) override {
    write_audit(actor, action, object_type, object_id, detail_json, now_utc());
  }

  std::vector<AuditRow> audit_log(int limit, int offset) override {
    std::vector<AuditRow> out;
    for (const Row& r :
         db_->query("SELECT id, at, actor, address, action, object_type,"
                    " object_id, detail FROM audit ORDER BY id DESC"
                    " LIMIT ? OFFSET ?",
                    {clamp_limit(limit, 10000), std::int64_t{std::max(offset, 0)}})) {
      out.push_back(AuditRow{to_i64(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                             str(r[6]), str(r[7])});
    }
    return out;
  }

  std::string check_consistency() override {
    std::vector<std::string> problems;
    if (db_->dialect() == Dialect::kSqlite) {
      auto rows = db_->query("PRAGMA integrity_check", {});
      if (rows.empty() || str(rows[0][0]) != "ok") {
        problems.push_back("integrity_check: " + (rows.empty() ? "" : str(rows[0][0])));
      }
      if (!db_->query("PRAGMA foreign_key_check", {}).empty()) {
        problems.push_back("foreign_key_check: dangling references");
      }
    }
    for (const Row& r : db_->query("SELECT d.id, d.task_count, (SELECT count(*) FROM tasks t"
                                   " WHERE t.document_id = d.id) AS n FROM documents d"
                                   " WHERE d.task_count <> (SELECT count(*) FROM tasks t"
                                   " WHERE t.document_id = d.id)",
                                   {})) {
      problems.push_back("document " + str(r[0]) + " task_count " + str(r[1]) + " but " +
                         str(r[2]) + " tasks");
    }
    for (const Row& r : db_->query("SELECT DISTINCT tu.task_id FROM task_units tu JOIN tasks t"
                                   " ON t.id = tu.task_id WHERE tu.status <> t.status"
                                   " OR coalesce(tu.deadline_date, '') <>"
                                   " coalesce(t.deadline_date, '')"
                                   " OR tu.is_current <> t.is_current",
                                   {})) {
      problems.push_back("task " + str(r[0]) + " differs from its task_units copies");
    }
    for (const Row& r :
         db_->query("SELECT d.id FROM documents d WHERE d.superseded_by IS NOT NULL AND NOT EXISTS"
                    " (SELECT 1 FROM documents n WHERE n.id = d.superseded_by"
                    " AND n.previous_version = d.id)",
                    {})) {
      problems.push_back("document " + str(r[0]) + " superseded by a version not linked back");
    }
    for (const Row& r : db_->query("SELECT f.id FROM files f WHERE NOT EXISTS"
                                   " (SELECT 1 FROM audit a WHERE a.action = 'ingest'"
                                   " AND a.object_id = " +
                                       cast_text("f.id") + ")",
                                   {})) {
      problems.push_back("file " + str(r[0]) + " without its ingest audit entry");
    }
    std::string index = search_index_.check(*db_);
    if (!index.empty()) problems.push_back(index);
    if (problems.empty()) return "ok";
    std::string out;
    for (const std::string& p : problems) out += (out.empty() ? "" : "; ") + p;
    return out;
  }

 private:
  std::string cast_text(const std::string& expr) const { return "CAST(" + expr + " AS TEXT)"; }

  void migrate() {
    const auto& steps = migrations(db_->dialect());
    int from = 0;
    {
      Transaction tx(*db_);
      if (db_->dialect() == Dialect::kPostgres) {
        db_->query("SELECT pg_advisory_xact_lock(4241)", {});  // one migrating process at a time
      }
      db_->exec_script("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      from = schema_version();
      if (from > static_cast<int>(steps.size())) {
        throw StorageError("数据库结构版本 " + std::to_string(from) +
                           " 比本程序支持的版本新，请升级 duban");
      }
      bool reindex = false;
      for (int v = from; v < static_cast<int>(steps.size()); ++v) {
        db_->exec_script(steps[static_cast<std::size_t>(v)]);
        db_->query("INSERT INTO schema_version (version) VALUES (?)", {std::int64_t{v + 1}});
        reindex = reindex || migration_needs_reindex(db_->dialect(), v + 1);
      }
      if (reindex) search_index_.reindex_all(*db_);
      tx.commit();
    }
  }

  std::int64_t insert_document(std::int64_t file_id, const std::string& file_name,
                               const NewDocument& nd, const std::string& now,
                               IngestResult& result) {
    const Document& doc = nd.document;
    const std::optional<std::string> key = version_key(doc);
    std::optional<std::int64_t> previous;
    int version = 1;
    if (key) {
      // A stored current version from another file: this one is its re-issue or amendment.
      auto rows = db_->query(
          "SELECT id, version FROM documents WHERE version_key = ? AND superseded_by IS NULL"
          " AND file_id <> ? ORDER BY version DESC, id DESC LIMIT 1",
          {*key, file_id});
      if (!rows.empty()) {
        previous = to_i64(rows[0][0]);
        version = static_cast<int>(to_i64(rows[0][1])) + 1;
      }
    }
    std::optional<std::string> doc_number;
    if (doc.doc_number) doc_number = doc.doc_number->text;
    const std::int64_t id = to_i64(
        db_->query("INSERT INTO documents (file_id, content_hash, doc_number, version_key, issuer,"
                   " title, kind, date, year, is_public, source_file, line_start, line_end,"
                   " version, previous_version, text, json, task_count, ingested_at)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                   " RETURNING id",
                   {file_id, nd.content_hash, opt(doc_number), opt(key), opt(doc.issuer),
                    opt(doc.title), opt(doc.kind), opt_date(doc.date), opt_int(document_year(doc)),
                    std::int64_t{doc.is_public ? 1 : 0}, file_name, std::int64_t{doc.lines.start},
                    std::int64_t{doc.lines.end}, std::int64_t{version}, opt(previous), nd.text,
                    nd.json, std::int64_t(doc.tasks.size()), now})[0][0]);
    if (previous) {
      db_->query("UPDATE documents SET superseded_by = ? WHERE id = ?", {id, *previous});
      db_->query("UPDATE tasks SET is_current = 0 WHERE document_id = ?", {*previous});
      db_->query(
          "UPDATE task_units SET is_current = 0"
          " WHERE task_id IN (SELECT id FROM tasks WHERE document_id = ?)",
          {*previous});
      ++result.new_versions;
    }
    std::vector<std::int64_t> task_ids;
    int seq = 0;
    for (const Task& t : doc.tasks) {
      ++seq;
      exporter::Json targets = exporter::Json::array();
      for (const Target& target : t.targets) targets.push_back(exporter::to_json(target));
      const std::optional<Deadline>& dl = t.deadline;
      const std::int64_t task_id = to_i64(db_->query(
          "INSERT INTO tasks (document_id, key, seq, path, text, lead_units, units,"
          " units_as_printed, deadline_text, deadline_kind, deadline_date,"
          " targets_json, line_start, line_end)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {id, t.id, std::int64_t{seq}, json_list(t.path), t.text, json_list(t.lead_units),
           json_list(t.units), json_list(t.units_as_printed), dl ? Value(dl->text) : Value(),
           dl ? Value(dl->kind) : Value(), dl ? opt_date(dl->date) : Value(),
           exporter::dump(targets), std::int64_t{t.lines.start}, std::int64_t{t.lines.end}})[0][0]);
      task_ids.push_back(task_id);
      std::set<std::string> seen;
      auto add_unit = [&](const std::string& unit, bool lead) {
        if (unit.empty() || !seen.insert(unit).second) return;
        db_->query(
            "INSERT INTO task_units (task_id, unit, is_lead, deadline_date) VALUES (?, ?, ?, ?)",
            {task_id, unit, std::int64_t{lead ? 1 : 0}, dl ? opt_date(dl->date) : Value()});
      };
      for (const std::string& u : t.lead_units) add_unit(u, true);
      for (const std::string& u : t.units) add_unit(u, false);
    }
    for (const Citation& c : doc.citations) {
      db_->query(
          "INSERT INTO citations (document_id, title, doc_number, target, line)"
          " VALUES (?, ?, ?, ?, ?)",
          {id, opt(c.title), opt(c.doc_number), opt(c.document), opt_int(c.line)});
    }
    search_index_.index_document(*db_, id, doc, nd.text, task_ids);
    return id;
  }

  //! Marks `unit`'s live feed tokens revoked at `now`; how many there were.
  int revoke_live_feeds(const std::string& unit, const std::string& now) {
    return static_cast<int>(
        db_->query("UPDATE calendar_feeds SET revoked_at = ?"
                   " WHERE unit = ? AND revoked_at IS NULL RETURNING token_hash",
                   {now, unit})
            .size());
  }

  void write_audit(const Actor& actor, const std::string& action, const std::string& object_type,
                   const std::string& object_id, const std::string& detail, const std::string& at) {
    db_->query(
        "INSERT INTO audit (at, actor, user_id, address, action, object_type, object_id, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {at, actor.name.empty() ? std::string("cli") : actor.name, opt(actor.user_id),
         actor.address, action, object_type, object_id, detail.empty() ? "{}" : detail});
  }

  std::unique_ptr<Db> db_;
  SearchIndex search_index_;
};

bool is_postgres_url(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

}  // namespace

std::unique_ptr<Storage> Storage::open(const std::string& db) {
  if (db.empty()) throw StorageError("数据库路径为空");
  if (is_postgres_url(db)) return std::make_unique<SqlStorage>(open_postgres(db));
  return std::make_unique<SqlStorage>(open_sqlite(db));
}

}  // namespace duban::store
