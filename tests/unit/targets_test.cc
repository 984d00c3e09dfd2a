// Tests of quantitative targets (core/targets.h).
#include "core/targets.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban::detail {
namespace {

constexpr int kNoYear = 0;

struct Want {
  std::string_view metric;  // "" for none
  std::string_view comparator;
  double value;
  std::string_view unit;
  int baseline_year;  // kNoYear for none
  int year;           // kNoYear for none
};

void check(std::string_view text, std::optional<int> doc_year, const std::vector<Want>& want) {
  SCOPED_TRACE(std::string(text));
  std::vector<Target> got = find_targets(text, doc_year);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t k = 0; k < want.size(); ++k) {
    const Target& t = got[k];
    const Want& w = want[k];
    SCOPED_TRACE(k);
    if (w.metric.empty()) {
      EXPECT_FALSE(t.metric.has_value()) << *t.metric;
    } else {
      ASSERT_TRUE(t.metric.has_value());
      EXPECT_EQ(*t.metric, w.metric);
    }
    ASSERT_TRUE(t.comparator && t.value && t.unit);
    EXPECT_EQ(*t.comparator, w.comparator);
    EXPECT_DOUBLE_EQ(*t.value, w.value);
    EXPECT_EQ(*t.unit, w.unit);
    EXPECT_EQ(t.baseline_year.value_or(kNoYear), w.baseline_year);
    EXPECT_EQ(t.year.value_or(kNoYear), w.year);
  }
}

TEST(FindTargets, BriefExamples) {
  struct Case {
    std::string_view text;
    Want want;
  };
  const Case cases[] = {
      {"到2027年，工业、农业、建筑、交通、教育、文旅、医疗等领域设备投资规模较2023年增长28%以上",
       {"设备投资规模", ">=", 28, "%", 2023, 2027}},
      {"到2027年，工业、农业…等领域设备投资规模较2023年增长28%以上",
       {"设备投资规模", ">=", 28, "%", 2023, 2027}},
      {"农资仓储能力达到1万吨", {"农资仓储能力", ">=", 1, "万吨", kNoYear, kNoYear}},
      {"PM2.5浓度低于41微克/立方米", {"PM2.5浓度", "<", 41, "微克/立方米", kNoYear, kNoYear}},
      {"实施市重点技术改造项目40项以上", {"市重点技术改造项目", ">=", 40, "项", kNoYear, kNoYear}},
      {"农作物耕种收综合机械化率达到83%以上",
       {"农作物耕种收综合机械化率", ">=", 83, "%", kNoYear, kNoYear}},
      {"城市污水处理厂提标改造率达到100%",
       {"城市污水处理厂提标改造率", ">=", 100, "%", kNoYear, kNoYear}},
      {"力争建成市级及以上绿色工厂5家", {"市级及以上绿色工厂", "=", 5, "家", kNoYear, kNoYear}},
  };
  for (const Case& c : cases) check(c.text, std::nullopt, {c.want});
}

