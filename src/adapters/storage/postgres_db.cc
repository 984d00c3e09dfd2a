// PostgreSQL behind Db, with plain libpq: parameterized statements prepared once per
// connection (PQprepare / PQexecPrepared), text results.
#include <libpq-fe.h>

#include <cstdio>
#include <unordered_map>

#include "adapters/storage/db.h"
#include "adapters/storage/storage.h"

namespace duban::store {
namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// `?` placeholders to $1, $2 …; the statements we write have no `?` inside literals.
std::string number_placeholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (char c : sql) {
    if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

void ignore_notice(void*, const char*) {}

class PostgresDb : public Db {
 public:
  explicit PostgresDb(const std::string& url) {
    conn_ = PQconnectdb(url.c_str());
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
      std::string why = conn_ ? PQerrorMessage(conn_) : "内存不足";
      PQfinish(conn_);
      conn_ = nullptr;
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
      throw StorageError("无法连接 PostgreSQL 数据库：" + why);
    }
    PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
    exec_script("SET client_encoding = 'UTF8'; SET client_min_messages = warning;");
  }
  ~PostgresDb() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) override {
    const std::string& name = prepare(sql, static_cast<int>(params.size()));
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) continue;
      if (const auto* i64 = std::get_if<std::int64_t>(&v)) {
        text[i] = std::to_string(*i64);
      } else if (const auto* d = std::get_if<double>(&v)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        text[i] = buf;
      } else {
        text[i] = std::get<std::string>(v);
      }
      values[i] = text[i].c_str();
    }
    Result r(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(),
                            nullptr, nullptr, 0));
    check(r.get(), "执行 SQL");
    std::vector<Row> rows;
    const int n = PQntuples(r.get());
    const int columns = PQnfields(r.get());
    rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      Row row;
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(r.get(), i, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(r.get(), i, c),
                                       static_cast<std::size_t>(PQgetlength(r.get(), i, c))));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void exec_script(const std::string& sql) override {
    Result r(PQexec(conn_, sql.c_str()));
    check(r.get(), "执行 SQL");
  }

  void begin() override { exec_script("BEGIN"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) exec_script("ROLLBACK");
  }

 private:
  const std::string& prepare(const std::string& sql, int params) {
    auto it = names_.find(sql);
    if (it != names_.end()) return it->second;
    std::string name = "duban_" + std::to_string(names_.size() + 1);
    Result r(PQprepare(conn_, name.c_str(), number_placeholders(sql).c_str(), params, nullptr));
    check(r.get(), "准备 SQL");
    return names_.emplace(sql, std::move(name)).first->second;
  }

  void check(PGresult* r, const char* what) {
    ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string why = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    if (PQstatus(conn_) != CONNECTION_OK) why = "与 PostgreSQL 的连接已断开（" + why + "）";
    throw StorageError(std::string("数据库错误（") + what + "）：" + why);
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> names_;
};

}  // namespace

std::unique_ptr<Db> open_postgres(const std::string& url) {
  return std::make_unique<PostgresDb>(url);
}

}  // namespace duban::store
