// `duban user add`; see user_command.h.
#include "cli/user_command.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "adapters/http/auth.h"
#include "adapters/storage/storage.h"
#include "cli/common.h"
#include "duban/rules.h"
#include "duban/units.h"

namespace duban::cli {
namespace {

constexpr const char* kUserAddHelp =
    "创建用户。密码从标准输入的第一行读取（至少 8 个字符；在终端上输入时不回显）。\n"
    "角色：admin 管理员（查看和修改全部）；unit 单位用户（查看全部，只能填报本单位任务，\n"
    "须用 --unit 指定单位）；viewer 只读用户。\n"
    "例：echo '密码' | duban user add --db duban.db --name admin --role admin\n"
    "退出码：0 成功，1 输入错误（密码过短、用户名已存在等），2 用法错误。";

//! The first line of `in`, without its line end; on a terminal, asked for without echo.
std::optional<std::string> read_password(std::istream& in, std::ostream& err) {
  bool tty = &in == &std::cin && ::isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    err << "密码：" << std::flush;
    if (::tcgetattr(STDIN_FILENO, &saved) == 0) {
      termios quiet = saved;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    } else {
      tty = false;
    }
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(in, line));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    err << '\n';
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

CLI::App* add_user_command(CLI::App& app, UserAddArgs& args) {
  CLI::App* user = app.add_subcommand("user", "管理用户账号");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand("add", "创建用户（密码从标准输入读取）");
  add->footer(kUserAddHelp);
  add->add_option("--db", args.db, "数据库：SQLite 文件路径或 postgresql:// 地址")
      ->type_name("D")
      ->capture_default_str();
  add->add_option("--name", args.name, "用户名")->required();
  add->add_option("--role", args.role, "角色：admin、unit 或 viewer")
      ->required()
      ->check(CLI::IsMember({"admin", "unit", "viewer"}));
  add->add_option("--unit", args.unit, "单位用户所属单位（按单位登记表规范名称）");
  add->add_option("--rules", args.rules_dir, "规则目录（单位登记表 units.tsv）")->type_name("DIR");
  return add;
}

int run_user_add(const UserAddArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  std::optional<store::Role> role = store::parse_role(args.role);
  if (!role) {
    err << "duban: 错误: 未知的角色：" << args.role << "（可用：admin、unit、viewer）\n";
    return 1;
  }
  if (args.name.empty() || args.name.find_first_of(" \t\r\n") != std::string::npos) {
    err << "duban: 错误: 用户名不能为空，也不能含空白字符\n";
    return 1;
  }
  std::optional<std::string> unit;
  if (*role == store::Role::kUnit) {
    if (args.unit.empty()) {
      err << "duban: 错误: 单位用户（--role unit）须用 --unit 指定所属单位\n";
      return 1;
    }
    std::optional<Rules> loaded;
    if (!load_rules(args.rules_dir, loaded, err)) return 1;
    UnitRegistry registry(loaded ? *loaded : Rules::builtin());
    unit = registry.canonical(args.unit);
  } else if (!args.unit.empty()) {
    err << "duban: 错误: 只有单位用户（--role unit）才有所属单位（--unit）\n";
    return 1;
  }

  std::optional<std::string> password = read_password(in, err);
  if (!password || password->empty()) {
    err << "duban: 错误: 没有读到密码（请从标准输入提供，第一行为密码）\n";
    return 1;
  }
  if (http::char_count(*password) < http::kMinPasswordChars) {
    err << "duban: 错误: 密码太短（至少 " << http::kMinPasswordChars << " 个字符）\n";
    return 1;
  }
  try {
    std::unique_ptr<store::Storage> db = store::Storage::open(args.db);
    if (db->user_by_name(args.name)) {
      err << "duban: 错误: 用户名已存在：" << args.name << '\n';
      return 1;
    }
    store::Actor actor{std::nullopt, "cli", ""};
    store::UserRow row =
        db->add_user(args.name, *role, unit, http::hash_password(*password), actor);
    out << "已创建用户 " << row.name << "（" << store::role_name(row.role);
    if (row.unit) out << "，" << *row.unit;
    out << "）\n";
  } catch (const store::StorageError& e) {
    err << "duban: 错误: " << args.db << ": " << e.what() << '\n';
    return 1;
  } catch (const http::AuthError& e) {
    err << "duban: 错误: " << e.what() << '\n';
    return 1;
  }
  return finish_output(out, err, 0);
}

}  // namespace duban::cli
