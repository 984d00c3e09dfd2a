// The HTTP service end to end: a real duban::http::Server on 127.0.0.1 (any free port) over a
// SQLite database that `duban ingest` filled from samples/, driven with httplib::Client.
// Expected units and tasks come from reading samples/zhoucun-2024-coops-disclosure-tasklist.txt
// (周政字〔2024〕33号): its task 1 (加强县域商贸流通网络建设) names 区交通运输局 among its units,
// its task 2 (构建农资流通服务网络体系) does not.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/http/auth.h"
#include "adapters/http/server.h"
#include "adapters/http/web_bundle.h"
#include "adapters/storage/ingest.h"
#include "adapters/storage/storage.h"
#include "duban/rules.h"
#include "e2e/run_duban.h"
#include "storage/test_postgres.h"

namespace {

namespace fs = std::filesystem;
using duban::e2e::make_test_dir;
using duban::e2e::run_duban;
using Json = nlohmann::json;

constexpr const char* kOwnUnit = "区交通运输局";
constexpr const char* kOwnTaskStart = "加强县域商贸流通网络建设";
constexpr const char* kOtherTaskStart = "构建农资流通服务网络体系";
constexpr const char* kPassword = "correct horse 8";

//! A database ingested from samples/ once per test program, copied for each test; removed
//! when the program ends.
class IngestedTemplate {
 public:
  IngestedTemplate()
      : dir_(fs::temp_directory_path() / ("duban_http_tpl_" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::vector<std::string> args = {"ingest", "--db", db().string()};
    for (const auto& entry : fs::directory_iterator(DUBAN_SAMPLES_DIR)) {
      if (entry.path().extension() == ".txt") args.push_back(entry.path().string());
    }
    duban::e2e::Run r = run_duban(dir_, args);
    EXPECT_EQ(r.code, 0) << r.err;
  }
  ~IngestedTemplate() { fs::remove_all(dir_); }
  fs::path db() const { return dir_ / "duban.db"; }

 private:
  fs::path dir_;
};

fs::path ingested_template() {
  static const IngestedTemplate tpl;
  return tpl.db();
}

struct Login {
  std::string cookie;  // "duban_session=…"
  std::string csrf;
  httplib::Headers headers(bool with_csrf = true) const {
    httplib::Headers h = {{"Cookie", cookie}};
    if (with_csrf) h.emplace("X-CSRF-Token", csrf);
    return h;
  }
};

//! A server over a fresh copy of the ingested database, with an admin, a viewer and a unit
//! user of 区交通运输局.
class Service {
 public:
  //! Serves `db`, which holds the ingested samples; adds the three users first.
  explicit Service(std::string db, bool trust_proxy = false, bool add_users = true)
      : db_(std::move(db)) {
    if (add_users) {
      auto storage = duban::store::Storage::open(db_);
      duban::store::Actor cli{std::nullopt, "cli", ""};
      std::string hash = duban::http::hash_password(kPassword);
      storage->add_user("admin", duban::store::Role::kAdmin, std::nullopt, hash, cli);
      storage->add_user("viewer", duban::store::Role::kViewer, std::nullopt, hash, cli);
      storage->add_user("jiaotong", duban::store::Role::kUnit, std::string(kOwnUnit), hash, cli);
    }
    duban::http::ServerOptions options;
    options.db = db_;
    options.port = 0;
    options.threads = 4;
    options.trust_proxy = trust_proxy;
    server_ = std::make_unique<duban::http::Server>(options);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~Service() {
    server_->stop();
    thread_.join();
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }

  std::optional<Login> login(const std::string& name, const std::string& password = kPassword) {
    Json body = {{"name", name}, {"password", password}};
    auto res = client().Post("/api/v1/session", body.dump(), "application/json");
    if (!res || res->status != 200) return std::nullopt;
    std::string set_cookie = res->get_header_value("Set-Cookie");
    Login l;
    l.cookie = set_cookie.substr(0, set_cookie.find(';'));
    l.csrf = Json::parse(res->body)["csrf_token"].get<std::string>();
    return l;
  }

  //! Opens the database directly, as an independent observer.
  std::unique_ptr<duban::store::Storage> open_db() const {
    return duban::store::Storage::open(db_);
  }

 private:
  std::string db_;
  std::unique_ptr<duban::http::Server> server_;
  int port_ = 0;
  std::thread thread_;
};

Json json_of(const httplib::Result& res) {
  if (!res) return Json();
  return Json::parse(res->body, nullptr, false);
}

bool has_chinese(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0xE4 && c <= 0xE9) return true;  // lead bytes of the CJK Unified Ideographs
  }
  return false;
}

//! The error body of `res` has a Chinese message and the given code.
void expect_error(const httplib::Result& res, int status, const std::string& code) {
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, status) << res->body;
  Json body = json_of(res);
  ASSERT_TRUE(body.is_object()) << res->body;
  EXPECT_EQ(body.value("code", ""), code) << res->body;
  EXPECT_TRUE(has_chinese(body.value("error", ""))) << res->body;
}

//! The id of the task of 周政字〔2024〕33号 whose text starts with `start`.
std::int64_t task_id(Service& s, const Login& admin, const std::string& start) {
  auto res = s.client().Get("/api/v1/tasks?limit=1000", admin.headers());
  EXPECT_TRUE(res && res->status == 200);
  Json page = json_of(res);  // kept: the loop below refers into it
  for (const Json& t : page["items"]) {
    if (t["document"]["doc_number"] == "周政字〔2024〕33号" &&
        t["text"].get<std::string>().rfind(start, 0) == 0) {
      return t["id"].get<std::int64_t>();
    }
  }
  ADD_FAILURE() << "no task starting with " << start;
  return 0;
}

