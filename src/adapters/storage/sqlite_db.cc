// SQLite behind Db: WAL, foreign keys, a busy timeout, cached prepared statements.
#include <sqlite3.h>

#include <cstdio>
#include <unordered_map>

#include "adapters/storage/db.h"
#include "adapters/storage/sqlite_rank.h"
#include "adapters/storage/storage.h"

namespace duban::store {
namespace {

class SqliteDb : public Db {
 public:
  explicit SqliteDb(const std::string& path) {
    // Memory statistics take a global mutex on every allocation, which the server's threads
    // (one connection each) then queue on. Only possible before SQLite initializes.
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw StorageError("无法打开数据库 " + path + "：" + why);
    }
    sqlite3_extended_result_codes(db_, 1);
    // Waits for other writers (another ingest, the server) instead of failing at once.
    sqlite3_busy_timeout(db_, 30000);
    // NORMAL is durable against a killed process in WAL mode; only a power cut may lose the
    // last transactions, never consistency.
    try {
      exec_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    } catch (const StorageError&) {
      // The first read of the file: a file that is not SQLite's fails here.
      const bool not_a_db = (sqlite3_errcode(db_) & 0xff) == SQLITE_NOTADB;
      sqlite3_close(db_);
      db_ = nullptr;
      if (not_a_db) {
        throw StorageError("无法打开数据库 " + path +
                           "：这不是 SQLite 数据库文件（也不是 postgresql:// 连接串）");
      }
      throw;
    }
    // Reads through a memory map shared by every connection of the process (the server
    // opens one per thread) instead of a read() per page into each connection's cache
    // (SQLite caps the map at its compile-time limit, 2 GB in Debian's build), and a 64 MB
    // page cache for what lies beyond: a search at 100,000 documents touches thousands of
    // pages, and with the default 2 MB cache most of its time went to pread().
    exec_script("PRAGMA mmap_size=68719476736; PRAGMA cache_size=-65536;");
    if (!register_rank_function(db_)) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw StorageError("无法打开数据库 " + path + "：此 SQLite 不支持 FTS5 全文检索");
    }
  }
  ~SqliteDb() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int n = static_cast<int>(i) + 1;
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(stmt, n);
      } else if (const auto* i64 = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, n, *i64);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, n, *d);
      } else {
        const std::string& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(stmt, n, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) fail("绑定参数", rc);
    }
    std::vector<Row> rows;
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail("执行 SQL", rc);
      const int columns = sqlite3_column_count(stmt);
      Row row;
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.emplace_back(
              std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void exec_script(const std::string& sql) override {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string why = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      throw StorageError("数据库错误：" + why);
    }
  }

  void begin() override { exec_script("BEGIN IMMEDIATE"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) exec_script("ROLLBACK");
  }

 private:
  sqlite3_stmt* prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail("准备 SQL", rc);
    cache_.emplace(sql, stmt);
    return stmt;
  }

  [[noreturn]] void fail(const char* what, int rc) {
    std::string why = sqlite3_errmsg(db_);
    if ((rc & 0xff) == SQLITE_BUSY) why = "数据库正被其他进程占用（" + why + "）";
    throw StorageError(std::string("数据库错误（") + what + "）：" + why);
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<Db> open_sqlite(const std::string& path) {
  return std::make_unique<SqliteDb>(path);
}

}  // namespace duban::store
