// `duban tasks`; see tasks_command.h.
#include "cli/tasks_command.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iterator>
#include <utility>

#include "adapters/io/parse_driver.h"
#include "adapters/io/rules_loader.h"
#include "cli/common.h"
#include "duban/units.h"

namespace duban::cli {
namespace {

constexpr const char* kTasksHelp =
    "列出公文中的工作任务（工作台账）：每项任务的文号、任务内容、牵头单位、责任单位、完成时限。\n"
    "默认在终端输出表格；--json 输出 JSON 数组，--csv 输出 CSV（UTF-8 带 BOM，Excel "
    "可直接打开），\n"
    "--xlsx FILE 写出 Excel 工作簿。--unit 按单位筛选（简称、旧称均可，如 区发改局），\n"
    "可重复，满足其一即可；--due-from / --due-to 按完成时限日期筛选（含两端），\n"
    "给出时限窗口时没有明确日期的任务不列出。\n"
    "有文件无法读取时不输出台账。退出码：0 成功，1 输入错误，2 用法错误。";

constexpr std::size_t kTextChars = 30;     // 任务 on the terminal, in characters
constexpr std::size_t kUnitsColumns = 28;  // 牵头单位 / 责任单位 on the terminal, in columns
constexpr std::size_t kDeadlineChars = 16;  // 完成时限 on the terminal, in characters

// --- terminal layout --------------------------------------------------------------------

// Length in bytes of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

char32_t decode(std::string_view s, std::size_t i, std::size_t n) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  switch (n) {
    case 2:
      return ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
    case 3:
      return ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    case 4:
      return ((byte(0) & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) |
             (byte(3) & 0x3Fu);
    default:
      return byte(0);
  }
}

// Terminal columns of a code point: 2 for East Asian wide and fullwidth characters (CJK,
// their punctuation such as 、（）〔〕, fullwidth forms), 1 otherwise.
std::size_t char_width(char32_t c) {
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
                    (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
                    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

// Calls f(start, length, code point) for every character of `s`.
template <typename F>
void for_each_char(std::string_view s, F f) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = std::min(sequence_length(static_cast<unsigned char>(s[i])), s.size() - i);
    if (!f(i, n, decode(s, i, n))) return;
    i += n;
  }
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for_each_char(s, [&](std::size_t, std::size_t, char32_t c) {
    width += char_width(c);
    return true;
  });
  return width;
}

// At most `max_chars` characters of `s` on one line; "…" marks a cut.
std::string truncate_chars(std::string_view s, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  bool cut = false;
  for_each_char(s, [&](std::size_t i, std::size_t n, char32_t c) {
    if (chars == max_chars) {
      cut = true;
      return false;
    }
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else {
      out.append(s.substr(i, n));
    }
    ++chars;
    return true;
  });
  if (cut) out += "…";
  return out;
}

// Units joined with "、" within about `max_columns` columns: as many whole names as fit,
// then "等N个" for the count of all of them.
std::string shorten_units(const std::vector<std::string>& units, std::size_t max_columns) {
  std::string all = exporter::join_units(units);
  if (display_width(all) <= max_columns) return all;
  std::string out;
  for (const std::string& unit : units) {
    std::string next = out.empty() ? unit : out + "、" + unit;
    if (!out.empty() && display_width(next) > max_columns) break;
    out = std::move(next);
  }
  return out + "等" + std::to_string(units.size()) + "个";
}

void pad(std::ostream& out, std::string_view cell, std::size_t width) {
  out << cell;
  for (std::size_t w = display_width(cell); w < width; ++w) out << ' ';
}

void print_table(const std::vector<exporter::LedgerRow>& rows, std::size_t before_filter,
                 bool filtered, std::ostream& out) {
  const std::vector<std::string> header = {"序号",     "文号",     "任务",    "牵头单位",
                                           "责任单位", "完成时限", "时限日期"};
  std::vector<std::vector<std::string>> table;
  std::size_t with_deadline = 0;
  std::size_t with_date = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const exporter::LedgerRow& row = rows[i];
    const Task& task = row.task;
    std::string deadline = "—";
    std::string date = "—";
    if (task.deadline) {
      ++with_deadline;
      deadline = truncate_chars(task.deadline->text, kDeadlineChars);
      if (task.deadline->date) {
        ++with_date;
        date = task.deadline->date->iso();
      }
    }
    table.push_back({std::to_string(i + 1), row.document.doc_number.value_or("—"),
                     truncate_chars(task.text, kTextChars),
                     task.lead_units.empty() ? "—" : shorten_units(task.lead_units, kUnitsColumns),
                     task.units.empty() ? "—" : shorten_units(task.units, kUnitsColumns), deadline,
                     date});
  }
  if (!table.empty()) {
    std::vector<std::size_t> widths(header.size());
    for (std::size_t c = 0; c < header.size(); ++c) widths[c] = display_width(header[c]);
    for (const auto& cells : table) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        widths[c] = std::max(widths[c], display_width(cells[c]));
      }
    }
    auto print_row = [&](const std::vector<std::string>& cells) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c + 1 < cells.size()) {
          pad(out, cells[c], widths[c]);
          out << "  ";
        } else {
          out << cells[c];
        }
      }
      out << '\n';
    };
    print_row(header);
    std::size_t total = 0;
    for (std::size_t w : widths) total += w;
    out << std::string(total + 2 * (widths.size() - 1), '-') << '\n';
    for (const auto& cells : table) print_row(cells);
    out << '\n';
  }
  out << "共 " << rows.size() << " 项任务";
  if (filtered) out << "（全部 " << before_filter << " 项中符合条件的）";
  out << "，其中 " << with_deadline << " 项有完成时限，" << with_date << " 项有明确日期\n";
}