std::size_t audit_size(Service& s) { return s.open_db()->audit_log(100000, 0).size(); }

using duban::test::pg_exec;

//! Every case runs against SQLite (a copy of the database `duban ingest` made) and against
//! PostgreSQL (a fresh schema in DUBAN_TEST_PG_URL's database, the samples ingested into it;
//! skipped when that variable is not set — tools/run-tests sets it).
class HttpApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = make_test_dir("http_api_" + GetParam());
    if (GetParam() == "postgresql") {
      pg_url_ = duban::test::pg_test_url();
      if (pg_url_.empty()) GTEST_SKIP() << duban::test::kNoPostgresServer;
      schema_ = "duban_http_test_" + std::to_string(::getpid());
      pg_exec(pg_url_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      ASSERT_EQ(pg_exec(pg_url_, "CREATE SCHEMA " + schema_), "");
      db_ = duban::test::pg_schema_url(pg_url_, schema_);
      auto storage = duban::store::Storage::open(db_);
      duban::store::Actor cli{std::nullopt, "cli", ""};
      for (const auto& entry : fs::directory_iterator(DUBAN_SAMPLES_DIR)) {
        if (entry.path().extension() != ".txt") continue;
        duban::store::ingest_file(*storage, entry.path().string(), duban::Rules::builtin(), cli);
      }
    } else {
      db_ = (dir_ / "duban.db").string();
      fs::copy_file(ingested_template(), db_);
    }
    service_ = std::make_unique<Service>(db_);
  }
  void TearDown() override {
    service_.reset();
    if (!schema_.empty()) pg_exec(pg_url_, "DROP SCHEMA " + schema_ + " CASCADE");
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::string db_;
  std::string pg_url_;
  std::string schema_;
  std::unique_ptr<Service> service_;
};

TEST_P(HttpApi, LoginSetsAStrictHttpOnlyCookieAndRejectsBadPasswords) {
  auto c = service_->client();
  Json good = {{"name", "admin"}, {"password", kPassword}};
  auto res = c.Post("/api/v1/session", good.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("duban_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP, no trusted proxy
  Json body = json_of(res);
  EXPECT_EQ(body["user"]["name"], "admin");
  EXPECT_EQ(body["user"]["role"], "admin");
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);

  httplib::Headers h = {{"Cookie", cookie.substr(0, cookie.find(';'))}};
  auto me = c.Get("/api/v1/session", h);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(json_of(me)["csrf_token"], body["csrf_token"]);

  Json bad = {{"name", "admin"}, {"password", "wrong password"}};
  auto denied = c.Post("/api/v1/session", bad.dump(), "application/json");
  expect_error(denied, 401, "unauthorized");
  EXPECT_FALSE(denied->has_header("Set-Cookie"));
  Json nobody = {{"name", "nobody"}, {"password", kPassword}};
  expect_error(c.Post("/api/v1/session", nobody.dump(), "application/json"), 401, "unauthorized");

  // The session table keeps the token's hash, not the token.
  std::string token = cookie.substr(std::string("duban_session=").size(), 64);
  auto db = service_->open_db();
  EXPECT_FALSE(db->session(token));
  EXPECT_TRUE(db->session(duban::http::token_hash(token)));
  std::vector<std::string> actions;
  for (const auto& a : db->audit_log(1000, 0)) actions.push_back(a.action);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "login"), actions.end());
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "login.failed"), 2);
}

TEST_P(HttpApi, TheLedgerNeedsAValidSession) {
  auto c = service_->client();
  expect_error(c.Get("/api/v1/tasks"), 401, "unauthorized");
  std::string forged = "duban_session=" + duban::http::random_token();
  expect_error(c.Get("/api/v1/tasks", {{"Cookie", forged}}), 401, "unauthorized");
  expect_error(c.Get("/api/v1/tasks", {{"Cookie", "duban_session=garbage"}}), 401, "unauthorized");
  expect_error(c.Get("/api/v1/tasks.csv"), 401, "unauthorized");
  expect_error(c.Get("/api/v1/units"), 401, "unauthorized");

  // An expired session is refused too.
  std::string token = duban::http::random_token();
  {
    auto db = service_->open_db();
    duban::store::SessionRow expired;
    expired.token_hash = duban::http::token_hash(token);
    expired.user_id = db->user_by_name("admin")->id;
    expired.csrf_token = duban::http::random_token();
    expired.created_at = "2020-01-01T00:00:00Z";
    expired.expires_at = "2020-01-01T12:00:00Z";
    db->add_session(expired);
  }
  expect_error(c.Get("/api/v1/tasks", {{"Cookie", "duban_session=" + token}}), 401, "unauthorized");

  std::optional<Login> admin = service_->login("admin");
  ASSERT_TRUE(admin);
  auto res = c.Get("/api/v1/tasks?unit=" + httplib::detail::encode_query_param(kOwnUnit),
                   admin->headers());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  Json page = json_of(res);
  bool found = false;
  for (const Json& t : page["items"]) {
    EXPECT_NE(std::find(t["units"].begin(), t["units"].end(), kOwnUnit), t["units"].end());
    if (t["text"].get<std::string>().rfind(kOwnTaskStart, 0) == 0) found = true;
  }
  EXPECT_TRUE(found);
  EXPECT_GE(page["total"].get<int>(), 1);
}

