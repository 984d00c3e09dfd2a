// The migrations; see schema.h. Types are kept to what both databases share: integers,
// text (dates and times as ISO text, which sorts correctly), booleans as 0/1 integers.
#include "adapters/storage/schema.h"

namespace duban::store {
namespace {

// Tables common to both, with {ID} for the key column and {BIGINT} for references.
const char* const kCoreTables = R"SQL(
CREATE TABLE files (
  id {ID},
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  bytes {BIGINT} NOT NULL,
  documents INTEGER NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE TABLE documents (
  id {ID},
  file_id {BIGINT} NOT NULL REFERENCES files(id),
  content_hash TEXT NOT NULL UNIQUE,
  doc_number TEXT,
  version_key TEXT,
  issuer TEXT,
  title TEXT,
  kind TEXT,
  date TEXT,
  year INTEGER,
  is_public INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
  source_file TEXT NOT NULL,
  line_start INTEGER NOT NULL CHECK (line_start >= 1),
  line_end INTEGER NOT NULL CHECK (line_end >= line_start),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  previous_version {BIGINT} REFERENCES documents(id),
  superseded_by {BIGINT} REFERENCES documents(id),
  text TEXT NOT NULL,
  json TEXT NOT NULL,
  task_count INTEGER NOT NULL DEFAULT 0,
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_doc_number ON documents(doc_number);
CREATE INDEX documents_version_key ON documents(version_key);
CREATE INDEX documents_issuer ON documents(issuer);
CREATE INDEX documents_year ON documents(year);
CREATE INDEX documents_kind ON documents(kind);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_title ON documents(title);
CREATE TABLE tasks (
  id {ID},
  document_id {BIGINT} NOT NULL REFERENCES documents(id),
  key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  path TEXT NOT NULL,
  text TEXT NOT NULL,
  lead_units TEXT NOT NULL,
  units TEXT NOT NULL,
  units_as_printed TEXT NOT NULL,
  deadline_text TEXT,
  deadline_kind TEXT,
  deadline_date TEXT,
  targets_json TEXT NOT NULL,
  line_start INTEGER NOT NULL,
  line_end INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started', 'in_progress', 'done', 'n/a')),
  status_updated_at TEXT,
  UNIQUE (document_id, seq)
);
CREATE INDEX tasks_deadline ON tasks(deadline_date);
CREATE INDEX tasks_status ON tasks(status);
CREATE TABLE task_units (
  task_id {BIGINT} NOT NULL REFERENCES tasks(id),
  unit TEXT NOT NULL,
  is_lead INTEGER NOT NULL CHECK (is_lead IN (0, 1)),
  PRIMARY KEY (task_id, unit)
);
CREATE INDEX task_units_unit ON task_units(unit, task_id);
CREATE TABLE citations (
  id {ID},
  document_id {BIGINT} NOT NULL REFERENCES documents(id),
  title TEXT,
  doc_number TEXT,
  target TEXT,
  line INTEGER
);
CREATE INDEX citations_document ON citations(document_id);
CREATE INDEX citations_doc_number ON citations(doc_number);
CREATE TABLE users (
  id {ID},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'unit', 'viewer')),
  unit TEXT,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE progress (
  id {ID},
  task_id {BIGINT} NOT NULL REFERENCES tasks(id),
  user_id {BIGINT} REFERENCES users(id),
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT CHECK (status IN ('not_started', 'in_progress', 'done', 'n/a')),
  created_at TEXT NOT NULL
);
CREATE INDEX progress_task ON progress(task_id);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id {BIGINT} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE login_attempts (
  id {ID},
  key TEXT NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  at TEXT NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts(key, at);
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE audit (
  id {ID},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  user_id {BIGINT},
  address TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
)SQL";

std::string substitute(std::string sql, const std::string& id, const std::string& bigint) {
  for (auto [from, to] : {std::pair<std::string, std::string>{"{ID}", id}, {"{BIGINT}", bigint}}) {
    for (std::size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at)) {
      sql.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return sql;
}

// 3: indexes for a large database. is_current marks the tasks (and their unit rows) of
// the current version of a document, so the ledger's filters need no join with documents;
// documents_current serves the document list's order and count.
constexpr const char* kCurrentVersionIndexes = R"SQL(
CREATE INDEX documents_current ON documents(superseded_by, date, id);
ALTER TABLE tasks ADD COLUMN is_current INTEGER NOT NULL DEFAULT 1;
ALTER TABLE task_units ADD COLUMN is_current INTEGER NOT NULL DEFAULT 1;
UPDATE tasks SET is_current = 0
  WHERE document_id IN (SELECT id FROM documents WHERE superseded_by IS NOT NULL);
UPDATE task_units SET is_current = 0 WHERE task_id IN (SELECT id FROM tasks WHERE is_current = 0);
CREATE INDEX tasks_current ON tasks(is_current, id);
CREATE INDEX task_units_current ON task_units(unit, is_current, task_id);
)SQL";

// 6: the ledger filtered by unit and by status or due window, from an index: task_units
// carries copies of its task's status (kept by report_progress) and due date (fixed at
// ingest). A unit's tasks number tens of thousands at 100,000 documents, and reading each
// task row to test its status took 100–300 ms.
constexpr const char* kUnitLedgerIndexes = R"SQL(
ALTER TABLE task_units ADD COLUMN status TEXT NOT NULL DEFAULT 'not_started'
  CHECK (status IN ('not_started', 'in_progress', 'done', 'n/a'));
ALTER TABLE task_units ADD COLUMN deadline_date TEXT;
UPDATE task_units SET
  status = (SELECT t.status FROM tasks t WHERE t.id = task_units.task_id),
  deadline_date = (SELECT t.deadline_date FROM tasks t WHERE t.id = task_units.task_id);
CREATE INDEX task_units_status ON task_units(unit, is_current, status, task_id);
CREATE INDEX task_units_due ON task_units(unit, is_current, deadline_date, task_id);
)SQL";

std::vector<std::string> sqlite_migrations() {
  return {
      // 1: the core tables; the audit log refuses UPDATE and DELETE.
      substitute(kCoreTables, "INTEGER PRIMARY KEY", "INTEGER") + R"SQL(
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
)SQL",
      // 2: full-text search. Contentless FTS5 tables over the analyzer's space-separated
      // terms (search/analyzer.h), keyed by the document and task ids; text for snippets is
      // read from documents and tasks.
      R"SQL(
CREATE VIRTUAL TABLE doc_fts USING fts5(title, body, pinyin, content='', tokenize='unicode61');
CREATE VIRTUAL TABLE task_fts USING fts5(text, units, pinyin, content='', tokenize='unicode61');
)SQL",
      kCurrentVersionIndexes,
      // 4: the columns search filters and shows, apart from the large text and JSON: a
      // filtered search joins every match with documents, and reading these from the table
      // means a page (or more) per document (search_index.cc uses it with INDEXED BY).
      R"SQL(
CREATE INDEX documents_filter ON documents(id, superseded_by, year, kind, issuer, doc_number, title);
)SQL",
      // 5: a facets column in each full-text table (search_index.cc): filters as terms, so a
      // filtered search is answered inside FTS5. The tables are indexed again after this.
      R"SQL(
DROP TABLE doc_fts;
DROP TABLE task_fts;
CREATE VIRTUAL TABLE doc_fts USING fts5(title, body, pinyin, facets, content='', tokenize='unicode61');
CREATE VIRTUAL TABLE task_fts USING fts5(text, units, pinyin, facets, content='', tokenize='unicode61');
)SQL",
      kUnitLedgerIndexes,
  };
}

