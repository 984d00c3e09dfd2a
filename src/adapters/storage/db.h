// adapters/storage/db.h: the little the storage needs from a SQL database, so that one
// implementation of Storage (sql_storage.cc) serves SQLite and PostgreSQL alike.
//
// Statements are written with `?` placeholders (PostgreSQL's are rewritten to $1, $2 …) and
// are prepared once and cached. Every value is bound as a parameter, never spliced into SQL.
// Results come back as text (NULL as nullopt), which is all the callers need.
#ifndef DUBAN_ADAPTERS_STORAGE_DB_H_
#define DUBAN_ADAPTERS_STORAGE_DB_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace duban::store {

enum class Dialect { kSqlite, kPostgres };

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Row = std::vector<std::optional<std::string>>;

class Db {
 public:
  virtual ~Db() = default;
  virtual Dialect dialect() const = 0;
  //! Runs one statement with parameters; returns its rows (empty for statements without).
  virtual std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) = 0;
  //! Runs a script of statements without parameters (migrations).
  virtual void exec_script(const std::string& sql) = 0;
  //! Starts a write transaction (SQLite: BEGIN IMMEDIATE, so writers queue up front).
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

std::unique_ptr<Db> open_sqlite(const std::string& path);
std::unique_ptr<Db> open_postgres(const std::string& url);

//! Rolls back unless commit() was called: a transaction never outlives an exception.
class Transaction {
 public:
  explicit Transaction(Db& db) : db_(db) { db_.begin(); }
  ~Transaction() {
    if (!done_) {
      try {
        db_.rollback();
      } catch (...) {  // the connection may be gone; the database discards the transaction
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    db_.commit();
    done_ = true;
  }

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace duban::store

#endif  // DUBAN_ADAPTERS_STORAGE_DB_H_