TEST_P(HttpApi, ChangesWithoutTheCsrfTokenAreRefused) {
  std::optional<Login> admin = service_->login("admin");
  ASSERT_TRUE(admin);
  std::int64_t id = task_id(*service_, *admin, kOwnTaskStart);
  std::size_t audit_before = audit_size(*service_);
  auto c = service_->client();
  std::string path = "/api/v1/tasks/" + std::to_string(id) + "/progress";
  Json body = {{"text", "已完成选址"}, {"status", "推进中"}};
  expect_error(c.Post(path, admin->headers(false), body.dump(), "application/json"), 403, "csrf");
  httplib::Headers wrong = {{"Cookie", admin->cookie}, {"X-CSRF-Token", std::string(64, 'a')}};
  expect_error(c.Post(path, wrong, body.dump(), "application/json"), 403, "csrf");
  expect_error(c.Delete("/api/v1/session", admin->headers(false)), 403, "csrf");

  auto task = json_of(c.Get("/api/v1/tasks/" + std::to_string(id), admin->headers()));
  EXPECT_EQ(task["status"], "未开始");
  EXPECT_TRUE(task["progress"].empty());
  EXPECT_EQ(audit_size(*service_), audit_before);
  // The session survived the refused logout.
  EXPECT_EQ(c.Get("/api/v1/session", admin->headers(false))->status, 200);
}

TEST_P(HttpApi, AUnitUserCannotTouchAnotherUnitsTask) {
  std::optional<Login> admin = service_->login("admin");
  std::optional<Login> unit = service_->login("jiaotong");
  ASSERT_TRUE(admin && unit);
  std::int64_t id = task_id(*service_, *admin, kOtherTaskStart);
  auto c = service_->client();
  auto before = json_of(c.Get("/api/v1/tasks/" + std::to_string(id), admin->headers()));
  ASSERT_EQ(std::find(before["units"].begin(), before["units"].end(), kOwnUnit),
            before["units"].end());
  std::size_t audit_before = audit_size(*service_);

  Json body = {{"text", "越权填报"}, {"status", "已完成"}};
  expect_error(c.Post("/api/v1/tasks/" + std::to_string(id) + "/progress", unit->headers(),
                      body.dump(), "application/json"),
               403, "forbidden");

  auto after = json_of(c.Get("/api/v1/tasks/" + std::to_string(id), admin->headers()));
  EXPECT_EQ(after["status"], before["status"]);
  EXPECT_EQ(after["status"], "未开始");
  EXPECT_TRUE(after["progress"].empty());
  EXPECT_EQ(after["status_updated_at"], before["status_updated_at"]);
  EXPECT_EQ(audit_size(*service_), audit_before);
}

TEST_P(HttpApi, AUnitUserReportsOnItsOwnTask) {
  std::optional<Login> admin = service_->login("admin");
  std::optional<Login> unit = service_->login("jiaotong");
  ASSERT_TRUE(admin && unit);
  std::int64_t id = task_id(*service_, *admin, kOwnTaskStart);
  auto c = service_->client();
  Json body = {{"text", "已完成农村物流站点选址"}, {"status", "推进中"}};
  auto res = c.Post("/api/v1/tasks/" + std::to_string(id) + "/progress", unit->headers(),
                    body.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json_of(res)["author"], "jiaotong");

  auto task = json_of(c.Get("/api/v1/tasks/" + std::to_string(id), unit->headers()));
  EXPECT_EQ(task["status"], "推进中");
  ASSERT_EQ(task["progress"].size(), 1u);
  EXPECT_EQ(task["progress"][0]["text"], "已完成农村物流站点选址");
  EXPECT_EQ(task["progress"][0]["author"], "jiaotong");
  EXPECT_EQ(task["progress"][0]["status"], "推进中");

  auto audit = json_of(c.Get("/api/v1/audit", admin->headers()));
  bool found = false;
  for (const Json& a : audit["items"]) {
    if (a["object_type"] == "task" && a["object_id"] == std::to_string(id) &&
        a["actor"] == "jiaotong") {
      found = true;
    }
  }
  EXPECT_TRUE(found) << audit.dump();
  // The audit log is the admin's.
  expect_error(c.Get("/api/v1/audit", unit->headers()), 403, "forbidden");
}

TEST_P(HttpApi, AViewerReadsButChangesNothing) {
  std::optional<Login> admin = service_->login("admin");
  std::optional<Login> viewer = service_->login("viewer");
  ASSERT_TRUE(admin && viewer);
  std::int64_t id = task_id(*service_, *admin, kOwnTaskStart);
  auto c = service_->client();
  EXPECT_EQ(c.Get("/api/v1/tasks", viewer->headers())->status, 200);
  EXPECT_EQ(c.Get("/api/v1/units", viewer->headers())->status, 200);
  std::size_t audit_before = audit_size(*service_);
  Json body = {{"status", "已完成"}};
  expect_error(c.Post("/api/v1/tasks/" + std::to_string(id) + "/progress", viewer->headers(),
                      body.dump(), "application/json"),
               403, "forbidden");
  Json closed = {{"value", "0"}};
  expect_error(c.Put("/api/v1/settings/anonymous_read", viewer->headers(), closed.dump(),
                     "application/json"),
               403, "forbidden");
  EXPECT_EQ(json_of(c.Get("/api/v1/tasks/" + std::to_string(id), admin->headers()))["status"],
            "未开始");
  EXPECT_EQ(audit_size(*service_), audit_before);
}

