// Internal: the task ledger of a document: outline items and table rows that assign work.
//
// Responsibility is read with data/duty_phrases.tsv, never with one branch per sample:
//   labels  "（牵头单位：A；责任单位：B、C）", "责任部门：A、B" on a line after a block;
//   verbs   "A牵头，B、C配合", "由A负责", "A、B等按职责分工落实" (the units right before the verb);
//   columns a table column headed 责任单位 / 牵头单位 / 责任分工 …, whose cells may themselves
//           use labels or verbs.
// An item is a task when it names at least one unit. Units get canonical names from the
// registry (units.h); the printed names are kept alongside.
#ifndef DUBAN_CORE_TASKS_H_
#define DUBAN_CORE_TASKS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/units.h"
#include "duban/document.h"
#include "duban/rules.h"

namespace duban::detail {

//! Units named in a text, as printed, in order; `lead` is a subset of `all`.
struct Duties {
  std::vector<std::string> lead;
  std::vector<std::string> all;
  std::vector<std::string> host;  // 主办 units: the lead only where no unit is marked 牵头
  std::string deadline;  // the value of a 完成时限 label ("完成时限：2023年6月"), if any
  bool empty() const { return all.empty(); }
};

Duties find_duties(std::string_view text, const Rules& rules, const duban::UnitRegistry& registry);

struct DutyIndex;
struct DutyScratch;

//! The rules as extraction reads them (duty phrases by first character …), and what it has
//! read with them (lists of units): built once for all the documents of a parse, which are
//! read with one registry. Holds pointers into `rules`, which must outlive it.
class LedgerIndex {
 public:
  explicit LedgerIndex(const Rules& rules);
  ~LedgerIndex();
  LedgerIndex(const LedgerIndex&) = delete;
  LedgerIndex& operator=(const LedgerIndex&) = delete;
  const DutyIndex& duties() const { return *duties_; }
  DutyScratch& scratch() { return *scratch_; }

 private:
  std::unique_ptr<DutyIndex> duties_;
  std::unique_ptr<DutyScratch> scratch_;
};

//! Fills doc.tasks, doc.targets and doc.citations from the document's outline, tables and
//! body.
void extract_ledger(Document& doc, const Rules& rules, const duban::UnitRegistry& registry,
                    LedgerIndex& index);
//! The same with an index of its own.
void extract_ledger(Document& doc, const Rules& rules, const duban::UnitRegistry& registry);

}  // namespace duban::detail

#endif  // DUBAN_CORE_TASKS_H_
