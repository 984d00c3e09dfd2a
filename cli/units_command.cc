// `duban units`; see units_command.h.
#include "cli/units_command.h"

#include <algorithm>
#include <iomanip>
#include <optional>
#include <unordered_map>

#include "adapters/export/json_export.h"
#include "cli/common.h"
#include "cli/tasks_command.h"
#include "duban/rules.h"

namespace duban::cli {
namespace {

constexpr const char* kUnitsHelp =
    "统计公文任务中出现的单位：每个单位（规范名称）承担的任务数和牵头任务数，按任务数排序；\n"
    "另列单位登记表（data/units.tsv）中没有的名称，便于补充登记表（再以 --rules DIR 使用）。\n"
    "--json 输出 {\"units\":[{\"name\",\"tasks\",\"lead\"}],\"unknown\":[{\"name\",\"tasks\"}]}。\n"
    "有文件无法读取时不输出。退出码：0 成功，1 输入错误，2 用法错误。";

void sort_counts(std::vector<UnitCount>& counts) {
  std::stable_sort(counts.begin(), counts.end(), [](const UnitCount& a, const UnitCount& b) {
    if (a.tasks != b.tasks) return a.tasks > b.tasks;
    return a.lead > b.lead;
  });
}

void print_counts(const std::vector<UnitCount>& counts, bool with_lead, std::ostream& out) {
  out << "任务数  ";
  if (with_lead) out << "牵头数  ";
  out << (with_lead ? "单位" : "名称") << '\n';
  for (const UnitCount& c : counts) {
    out << std::setw(6) << c.tasks << "  ";
    if (with_lead) out << std::setw(6) << c.lead << "  ";
    out << c.name << '\n';
  }
}

}  // namespace

UnitCounts count_units(const std::vector<exporter::LedgerRow>& rows, const UnitRegistry& registry) {
  std::vector<UnitCount> all;
  std::unordered_map<std::string, std::size_t> index;  // name -> position in `all`
  for (const exporter::LedgerRow& row : rows) {
    std::vector<std::string> seen;  // canonical names of this task, each counted once
    auto count = [&](const std::string& printed, bool lead) {
      std::string name = registry.canonical(printed);
      auto [it, inserted] = index.try_emplace(name, all.size());
      if (inserted) all.push_back({name, 0, 0});
      UnitCount& c = all[it->second];
      if (std::find(seen.begin(), seen.end(), name) == seen.end()) {
        seen.push_back(name);
        ++c.tasks;
      }
      if (lead) ++c.lead;
    };
    // Lead units first, each once; then the others (units includes the lead ones).
    std::vector<std::string> leads;
    for (const std::string& u : row.task.lead_units) {
      std::string name = registry.canonical(u);
      if (std::find(leads.begin(), leads.end(), name) != leads.end()) continue;
      leads.push_back(name);
      count(u, true);
    }
    for (const std::string& u : row.task.units) count(u, false);
  }
  UnitCounts counts;
  for (UnitCount& c : all) {
    // A group (各镇（街道）) is a unit of the ledger, not a name to register.
    bool listed = registry.known(c.name) || registry.collective(c.name);
    (listed ? counts.known : counts.unknown).push_back(std::move(c));
  }
  sort_counts(counts.known);
  sort_counts(counts.unknown);
  return counts;
}

CLI::App* add_units_command(CLI::App& app, UnitsArgs& args) {
  CLI::App* cmd = app.add_subcommand("units", kUnitsHelp);
  cmd->add_flag("--json", args.json, "输出 JSON");
  add_rules_and_files(cmd, args.rules_dir, args.files);
  return cmd;
}

int run_units(const UnitsArgs& args, std::ostream& out, std::ostream& err) {
  std::optional<Rules> loaded;
  if (!load_rules(args.rules_dir, loaded, err)) return 1;
  const Rules& rules = loaded ? *loaded : Rules::builtin();
  std::vector<exporter::LedgerRow> rows;
  if (!collect_tasks(args.files, rules, rows, err)) return 1;
  const UnitCounts counts = count_units(rows, UnitRegistry(rules));

  if (args.json) {
    exporter::Json j = exporter::Json::object();
    j["units"] = exporter::Json::array();
    for (const UnitCount& c : counts.known) {
      exporter::Json unit = exporter::Json::object();
      unit["name"] = c.name;
      unit["tasks"] = c.tasks;
      unit["lead"] = c.lead;
      j["units"].push_back(std::move(unit));
    }
    j["unknown"] = exporter::Json::array();
    for (const UnitCount& c : counts.unknown) {
      exporter::Json unit = exporter::Json::object();
      unit["name"] = c.name;
      unit["tasks"] = c.tasks;
      j["unknown"].push_back(std::move(unit));
    }
    out << exporter::dump(j) << '\n';
  } else {
    if (!counts.known.empty()) print_counts(counts.known, true, out);
    if (!counts.unknown.empty()) {
      if (!counts.known.empty()) out << '\n';
      out << "单位登记表中没有的名称（可补充到 units.tsv，以 --rules DIR 使用）：\n";
      print_counts(counts.unknown, false, out);
    }
    if (!counts.known.empty() || !counts.unknown.empty()) out << '\n';
    out << "共 " << counts.known.size() << " 个单位，" << counts.unknown.size() << " 个未登记名称，"
        << rows.size() << " 项任务\n";
  }
  return finish_output(out, err, 0);
}

}  // namespace duban::cli