TEST_P(HttpApi, AnAdminChangesAnyTask) {
  std::optional<Login> admin = service_->login("admin");
  ASSERT_TRUE(admin);
  std::int64_t id = task_id(*service_, *admin, kOtherTaskStart);
  auto c = service_->client();
  Json body = {{"status", "done"}};  // the English alias
  auto res = c.Post("/api/v1/tasks/" + std::to_string(id) + "/progress", admin->headers(),
                    body.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json_of(c.Get("/api/v1/tasks/" + std::to_string(id), admin->headers()))["status"],
            "已完成");
  // Neither text nor status, or an unknown status: 400.
  expect_error(c.Post("/api/v1/tasks/" + std::to_string(id) + "/progress", admin->headers(),
                      R"({"text": "  "})", "application/json"),
               400, "bad_request");
  expect_error(c.Post("/api/v1/tasks/" + std::to_string(id) + "/progress", admin->headers(),
                      R"({"status": "差不多了"})", "application/json"),
               400, "bad_request");
  expect_error(c.Post("/api/v1/tasks/999999/progress", admin->headers(), R"({"text": "x"})",
                      "application/json"),
               404, "not_found");
}

TEST_P(HttpApi, MalformedJsonIs400AndWritesNothing) {
  std::optional<Login> admin = service_->login("admin");
  ASSERT_TRUE(admin);
  std::int64_t id = task_id(*service_, *admin, kOwnTaskStart);
  std::size_t audit_before = audit_size(*service_);
  auto c = service_->client();
  std::string path = "/api/v1/tasks/" + std::to_string(id) + "/progress";
  expect_error(c.Post(path, admin->headers(), R"({"text": "未闭合)", "application/json"), 400,
               "invalid_json");
  expect_error(c.Post(path, admin->headers(), R"(["text"])", "application/json"), 400,
               "invalid_json");
  expect_error(c.Post("/api/v1/session", "{name:", "application/json"), 400, "invalid_json");
  auto task = json_of(c.Get("/api/v1/tasks/" + std::to_string(id), admin->headers()));
  EXPECT_EQ(task["status"], "未开始");
  EXPECT_TRUE(task["progress"].empty());
  EXPECT_EQ(audit_size(*service_), audit_before);
}

TEST_P(HttpApi, AnOversizedBodyIs413AndWritesNothing) {
  std::optional<Login> admin = service_->login("admin");
  ASSERT_TRUE(admin);
  std::int64_t id = task_id(*service_, *admin, kOwnTaskStart);
  std::size_t audit_before = audit_size(*service_);
  auto c = service_->client();
  Json body = {{"text", std::string(2 << 20, 'x')}, {"status", "推进中"}};
  auto res = c.Post("/api/v1/tasks/" + std::to_string(id) + "/progress", admin->headers(),
                    body.dump(), "application/json");
  expect_error(res, 413, "payload_too_large");
  auto task = json_of(c.Get("/api/v1/tasks/" + std::to_string(id), admin->headers()));
  EXPECT_EQ(task["status"], "未开始");
  EXPECT_TRUE(task["progress"].empty());
  EXPECT_EQ(audit_size(*service_), audit_before);
}

TEST_P(HttpApi, LoginsAreThrottledAfterFiveFailures) {
  auto c = service_->client();
  Json bad = {{"name", "admin"}, {"password", "not the password"}};
  for (int i = 0; i < 5; ++i) {
    expect_error(c.Post("/api/v1/session", bad.dump(), "application/json"), 401, "unauthorized");
  }
  Json good = {{"name", "admin"}, {"password", kPassword}};
  auto res = c.Post("/api/v1/session", good.dump(), "application/json");
  expect_error(res, 429, "too_many_requests");
  EXPECT_FALSE(res->get_header_value("Retry-After").empty());
  EXPECT_FALSE(res->has_header("Set-Cookie"));
  // The address is throttled too: another name from the same address is refused.
  Json other = {{"name", "viewer"}, {"password", kPassword}};
  expect_error(c.Post("/api/v1/session", other.dump(), "application/json"), 429,
               "too_many_requests");
}

TEST_P(HttpApi, AnonymousReadingIsASetting) {
  auto c = service_->client();
  auto docs = c.Get("/api/v1/documents");
  ASSERT_TRUE(docs);
  ASSERT_EQ(docs->status, 200) << docs->body;
  EXPECT_GE(json_of(docs)["total"].get<int>(), 4);  // one per sample file at least
  auto found =
      c.Get("/api/v1/search?q=" + httplib::detail::encode_query_param("周政字〔2024〕33号"));
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  Json results = json_of(found);
  for (const Json& hit : results["hits"]) EXPECT_EQ(hit["kind"], "document");
  // Few matches: counted exactly.
  EXPECT_EQ(results["total_exact"], true);
  EXPECT_EQ(results["total"].get<std::size_t>(), results["hits"].size());

  std::optional<Login> admin = service_->login("admin");
  ASSERT_TRUE(admin);
  EXPECT_EQ(json_of(c.Get("/api/v1/settings/anonymous_read", admin->headers()))["value"], "1");
  auto put = c.Put("/api/v1/settings/anonymous_read", admin->headers(), R"({"value": "0"})",
                   "application/json");
  ASSERT_TRUE(put);
  ASSERT_EQ(put->status, 200) << put->body;

  expect_error(c.Get("/api/v1/documents"), 401, "unauthorized");
  expect_error(c.Get("/api/v1/search?q=" + httplib::detail::encode_query_param("供销合作社")), 401,
               "unauthorized");
  std::optional<Login> viewer = service_->login("viewer");
  ASSERT_TRUE(viewer);
  EXPECT_EQ(c.Get("/api/v1/documents", viewer->headers())->status, 200);

  bool audited = false;
  for (const auto& a : service_->open_db()->audit_log(1000, 0)) {
    if (a.object_type == "setting" && a.object_id == "anonymous_read" && a.actor == "admin") {
      audited = true;
    }
  }
  EXPECT_TRUE(audited);
}

