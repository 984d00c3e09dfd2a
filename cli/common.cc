#include "cli/common.h"

#include "adapters/io/input_error.h"
#include "adapters/io/rules_loader.h"

namespace duban::cli {

void print_error(std::ostream& err, const std::string& file, const std::string& reason) {
  err << "duban: 错误: " << file << ": " << reason << '\n';
}

void print_warnings(std::ostream& err, const std::string& file,
                    const std::vector<Warning>& warnings) {
  for (const Warning& w : warnings) {
    err << "duban: 警告: " << file;
    if (w.line > 0) err << ':' << w.line;
    err << ": " << w.message << '\n';
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
