// adapters/storage/search_index.h: the full-text index of documents and tasks, kept by the
// storage in the same transaction as the rows it indexes, and the search over it.
//
// Terms come from duban::search::Analyzer (Han bigrams and unigrams, Latin words; pinyin
// bigrams in their own column), so both backends index exactly the same terms:
//  - SQLite: contentless FTS5 tables doc_fts(title, body, pinyin, facets) and task_fts(text,
//    units, pinyin, facets) with the unicode61 tokenizer over the space-separated terms,
//    ranked by bm25; `facets` holds the values filters compare (year, 文种, issuer, units) as
//    terms, so a filtered search stays inside FTS5;
//  - PostgreSQL: tsvector columns built directly from the terms (no text search parser, so
//    no dependence on the database's locale), GIN indexes, ranked by ts_rank.
// A query is tried as: a 文号 (exact, first), then all terms (AND), then the pinyin of the
// query (pinyin input, homophone typos), then any term (OR); the first that finds something
// is the answer and SearchResults::interpreted_as says which.
#ifndef DUBAN_ADAPTERS_STORAGE_SEARCH_INDEX_H_
#define DUBAN_ADAPTERS_STORAGE_SEARCH_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adapters/storage/db.h"
#include "adapters/storage/storage.h"

namespace duban::search {
class Analyzer;
}

namespace duban::store {

class SearchIndex {
 public:
  SearchIndex();
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  //! Indexes a stored document and its stored tasks (ids in the order of document.tasks).
  void index_document(Db& db, std::int64_t id, const Document& document, const std::string& text,
                      const std::vector<std::int64_t>& task_ids);
  //! Indexes every stored document and task again from their rows (after a migration).
  void reindex_all(Db& db);
  SearchResults search(Db& db, const SearchQuery& query, int limit, int offset);
  //! "" when every document and task is indexed, else what is missing.
  std::string check(Db& db);

 private:
  const search::Analyzer& analyzer();
  // value_facets and document_facets: the document's facet terms other than units (SQLite).
  void index_document_fields(Db& db, std::int64_t id, const std::string& heading,
                             const std::string& text, const std::vector<std::string>& value_facets);
  void index_task_fields(Db& db, std::int64_t id, const std::string& text,
                         const std::vector<std::string>& units,
                         const std::vector<std::string>& document_facets);
};

}  // namespace duban::store

#endif  // DUBAN_ADAPTERS_STORAGE_SEARCH_INDEX_H_
