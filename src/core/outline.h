// Internal: the heading tree of a document body.
//
// Heading labels have a fixed rank (classify.h): 第X编 > 第X章 > 第X节 > 第X条 > 一、 >
// （一） > 1. > （1） > ①. A heading nests under the nearest preceding heading of a
// higher rank, so depth is bounded by the number of ranks whatever the input. A run-in
// heading ("（一）迭新跃进，推动高端化升级。锚定…") has the part before the first 。 as
// its title and the rest as its text; 第X条 articles have no title, only text.
#ifndef DUBAN_CORE_OUTLINE_H_
#define DUBAN_CORE_OUTLINE_H_

#include <vector>

#include "core/reflow.h"
#include "duban/document.h"

namespace duban::detail {

std::vector<OutlineNode> build_outline(const std::vector<const Block*>& body);

}  // namespace duban::detail

#endif  // DUBAN_CORE_OUTLINE_H_
