// The search index; see search_index.h.
#include "adapters/storage/search_index.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "adapters/storage/sql_filters.h"
#include "search/analyzer.h"

namespace duban::store {
namespace {

std::vector<std::string> split_terms(std::string_view terms) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < terms.size()) {
    while (i < terms.size() && terms[i] == ' ') ++i;
    std::size_t j = i;
    while (j < terms.size() && terms[j] != ' ') ++j;
    if (j > i) out.emplace_back(terms.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> unique(std::vector<std::string> terms) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (std::string& t : terms) {
    if (seen.insert(t).second) out.push_back(std::move(t));
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// --- PostgreSQL: tsvector and tsquery literals built from terms, bypassing the parser.

std::string pg_quote(const std::string& term) {
  std::string out = "'";
  for (char c : term) {
    if (c == '\'')
      out += "''";
    else if (c == '\\')
      out += "\\\\";
    else
      out += c;
  }
  return out + "'";
}

// Lexemes with up to a few positions each (so ts_rank sees frequency); title terms weigh A.
// Bounded so that a huge document stays under PostgreSQL's 1 MB tsvector limit.
std::string tsvector_literal(const std::vector<std::string>& heading,
                             const std::vector<std::string>& body) {
  constexpr int kMaxPosition = 16383;
  constexpr std::size_t kMaxPositions = 4;
  constexpr std::size_t kMaxLexemes = 40000;
  std::map<std::string, std::vector<std::string>> lexemes;
  int position = 0;
  auto add = [&](const std::vector<std::string>& terms, const char* weight) {
    for (const std::string& t : terms) {
      position = std::min(position + 1, kMaxPosition);
      auto it = lexemes.find(t);
      if (it == lexemes.end()) {
        if (lexemes.size() >= kMaxLexemes || t.size() > 2000) continue;
        it = lexemes.emplace(t, std::vector<std::string>{}).first;
      }
      if (it->second.size() < kMaxPositions) {
        it->second.push_back(std::to_string(position) + weight);
      }
    }
  };
  add(heading, "A");
  add(body, "");
  std::string out;
  for (const auto& [lexeme, positions] : lexemes) {
    if (!out.empty()) out += ' ';
    out += pg_quote(lexeme);
    out += ':';
    out += join(positions, ",");
  }
  return out;
}

std::string positionless_tsvector(const std::vector<std::string>& terms) {
  std::vector<std::string> quoted;
  for (const std::string& t : unique(terms)) {
    if (t.size() <= 2000 && quoted.size() < 40000) quoted.push_back(pg_quote(t));
  }
  return join(quoted, " ");
}

std::string tsquery_literal(const std::vector<std::string>& terms, bool all) {
  std::vector<std::string> quoted;
  for (const std::string& t : terms) quoted.push_back(pg_quote(t));
  return join(quoted, all ? " & " : " | ");
}

// --- SQLite FTS5 query strings: each term a quoted string, limited to some columns.

std::string fts_quote(const std::string& term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"')
      out += "\"\"";
    else
      out += c;
  }
  return out + "\"";
}

// The query's terms in `columns`, and every facet term (below) in the facets column.
std::string fts_match(const std::string& columns, const std::vector<std::string>& terms, bool all,
                      const std::vector<std::string>& facets = {}) {
  std::vector<std::string> quoted;
  for (const std::string& t : terms) quoted.push_back(fts_quote(t));
  std::string match = "{" + columns + "} : (" + join(quoted, all ? " AND " : " OR ") + ")";
  if (facets.empty()) return match;
  quoted.clear();
  for (const std::string& f : facets) quoted.push_back(fts_quote(f));
  return "(" + match + ") AND {facets} : (" + join(quoted, " AND ") + ")";
}

// --- Facets: the values search filters on (year, 文种, issuer, units), indexed as terms of a
// column of their own in SQLite's FTS5 tables, so that a filtered search is one FTS5 query
// (an intersection of doclists) instead of a join of every match with its row. A term is a
// field letter and the value's UTF-8 bytes in hex: one unicode61 token, equal exactly when
// the values are equal. Superseded versions are left to SQL: they change after indexing.

std::string facet_term(char field, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(1, field);
  for (unsigned char c : value) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// A document's filter values (year, 文种, issuer), from its stored row: the same values the
// SQL filters compare.
std::vector<std::string> document_value_facets(Db& db, std::int64_t id) {
  std::vector<std::string> out;
  auto rows = db.query("SELECT year, kind, issuer FROM documents WHERE id = ?", {id});
  if (rows.empty()) return out;
  if (rows[0][0]) out.push_back(facet_term('y', *rows[0][0]));
  if (rows[0][1]) out.push_back(facet_term('k', *rows[0][1]));
  if (rows[0][2]) out.push_back(facet_term('i', *rows[0][2]));
  return out;
}

// The units of rows read as (unit): a document's or a task's task_units.
void add_unit_facets(const std::vector<Row>& rows, std::vector<std::string>& out) {
  for (const Row& r : rows) {
    if (r[0]) out.push_back(facet_term('u', *r[0]));
  }
}

// The filters of `q` that facets answer, as facet terms.
std::vector<std::string> query_facets(const SearchQuery& q) {
  std::vector<std::string> out;
  if (q.filter.year) out.push_back(facet_term('y', std::to_string(*q.filter.year)));
  if (q.filter.kind) out.push_back(facet_term('k', *q.filter.kind));
  if (q.filter.issuer) out.push_back(facet_term('i', *q.filter.issuer));
  if (q.filter.unit) out.push_back(facet_term('u', *q.filter.unit));
  return out;
}

// A query in quotes ("…", “…”, '…', 「…」) is a phrase that must occur as typed.
std::optional<std::string> quoted_phrase(std::string_view q) {
  static const std::pair<std::string_view, std::string_view> kQuotes[] = {
      {"\"", "\""}, {"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"'", "'"}, {"\xE3\x80\x8C", "\xE3\x80\x8D"}};
  for (auto [open, close] : kQuotes) {
    if (q.size() > open.size() + close.size() && q.substr(0, open.size()) == open &&
        q.substr(q.size() - close.size()) == close) {
      std::string inner(q.substr(open.size(), q.size() - open.size() - close.size()));
      if (inner.find_first_not_of(' ') != std::string::npos) return inner;
    }
  }
  return std::nullopt;
}

std::string trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t a = s.find_first_not_of(ws);
  if (a == std::string_view::npos) return "";
  std::size_t b = s.find_last_not_of(ws);
  std::string out(s.substr(a, b - a + 1));
  // Ideographic spaces at the ends too.
  const std::string ideo = "\xE3\x80\x80";
  while (out.rfind(ideo, 0) == 0) out.erase(0, ideo.size());
  while (out.size() >= ideo.size() && out.compare(out.size() - ideo.size(), ideo.size(), ideo) == 0)
    out.erase(out.size() - ideo.size());
  return out;
}

std::int64_t to_i64(const std::optional<std::string>& s) { return s ? std::stoll(*s) : 0; }

// Conditions on documents `d` (the unit is a task filter here: document_task_filters).
void document_filters(const SearchQuery& q, std::string& sql, std::vector<Value>& params) {
  document_where(q.filter, /*with_unit=*/false, sql, params);
}

// Conditions on a task aliased `t`.
void task_filters(const SearchQuery& q, std::string& sql, std::vector<Value>& params) {
  task_where(q.filter.unit, q.task_status, q.due_from, q.due_to, sql, params);
}

bool has_task_filters(const SearchQuery& q) {
  return q.filter.unit || q.task_status || q.due_from || q.due_to;
}

// Documents must have a task that passes the task filters, when there are any.
void document_task_filters(const SearchQuery& q, std::string& sql, std::vector<Value>& params) {
  if (!has_task_filters(q)) return;
  sql += " AND EXISTS (SELECT 1 FROM tasks t WHERE t.document_id = d.id";
  task_filters(q, sql, params);
  sql += ")";
}

// Hits from rows laid out as (id, doc_number, title, score) and as (id, document_id,
// doc_number, title, text, score).
SearchHit document_hit(const Row& r) {
  SearchHit h;
  h.kind = "document";
  h.document_id = to_i64(r[0]);
  h.doc_number = r[1];
  h.title = r[2];
  h.score = r[3] ? std::stod(*r[3]) : 0;
  return h;
}

SearchHit task_hit(const Row& r) {
  SearchHit h;
  h.kind = "task";
  h.task_id = to_i64(r[0]);
  h.document_id = to_i64(r[1]);
  h.doc_number = r[2];
  h.title = r[3];
  h.snippet = r[4].value_or("");  // replaced by a snippet for the page only
  h.score = r[5] ? std::stod(*r[5]) : 0;
  return h;
}

enum class Mode { kAll, kPinyin, kAny };

// How many matches, the most recently stored first, SQLite ranks by relevance (duban_rank,
// about 2 µs a match) and counts (when more match, the total is a lower bound, as search
// engines report "1,000+"): a common word matches tens of thousands of documents at 100,000,
// and ranking or counting them all took 20–50 ms per search. Filters narrow the window to
// what they let through; a deeper page widens it.
constexpr std::int64_t kRankWindow = 1000;

// SQLite's relevance of a match (sqlite_rank.h; lower is better), one for each table, for both
// search paths: titles weigh 5 against the body; a task's units half its text; facets nothing.
constexpr const char* kDocumentRank = "duban_rank(doc_fts, 5.0, 1.0, 1.0, 0.0)";
constexpr const char* kTaskRank = "duban_rank(task_fts, 1.0, 0.5, 1.0, 0.0)";

struct Found {
  std::vector<SearchHit> hits;  // the best `wanted`, best first
  int total = 0;
  bool exact = true;  // else `total` is a lower bound
};

}  // namespace

SearchIndex::SearchIndex() = default;
SearchIndex::~SearchIndex() = default;

const search::Analyzer& SearchIndex::analyzer() {
  // One per process: the analyzer is thread-safe, and its pinyin table (about 0.3 s to
  // build) would otherwise be built again for every connection the server opens.
  static const search::Analyzer* const shared = new search::Analyzer();
  return *shared;
}

void SearchIndex::index_document(Db& db, std::int64_t id, const Document& document,
                                 const std::string& text,
                                 const std::vector<std::int64_t>& task_ids) {
  std::string heading = document.title.value_or("");
  if (document.issuer) heading += " " + *document.issuer;
  const std::vector<std::string> facets =
      db.dialect() == Dialect::kSqlite ? document_value_facets(db, id) : std::vector<std::string>{};
  index_document_fields(db, id, heading, text, facets);
  for (std::size_t i = 0; i < task_ids.size() && i < document.tasks.size(); ++i) {
    index_task_fields(db, task_ids[i], document.tasks[i].text, document.tasks[i].units, facets);
  }
}

void SearchIndex::index_document_fields(Db& db, std::int64_t id, const std::string& heading,
                                        const std::string& text,
                                        const std::vector<std::string>& value_facets) {
  const search::Analyzer& a = analyzer();
  const std::string heading_terms = a.index_terms(heading);
  const std::string body_terms = a.index_terms(text);
  const std::string pinyin = a.pinyin_terms(heading) + " " + a.pinyin_terms(text);
  if (db.dialect() == Dialect::kSqlite) {
    // A document's units are those of its tasks (the unit filter of a document search).
    std::vector<std::string> facets = value_facets;
    add_unit_facets(db.query("SELECT DISTINCT tu.unit FROM tasks t JOIN task_units tu"
                             " ON tu.task_id = t.id WHERE t.document_id = ?",
                             {id}),
                    facets);
    db.query("INSERT INTO doc_fts (rowid, title, body, pinyin, facets) VALUES (?, ?, ?, ?, ?)",
             {id, heading_terms, body_terms, pinyin, join(facets, " ")});
  } else {
    db.query(
        "UPDATE documents SET fts = CAST(? AS tsvector), fts_pinyin = CAST(? AS tsvector)"
        " WHERE id = ?",
        {tsvector_literal(split_terms(heading_terms), split_terms(body_terms)),
         positionless_tsvector(split_terms(pinyin)), id});
  }
}

void SearchIndex::index_task_fields(Db& db, std::int64_t id, const std::string& text,
                                    const std::vector<std::string>& units,
                                    const std::vector<std::string>& document_facets) {
  const search::Analyzer& a = analyzer();
  const std::string unit_text = join(units, " ");
  const std::string text_terms = a.index_terms(text);
  const std::string unit_terms = a.index_terms(unit_text);
  const std::string pinyin = a.pinyin_terms(text) + " " + a.pinyin_terms(unit_text);
  if (db.dialect() == Dialect::kSqlite) {
    std::vector<std::string> facets = document_facets;
    add_unit_facets(db.query("SELECT unit FROM task_units WHERE task_id = ?", {id}), facets);
    db.query("INSERT INTO task_fts (rowid, text, units, pinyin, facets) VALUES (?, ?, ?, ?, ?)",
             {id, text_terms, unit_terms, pinyin, join(facets, " ")});
  } else {
    db.query(
        "UPDATE tasks SET fts = CAST(? AS tsvector), fts_pinyin = CAST(? AS tsvector)"
        " WHERE id = ?",
        {tsvector_literal(split_terms(unit_terms), split_terms(text_terms)),
         positionless_tsvector(split_terms(pinyin)), id});
  }
}

void SearchIndex::reindex_all(Db& db) {
  const bool sqlite = db.dialect() == Dialect::kSqlite;
  if (sqlite) {
    db.query("INSERT INTO doc_fts (doc_fts) VALUES ('delete-all')", {});
    db.query("INSERT INTO task_fts (task_fts) VALUES ('delete-all')", {});
  }
  std::vector<std::int64_t> ids;
  for (const Row& r : db.query("SELECT id FROM documents ORDER BY id", {}))
    ids.push_back(to_i64(r[0]));
  for (std::int64_t id : ids) {
    auto rows = db.query("SELECT title, issuer, text FROM documents WHERE id = ?", {id});
    std::string heading = rows[0][0].value_or("");
    if (rows[0][1]) heading += " " + *rows[0][1];
    const std::vector<std::string> facets =
        sqlite ? document_value_facets(db, id) : std::vector<std::string>{};
    index_document_fields(db, id, heading, rows[0][2].value_or(""), facets);
    for (const Row& t : db.query("SELECT id, text, units FROM tasks WHERE document_id = ?"
                                 " ORDER BY id",
                                 {id})) {
      std::vector<std::string> units;
      if (t[2]) units = nlohmann::json::parse(*t[2]).get<std::vector<std::string>>();
      index_task_fields(db, to_i64(t[0]), t[1].value_or(""), units, facets);
    }
  }
}

std::string SearchIndex::check(Db& db) {
  std::string sql;
  if (db.dialect() == Dialect::kSqlite) {
    sql =
        "SELECT (SELECT count(*) FROM documents) - (SELECT count(*) FROM doc_fts),"
        " (SELECT count(*) FROM tasks) - (SELECT count(*) FROM task_fts)";
  } else {
    sql =
        "SELECT (SELECT count(*) FROM documents WHERE fts IS NULL),"
        " (SELECT count(*) FROM tasks WHERE fts IS NULL)";
  }
  auto rows = db.query(sql, {});
  const std::int64_t docs = to_i64(rows[0][0]);
  const std::int64_t tasks = to_i64(rows[0][1]);
  if (docs == 0 && tasks == 0) return "";
  return "search index: " + std::to_string(docs) + " documents and " + std::to_string(tasks) +
         " tasks not indexed";
}

SearchResults SearchIndex::search(Db& db, const SearchQuery& query, int limit, int offset) {
  SearchResults results;
  limit = std::clamp(limit, 0, 1000);
  offset = std::max(offset, 0);
  const std::string text = trim(query.text);
  const std::optional<std::string> phrase = quoted_phrase(text);
  const search::AnalyzedQuery aq = analyzer().analyze_query(phrase ? *phrase : text);
  const bool sqlite = db.dialect() == Dialect::kSqlite;
  const std::size_t wanted = static_cast<std::size_t>(limit + offset);

  // 1. A 文号 finds its document first.
  std::optional<SearchHit> number_hit;
  if (aq.doc_number && query.documents) {
    std::string sql =
        std::string("SELECT d.id, d.doc_number, d.title, d.text FROM documents d") +
        // With a filter, SQLite would walk that filter's index (150 ms at 100,000 documents).
        (sqlite ? " INDEXED BY documents_doc_number" : "") + " WHERE d.doc_number = ?";
    std::vector<Value> params{*aq.doc_number};
    document_filters(query, sql, params);
    document_task_filters(query, sql, params);
    sql += " ORDER BY d.version DESC, d.id DESC LIMIT 1";
    auto rows = db.query(sql, params);
    if (!rows.empty()) {
      SearchHit h;
      h.kind = "document";
      h.document_id = to_i64(rows[0][0]);
      h.doc_number = rows[0][1];
      h.title = rows[0][2];
      h.snippet = search::snippet(rows[0][3].value_or(""), {*aq.doc_number});
      h.score = 1e9;
      number_hit = std::move(h);
    }
    results.interpreted_as = "文号 " + *aq.doc_number;
  }

  auto run = [&](Mode mode) {
    Found found;
    const std::vector<std::string>& terms = mode == Mode::kPinyin ? aq.pinyin_terms : aq.terms;
    if (terms.empty()) return found;
    const bool all = mode != Mode::kAny;
    // SQLite, unless a phrase or a task's status or due date is asked for: filters are facet
    // terms, so the window of matches is one FTS5 query, and only the page is joined with its
    // rows. The general path below joins every match with its row, which costs tens of
    // milliseconds at 100,000 documents.
    const bool in_fts = sqlite && !(phrase && mode == Mode::kAll) && !query.task_status &&
                        !query.due_from && !query.due_to;
    if (in_fts) {
      const std::vector<std::string> facets = query_facets(query);
      const bool current_only = !query.filter.include_superseded;
      const std::int64_t window =
          std::max<std::int64_t>(kRankWindow, static_cast<std::int64_t>(wanted));
      // One pass over the window: the newest `window` matches of `table`, ranked; those that
      // are not results (`not_result`, SQL over `id` with `params`) left out; the best
      // `wanted` joined with their rows (`select`, over `w.id` and `w.score`, `join`). Every
      // row carries the window's count of matches and of rows left out.
      auto ranked_window = [&](const std::string& table, const std::string& rank,
                               const std::string& match, const std::string& not_result,
                               std::vector<Value> params, const std::string& select,
                               const std::string& join) {
        params.emplace_back(match);
        params.emplace_back(window);
        // At least one row, which carries the counts, even when no hit is wanted.
        params.emplace_back(std::max<std::int64_t>(static_cast<std::int64_t>(wanted), 1));
        std::vector<Row> rows = db.query(
            "SELECT " + select +
                ", w.matched, w.skip FROM (SELECT id, score, matched, skip FROM"
                " (SELECT id, score, nr, count(*) OVER () AS matched, sum(nr) OVER () AS skip FROM"
                " (SELECT id, score, (" +
                not_result + ") AS nr FROM (SELECT rowid AS id, " + rank + " AS score FROM " +
                table + " WHERE " + table +
                " MATCH ? ORDER BY rowid DESC LIMIT ?)))"
                " WHERE nr = 0 ORDER BY score, id LIMIT ?) w " +
                join + " ORDER BY w.score, w.id",
            params);
        // No rows: no match in the window was a result. (Were the window full of superseded
        // versions, older current matches would go uncounted; but a newer version comes
        // before its old one in the window, and it matches the same query all but always.)
        if (!rows.empty()) {
          const std::int64_t matched = to_i64(rows[0][rows[0].size() - 2]);
          found.total += static_cast<int>(matched - to_i64(rows[0].back()));
          if (matched >= window) found.exact = false;
        }
        return rows;
      };
      if (query.documents) {
        // Not results: superseded versions, and the 文号's own document (listed first).
        for (const Row& r : ranked_window(
                 "doc_fts", kDocumentRank,
                 fts_match(mode == Mode::kPinyin ? "pinyin" : "title body", terms, all, facets),
                 std::string("id = ?") +
                     (current_only
                          ? " OR id IN (SELECT id FROM documents WHERE superseded_by IS NOT NULL)"
                          : ""),
                 {number_hit ? number_hit->document_id : 0},
                 "d.id, d.doc_number, d.title, -w.score", "JOIN documents d ON d.id = w.id")) {
          found.hits.push_back(document_hit(r));
        }
      }
      if (query.tasks) {
        for (const Row& r : ranked_window(
                 "task_fts", kTaskRank,
                 fts_match(mode == Mode::kPinyin ? "pinyin" : "text units", terms, all, facets),
                 current_only ? "id IN (SELECT id FROM tasks WHERE is_current = 0)" : "0", {},
                 "t.id, t.document_id, d.doc_number, d.title, t.text, -w.score",
                 "JOIN tasks t ON t.id = w.id JOIN documents d ON d.id = t.document_id")) {
          found.hits.push_back(task_hit(r));
        }
      }
      std::stable_sort(found.hits.begin(), found.hits.end(),
                       [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
      if (found.hits.size() > wanted) found.hits.resize(wanted);
      return found;
    }
    // Documents.
    if (query.documents) {
      std::string from, rank;
      std::vector<Value> params;
      if (sqlite) {
        const char* columns = mode == Mode::kPinyin ? "pinyin" : "title body";
        // CROSS JOIN keeps the full-text match outermost: given a filter on documents, SQLite
        // would otherwise walk that filter's index and evaluate the MATCH once per document
        // (seconds at 100,000 documents). documents_filter has the columns filters read.
        from =
            " FROM doc_fts CROSS JOIN documents d INDEXED BY documents_filter"
            " ON d.id = doc_fts.rowid WHERE doc_fts MATCH ?";
        rank = std::string("-") + kDocumentRank;
        params.emplace_back(fts_match(columns, terms, all));
      } else {
        const char* column = mode == Mode::kPinyin ? "d.fts_pinyin" : "d.fts";
        from = std::string(" FROM documents d, (SELECT CAST(? AS tsquery) AS q) qq WHERE ") +
               column + " @@ qq.q";
        rank = std::string("ts_rank(") + column + ", qq.q)";
        params.emplace_back(tsquery_literal(terms, all));
      }
      std::string where;
      document_filters(query, where, params);
      document_task_filters(query, where, params);
      if (phrase && mode == Mode::kAll) {
        where += sqlite ? " AND (instr(d.text, ?) > 0 OR instr(d.title, ?) > 0)"
                        : " AND (strpos(d.text, ?) > 0 OR strpos(d.title, ?) > 0)";
        params.emplace_back(*phrase);
        params.emplace_back(*phrase);
      }
      if (number_hit) {
        where += " AND d.id <> ?";
        params.emplace_back(number_hit->document_id);
      }
      found.total +=
          static_cast<int>(to_i64(db.query("SELECT count(*)" + from + where, params)[0][0]));
      // The rank window: the newest matches that pass the filters, read in rowid order.
      std::vector<Value> page = params;
      page.emplace_back(std::max<std::int64_t>(kRankWindow, static_cast<std::int64_t>(wanted)));
      page.emplace_back(static_cast<std::int64_t>(wanted));
      for (const Row& r : db.query("SELECT m.* FROM (SELECT d.id AS id, d.doc_number, d.title, " +
                                       rank + " AS score" + from + where + " ORDER BY " +
                                       (sqlite ? "doc_fts.rowid" : "d.id") +
                                       " DESC LIMIT ?) m ORDER BY m.score DESC, m.id LIMIT ?",
                                   page)) {
        found.hits.push_back(document_hit(r));
      }
    }
    // Tasks.
    if (query.tasks) {
      std::string from, rank;
      std::vector<Value> params;
      if (sqlite) {
        const char* columns = mode == Mode::kPinyin ? "pinyin" : "text units";
        from =
            " FROM task_fts CROSS JOIN tasks t ON t.id = task_fts.rowid"
            " CROSS JOIN documents d ON d.id = t.document_id WHERE task_fts MATCH ?";
        rank = std::string("-") + kTaskRank;
        params.emplace_back(fts_match(columns, terms, all));
      } else {
        const char* column = mode == Mode::kPinyin ? "t.fts_pinyin" : "t.fts";
        from = std::string(
                   " FROM tasks t JOIN documents d ON d.id = t.document_id,"
                   " (SELECT CAST(? AS tsquery) AS q) qq WHERE ") +
               column + " @@ qq.q";
        rank = std::string("ts_rank(") + column + ", qq.q)";
        params.emplace_back(tsquery_literal(terms, all));
      }
      std::string where;
      document_filters(query, where, params);
      task_filters(query, where, params);
      if (phrase && mode == Mode::kAll) {
        where += sqlite ? " AND instr(t.text, ?) > 0" : " AND strpos(t.text, ?) > 0";
        params.emplace_back(*phrase);
      }
      found.total +=
          static_cast<int>(to_i64(db.query("SELECT count(*)" + from + where, params)[0][0]));
      std::vector<Value> page = params;
      page.emplace_back(std::max<std::int64_t>(kRankWindow, static_cast<std::int64_t>(wanted)));
      page.emplace_back(static_cast<std::int64_t>(wanted));
      for (const Row& r :
           db.query("SELECT m.* FROM (SELECT t.id AS id, t.document_id, d.doc_number, d.title,"
                    " t.text, " +
                        rank + " AS score" + from + where + " ORDER BY " +
                        (sqlite ? "task_fts.rowid" : "t.id") +
                        " DESC LIMIT ?) m ORDER BY m.score DESC, m.id LIMIT ?",
                    page)) {
        found.hits.push_back(task_hit(r));
      }
    }
    std::stable_sort(found.hits.begin(), found.hits.end(),
                     [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
    if (found.hits.size() > wanted) found.hits.resize(wanted);
    return found;
  };

  Found found;
  std::string how;
  const std::string shown = phrase ? "“" + *phrase + "”" : text;
  if (number_hit) {
    // The 文号 was meant; other hits are documents and tasks that mention it.
    found = run(Mode::kAll);
  } else {
    found = run(Mode::kAll);
    how = phrase ? "短语 " + shown : "全部词语 " + shown;
    if (found.total == 0 && !aq.pinyin_terms.empty()) {
      found = run(Mode::kPinyin);
      how = "拼音 " + join(aq.pinyin_terms, " ");
    }
    if (found.total == 0 && aq.terms.size() > 1) {
      found = run(Mode::kAny);
      how = "任一词语 " + join(aq.terms, " ");
    }
    if (found.total == 0) how = phrase ? "短语 " + shown : "全部词语 " + shown;
    if (aq.terms.empty() && aq.pinyin_terms.empty()) how.clear();
    if (!how.empty()) results.interpreted_as = how;
  }
  if (number_hit) {
    found.hits.insert(found.hits.begin(), *number_hit);
    found.total += 1;
  }
  results.total = found.total;
  results.total_exact = found.exact;
  const std::vector<std::string>& highlight = aq.highlight.empty() ? aq.terms : aq.highlight;
  for (std::size_t i = static_cast<std::size_t>(offset);
       i < found.hits.size() && results.hits.size() < static_cast<std::size_t>(limit); ++i) {
    SearchHit h = std::move(found.hits[i]);
    if (h.kind == "task") {
      h.snippet = search::snippet(h.snippet, highlight);
    } else if (!number_hit || h.document_id != number_hit->document_id || i != 0) {
      auto rows = db.query("SELECT text FROM documents WHERE id = ?", {h.document_id});
      h.snippet = search::snippet(rows.empty() ? "" : rows[0][0].value_or(""), highlight);
    }
    results.hits.push_back(std::move(h));
  }
  return results;
}

}  // namespace duban::store
