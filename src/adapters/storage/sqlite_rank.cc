// duban_rank; see sqlite_rank.h.
#include "adapters/storage/sqlite_rank.h"

#include <sqlite3.h>  // declares FTS5's extension API too

#include <vector>

namespace duban::store {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// Per query: the average row length, fetched on the first row.
struct QueryData {
  double average_length = 0;
};

void free_query_data(void* p) { delete static_cast<QueryData*>(p); }

void rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* out, int n_args,
          sqlite3_value** args) {
  auto* data = static_cast<QueryData*>(api->xGetAuxdata(fts, 0));
  if (data == nullptr) {
    sqlite3_int64 rows = 0;
    sqlite3_int64 tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(out, rc);
      return;
    }
    // Rows of no tokens (empty fields) must not make the norm 0 / 0.
    data = new QueryData{
        rows > 0 && tokens > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1};
    rc = api->xSetAuxdata(fts, data, free_query_data);  // frees data itself on failure
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(out, rc);
      return;
    }
  }
  // Each phrase's occurrences, column-weighted, walked phrase by phrase (xPhraseFirst):
  // cheaper than xInst, which first merges every phrase's occurrences into one sorted list.
  const int columns = api->xColumnCount(fts);
  const int phrases = api->xPhraseCount(fts);
  std::vector<double> frequency(static_cast<std::size_t>(phrases), 0.0);
  int rc = SQLITE_OK;
  for (int phrase = 0; rc == SQLITE_OK && phrase < phrases; ++phrase) {
    Fts5PhraseIter it;
    int column = 0;
    int offset = 0;
    rc = api->xPhraseFirst(fts, phrase, &it, &column, &offset);
    for (; rc == SQLITE_OK && column >= 0; api->xPhraseNext(fts, &it, &column, &offset)) {
      // Columns without a weight argument weigh 1, like bm25().
      frequency[static_cast<std::size_t>(phrase)] +=
          column < n_args && column < columns ? sqlite3_value_double(args[column]) : 1.0;
    }
  }
  int length = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(out, rc);
    return;
  }
  const double norm = kK1 * (1 - kB + kB * length / data->average_length);
  double score = 0;
  for (double f : frequency) score += f * (kK1 + 1) / (f + norm);
  sqlite3_result_double(out, -score);
}

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

bool register_rank_function(sqlite3* db) {
  fts5_api* api = fts5_api_of(db);
  if (api == nullptr || api->iVersion < 2) return false;
  return api->xCreateFunction(api, "duban_rank", nullptr, rank, nullptr) == SQLITE_OK;
}

}  // namespace duban::store
