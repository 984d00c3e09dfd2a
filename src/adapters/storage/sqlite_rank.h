// adapters/storage/sqlite_rank.h: duban_rank, the relevance function of SQLite searches.
//
// FTS5's bm25() weighs each phrase by its inverse document frequency, which it computes on
// its first call in every query by reading each phrase's whole doclist: 4–8 ms at 100,000
// documents for a common word, however few rows are ranked. duban_rank(table, w1, w2, …) is
// the same Okapi BM25 (k1 = 1.2, b = 0.75, column weights w1…, negated so that better is
// lower, like bm25()) with every phrase weighted equally. Most searches need every bigram of
// the query (search_index.cc), so every ranked row has every phrase and the weights would
// only change how much each phrase's repetitions count; when any of the words will do, rows
// with more of them rank higher, but a rare word does not outweigh a common one.
#ifndef DUBAN_ADAPTERS_STORAGE_SQLITE_RANK_H_
#define DUBAN_ADAPTERS_STORAGE_SQLITE_RANK_H_

struct sqlite3;

namespace duban::store {

//! Registers duban_rank on the connection; false when SQLite has no FTS5.
bool register_rank_function(sqlite3* db);

}  // namespace duban::store

#endif  // DUBAN_ADAPTERS_STORAGE_SQLITE_RANK_H_
