// Internal: the deadline of a task, read from the task's text (see duban::Deadline).
//
// find_deadline() scans normalized text (ASCII digits, no layout spaces; Chinese numerals are
// read too) for the phrases that say when work is due, and resolves them against the
// document's date (成文日期) and the working-day calendar (core/calendar.h):
//
//   absolute   2021年9月底前, 9月底前, 9月底, 9月30日前, 2024年12月31日前, 年底前, 年内, 年底,
//              上半年 (6月30日), 下半年 (12月31日), 第三季度 / 三季度 / 四季度末 (quarter end),
//              到2025年 / 2025年底前 / 到2025年底 / 2025年前 (12月31日: "by 2025", as plans
//              use it), 6月上旬 / 中旬 / 下旬 (10th, 20th, last day), 8月前 (before August
//              begins: 7月31日), 今年 / 明年 / 次年 / 下一年度 + any of those, 元旦前, 国庆节前;
//              春节前 is recognized but left without a date (the lunar calendar is not modelled).
//              A date without a year takes the document's year and is not rolled over when it
//              is earlier than the document's date: documents do set past dates.
//   relative   5个工作日内 (working days, core/calendar.h), 10日内 / 30天内 (calendar days),
//              3个月内, 2周内, 3年内; 自印发之日起30日内 / 印发后30日内 count from the document's
//              date; when the count starts at another event (自收到材料之日起, 活动开展后,
//              届满前) the event is part of the text and the date is null.
//   recurring  每月, 每月底前, 每月5日前, 每季度, 每季度末, 每季度结束后10日内, 每半年, 每年,
//              每年1月5日前, 每年2月底前, 按季度, 定期, 每周 (Sunday), 每周五前, 每日 / 每天 /
//              每日18时前 (the document's date): the date is the first due date on or after
//              the document's date (null for 定期). A bare period followed by a quantity is
//              a rate, not a cadence, and no deadline (每年不少于100场次, 每人每年100元).
//   open       长期坚持, 持续推进, 长期, 常态化: no date.
//
// What is NOT a deadline: a start (自2022年1月1日起施行, 下半年起), a baseline (较2023年增长,
// 比2020年底), a validity (有效期至2026年12月31日), a full date that is neither followed by 前 /
// 之前 / 以前 / 完成 / 止 / 为止 nor preceded by 于 / 在 / 到 / 至 / 截至 (2021年9月27日，区政府
// 召开…), a date with only such a prefix that lies before the document's date (于2021年5月10日
// 召开: a past event), an explicit date in a year before the document's (2020年底前已完成;
// 支持2019年1月1日前建造的船舶), an explicit date earlier than the document's stated without 前
// (截至2021年3月底，全区…), a limit (压缩到5个工作日内), a rate (每年新增10家).
//
// When several phrases occur, an absolute or relative one wins over a recurring one, which wins
// over an open one; among absolute and relative phrases the most precise wins (a day, then
// 上旬 / 中旬 / 下旬, then a month, then a quarter or half year, then a year, then 春节前), the
// first in the text on a tie. Deadline::text is the phrase as printed, with a leading 到 / 至 /
// 截至 and a trailing 前 / 之前 / 以前 / 止 kept ("到2025年底", "9月底前"), never the sentence.
//
// Safe on any input: one left-to-right pass with bounded look-behind and look-ahead (linear
// time), no recursion, no exceptions beyond allocation; invalid UTF-8 reads as U+FFFD.
#ifndef DUBAN_CORE_DEADLINE_H_
#define DUBAN_CORE_DEADLINE_H_

#include <optional>
#include <string_view>

#include "duban/document.h"
#include "duban/rules.h"

namespace duban::detail {

//! The deadline that `text` states, or nullopt when it states none. `doc_date` is the
//! document's date; without it relative, recurring and yearless phrases are still recognized
//! (Deadline::kind is set) but their date is null. `rules` supplies the working-day calendar.
std::optional<Deadline> find_deadline(std::string_view text, std::optional<Date> doc_date,
                                      const Rules& rules);

//! The deadline of a due-date field's value (a 完成时限 / 时间节点 column or label): a bare date
//! is the limit ("2023年6月" is due at the end of June, "2023年" at the year's end), and of
//! several equally precise dates the last wins ("2023年3月—12月": the end of December).
std::optional<Deadline> find_due_field(std::string_view text, std::optional<Date> doc_date,
                                       const Rules& rules);

}  // namespace duban::detail

#endif  // DUBAN_CORE_DEADLINE_H_
