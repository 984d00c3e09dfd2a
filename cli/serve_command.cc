// `duban serve`; see serve_command.h.
#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <thread>

#include "adapters/http/server.h"
#include "adapters/storage/storage.h"

namespace duban::cli {
namespace {

constexpr const char* kServeHelp =
    "启动 duban 服务：JSON 接口（/api/v1/，见 docs/openapi.yaml）和中文网页界面。\n"
    "默认只监听本机 127.0.0.1:8080；按 Ctrl+C（或发送 SIGTERM）停止。\n"
    "部署在终止 TLS 的反向代理之后时加 --trust-proxy：信任代理的 X-Forwarded-Proto\n"
    "（为 https 时会话 Cookie 带 Secure）和 X-Forwarded-For（客户端地址）。\n"
    "退出码：0 正常停止，1 数据库无法打开或端口无法监听，2 用法错误。";

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeArgs& args) {
  CLI::App* cmd = app.add_subcommand("serve", "启动 HTTP 服务和网页界面");
  cmd->footer(kServeHelp);
  cmd->add_option("--db", args.db, "数据库：SQLite 文件路径或 postgresql:// 地址")
      ->type_name("D")
      ->capture_default_str();
  cmd->add_option("--host", args.host, "监听地址")->capture_default_str();
  cmd->add_option("--port", args.port, "监听端口（0 表示任选一个空闲端口）")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_flag("--trust-proxy", args.trust_proxy, "信任反向代理的 X-Forwarded-* 头");
  cmd->add_option("--threads", args.threads, "工作线程数")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  return cmd;
}

int run_serve(const ServeArgs& args, std::ostream& out, std::ostream& err) {
  // Signals are taken by one thread with sigwait; every other thread (the server's workers
  // are created later and inherit the mask) leaves them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  http::ServerOptions options;
  options.db = args.db;
  options.host = args.host;
  options.port = args.port;
  options.trust_proxy = args.trust_proxy;
  options.threads = args.threads;
  std::unique_ptr<http::Server> server;
  int port = 0;
  try {
    server = std::make_unique<http::Server>(options);
    port = server->bind();
  } catch (const store::StorageError& e) {
    err << "duban: 错误: " << args.db << ": " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    err << "duban: 错误: " << e.what() << '\n';
    return 1;
  }

  std::string host = args.host.find(':') != std::string::npos ? "[" + args.host + "]" : args.host;
  out << "duban 服务已启动：http://" << host << ':' << port << "/（按 Ctrl+C 停止）\n";
  if (!server->has_users()) {
    out << "数据库中还没有用户。请先创建管理员（密码从标准输入读取，至少 8 个字符）：\n"
        << "  duban user add --db " << args.db << " --name admin --role admin\n";
  }
  out.flush();

  std::atomic<bool> done{false};
  std::thread waiter([&] {
    timespec tick{0, 200 * 1000 * 1000};
    while (!done) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        server->stop();
        return;
      }
    }
  });
  bool ok = server->run();
  done = true;
  waiter.join();
  if (!ok) {
    err << "duban: 错误: 服务异常停止\n";
    return 1;
  }
  out << "duban 服务已停止\n";
  out.flush();
  return 0;
}

}  // namespace duban::cli