// --- filtering --------------------------------------------------------------------------

struct Filter {
  std::vector<std::string> units;  // canonical names; empty: any
  std::optional<Date> from;
  std::optional<Date> to;

  bool active() const { return !units.empty() || from || to; }

  bool keep(const Task& task, const UnitRegistry& registry) const {
    if (!units.empty()) {
      bool any = std::any_of(task.units.begin(), task.units.end(), [&](const std::string& u) {
        const std::string canonical = registry.canonical(u);
        return std::find(units.begin(), units.end(), canonical) != units.end();
      });
      if (!any) return false;
    }
    if (from || to) {
      if (!task.deadline || !task.deadline->date) return false;
      const Date& due = *task.deadline->date;
      if (from && due < *from) return false;
      if (to && due > *to) return false;
    }
    return true;
  }
};

std::string check_date(std::string& text) {
  if (parse_iso_date(text)) return "";
  return "日期无效：" + text + "（应为 YYYY-MM-DD 格式的有效日期，如 2024-09-30）";
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int fields[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (std::size_t k = 0; k < lengths[f]; ++k) {
      const char c = text[starts[f] + k];
      if (c < '0' || c > '9') return std::nullopt;
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  Date date{fields[0], fields[1], fields[2]};
  if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1) return std::nullopt;
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = kDays[date.month - 1] + (date.month == 2 && leap ? 1 : 0);
  if (date.day > days) return std::nullopt;
  return date;
}

bool collect_tasks(const std::vector<std::string>& files, const Rules& rules,
                   std::vector<exporter::LedgerRow>& rows, std::ostream& err) {
  bool ok = true;
  for (const std::string& path : files) {
    std::vector<Warning> warnings;
    io::Source source;
    // Rows of this file go here first, so that a file that fails half way adds none.
    std::vector<exporter::LedgerRow> found;
    try {
      io::parse_file(
          path, rules, source,
          [&](Document&& d) {
            exporter::DocumentSummary summary = exporter::summarize(d);
            for (Task& task : d.tasks) found.push_back({summary, std::move(task)});
          },
          warnings);
    } catch (const io::InputError& e) {
      print_error(err, e.file(), e.reason());
      ok = false;
      continue;
    } catch (const std::exception& e) {
      print_error(err, path, std::string("内部错误: ") + e.what());
      ok = false;
      continue;
    }
    print_warnings(err, path, warnings);
    std::move(found.begin(), found.end(), std::back_inserter(rows));
  }
  return ok;
}

CLI::App* add_tasks_command(CLI::App& app, TasksArgs& args) {
  CLI::App* cmd = app.add_subcommand("tasks", kTasksHelp);
  // No description: CLI11 would print it after the type name ("YYYY-MM-DD:…").
  CLI::Validator iso_date(check_date, "");
  cmd->add_flag("--json", args.json, "输出 JSON 数组（每项任务含所属公文的文号、标题）");
  cmd->add_flag("--csv", args.csv, "输出 CSV（UTF-8 带 BOM）");
  cmd->add_option("--xlsx", args.xlsx, "写出 Excel 工作簿到 FILE")->type_name("FILE");
  // One name per --unit: a vector option would otherwise swallow the files that follow.
  cmd->add_option("--unit", args.units, "只列出该单位承担的任务（可重复，满足其一即可）")
      ->type_name("NAME")
      ->allow_extra_args(false);
  cmd->add_option("--due-from", args.due_from, "只列出完成时限不早于该日期的任务")
      ->type_name("YYYY-MM-DD")
      ->check(iso_date);
  cmd->add_option("--due-to", args.due_to, "只列出完成时限不晚于该日期的任务")
      ->type_name("YYYY-MM-DD")
      ->check(iso_date);
  add_rules_and_files(cmd, args.rules_dir, args.files);
  return cmd;
}

int run_tasks(const TasksArgs& args, std::ostream& out, std::ostream& err) {
  // Checked here rather than with CLI11's excludes(), whose message is in English.
  if (int(args.json) + int(args.csv) + int(!args.xlsx.empty()) > 1) {
    err << "duban: 错误: --json、--csv、--xlsx 只能选用其一（用法见 duban tasks --help）\n";
    return 2;
  }
  // The command line parser checks dates already (check_date); this is for other callers.
  Filter filter;
  struct DateOption {
    const char* name;
    const std::string& text;
    std::optional<Date>& date;
  };
  for (const DateOption& option : {DateOption{"--due-from", args.due_from, filter.from},
                                   DateOption{"--due-to", args.due_to, filter.to}}) {
    if (option.text.empty()) continue;
    option.date = parse_iso_date(option.text);
    if (!option.date) {
      err << "duban: 错误: " << option.name << ": 日期无效：" << option.text
          << "（应为 YYYY-MM-DD 格式的有效日期）\n";
      return 2;
    }
  }
  if (filter.from && filter.to && *filter.from > *filter.to) {
    err << "duban: 错误: --due-from " << args.due_from << " 晚于 --due-to " << args.due_to << '\n';
    return 2;
  }

  std::optional<Rules> loaded;
  if (!load_rules(args.rules_dir, loaded, err)) return 1;
  const Rules& rules = loaded ? *loaded : Rules::builtin();
  const UnitRegistry registry(rules);
  for (const std::string& name : args.units) filter.units.push_back(registry.canonical(name));

  std::vector<exporter::LedgerRow> rows;
  if (!collect_tasks(args.files, rules, rows, err)) return 1;  // no partial ledger
  const std::size_t before_filter = rows.size();
  if (filter.active()) {
    std::erase_if(rows,
                  [&](const exporter::LedgerRow& r) { return !filter.keep(r.task, registry); });
  }

  if (!args.xlsx.empty()) {
    try {
      exporter::write_xlsx(rows, args.xlsx);
    } catch (const exporter::ExportError& e) {
      err << "duban: 错误: " << e.what() << '\n';
      return 1;
    }
    out << "已写入 " << args.xlsx << "：共 " << rows.size() << " 项任务\n";
  } else if (args.json) {
    exporter::write_json(rows, out);
    out << '\n';
  } else if (args.csv) {
    exporter::write_csv(rows, out);
  } else {
    print_table(rows, before_filter, filter.active(), out);
  }
  return finish_output(out, err, 0);
}

}  // namespace duban::cli