TEST_P(HttpApi, DocumentDetailHasTextParseTasksAndCitations) {
  auto c = service_->client();
  auto list = json_of(c.Get("/api/v1/documents?limit=1000"));
  std::int64_t id = 0;
  for (const Json& d : list["items"]) {
    if (d["doc_number"] == "周政字〔2024〕33号") id = d["id"].get<std::int64_t>();
  }
  ASSERT_NE(id, 0) << list.dump();
  auto anonymous = json_of(c.Get("/api/v1/documents/" + std::to_string(id)));
  EXPECT_EQ(anonymous["title"], "关于推动供销合作社高质量发展的实施意见");
  EXPECT_NE(anonymous["text"].get<std::string>().find("加强县域商贸流通网络建设"),
            std::string::npos);
  EXPECT_TRUE(anonymous["parsed"].is_object());
  EXPECT_TRUE(anonymous["tasks"].is_null());  // statuses are the ledger's
  EXPECT_TRUE(anonymous["citations"]["from"].is_array());

  std::optional<Login> viewer = service_->login("viewer");
  ASSERT_TRUE(viewer);
  auto full = json_of(c.Get("/api/v1/documents/" + std::to_string(id), viewer->headers()));
  ASSERT_TRUE(full["tasks"].is_array());
  EXPECT_EQ(full["tasks"].size(), 16u);  // tests/cases/tasks_expected.json
  expect_error(c.Get("/api/v1/documents/999999"), 404, "not_found");
}

TEST_P(HttpApi, TheLedgerExportsAsCsvAndXlsx) {
  std::optional<Login> viewer = service_->login("viewer");
  ASSERT_TRUE(viewer);
  auto c = service_->client();
  auto csv = c.Get("/api/v1/tasks.csv?unit=" + httplib::detail::encode_query_param(kOwnUnit),
                   viewer->headers());
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type").rfind("text/csv", 0), 0u);
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(csv->body.rfind("\xEF\xBB\xBF序号,文件标题,文号,任务,牵头单位,责任单位", 0), 0u);
  EXPECT_NE(csv->body.find("周政字〔2024〕33号"), std::string::npos);
  EXPECT_NE(csv->body.find(kOwnTaskStart), std::string::npos);
  EXPECT_EQ(csv->body.find(kOtherTaskStart), std::string::npos);  // not this unit's
  // The last column, 行, says where each task is in its source file ("120" or "120–124"):
  // every record ends with it (a task's text may hold line breaks, inside quotes).
  {
    Json listed =
        json_of(c.Get("/api/v1/tasks?limit=1&unit=" + httplib::detail::encode_query_param(kOwnUnit),
                      viewer->headers()));
    const std::regex record_end(",[0-9]+(–[0-9]+)?\r?\n");
    const auto ends =
        std::distance(std::sregex_iterator(csv->body.begin(), csv->body.end(), record_end),
                      std::sregex_iterator());
    EXPECT_GT(ends, 0);
    EXPECT_EQ(ends, listed["total"].get<int>());
  }

  auto xlsx = c.Get("/api/v1/tasks.xlsx", viewer->headers());
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx->body.rfind("PK\x03\x04", 0), 0u);  // a zip archive
}