TEST(FindTargets, MoreReadings) {
  struct Case {
    std::string_view text;
    Want want;
  };
  const Case cases[] = {
      {"到2025年底，生活垃圾无害化处理率达100%",
       {"生活垃圾无害化处理率", ">=", 100, "%", kNoYear, 2025}},
      {"城镇登记失业率始终控制在3%以内", {"城镇登记失业率", "<=", 3, "%", kNoYear, kNoYear}},
      {"力争总产值突破1000亿元", {"总产值", ">", 1000, "亿元", kNoYear, kNoYear}},
      {"接待游客突破2500万人次", {"接待游客", ">", 2500, "万人次", kNoYear, kNoYear}},
      {"力争到2025年食品产业工业总产值达到300亿元",
       {"食品产业工业总产值", ">=", 300, "亿元", kNoYear, 2025}},
      {"经常参加体育锻炼人数比例达到全区总人口的45%以上",
       {"经常参加体育锻炼人数比例", ">=", 45, "%", kNoYear, kNoYear}},
      {"主要农产品质量安全监测合格率稳定在98%以上",
       {"主要农产品质量安全监测合格率", ">=", 98, "%", kNoYear, kNoYear}},
      {"单位地区生产总值能耗比2020年下降15%",
       {"单位地区生产总值能耗", "=", 15, "%", 2020, kNoYear}},
      {"占全市规上工业企业比重由12.46%提高到20.24%",
       {"占全市规上工业企业比重", ">=", 20.24, "%", kNoYear, kNoYear}},
      {"适用简易程序审理的案件延期开庭次数不超过两次",
       {"适用简易程序审理的案件延期开庭次数", "<=", 2, "次", kNoYear, kNoYear}},
      {"一般公共预算收入突破百亿元大关", {"一般公共预算收入", ">", 100, "亿元", kNoYear, kNoYear}},
      {"9月底前将网上委托鉴定率提高到100%以上",
       {"网上委托鉴定率", ">=", 100, "%", kNoYear, kNoYear}},
      {"将简易注销公告时间由45个工作日压缩为20个工作日",
       {"简易注销公告时间", "<=", 20, "个工作日", kNoYear, kNoYear}},
      {"每年完成初级农产品定量检测不低于400批次",
       {"初级农产品定量检测", ">=", 400, "批次", kNoYear, kNoYear}},
      {"区城市用户年均停电时间压减至4个小时以内",
       {"区城市用户年均停电时间", "<=", 4, "个小时", kNoYear, kNoYear}},
      {"确保粮食产量稳定在15万吨左右", {"粮食产量", "=", 15, "万吨", kNoYear, kNoYear}},
      // The noun after a count is the metric when the verb takes an object.
      {"认定5家标准化劳动人事争议调解组织",
       {"标准化劳动人事争议调解组织", "=", 5, "家", kNoYear, kNoYear}},
      {"全区建成3个以上智慧社区（村居）", {"智慧社区（村居）", ">=", 3, "个", kNoYear, kNoYear}},
      {"每年至少开展2次专题性政策评价工作",
       {"专题性政策评价工作", ">=", 2, "次", kNoYear, kNoYear}},
      {"2024年支持改造提升1万家村卫生室", {"村卫生室", "=", 1, "万家", kNoYear, 2024}},
      {"完成新增农房登记、不动产抵押登记等5类上线业务类型流程再造",
       {"上线业务类型流程再造", "=", 5, "类", kNoYear, kNoYear}},
      {"政务服务事项网办率达到百分之九十", {"政务服务事项网办率", ">=", 90, "%", kNoYear, kNoYear}},
      {"办理时限压缩至3个工作日", {"办理时限", "<=", 3, "个工作日", kNoYear, kNoYear}},
      {"行政审批事项在线办理覆盖率超过95%",
       {"行政审批事项在线办理覆盖率", ">", 95, "%", kNoYear, kNoYear}},
      {"研发经费投入年均增长10%以上", {"研发经费投入", ">=", 10, "%", kNoYear, kNoYear}},
      {"全社会研发投入强度提高1.5个百分点",
       {"全社会研发投入强度", "=", 1.5, "个百分点", kNoYear, kNoYear}},
      {"培育规上工业企业100余家", {"规上工业企业", ">", 100, "家", kNoYear, kNoYear}},
      {"常住人口城镇化率为72%", {"常住人口城镇化率", "=", 72, "%", kNoYear, kNoYear}},
  };
  for (const Case& c : cases) check(c.text, std::nullopt, {c.want});
}

TEST(FindTargets, ClauseIsTheText) {
  std::vector<TargetMatch> got = find_target_matches(
      "主要目标：到2027年，全区设备投资规模较2023年增长28%以上；其他。", std::nullopt);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].target.text, "全区设备投资规模较2023年增长28%以上");
  EXPECT_EQ(*got[0].target.metric, "全区设备投资规模");
  EXPECT_EQ(*got[0].target.year, 2027);
}

TEST(FindTargets, OneTargetPerValueOfAList) {
  check("到2025年，城市、农村生活污水处理率分别超过80%、75%。", std::nullopt,
        {{"城市、农村生活污水处理率", ">", 80, "%", kNoYear, 2025},
         {"城市、农村生活污水处理率", ">", 75, "%", kNoYear, 2025}});
  // Each value keeps its own bound.
  check("绿色工厂、绿色园区分别达到5家以上、2个", std::nullopt,
        {{"绿色工厂、绿色园区", ">=", 5, "家", kNoYear, kNoYear},
         {"绿色工厂、绿色园区", ">=", 2, "个", kNoYear, kNoYear}});
  // The second value has no verb of its own: the first one's.
  check("建设镇街道网络站点12个、村社区网络站点323个", std::nullopt,
        {{"镇街道网络站点", "=", 12, "个", kNoYear, kNoYear},
         {"村社区网络站点", "=", 323, "个", kNoYear, kNoYear}});
  // Two verbs, two metrics.
  check("绿色工厂达到5家、绿色园区达到2个", std::nullopt,
        {{"绿色工厂", ">=", 5, "家", kNoYear, kNoYear},
         {"绿色园区", ">=", 2, "个", kNoYear, kNoYear}});
}

