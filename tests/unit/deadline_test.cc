// Tests of deadline phrases (core/deadline.h). Expected dates are worked out by hand from the
// rules in deadline.h and the holiday notices in data/holidays.tsv.
#include "core/deadline.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "duban/rules.h"

namespace duban::detail {
namespace {

constexpr Date k2021{2021, 6, 18};  // a Friday
constexpr Date k2024{2024, 7, 23};  // a Tuesday

struct Case {
  std::string_view text;
  std::optional<Date> doc;
  std::string_view phrase;  // expected Deadline::text
  std::string_view date;    // expected ISO date, "" for null
  std::string_view kind;
};

std::string dump(const std::optional<Deadline>& d) {
  if (!d) return "none";
  return d->kind + " " + d->text + " " + (d->date ? d->date->iso() : "null");
}

void check(const Case& c) {
  auto d = find_deadline(c.text, c.doc, Rules::builtin());
  std::string want = std::string(c.kind) + " " + std::string(c.phrase) + " " +
                     (c.date.empty() ? std::string("null") : std::string(c.date));
  EXPECT_EQ(dump(d), want) << c.text;
}

TEST(Deadline, Absolute) {
  const Case cases[] = {
      {"各镇（街）9月底前基本完成改革任务", k2021, "9月底前", "2021-09-30", "absolute"},
      {"9月底基本完成改革任务", k2021, "9月底", "2021-09-30", "absolute"},
      {"9月30日前报送区政府办公室", k2021, "9月30日前", "2021-09-30", "absolute"},
      {"10月15日前公布清理结果", k2021, "10月15日前", "2021-10-15", "absolute"},
      {"3月31日前完成", k2021, "3月31日前", "2021-03-31", "absolute"},  // past: no roll-over
      {"2021年9月底前，实现系统对接", k2021, "2021年9月底前", "2021-09-30", "absolute"},
      {"九月底前完成", k2021, "九月底前", "2021-09-30", "absolute"},
      {"年底前实现重大突破", k2024, "年底前", "2024-12-31", "absolute"},
      {"年内完成", k2024, "年内", "2024-12-31", "absolute"},
      {"年底全面完成", k2024, "年底", "2024-12-31", "absolute"},
      {"力争到年底完成", k2024, "到年底", "2024-12-31", "absolute"},
      {"今年底前完成", k2024, "今年底前", "2024-12-31", "absolute"},
      {"明年6月底前完成", k2024, "明年6月底前", "2025-06-30", "absolute"},
      {"上半年完成摸底", k2024, "上半年", "2024-06-30", "absolute"},
      {"下半年启动实施", k2024, "下半年", "2024-12-31", "absolute"},
      {"第三季度完成验收", k2024, "第三季度", "2024-09-30", "absolute"},
      {"一季度完成摸底", k2024, "一季度", "2024-03-31", "absolute"},
      {"四季度末完成", k2024, "四季度末", "2024-12-31", "absolute"},
      {"2025年第一季度前完成", k2024, "2025年第一季度前", "2025-03-31", "absolute"},
      {"到2025年，全面完成农产品产地监测", k2021, "到2025年", "2025-12-31", "absolute"},
      {"确保2025年前，各镇街道全面建成", k2021, "2025年前", "2025-12-31", "absolute"},
      {"截至9月30日，完成全部整改", k2021, "截至9月30日", "2021-09-30", "absolute"},
      {"力争2025年底前全面完成", k2021, "2025年底前", "2025-12-31", "absolute"},
      {"二〇二五年底前全面完成", k2021, "二〇二五年底前", "2025-12-31", "absolute"},
      {"到2025年底，覆盖率达到90%", k2021, "到2025年底", "2025-12-31", "absolute"},
      {"2024年12月31日前完成清理", k2024, "2024年12月31日前", "2024-12-31", "absolute"},
      {"截至2024年12月31日，完成全部整改", k2024, "截至2024年12月31日", "2024-12-31", "absolute"},
      {"于2024年10月31日完成", k2024, "2024年10月31日", "2024-10-31", "absolute"},
      {"6月上旬召开", k2021, "6月上旬", "2021-06-10", "absolute"},
      {"6月中旬前报送", k2021, "6月中旬前", "2021-06-20", "absolute"},
      {"6月下旬完成", k2021, "6月下旬", "2021-06-30", "absolute"},
      {"2月下旬完成", k2024, "2月下旬", "2024-02-29", "absolute"},  // a leap year
      {"到2027年，设备投资规模较2023年增长28%以上", k2024, "到2027年", "2027-12-31", "absolute"},
      {"元旦前完成走访", k2024, "元旦前", "2024-12-31", "absolute"},
      {"国庆节前完成", k2024, "国庆节前", "2024-09-30", "absolute"},
      {"春节前发放到位", k2024, "春节前", "", "absolute"},  // lunar: recognized, not resolved
  };
  for (const Case& c : cases) check(c);
}

TEST(Deadline, Relative) {
  const Case cases[] = {
      // 2024-09-27 (Friday) + 5 working days: 9月29日 (Sunday, worked), 9月30日, then
      // 10月1日至7日 off, 10月8日, 9日, 10日.
      {"5个工作日内办结", Date{2024, 9, 27}, "5个工作日内", "2024-10-10", "relative"},
      {"三个工作日内办结", Date{2024, 9, 27}, "三个工作日内", "2024-10-08", "relative"},
      // 2024-02-08 (Thursday): 2月9日, then 2月10日至17日 off, 2月18日 (Sunday), 19日, 20日, 21日.
      {"在5个工作日内完成", Date{2024, 2, 8}, "5个工作日内", "2024-02-21", "relative"},
      {"10日内报送", k2021, "10日内", "2021-06-28", "relative"},
      {"30天内完成整改", k2021, "30天内", "2021-07-18", "relative"},
      {"自印发之日起30日内报送", k2021, "自印发之日起30日内", "2021-07-18", "relative"},
      {"3个月内完成", k2021, "3个月内", "2021-09-18", "relative"},
      // The count starts at another event: recognized, no date.
      {"自收到备案材料之日起60日内审查完毕", k2021, "自收到备案材料之日起60日内", "", "relative"},
      {"在处理决定送达之日起15个工作日内提出申诉", k2021, "处理决定送达之日起15个工作日内", "",
       "relative"},
      {"于活动开展后5个工作日内报区政府政务公开办公室备案", k2024, "活动开展后5个工作日内", "",
       "relative"},
      {"（二）有效期届满前6个月内的", k2021, "有效期届满前6个月内", "", "relative"},
      {"本通知印发后10日内报送", k2021, "本通知印发后10日内", "2021-06-28", "relative"},
  };
  for (const Case& c : cases) check(c);
}

TEST(Deadline, Recurring) {
  const Case cases[] = {
      // Q2 ends 6月30日 + 10 = 7月10日, before 7月23日; Q3: 9月30日 + 10 = 10月10日.
      {"每季度结束后10日内报送借款和担保情况", k2024, "每季度结束后10日内", "2024-10-10",
       "recurring"},
      // Q3 2024 + 5 working days: 10月1日至7日 off; 8日, 9日, 10日, 11日, 12日 (Saturday, worked).
      {"每季度结束后5个工作日内报送", k2024, "每季度结束后5个工作日内", "2024-10-12", "recurring"},
      {"每年1月5日前报送上年度情况", Date{2021, 12, 1}, "每年1月5日前", "2022-01-05", "recurring"},
      {"每年2月底前报送融资分析报告", k2021, "每年2月底前", "2022-02-28", "recurring"},
      {"每月5日前报送上月进度", k2024, "每月5日前", "2024-08-05", "recurring"},
      {"每月底前更新台账", k2024, "每月底前", "2024-07-31", "recurring"},
      {"每月调度一次", k2024, "每月", "2024-07-31", "recurring"},
      {"每季度通报一次", k2024, "每季度", "2024-09-30", "recurring"},
      {"每季度末报送", k2024, "每季度末", "2024-09-30", "recurring"},
      {"按季度公布目录", k2024, "按季度", "2024-09-30", "recurring"},
      {"每半年报告一次", k2024, "每半年", "2024-12-31", "recurring"},
      {"每半年报告一次", k2021, "每半年", "2021-06-30", "recurring"},
      {"每年开展一次评估", k2024, "每年", "2024-12-31", "recurring"},
      {"于每年十二月份报送下年度计划", k2024, "每年十二月份", "2024-12-31", "recurring"},
      {"每年第一季度完成上年度考核", k2024, "每年第一季度", "2025-03-31", "recurring"},
      {"定期通报进展", k2024, "定期", "", "recurring"},
  };
  for (const Case& c : cases) check(c);
}

// Weekly and daily cadences: the first due day on or after the document's date.
// k2024 is Tuesday 2024-07-23; k2021 is Friday 2021-06-18.
TEST(Deadline, WeeklyAndDaily) {
  const Case cases[] = {
      {"每周五前报送工作进展", k2024, "每周五前", "2024-07-26", "recurring"},
      {"每周五前报送工作进展", k2021, "每周五前", "2021-06-18", "recurring"},
      {"每周二调度", k2024, "每周二", "2024-07-23", "recurring"},
      {"每星期一上午召开例会", k2024, "每星期一", "2024-07-29", "recurring"},
      // A bare 每周 is due at the week's end, Sunday.
      {"每周报送进展", k2024, "每周", "2024-07-28", "recurring"},
      {"每日18时前报送疫情数据", k2024, "每日18时前", "2024-07-23", "recurring"},
      {"每天巡查", k2024, "每天", "2024-07-23", "recurring"},
  };
  for (const Case& c : cases) check(c);
  // A count or a range after the cadence is a rate, not a due day.
  for (std::string_view text : {"每周一次", "每周至少开展2次巡查", "每日3次", "每周一至周五开放"})
    EXPECT_FALSE(find_deadline(text, k2024, Rules::builtin()).has_value()) << text;
}

// Months and years without a year of their own take the document's; 次年 and 下一年度 the next.
TEST(Deadline, BareMonthsAndFollowingYears) {
  const Case cases[] = {
      // 8月前: before August begins, by the end of July.
      {"8月前完成摸底排查", k2024, "8月前", "2024-07-31", "absolute"},
      {"3月前完成", k2024, "3月前", "2024-02-29", "absolute"},  // a leap year
      {"1月前完成", k2024, "1月前", "2023-12-31", "absolute"},
      {"9月底前完成", k2024, "9月底前", "2024-09-30", "absolute"},
      {"10月中旬前完成验收", k2024, "10月中旬前", "2024-10-20", "absolute"},
      {"11月上旬完成", k2024, "11月上旬", "2024-11-10", "absolute"},
      {"12月15日前报送", k2024, "12月15日前", "2024-12-15", "absolute"},
      {"次年3月底前完成结算", k2024, "次年3月底前", "2025-03-31", "absolute"},
      {"于次年1月底前报送", k2024, "次年1月底前", "2025-01-31", "absolute"},
      {"下一年度3月底前完成", k2024, "下一年度3月底前", "2025-03-31", "absolute"},
      {"明年一季度完成挂牌", k2024, "明年一季度", "2025-03-31", "absolute"},
      {"每年1月底前报送上年度工作总结", k2024, "每年1月底前", "2025-01-31", "recurring"},
  };
  for (const Case& c : cases) check(c);
  for (std::string_view text : {"上年度工作总结", "次年度计划", "6月前后"})
    EXPECT_FALSE(find_deadline(text, k2024, Rules::builtin()).has_value()) << text;
}

TEST(Deadline, Open) {
  const Case cases[] = {
      {"长期坚持", k2024, "长期坚持", "", "open"},
      {"持续推进", k2024, "持续推进", "", "open"},
      {"长期", k2024, "长期", "", "open"},
      {"常态化开展督导检查", k2024, "常态化", "", "open"},
  };
  for (const Case& c : cases) check(c);
}

TEST(Deadline, PrefersTheMostPreciseAbsoluteOrRelativePhrase) {
  const Case cases[] = {
      {"6月5日前制定具体落实方案，6月底前取得实质性进展，9月底前基本完成改革任务，年底前实现重大"
       "突破",
       k2021, "6月5日前", "2021-06-05", "absolute"},
      {"到2025年，全面建成；2023年6月底前，完成试点", k2021, "2023年6月底前", "2023-06-30",
       "absolute"},
      {"8月底前完成，并长期坚持", k2021, "8月底前", "2021-08-31", "absolute"},
      {"每季度报送一次，年底前全面完成", k2024, "年底前", "2024-12-31", "absolute"},
      {"常态化推进，定期通报", k2024, "定期", "", "recurring"},
      {"7月底前，对符合条件的市场主体实现即报即得，1个工作日内办结", k2021, "1个工作日内",
       "2021-06-21", "relative"},
  };
  for (const Case& c : cases) check(c);
}

TEST(Deadline, WithoutDocumentDate) {
  const Case cases[] = {
      {"5个工作日内办结", std::nullopt, "5个工作日内", "", "relative"},
      {"9月底前完成", std::nullopt, "9月底前", "", "absolute"},
      {"年底前完成", std::nullopt, "年底前", "", "absolute"},
      {"2021年9月底前完成", std::nullopt, "2021年9月底前", "2021-09-30", "absolute"},
      {"到2025年", std::nullopt, "到2025年", "2025-12-31", "absolute"},
      {"每季度结束后10日内", std::nullopt, "每季度结束后10日内", "", "recurring"},
  };
  for (const Case& c : cases) check(c);
}

TEST(Deadline, NotDeadlines) {
  const std::string_view texts[] = {
      "较2023年增长15%以上",
      "与2020年底相比增长一倍",
      "本办法自2022年1月1日起施行",
      "本办法自2022年1月1日起施行，有效期至2026年12月31日",
      "2021年9月27日，区政府召开常务会议",
      "2020年底，全区高新技术企业达163家",     // an explicit past year-end, no 前
      "于2021年5月10日召开推进会",             // a past event
      "95.8%的事项办理时限压缩到5个工作日内",  // a limit
      "去年9月底已完成",
      "去年年底前已完成",
      "2020年底前已全部完成",                  // a year before the document's
      "支持2019年1月1日前安放龙骨的老旧船舶",  // a qualifier in the past
      "截至3月31日，全区共有",                 // a yearless report date before the document
      "下半年起实施",                          // a start
      "2025年前三季度增长8%",
      "按规定期限内完成",  // 规定 + 期限, not 定期
      "不定期抽查",
      "社区运动会总数每年不少于100场次",  // a rate
      "每人每年100元",
      "加强组织领导，压实工作责任",
      "",
  };
  for (std::string_view t : texts)
    EXPECT_EQ(dump(find_deadline(t, k2021, Rules::builtin())), "none") << t;
}

TEST(Deadline, OddInput) {
  const Rules& rules = Rules::builtin();
  // Invalid UTF-8 around and inside a phrase, unbalanced brackets, truncated sequences.
  EXPECT_EQ(dump(find_deadline("\xff\xfe（（（9月底前\xe5", k2021, rules)),
            "absolute 9月底前 2021-09-30");
  EXPECT_EQ(dump(find_deadline("9月\xff底前", k2021, rules)), "none");
  EXPECT_EQ(dump(find_deadline("\xe5\xb9", k2021, rules)), "none");
  EXPECT_EQ(dump(find_deadline("\x80\x80\x80年底前", k2024, rules)), "absolute 年底前 2024-12-31");
  EXPECT_EQ(dump(find_deadline("2月30日前", k2021, rules)), "none");  // not a date
  EXPECT_EQ(dump(find_deadline("13月底前", k2021, rules)), "none");
  EXPECT_EQ(dump(find_deadline("99999999999999999999999999个工作日内", k2021, rules)), "none");
  EXPECT_EQ(dump(find_deadline("100000个工作日内", k2021, rules)),
            "relative 100000个工作日内 null");
}

// The value of a 完成时限 column or label: a bare date is the limit, the last date of a range.
TEST(Deadline, DueFields) {
  const Rules& rules = Rules::builtin();
  auto field = [&](std::string_view text, std::optional<Date> doc) {
    return dump(find_due_field(text, doc, rules));
  };
  EXPECT_EQ(field("2023年6月", Date{2023, 3, 1}), "absolute 2023年6月 2023-06-30");
  EXPECT_EQ(field("2021年", k2021), "absolute 2021年 2021-12-31");
  EXPECT_EQ(field("9月", k2021), "absolute 9月 2021-09-30");
  EXPECT_EQ(field("2024年12月31日", k2024), "absolute 2024年12月31日 2024-12-31");
  // A range ends at its last date, in the year printed before it.
  EXPECT_EQ(field("2021年10月-12月", Date{2020, 6, 28}), "absolute 12月 2021-12-31");
  EXPECT_EQ(field("2024年8月至2025年6月", k2024), "absolute 2025年6月 2025-06-30");
  EXPECT_EQ(field("2024年9月底前启动，12月底前完成", k2024), "absolute 12月底前 2024-12-31");
  EXPECT_EQ(field("长期坚持", k2024), "open 长期坚持 null");
  EXPECT_EQ(field("每季度末", k2024), "recurring 每季度末 2024-09-30");
  EXPECT_EQ(field("—", k2024), "none");
  // In running text the same words are no deadline: a bare date is an event or a report.
  EXPECT_EQ(dump(find_deadline("2023年6月", Date{2023, 3, 1}, rules)), "none");
}

TEST(Deadline, HugeInputsAreLinear) {
  const Rules& rules = Rules::builtin();
  const std::size_t kSize = 10 * 1024 * 1024;
  auto repeat = [&](std::string_view unit, std::string_view tail) {
    std::string s;
    s.reserve(kSize + unit.size() + tail.size());
    while (s.size() < kSize) s.append(unit);
    s.append(tail);
    return s;
  };
  const std::string inputs[] = {
      repeat("较2023年增长，", "年底前"),
      repeat("每季度结束后366个工作日内", ""),
      repeat("1000个月内", ""),
      repeat("（（【《", "年底前"),
      repeat("\xff\xe5\xb9", "年底前"),
      repeat("1", "年底前"),
      repeat("二", "年底前"),
      repeat("2021年", "年底前"),
      repeat("长期以来", ""),
  };
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& s : inputs) {
    auto d = find_deadline(s, k2024, rules);
    (void)d;
  }
  EXPECT_EQ(dump(find_deadline(inputs[0], k2024, rules)), "absolute 年底前 2024-12-31");
  EXPECT_EQ(dump(find_deadline(inputs[3], k2024, rules)), "absolute 年底前 2024-12-31");
  EXPECT_EQ(dump(find_deadline(inputs[4], k2024, rules)), "absolute 年底前 2024-12-31");
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 30.0);  // quadratic behaviour would take hours
}

}  // namespace
}  // namespace duban::detail
