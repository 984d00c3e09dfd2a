// `duban parse`; see parse_command.h.
#include "cli/parse_command.h"

#include <exception>
#include <optional>

#include "adapters/export/json_export.h"
#include "adapters/io/rules_loader.h"
#include "cli/common.h"
#include "cli/summary.h"
#include "duban/rules.h"

namespace duban::cli {
namespace {

constexpr const char* kParseHelp =
    "解析公文文本文件（UTF-8、GB18030、UTF-16，自动识别编码；\"-\" 表示标准输入）。\n"
    "默认输出中文摘要；--json 输出 shared/spec/parse-output.md 规定的 JSON：\n"
    "每个文件一个 JSON 对象，占一行（多个文件即 JSON Lines）。\n"
    "警告写到标准错误。退出码：0 成功，1 输入错误，2 用法错误。";

// Parses one file to `out`. Returns false (after reporting on `err`) on an input error.
bool parse_one(const std::string& path, const Rules& rules, const ParseArgs& args,
               std::ostream& out, std::ostream& err) {
  std::vector<Warning> warnings;
  io::ParseFileOptions options;
  options.chunk_bytes = args.chunk_bytes;
  if (args.no_ledger) {
    options.parse = [](std::string_view text, const Rules& rules, ParseOptions o) {
      o.ledger = false;
      return parse(text, rules, o);
    };
  }
  try {
    // Validates the whole file: input errors are thrown here, before any output.
    io::TextReader reader(path, args.chunk_bytes);
    const io::Source& source = reader.source();
    if (args.json) {
      exporter::JsonWriter writer(out);
      writer.begin(source.name, source.encoding);
      io::parse_text(
          reader, rules, [&](Document&& d) { writer.add(d); }, warnings, options);
      writer.end(warnings);
      out << '\n';
    } else {
      TextSummary summary(out, source);
      io::parse_text(
          reader, rules, [&](Document&& d) { summary.add(d); }, warnings, options);
      summary.end();
    }
  } catch (const io::InputError& e) {
    print_error(err, e.file(), e.reason());
    return false;
  } catch (const std::exception& e) {
    print_error(err, path, std::string("内部错误: ") + e.what());
    return false;
  }
  print_warnings(err, path, warnings);
  return true;
}

}  // namespace

CLI::App* add_parse_command(CLI::App& app, ParseArgs& args) {
  CLI::App* cmd = app.add_subcommand("parse", kParseHelp);
  cmd->add_flag("--json", args.json, "输出 JSON（每个文件一行，JSON Lines）");
  cmd->add_flag(
      "--no-ledger", args.no_ledger,
      "只解析公文要素和提纲，不提取任务、目标和引用（tasks、targets、citations 为空，约快一倍）");
  std::string rule_files;
  for (std::string_view name : io::kRuleFileNames) {
    rule_files += (rule_files.empty() ? "" : "、") + std::string(name);
  }
  cmd->add_option("--rules", args.rules_dir,
                  "规则目录，含 " + rule_files + " 中的任意几个，替换相应的内置规则")
      ->type_name("DIR");
  cmd->add_option("--chunk-bytes", args.chunk_bytes, "每次读取和解析的字节数（测试用）")
      ->check(CLI::PositiveNumber)
      ->group("");  // hidden
  cmd->add_option("files", args.files, "输入文件，\"-\" 表示标准输入")
      ->type_name("FILE")
      ->required();
  return cmd;
}

int run_parse(const ParseArgs& args, std::ostream& out, std::ostream& err) {
  std::optional<Rules> loaded;
  if (!load_rules(args.rules_dir, loaded, err)) return 1;
  const Rules& rules = loaded ? *loaded : Rules::builtin();
  int status = 0;
  for (const std::string& path : args.files) {
    if (!parse_one(path, rules, args, out, err)) status = 1;
  }
  return finish_output(out, err, status);
}

}  // namespace duban::cli
