// `duban ingest`; see ingest_command.h.
#include "cli/ingest_command.h"

#include <unistd.h>

#include <exception>
#include <optional>

#include "adapters/io/input_error.h"
#include "adapters/storage/ingest.h"
#include "adapters/storage/storage.h"
#include "cli/common.h"
#include "duban/rules.h"

namespace duban::cli {
namespace {

constexpr const char* kIngestHelp =
    "解析公文文件并存入数据库（文档、任务台账、引用），每个文件一个事务。\n"
    "同一文件再次入库不会重复；内容相同的文档只存一份；文号（或发文机关和标题）相同而内容不同的"
    "文档存为新版本。\n"
    "--db 为 SQLite 数据库文件路径（默认 duban.db）或 postgresql:// 连接串。\n"
    "退出码：0 成功，1 数据库或任一文件出错（其他文件照常入库），2 用法错误。";

// "[#####     ] 3/10 name" on one terminal line, redrawn in place.
void draw_progress(std::ostream& err, std::size_t done, std::size_t total,
                   const std::string& name) {
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::string bar(filled, '#');
  bar.append(kWidth - filled, ' ');
  std::string shown = name;
  if (shown.size() > 40) shown = "…" + shown.substr(shown.size() - 37);
  err << "\r\033[K[" << bar << "] " << done << '/' << total << ' ' << shown << std::flush;
}

void clear_progress(std::ostream& err) { err << "\r\033[K" << std::flush; }

}  // namespace

CLI::App* add_ingest_command(CLI::App& app, IngestArgs& args) {
  CLI::App* cmd = app.add_subcommand("ingest", kIngestHelp);
  cmd->add_option("--db", args.db, "SQLite 数据库文件或 postgresql:// 连接串（默认 duban.db）")
      ->type_name("DB");
  cmd->add_option("--rules", args.rules_dir,
                  "规则目录，替换相应的内置规则（见 duban parse --help）")
      ->type_name("DIR");
  cmd->add_flag("--progress", args.progress, "总是显示进度条（测试用）")->group("");
  cmd->add_option("files", args.files, "要入库的文件")->type_name("FILE")->required();
  return cmd;
}

int run_ingest(const IngestArgs& args, std::ostream& out, std::ostream& err) {
  std::optional<Rules> loaded;
  if (!load_rules(args.rules_dir, loaded, err)) return 1;
  const Rules& rules = loaded ? *loaded : Rules::builtin();
  std::unique_ptr<store::Storage> storage;
  try {
    storage = store::Storage::open(args.db);
  } catch (const store::StorageError& e) {
    print_error(err, args.db, e.what());
    return 1;
  }
  const store::Actor actor{std::nullopt, "cli", ""};
  const bool bar = args.files.size() > 1 && (args.progress || ::isatty(STDERR_FILENO));
  int files = 0, already = 0, failed = 0, added = 0, unchanged = 0, versions = 0, tasks = 0,
      warnings = 0;
  for (std::size_t i = 0; i < args.files.size(); ++i) {
    const std::string& path = args.files[i];
    if (bar) draw_progress(err, i, args.files.size(), path);
    try {
      store::IngestFileResult r = store::ingest_file(*storage, path, rules, actor);
      if (bar) clear_progress(err);
      ++files;
      if (r.stored.file_already_ingested) {
        ++already;
      } else {
        print_warnings(err, path, r.warnings);
        warnings += static_cast<int>(r.warnings.size());
      }
      added += r.stored.documents_added;
      unchanged += r.stored.documents_unchanged;
      versions += r.stored.new_versions;
      tasks += r.stored.tasks_added;
    } catch (const io::InputError& e) {
      if (bar) clear_progress(err);
      print_error(err, e.file(), e.reason());
      ++failed;
    } catch (const std::exception& e) {
      // StorageError (the file's transaction was rolled back) or anything unexpected.
      if (bar) clear_progress(err);
      print_error(err, path, e.what());
      ++failed;
    }
  }
  if (bar) {
    draw_progress(err, args.files.size(), args.files.size(), "");
    err << '\n';
  }
  out << "文件 " << files << "，新增文档 " << added << "，未变 " << unchanged << "，新版本 "
      << versions << "，任务 " << tasks << "，警告 " << warnings;
  if (already > 0) out << "（其中 " << already << " 个文件此前已入库）";
  if (failed > 0) out << "；出错 " << failed << " 个文件";
  out << '\n';
  return finish_output(out, err, failed > 0 ? 1 : 0);
}

}  // namespace duban::cli
