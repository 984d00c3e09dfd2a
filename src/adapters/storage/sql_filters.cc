// The shared WHERE clauses; see sql_filters.h.
#include "adapters/storage/sql_filters.h"

namespace duban::store {

const char* status_code(TaskStatus status) {
  switch (status) {
    case TaskStatus::kNotStarted:
      return "not_started";
    case TaskStatus::kInProgress:
      return "in_progress";
    case TaskStatus::kDone:
      return "done";
    case TaskStatus::kNotApplicable:
      return "n/a";
  }
  return "not_started";
}

void document_where(const DocumentFilter& f, bool with_unit, std::string& sql,
                    std::vector<Value>& params) {
  if (!f.include_superseded) sql += " AND d.superseded_by IS NULL";
  if (f.issuer) {
    sql += " AND d.issuer = ?";
    params.emplace_back(*f.issuer);
  }
  if (f.year) {
    sql += " AND d.year = ?";
    params.emplace_back(std::int64_t{*f.year});
  }
  if (f.kind) {
    sql += " AND d.kind = ?";
    params.emplace_back(*f.kind);
  }
  if (with_unit && f.unit) {
    sql +=
        " AND EXISTS (SELECT 1 FROM tasks ut JOIN task_units uu ON uu.task_id = ut.id"
        " WHERE ut.document_id = d.id AND uu.unit = ?)";
    params.emplace_back(*f.unit);
  }
}

void task_where(const std::optional<std::string>& unit, const std::optional<TaskStatus>& status,
                const std::optional<Date>& due_from, const std::optional<Date>& due_to,
                std::string& sql, std::vector<Value>& params, const char* alias) {
  const std::string a = alias;
  if (unit) {
    sql += " AND EXISTS (SELECT 1 FROM task_units tu WHERE tu.task_id = t.id AND tu.unit = ?)";
    params.emplace_back(*unit);
  }
  if (status) {
    sql += " AND " + a + ".status = ?";
    params.emplace_back(std::string(status_code(*status)));
  }
  if (due_from) {
    sql += " AND " + a + ".deadline_date >= ?";
    params.emplace_back(due_from->iso());
  }
  if (due_to) {
    sql += " AND " + a + ".deadline_date <= ?";
    params.emplace_back(due_to->iso());
  }
}

}  // namespace duban::store
