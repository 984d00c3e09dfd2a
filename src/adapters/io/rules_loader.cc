// Loading rule files from a directory; see rules_loader.h.
#include "adapters/io/rules_loader.h"

#include <filesystem>
#include <system_error>
#include <vector>

#include "adapters/io/input_error.h"
#include "adapters/io/text_reader.h"

namespace duban::io {

Rules load_rules_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status status = fs::status(dir, ec);
  if (ec || !fs::exists(status)) {
    throw InputError(dir, "无法打开规则目录：" + (ec ? ec.message() : std::string("目录不存在")));
  }
  if (!fs::is_directory(status)) throw InputError(dir, "不是目录");

  std::vector<RuleSource> sources;
  for (std::string_view name : kRuleFileNames) {
    const fs::path path = fs::path(dir) / name;
    if (!fs::exists(path, ec)) continue;
    RuleSource source{std::string(name), {}};
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0 && !ec) {
      sources.push_back(std::move(source));  // an empty list of rules
      continue;
    }
    source.text = read_text(path.string());
    sources.push_back(std::move(source));
  }
  if (sources.empty()) {
    std::string names;
    for (std::string_view name : kRuleFileNames)
      names += (names.empty() ? "" : "、") + std::string(name);
    throw InputError(dir, "此目录中没有规则文件（" + names + "）");
  }
  try {
    return Rules::from_sources(sources);
  } catch (const RuleError& e) {
    // from_sources names the file ("doc_kinds.tsv:3: …"); make that a path.
    std::string prefix = dir;
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    throw RuleError(prefix + e.what());
  }
}

}  // namespace duban::io
