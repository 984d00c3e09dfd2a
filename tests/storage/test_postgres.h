// tests/storage/test_postgres.h: the PostgreSQL server the tests run against.
//
// tools/run-tests starts a throwaway server and sets DUBAN_TEST_PG_URL; without it the
// PostgreSQL cases skip themselves with kNoPostgresServer. Each test works in a schema of
// its own, reached through pg_schema_url().
#ifndef DUBAN_TESTS_STORAGE_TEST_POSTGRES_H_
#define DUBAN_TESTS_STORAGE_TEST_POSTGRES_H_

#include <libpq-fe.h>

#include <cstdlib>
#include <string>

namespace duban::test {

inline constexpr const char* kNoPostgresServer =
    "DUBAN_TEST_PG_URL is not set: no PostgreSQL server to test against (tools/run-tests "
    "starts one)";

//! DUBAN_TEST_PG_URL, or "" when it is not set.
inline std::string pg_test_url() {
  const char* url = std::getenv("DUBAN_TEST_PG_URL");
  return url == nullptr ? "" : url;
}

//! Runs SQL on the server at `url` outside the storage layer; "" on success, else the error.
inline std::string pg_exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
      error = PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  PQfinish(conn);
  return error;
}

//! The --db URL that works inside `schema` of the server at `url`.
inline std::string pg_schema_url(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

}  // namespace duban::test

#endif  // DUBAN_TESTS_STORAGE_TEST_POSTGRES_H_
