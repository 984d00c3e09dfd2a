// adapters/storage/sql_filters.h: the WHERE clauses that document lists, the ledger and search
// share, written once for both databases (placeholders are "?", see db.h).
#ifndef DUBAN_ADAPTERS_STORAGE_SQL_FILTERS_H_
#define DUBAN_ADAPTERS_STORAGE_SQL_FILTERS_H_

#include <optional>
#include <string>
#include <vector>

#include "adapters/storage/db.h"
#include "adapters/storage/storage.h"

namespace duban::store {

//! How a status is stored: stable ASCII codes, independent of the display names.
const char* status_code(TaskStatus status);

//! Conditions on documents aliased `d`: current version, issuer, year, 文种, and (when
//! `with_unit`) having a task of the filter's unit.
void document_where(const DocumentFilter& f, bool with_unit, std::string& sql,
                    std::vector<Value>& params);

//! Conditions on tasks aliased `t`: unit (lead or responsible), status, due window. Status
//! and due date are read from `alias` (task_units carries copies of both, see schema.cc).
void task_where(const std::optional<std::string>& unit, const std::optional<TaskStatus>& status,
                const std::optional<Date>& due_from, const std::optional<Date>& due_to,
                std::string& sql, std::vector<Value>& params, const char* alias = "t");

}  // namespace duban::store

#endif  // DUBAN_ADAPTERS_STORAGE_SQL_FILTERS_H_
