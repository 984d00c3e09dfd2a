// `duban user add` and `duban serve` end to end: the built binary, its messages and exit
// codes, and a clean stop on SIGTERM.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "adapters/storage/storage.h"
#include "e2e/run_duban.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using duban::e2e::make_test_dir;
using duban::e2e::run_duban;
using duban::e2e::slurp;

fs::path write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(UserAdd, CreatesAccountsWithCanonicalUnitsAndRejectsBadInput) {
  fs::path dir = make_test_dir("user_add");
  std::string db = (dir / "duban.db").string();
  fs::path good = write_file(dir / "good", "long enough pass\n");
  fs::path shorter = write_file(dir / "short", "1234567\n");
  fs::path empty = write_file(dir / "empty", "\n");

  duban::e2e::Run r = run_duban(
      dir, {"user", "add", "--db", db, "--name", "admin", "--role", "admin"}, shorter.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("密码太短"), std::string::npos) << r.err;
  r = run_duban(dir, {"user", "add", "--db", db, "--name", "admin", "--role", "admin"},
                empty.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("密码"), std::string::npos) << r.err;
  r = run_duban(dir, {"user", "add", "--db", db, "--name", "jt", "--role", "unit"}, good.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("--unit"), std::string::npos) << r.err;
  r = run_duban(dir, {"user", "add", "--db", db, "--name", "x", "--role", "boss"}, good.string());
  EXPECT_EQ(r.code, 2);  // a usage error

  r = run_duban(dir, {"user", "add", "--db", db, "--name", "admin", "--role", "admin"},
                good.string());
  EXPECT_EQ(r.code, 0) << r.err;
  // data/units.tsv: 交通局 is another name of 交通运输局; the level prefix 区 is kept.
  r = run_duban(dir,
                {"user", "add", "--db", db, "--name", "jt", "--role", "unit", "--unit", "区交通局"},
                good.string());
  EXPECT_EQ(r.code, 0) << r.err;
  r = run_duban(dir, {"user", "add", "--db", db, "--name", "admin", "--role", "viewer"},
                good.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("已存在"), std::string::npos) << r.err;

  auto storage = duban::store::Storage::open(db);
  EXPECT_EQ(storage->count_users(), 2);
  std::optional<duban::store::UserRow> jt = storage->user_by_name("jt");
  ASSERT_TRUE(jt);
  EXPECT_EQ(jt->role, duban::store::Role::kUnit);
  EXPECT_EQ(jt->unit, "区交通运输局");
  EXPECT_EQ(jt->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(jt->password_hash.find("long enough pass"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Serve, PrintsItsAddressAndTheAdminHintAndStopsOnSigterm) {
  fs::path dir = make_test_dir("serve");
  std::string db = (dir / "duban.db").string();
  fs::path out = dir / "serve.out";
  fs::path err = dir / "serve.err";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> args = {DUBAN_BINARY, "serve", "--db", db, "--port", "0"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, DUBAN_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);

  // Wait (bounded, so a broken server cannot hang the test) for the address line.
  std::smatch m;
  std::string text;
  std::regex url(R"(http://127\.0\.0\.1:([0-9]+)/)");
  for (int i = 0; i < 600 && !std::regex_search(text, m, url); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    text = slurp(out);
  }
  ASSERT_TRUE(std::regex_search(text, m, url)) << text << slurp(err);
  int port = std::stoi(m[1].str());
  EXPECT_NE(text.find("duban user add --db " + db + " --name admin --role admin"),
            std::string::npos)
      << text;

  httplib::Client c("127.0.0.1", port);
  auto res = c.Get("/api/v1/tasks");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);

  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0) << slurp(err);
  EXPECT_NE(slurp(out).find("已停止"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Serve, RefusesAPortInUse) {
  fs::path dir = make_test_dir("serve_busy");
  // A listening socket on a free port, without SO_REUSEPORT.
  int holder = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(holder, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(holder, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(holder, 1), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(holder, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  int port = ntohs(addr.sin_port);
  duban::e2e::Run r = run_duban(
      dir, {"serve", "--db", (dir / "duban.db").string(), "--port", std::to_string(port)});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("无法监听"), std::string::npos) << r.err;
  ::close(holder);
  fs::remove_all(dir);
}

}  // namespace