// The samples' dated deadlines (2021–2025) are all past on 2026 and later: open tasks with one
// are overdue. Marking one 已完成 takes it off the list and counts it as done.
TEST_P(HttpApi, FollowUpListsOverdueTasksAndRates) {
  auto c = service_->client();
  expect_error(c.Get("/api/v1/followup/overdue"), 401, "unauthorized");
  expect_error(c.Get("/api/v1/followup/rates"), 401, "unauthorized");
  std::optional<Login> admin = service_->login("admin");
  ASSERT_TRUE(admin);
  Json overdue = json_of(c.Get("/api/v1/followup/overdue", admin->headers()));
  ASSERT_TRUE(overdue["items"].is_array()) << overdue.dump();
  ASSERT_FALSE(overdue["items"].empty());
  std::string today = overdue["today"].get<std::string>();
  for (const Json& item : overdue["items"]) {
    EXPECT_EQ(item["effective_status"], "逾期");
    EXPECT_LT(item["due"].get<std::string>(), today);
  }
  Json rates = json_of(c.Get("/api/v1/followup/rates", admin->headers()));
  int done_before = rates["totals"]["done"].get<int>();
  int overdue_before = rates["totals"]["overdue"].get<int>();
  EXPECT_EQ(overdue_before, static_cast<int>(overdue["items"].size()));

  std::int64_t id = overdue["items"][0]["id"].get<std::int64_t>();
  auto res = c.Post("/api/v1/tasks/" + std::to_string(id) + "/progress", admin->headers(),
                    R"({"text": "已办结", "status": "已完成"})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  Json after = json_of(c.Get("/api/v1/followup/overdue", admin->headers()));
  EXPECT_EQ(after["items"].size(), overdue["items"].size() - 1);
  for (const Json& item : after["items"]) EXPECT_NE(item["id"].get<std::int64_t>(), id);
  Json rates_after = json_of(c.Get("/api/v1/followup/rates", admin->headers()));
  EXPECT_EQ(rates_after["totals"]["done"].get<int>(), done_before + 1);
  EXPECT_EQ(rates_after["totals"]["overdue"].get<int>(), overdue_before - 1);
  EXPECT_EQ(rates_after["totals"]["done_late"].get<int>(), 1);  // completed after it was due
}

// 山政发〔2024〕4号 task 2 (数智赋能，实施智能化…) names 区大数据中心 and is due 到2025年.
TEST_P(HttpApi, AUnitHasACalendarFeedAndANotice) {
  auto c = service_->client();
  std::string unit = httplib::detail::encode_query_param("区大数据中心");
  expect_error(c.Get("/api/v1/units/" + unit + "/calendar.ics"), 401, "unauthorized");
  std::optional<Login> viewer = service_->login("viewer");
  ASSERT_TRUE(viewer);
  auto ics = c.Get("/api/v1/units/" + unit + "/calendar.ics", viewer->headers());
  ASSERT_TRUE(ics);
  ASSERT_EQ(ics->status, 200) << ics->body;
  EXPECT_EQ(ics->get_header_value("Content-Type").rfind("text/calendar", 0), 0u);
  EXPECT_EQ(ics->body.rfind("BEGIN:VCALENDAR", 0), 0u);
  EXPECT_NE(ics->body.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_NE(ics->body.find("区大数据中心"), std::string::npos);

  Json overdue = json_of(c.Get("/api/v1/followup/overdue?unit=" + unit, viewer->headers()));
  ASSERT_FALSE(overdue["items"].empty());
  for (const Json& item : overdue["items"]) {
    EXPECT_NE(std::find(item["units"].begin(), item["units"].end(), "区大数据中心"),
              item["units"].end());
  }
  auto notice =
      c.Get("/api/v1/units/" + unit + "/notice?kind=" + httplib::detail::encode_query_param("催办"),
            viewer->headers());
  ASSERT_TRUE(notice);
  ASSERT_EQ(notice->status, 200) << notice->body;
  EXPECT_EQ(notice->get_header_value("Content-Type").rfind("text/html", 0), 0u);
  EXPECT_NE(notice->body.find("催办通知"), std::string::npos);
  EXPECT_NE(notice->body.find("区大数据中心"), std::string::npos);
  EXPECT_NE(notice->body.find(overdue["items"][0]["document"]["doc_number"].get<std::string>()),
            std::string::npos);
  expect_error(c.Get("/api/v1/units/" + unit + "/notice?kind=x", viewer->headers()), 400,
               "bad_request");
}

//! The task ids of an iCalendar body's events (UID task-<id>@duban), in order.
std::vector<std::int64_t> event_task_ids(const std::string& ics) {
  static const std::regex uid("UID:task-([0-9]+)@duban");
  std::vector<std::int64_t> ids;
  for (auto it = std::sregex_iterator(ics.begin(), ics.end(), uid); it != std::sregex_iterator();
       ++it) {
    ids.push_back(std::stoll((*it)[1].str()));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

//! Creates a feed for `unit` as `who`; the feed's path ("/api/v1/calendar-feeds/….ics").
std::string create_feed(Service& s, const Login& who, const std::string& unit) {
  auto res = s.client().Post(
      "/api/v1/units/" + httplib::detail::encode_query_param(unit) + "/calendar-feed",
      who.headers(), "", "application/json");
  EXPECT_TRUE(res);
  if (!res) return "";
  EXPECT_EQ(res->status, 201) << res->body;
  Json body = json_of(res);
  EXPECT_EQ(body.value("unit", ""), unit);
  return body.value("url", "");
}

//! The token in a feed path.
std::string feed_token(const std::string& url) {
  static const std::regex form("/api/v1/calendar-feeds/([A-Za-z0-9_-]{43})\\.ics");
  std::smatch m;
  EXPECT_TRUE(std::regex_match(url, m, form)) << url;
  return m.size() > 1 ? m[1].str() : "";
}

TEST_P(HttpApi, AUnitUserSubscribesToItsCalendarWithoutACookie) {
  std::optional<Login> admin = service_->login("admin");
  std::optional<Login> unit = service_->login("jiaotong");
  ASSERT_TRUE(admin && unit);
  auto c = service_->client();
  const std::size_t audit_before = audit_size(*service_);
  const std::string url = create_feed(*service_, *unit, kOwnUnit);
  const std::string token = feed_token(url);
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(audit_size(*service_), audit_before + 1);
  {
    auto db = service_->open_db();
    std::vector<duban::store::AuditRow> log = db->audit_log(1, 0);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, "calendar_feed.create");
    EXPECT_EQ(log[0].actor, "jiaotong");
    EXPECT_EQ(log[0].object_id, kOwnUnit);
    // Stored by the SHA-256 of the token (the ingest's own SHA-256 as a check), never as is.
    EXPECT_EQ(duban::http::feed_token_hash(token), duban::store::sha256_hex(token));
    EXPECT_EQ(db->feed_token_unit(duban::store::sha256_hex(token)), kOwnUnit);
    EXPECT_FALSE(db->feed_token_unit(token));
  }

  // No cookie at all, as a calendar program asks.
  auto feed = c.Get(url);
  ASSERT_TRUE(feed);
  ASSERT_EQ(feed->status, 200) << feed->body;
  EXPECT_EQ(feed->get_header_value("Content-Type").rfind("text/calendar", 0), 0u);
  EXPECT_EQ(feed->body.rfind("BEGIN:VCALENDAR", 0), 0u);
  EXPECT_NE(feed->body.find(std::string("X-WR-CALNAME:") + kOwnUnit), std::string::npos);

  // Its events are the unit's tasks that have a due date, as in the ledger...
  Json tasks = json_of(
      c.Get("/api/v1/tasks?limit=1000&unit=" + httplib::detail::encode_query_param(kOwnUnit),
            admin->headers()));
  ASSERT_LT(tasks["items"].size(), 1000u);
  std::vector<std::int64_t> dated;
  for (const Json& t : tasks["items"]) {
    if (t["deadline"].is_object() && t["deadline"]["date"].is_string()) {
      dated.push_back(t["id"].get<std::int64_t>());
    }
  }
  std::sort(dated.begin(), dated.end());
  ASSERT_FALSE(dated.empty());
  EXPECT_LT(dated.size(), tasks["items"].size());  // some have no date and are left out
  EXPECT_EQ(event_task_ids(feed->body), dated);
  // ...and the same as the logged-in user's download.
  auto session_ics =
      c.Get("/api/v1/units/" + httplib::detail::encode_query_param(kOwnUnit) + "/calendar.ics",
            unit->headers());
  ASSERT_TRUE(session_ics);
  ASSERT_EQ(session_ics->status, 200);
  EXPECT_EQ(event_task_ids(session_ics->body), dated);

  // A stale or forged session cookie sent along does not matter to the feed.
  auto with_cookie = c.Get(url, {{"Cookie", "duban_session=" + duban::http::random_token()}});
  ASSERT_TRUE(with_cookie);
  EXPECT_EQ(with_cookie->status, 200) << with_cookie->body;
  EXPECT_EQ(event_task_ids(with_cookie->body), dated);
}

TEST_P(HttpApi, OnlyAdminsAndTheUnitItselfManageItsFeed) {
  std::optional<Login> admin = service_->login("admin");
  std::optional<Login> unit = service_->login("jiaotong");
  std::optional<Login> viewer = service_->login("viewer");
  ASSERT_TRUE(admin && unit && viewer);
  auto c = service_->client();
  const std::string other = httplib::detail::encode_query_param("区大数据中心");
  const std::string own = httplib::detail::encode_query_param(kOwnUnit);
  const std::size_t audit_before = audit_size(*service_);

  expect_error(
      c.Post("/api/v1/units/" + other + "/calendar-feed", unit->headers(), "", "application/json"),
      403, "forbidden");
  expect_error(c.Delete("/api/v1/units/" + other + "/calendar-feed", unit->headers()), 403,
               "forbidden");
  expect_error(
      c.Post("/api/v1/units/" + own + "/calendar-feed", viewer->headers(), "", "application/json"),
      403, "forbidden");
  expect_error(c.Delete("/api/v1/units/" + own + "/calendar-feed", viewer->headers()), 403,
               "forbidden");
  expect_error(c.Post("/api/v1/units/" + own + "/calendar-feed", "", "application/json"), 401,
               "unauthorized");
  expect_error(c.Delete("/api/v1/units/" + own + "/calendar-feed"), 401, "unauthorized");
  expect_error(c.Post("/api/v1/units/" + own + "/calendar-feed", unit->headers(false), "",
                      "application/json"),
               403, "csrf");
  EXPECT_EQ(audit_size(*service_), audit_before);  // nothing was written

  // An admin manages any unit's feed; the unit user revokes its own.
  const std::string other_url = create_feed(*service_, *admin, "区大数据中心");
  EXPECT_EQ(c.Get(other_url)->status, 200);
  const std::string own_url = create_feed(*service_, *admin, kOwnUnit);
  auto revoked = c.Delete("/api/v1/units/" + own + "/calendar-feed", unit->headers());
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 204) << revoked->body;
  expect_error(c.Get(own_url), 404, "not_found");
  EXPECT_EQ(c.Get(other_url)->status, 200);  // another unit's feed is untouched
  auto by_admin = c.Delete("/api/v1/units/" + other + "/calendar-feed", admin->headers());
  ASSERT_TRUE(by_admin);
  EXPECT_EQ(by_admin->status, 204);
  expect_error(c.Get(other_url), 404, "not_found");
  EXPECT_EQ(audit_size(*service_), audit_before + 4);
}

TEST_P(HttpApi, ARotatedFeedUrlIsGoneAndGarbageTokensAreNotFound) {
  std::optional<Login> unit = service_->login("jiaotong");
  ASSERT_TRUE(unit);
  auto c = service_->client();
  const std::string old_url = create_feed(*service_, *unit, kOwnUnit);
  ASSERT_EQ(c.Get(old_url)->status, 200);
  const std::string new_url = create_feed(*service_, *unit, kOwnUnit);
  ASSERT_NE(new_url, old_url);
  auto gone = c.Get(old_url);
  expect_error(gone, 404, "not_found");
  EXPECT_EQ(gone->body.find(kOwnUnit), std::string::npos);  // no hint of whose it was
  EXPECT_EQ(c.Get(new_url)->status, 200);

  const std::string token = feed_token(new_url);
  std::string flipped = token;
  flipped[0] = flipped[0] == 'A' ? 'B' : 'A';
  const std::string base = "/api/v1/calendar-feeds/";
  // A well-formed token nobody made, one close to the real one: the same 404 as a revoked one.
  for (const std::string& t :
       {duban::http::random_url_token(), flipped, token + "A", token.substr(0, 42)}) {
    auto res = c.Get(base + t + ".ics");
    expect_error(res, 404, "not_found");
    EXPECT_EQ(res->body, gone->body);
  }
  const std::vector<std::string> garbage = {
      base + ".ics",
      base + std::string(10240, 'A') + ".ics",
      base + httplib::detail::encode_query_param("订阅令牌") + ".ics",
      base + "%E8%AE%A2%FF%FE.ics",
      base + token + "%00.ics",
      base + "../units/" + httplib::detail::encode_query_param(kOwnUnit) + "/calendar.ics",
      base + "..%2F..%2Funits%2F" + httplib::detail::encode_query_param(kOwnUnit) +
          "%2Fcalendar.ics",
      base + token + "/.ics",
      base + token,
      base + "%2e%2e.ics",
      base + "'%20OR%20'1'='1.ics",
  };
  for (const std::string& path : garbage) {
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_TRUE(res->status == 404 || res->status == 400 || res->status == 414)
        << res->status << " " << path.substr(0, 200);
    EXPECT_EQ(res->body.find("BEGIN:VCALENDAR"), std::string::npos) << path.substr(0, 200);
    Json body = json_of(res);
    EXPECT_TRUE(body.is_object() && has_chinese(body.value("error", "")))
        << path.substr(0, 200) << " " << res->body.substr(0, 200);
  }
  EXPECT_EQ(c.Get(new_url)->status, 200);  // still served after all that
}

TEST_P(HttpApi, ForwardedHeadersCountOnlyBehindATrustedProxy) {
  Json good = {{"name", "admin"}, {"password", kPassword}};
  httplib::Headers forwarded = {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "203.0.113.9"}};
  // Not trusted (the default): the cookie is not Secure and the address is the socket's.
  auto plain =
      service_->client().Post("/api/v1/session", forwarded, good.dump(), "application/json");
  ASSERT_TRUE(plain);
  ASSERT_EQ(plain->status, 200);
  EXPECT_EQ(plain->get_header_value("Set-Cookie").find("Secure"), std::string::npos);

  service_.reset();
  Service proxied(db_, /*trust_proxy=*/true, /*add_users=*/false);
  auto res = proxied.client().Post("/api/v1/session", forwarded, good.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  std::string address;
  for (const auto& a : proxied.open_db()->audit_log(100, 0)) {  // newest first
    if (a.action == "login" && address.empty()) address = a.address;
  }
  EXPECT_EQ(address, "203.0.113.9");
}

TEST_P(HttpApi, TheAdminNamesTheOfficeThatSignsNotices) {
  auto c = service_->client();
  std::optional<Login> admin = service_->login("admin");
  std::optional<Login> unit = service_->login("jiaotong");
  ASSERT_TRUE(admin && unit);
  std::string path = "/api/v1/settings/notice_office";
  Json office = {{"value", "周村区人民政府督查室"}};
  expect_error(c.Put(path, unit->headers(), office.dump(), "application/json"), 403, "forbidden");
  expect_error(c.Put(path, admin->headers(), R"({"value": " "})", "application/json"), 400,
               "bad_request");
  auto put = c.Put(path, admin->headers(), office.dump(), "application/json");
  ASSERT_TRUE(put);
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(json_of(c.Get(path, admin->headers()))["value"], "周村区人民政府督查室");
  auto notice = c.Get("/api/v1/units/" + httplib::detail::encode_query_param(kOwnUnit) + "/notice",
                      unit->headers());
  ASSERT_TRUE(notice);
  ASSERT_EQ(notice->status, 200);
  EXPECT_NE(notice->body.find("周村区人民政府督查室"), std::string::npos);
  expect_error(c.Get("/api/v1/settings/other", admin->headers()), 404, "not_found");
}

TEST_P(HttpApi, UnknownRoutesAndMethodsAreJsonErrors) {
  auto c = service_->client();
  expect_error(c.Get("/api/v1/nothing-here"), 404, "not_found");
  auto res = c.Delete("/api/v1/documents");
  expect_error(res, 405, "method_not_allowed");
  EXPECT_EQ(res->get_header_value("Allow"), "GET");
  expect_error(c.Get("/api/v1/tasks?limit=abc"), 401, "unauthorized");  // session first
  std::optional<Login> viewer = service_->login("viewer");
  ASSERT_TRUE(viewer);
  expect_error(c.Get("/api/v1/tasks?limit=abc", viewer->headers()), 400, "bad_request");
  expect_error(c.Get("/api/v1/tasks?due_from=2024-02-30", viewer->headers()), 400, "bad_request");
  expect_error(c.Get("/api/v1/search"), 400, "bad_request");
}

TEST_P(HttpApi, LogoutEndsTheSession) {
  std::optional<Login> admin = service_->login("admin");
  ASSERT_TRUE(admin);
  auto c = service_->client();
  auto res = c.Delete("/api/v1/session", admin->headers());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  expect_error(c.Get("/api/v1/session", admin->headers()), 401, "unauthorized");
}

TEST_P(HttpApi, TheWebInterfaceIsServedFromTheBinary) {
  auto c = service_->client();
  for (const duban::http::EmbeddedFile& f : duban::http::web_files()) {
    auto res = c.Get(std::string(f.path));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << f.path;
    EXPECT_EQ(res->body, f.data) << f.path;
  }
  auto missing = c.Get("/no-such-page.html");
  expect_error(missing, 404, "not_found");
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpApi, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
