#include "cli/common.h"

#include "adapters/io/input_error.h"
#include "adapters/io/rules_loader.h"

namespace duban::cli {

void print_error(std::ostream& err, const std::string& file, const std::string& reason) {
  err << "duban: 错误: " << file << ": " << reason << '\n';
}

namespace {

// The warning in Chinese for the terminal; JSON output keeps the English message (the spec).
std::string chinese(const Warning& w) {
  switch (w.kind) {
    case WarningKind::kDocNumberAcrossPageBreak:
      return "分页处的句子中间出现发文字号，已将其移出并接续句子";
    case WarningKind::kCoverLetterInterleaved:
      return "正文中夹有印发通知，已移到被它隔断的段落之前";
    case WarningKind::kParsedInPieces:
      return "超过 " + w.subject + " 的文字中没有文件分界，已分段解析";
    case WarningKind::kContentsEntryMissing:
      return "目录列有 " + w.subject + "，但未找到该文件";
    case WarningKind::kNoDocuments:
      return "未找到公文";
  }
  return w.message;
}

}  // namespace

void print_warnings(std::ostream& err, const std::string& file,
                    const std::vector<Warning>& warnings) {
  for (const Warning& w : warnings) {
    err << "duban: 警告: " << file;
    if (w.line > 0) err << ':' << w.line;
    err << ": " << chinese(w) << '\n';
  }
}

void add_rules_and_files(CLI::App* cmd, std::string& rules_dir, std::vector<std::string>& files) {
  cmd->add_option("--rules", rules_dir, "规则目录，替换相应的内置规则（见 duban parse --help）")
      ->type_name("DIR");
  cmd->add_option("files", files, "输入文件，\"-\" 表示标准输入")->type_name("FILE")->required();
}

bool load_rules(const std::string& dir, std::optional<Rules>& loaded, std::ostream& err) {
  if (dir.empty()) return true;
  try {
    loaded = io::load_rules_dir(dir);
  } catch (const io::InputError& e) {
    print_error(err, e.file(), e.reason());
    return false;
  } catch (const RuleError& e) {
    err << "duban: 错误: " << e.what() << '\n';
    return false;
  }
  return true;
}

int finish_output(std::ostream& out, std::ostream& err, int status) {
  out.flush();
  if (!out) {
    err << "duban: 错误: 无法写入标准输出\n";
    return 1;
  }
  return status;
}

}  // namespace duban::cli
