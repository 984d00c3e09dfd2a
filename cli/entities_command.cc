// `duban entities`; see entities_command.h.
#include "cli/entities_command.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adapters/export/json_export.h"
#include "cli/common.h"
#include "core/deadline.h"
#include "core/normalize.h"
#include "core/units.h"
#include "duban/rules.h"
#include "duban/units.h"

namespace duban::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kEntitiesHelp =
    "从标准输入读取 UTF-8 文本（最多 64 MiB），逐行规范化后列出其中的实体，每个实体输出一行 JSON\n"
    "（JSON Lines），均含 type、text 和 line（输入行号，从 1 起）：\n"
    "  money       金额，value 以元计（范围为 min、max），unit，另有 per（如 "
    "元/户）、comparator、\n"
    "              implied_unit（“元”由上下文推定）\n"
    "  percent     百分比，value（范围为 min、max），unit 为 % 或 个百分点，comparator\n"
    "  date        日期，date 为 ISO 格式\n"
    "  deadline    期限，date、kind\n"
    "  doc_number  发文字号，doc_number（规范写法）、agency、year、serial\n"
    "  unit        单位名称\n"
    "  target      量化目标，text "
    "为所在分句，metric、comparator、value、unit、baseline_year、year\n"
    "退出码：0 成功，1 输入错误（如超过 64 MiB），2 用法错误。";

Json or_null(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json to_json(const detail::Entity& e, int line) {
  Json j = Json::object();
  j["type"] = e.type;
  j["text"] = e.text;
  if (e.amount) {
    const detail::Amount& a = *e.amount;
    if (a.value) {
      j["value"] = *a.value;
    } else {
      j["min"] = or_null(a.min);
      j["max"] = or_null(a.max);
    }
    j["unit"] = a.unit;
    if (!a.per.empty()) j["per"] = a.per;
    if (!a.comparator.empty()) j["comparator"] = a.comparator;
    if (a.implied_unit) j["implied_unit"] = true;
  } else if (e.date) {
    j["date"] = e.date->iso();
  } else if (e.deadline) {
    j["date"] = e.deadline->date ? Json(e.deadline->date->iso()) : Json(nullptr);
    j["kind"] = e.deadline->kind;
  } else if (e.doc_number) {
    j["doc_number"] = e.doc_number->text;
    j["agency"] = e.doc_number->agency;
    j["year"] = e.doc_number->year;
    j["serial"] = e.doc_number->serial;
  } else if (e.target) {
    // The same fields as a target in `duban parse --json`; "text" stays the entity's.
    const Json target = exporter::to_json(*e.target);
    for (const auto& [key, value] : target.items())
      if (key != "text") j[key] = value;
  }
  j["line"] = line;
  return j;
}

// One input line normalized as normalize_lines() does: tab-separated cells one by one.
std::string normalize_line(std::string_view raw, const Rules& rules) {
  if (raw.find('\t') == std::string_view::npos) return detail::normalize_text(raw, rules);
  std::string out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = raw.find('\t', start);
    if (start > 0) out += '\t';
    out += detail::normalize_text(
        raw.substr(start, tab == std::string_view::npos ? tab : tab - start), rules);
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace

CLI::App* add_entities_command(CLI::App& app, EntitiesArgs& args) {
  CLI::App* cmd = app.add_subcommand("entities", kEntitiesHelp);
  cmd->add_option("--year", args.year,
                  "公文的年份：“今年”“年内”按此年份；早于此年份的数字视为已有情况，不作为目标")
      ->type_name("YEAR")
      ->check(CLI::Range(1900, 2199));
  cmd->add_option("--max-bytes", args.max_bytes, "输入上限（测试用）")
      ->check(CLI::PositiveNumber)
      ->group("");  // hidden
  return cmd;
}

int run_entities(const EntitiesArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  std::string data;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.append(buf, static_cast<std::size_t>(in.gcount()));
    if (data.size() > args.max_bytes) {
      err << "duban: 错误: 标准输入: 输入超过 "
          << (args.max_bytes >= (std::size_t{1} << 20)
                  ? std::to_string(args.max_bytes >> 20) + " MiB"
                  : std::to_string(args.max_bytes) + " 字节")
          << " 上限\n";
      return 1;
    }
  }
  if (in.bad()) {
    err << "duban: 错误: 标准输入: 无法读取\n";
    return 1;
  }
  const Rules& rules = Rules::builtin();
  detail::EntityOptions options;
  options.rules = &rules;
  options.doc_year = args.year;
  options.find_deadlines = args.find_deadlines;
  if (!options.find_deadlines) {
    // Deadlines resolve against the document's date; with --year, against 1 January of it.
    std::optional<Date> doc_date;
    if (args.year) doc_date = Date{*args.year, 1, 1};
    options.find_deadlines = [&rules, doc_date](std::string_view text) {
      std::vector<detail::EntityDeadline> out;
      if (auto d = detail::find_deadline(text, doc_date, rules)) {
        std::size_t at = text.find(d->text);
        if (at != std::string_view::npos) out.push_back({*d, at, at + d->text.size()});
      }
      return out;
    };
  }
  const UnitRegistry registry(rules);
  options.is_unit = [&rules, &registry](std::string_view name) {
    return detail::looks_like_unit(name, rules, registry);
  };
  std::string_view text = data;
  int line = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view raw = text.substr(pos, end - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string normalized = normalize_line(raw, rules);
    for (const detail::Entity& e : detail::find_entities(normalized, options)) {
      out << to_json(e, line).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    }
  }
  return finish_output(out, err, 0);
}

}  // namespace duban::cli
