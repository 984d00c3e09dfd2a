// duban_rank (adapters/storage/sqlite_rank.h) against BM25 worked out by hand.
#include "adapters/storage/sqlite_rank.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <string>

namespace duban::store {
namespace {

class SqliteRankTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    ASSERT_TRUE(register_rank_function(db_));
    // Ten tokens in three rows: the average row length is 10 / 3.
    exec(
        "CREATE VIRTUAL TABLE t USING fts5(title, body);"
        "INSERT INTO t (rowid, title, body) VALUES (1, 'x', 'y z'), (2, 'w', 'x x x v'),"
        " (3, 'v', 'u');");
  }
  void TearDown() override { sqlite3_close(db_); }

  void exec(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
  }

  // rowid -> score of `rank_call` for the rows matching `match`.
  std::map<int, double> scores(const std::string& rank_call, const std::string& match) {
    std::map<int, double> out;
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = "SELECT rowid, " + rank_call + " FROM t WHERE t MATCH ?";
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
    sqlite3_bind_text(stmt, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      out[sqlite3_column_int(stmt, 0)] = sqlite3_column_double(stmt, 1);
    }
    sqlite3_finalize(stmt);
    return out;
  }

  sqlite3* db_ = nullptr;
};

// BM25 of one row for one phrase: f (weighted occurrences) in a row of `length` tokens.
double term(double f, double length) {
  const double norm = 1.2 * (1 - 0.75 + 0.75 * length / (10.0 / 3));
  return f * 2.2 / (f + norm);
}

TEST_F(SqliteRankTest, IsBm25WithColumnWeightsNegated) {
  // Row 1 has x once in its title (weight 5), row 2 three times in its body (weight 1).
  auto s = scores("duban_rank(t, 5.0, 1.0)", "x");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_NEAR(s[1], -term(5, 3), 1e-9);  // -1.8003…
  EXPECT_NEAR(s[2], -term(3, 5), 1e-9);  // -1.4193…
  EXPECT_LT(s[1], s[2]);                 // lower is better, as with bm25()
  // Without weights every column weighs 1: the longer row with more x now ranks first.
  s = scores("duban_rank(t)", "x");
  EXPECT_NEAR(s[1], -term(1, 3), 1e-9);
  EXPECT_NEAR(s[2], -term(3, 5), 1e-9);
  EXPECT_LT(s[2], s[1]);
}

TEST_F(SqliteRankTest, EveryPhraseCountsTheSame) {
  // v: once in row 2's body, once in row 3's title; u: once in row 3's body.
  auto s = scores("duban_rank(t, 2.0, 1.0)", "v OR u");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_NEAR(s[2], -term(1, 5), 1e-9);
  EXPECT_NEAR(s[3], -(term(2, 2) + term(1, 2)), 1e-9);
  // A column filter leaves the other column's occurrences out.
  s = scores("duban_rank(t, 2.0, 1.0)", "{body} : v");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NEAR(s[2], -term(1, 5), 1e-9);
}

}  // namespace
}  // namespace duban::store
