// Internal: quantitative targets (目标任务) in running text.
//
// A target is a quantity (a number with a unit: %, 个百分点, 元/万元/亿元, 万吨, 家, 项,
// 微克/立方米 …) that a verb sets as a goal, read clause by clause (a clause lies between
// ，；：。！？ or a line break):
//
//   predicate verbs, the metric before them:   设备投资规模较2023年增长28%以上
//       达到 / 达 / 提高到 / 不低于 / 不少于 -> ">="   超过 / 高于 / 突破 -> ">"
//       低于 / 少于 -> "<"   控制在 / 不超过 / 压缩至 / 降至 -> "<="
//       增长 / 提高 / 下降 / 保持 / 稳定在 / 为 -> "="  (an increase or level as stated)
//   object verbs, the metric after them:       实施市重点技术改造项目40项以上
//       实施 / 建成 / 完成 / 新增 / 培育 / 打造 / 创建 / 认定 / 实现 … -> "="
//   a bound after the quantity wins over the verb: 以上 -> ">=", 以下 / 以内 -> "<=";
//   5000余万元 / 100多家 -> ">".
//
// Target fields: metric (the thing measured, with leading 到2027年 / 力争 / 确保 and trailing
// 分别 / 始终 / 年均 … stripped, cut after 等领域 / 等行业 and before a baseline 较2023年),
// comparator, value and unit as printed (1万吨 -> 1 and "万吨", 1000亿元 -> 1000 and "亿元":
// the magnitude stays in the unit, like 万吨), baseline_year (较/比/与2023年), year and text
// (the clause, trimmed).
//
// The year is the last 20XX年 before the quantity in the same sentence (sentences end at
// 。！？ or a line break; 较2023年 is a baseline, 2020年以来 is not a year), or doc_year when the
// sentence says 今年 / 年内 / 本年度 (明年: doc_year + 1); otherwise null: doc_year is never
// invented.
//
// Decisions:
// - A list of values ("城市、农村生活污水处理率分别超过80%、75%") gives one target per value,
//   each with the same metric, verb and year ("城市、农村生活污水处理率" twice).
// - Not targets: a quantity followed by 的 (90%的个体工商注册, 5000万元以上（…）的项目: a
//   qualifier); clauses that state a condition (starting with 对 / 凡 / 如 / 若 / 按 / 按照 /
//   根据, or ending with 的); ranges (控制在3%-5%); quantities without a verb (设立5000万元专项
//   资金, 按照设备投资额的5%); when doc_year is given, targets whose year is before it (past
//   figures in a review: 2020年全区生产总值为1187.88亿元).
//
// Linear time, safe on any bytes.
#ifndef DUBAN_CORE_TARGETS_H_
#define DUBAN_CORE_TARGETS_H_

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "duban/document.h"

namespace duban::detail {

struct TargetMatch {
  Target target;
  std::size_t begin = 0;  // byte offsets of the clause (Target::text) in the searched text
  std::size_t end = 0;
};

//! Every target in `text`, in order, with where its clause is.
std::vector<TargetMatch> find_target_matches(std::string_view text, std::optional<int> doc_year);

//! Every target in `text`, in order.
std::vector<Target> find_targets(std::string_view text, std::optional<int> doc_year);

}  // namespace duban::detail

#endif  // DUBAN_CORE_TARGETS_H_
