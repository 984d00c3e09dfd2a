// cli/summary.h: the human-readable (Chinese) output of `duban parse`.
#ifndef DUBAN_CLI_SUMMARY_H_
#define DUBAN_CLI_SUMMARY_H_

#include <cstddef>
#include <ostream>
#include <vector>

#include "adapters/io/text_reader.h"
#include "duban/document.h"

namespace duban::cli {

//! Prints one file's documents as they come: a header line, a block per document (文号,
//! 发文机关, 标题, 成文日期, 行 start–end, counts of outline nodes and tables), a total.
class TextSummary {
 public:
  TextSummary(std::ostream& os, const io::Source& source);
  void add(const Document& document);
  void end();

 private:
  std::ostream& os_;
  std::size_t count_ = 0;
};

//! Number of nodes in an outline, all levels.
std::size_t count_nodes(const std::vector<OutlineNode>& nodes);

}  // namespace duban::cli

#endif  // DUBAN_CLI_SUMMARY_H_