std::vector<std::string> postgres_migrations() {
  return {
      substitute(kCoreTables, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT") +
          R"SQL(
CREATE INDEX documents_previous ON documents(previous_version);
CREATE FUNCTION duban_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION duban_audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION duban_audit_append_only();
)SQL",
      // 2: full-text search: tsvectors built from the analyzer's terms (title terms weighted
      // A), GIN indexes, ranked with ts_rank.
      R"SQL(
ALTER TABLE documents ADD COLUMN fts tsvector;
ALTER TABLE documents ADD COLUMN fts_pinyin tsvector;
ALTER TABLE tasks ADD COLUMN fts tsvector;
ALTER TABLE tasks ADD COLUMN fts_pinyin tsvector;
CREATE INDEX documents_fts ON documents USING gin(fts);
CREATE INDEX documents_fts_pinyin ON documents USING gin(fts_pinyin);
CREATE INDEX tasks_fts ON tasks USING gin(fts);
CREATE INDEX tasks_fts_pinyin ON tasks USING gin(fts_pinyin);
)SQL",
      kCurrentVersionIndexes,
      // 4: PostgreSQL plans the filtered search's join itself; a B-tree entry there is
      // limited to about 2.7 kB, so no index carries titles. Year filters get an index.
      R"SQL(
CREATE INDEX documents_current_year ON documents(superseded_by, year);
)SQL",
      // 5: SQLite's full-text tables get facet columns; PostgreSQL's planner combines the
      // GIN match with the filter columns itself, so nothing changes here.
      "SELECT 1",
      kUnitLedgerIndexes,
  };
}

}  // namespace

bool migration_needs_reindex(Dialect dialect, int version) {
  return version == 2 || (version == 5 && dialect == Dialect::kSqlite);
}

const std::vector<std::string>& migrations(Dialect dialect) {
  static const std::vector<std::string> sqlite = sqlite_migrations();
  static const std::vector<std::string> postgres = postgres_migrations();
  return dialect == Dialect::kSqlite ? sqlite : postgres;
}

}  // namespace duban::store