TEST(FindTargets, Years) {
  // 今年 / 年内 take the document's year; nothing else does.
  check("今年全区规上工业增加值增长8%", 2024, {{"全区规上工业增加值", "=", 8, "%", kNoYear, 2024}});
  check("今年，全区规上工业增加值增长8%", 2024,  // 今年 in a clause of its own
        {{"全区规上工业增加值", "=", 8, "%", kNoYear, 2024}});
  check("今年全区规上工业增加值增长8%", std::nullopt,
        {{"全区规上工业增加值", "=", 8, "%", kNoYear, kNoYear}});
  check("年内完成老旧小区改造30个", 2024, {{"老旧小区改造", "=", 30, "个", kNoYear, 2024}});
  check("明年新建充电桩200个", 2024, {{"充电桩", "=", 200, "个", kNoYear, 2025}});
  check("全区秸秆综合利用率达到93%以上", 2024,
        {{"全区秸秆综合利用率", ">=", 93, "%", kNoYear, kNoYear}});
  // The year does not cross a sentence; it does cross ， and ；.
  check("到2025年，A率达到90%；B率达到80%。C率达到70%", std::nullopt,
        {{"A率", ">=", 90, "%", kNoYear, 2025},
         {"B率", ">=", 80, "%", kNoYear, 2025},
         {"C率", ">=", 70, "%", kNoYear, kNoYear}});
  // 2020年以来 is not the target's year.
  check("2020年以来，累计培育企业50家", std::nullopt, {{"企业", "=", 50, "家", kNoYear, kNoYear}});
  // A figure of a year before the document's is a fact, not a target.
  check("2020年全区生产总值为1187.88亿元", 2021, {});
  check("2020年全区生产总值为1187.88亿元", std::nullopt,
        {{"全区生产总值", "=", 1187.88, "亿元", kNoYear, 2020}});
}

TEST(FindTargets, NotTargets) {
  const std::string_view cases[] = {
      "设立5000万元专项资金",                 // no verb
      "按照设备投资额的5%进行补贴",           // a condition
      "全区90%的个体工商注册实现在镇级办理",  // 90% qualifies 个体工商注册
      "年度完成投资5000万元以上（战略性新兴产业项目可适当放宽）的制造业项目",  // a qualifier
      "对年营业收入首次突破5亿元的企业，分别奖励10万元",                       // a condition
      "纳统后下一年度产值突破1亿元且增幅高于全区平均水平的",                   // a condition
      "城镇登记失业率控制在3%-5%",                                             // a range
      "2023年",                                                                // a year
      "拨打12345热线",                                                         // no unit
      "第3季度完成",                                                           // an ordinal
      "实现一件事一次办",                                                      // 一 in an idiom
      "水质达标率100%",                            // 达 of 达标 is not a verb
      "作为10家试点之一",                          // 为 of 作为
      "全力打造“三个目的地”",                      // a slogan in quotes
      "打造“15分钟健身圈”电子地图",                // a name in quotes
      "提供“7×24小时”全天候人工服务",              // a product
      "2024年年底前实现“跨省通办”的事项（74项）",  // an annotation
      "新增高新技术企业十家",                      // Chinese numeral after an object verb
      "活动开展后5个工作日内报区政府备案",         // a period after an object verb: a deadline
      "新认定的认证企业给予15万元奖励",            // a grant
      "单个项目补贴金额最高不超过1000万元",        // a grant's cap
      "建成鸣瑞年产200万吨食品级包装项目",         // a capacity
      "",
  };
  for (std::string_view text : cases) {
    SCOPED_TRACE(std::string(text));
    std::vector<Target> got = find_targets(text, 2024);
    EXPECT_TRUE(got.empty()) << got.size() << " " << got[0].text;
  }
}

TEST(FindTargets, HostileInputIsSafeAndBounded) {
  std::vector<std::string> inputs;
  inputs.push_back([] {  // one long "clause" with many targets: texts stay short
    std::string s;
    for (int i = 0; i < 100000; ++i) s += "覆盖率达到90%";
    return s;
  }());
  inputs.push_back(std::string(3 << 20, '7'));
  inputs.push_back([] {
    std::string s;
    for (int i = 0; i < 200000; ++i) s += "由1%提高到";
    return s;
  }());
  inputs.push_back([] {
    std::string s;
    for (int i = 0; i < 1000000; ++i) s += static_cast<char>(0x80 + (i * 7) % 0x7F);
    return s;
  }());
  inputs.push_back("达到5\xE4\xB8");  // truncated UTF-8 after a number
  for (const std::string& s : inputs) {
    std::vector<TargetMatch> got = find_target_matches(s, 2024);
    for (const TargetMatch& m : got) {
      ASSERT_LE(m.begin, m.end);
      ASSERT_LE(m.end, s.size());
      ASSERT_LE(m.target.text.size(), 700u);
    }
  }
  EXPECT_EQ(find_target_matches(inputs[0], std::nullopt).size(), 100000u);
}

}  // namespace
}  // namespace duban::detail
