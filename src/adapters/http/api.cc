// The /api/v1/ handlers. Routes and their access rules are listed in api_routes() at the end;
// docs/openapi.yaml describes them for clients.
#include "adapters/http/api.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "adapters/export/ical_export.h"
#include "adapters/export/json_export.h"
#include "adapters/export/ledger_export.h"
#include "adapters/export/notice_export.h"
#include "adapters/http/auth.h"
#include "followup/followup.h"

namespace duban::http {

namespace {

using store::Role;
using store::TaskStatus;

constexpr int kMaxFailedLogins = 5;
constexpr auto kThrottleWindow = std::chrono::minutes(15);
constexpr std::size_t kMaxProgressText = 20000;  // bytes

ApiError bad_request(const std::string& message) { return {400, "bad_request", message}; }

Json opt(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }
Json opt(const std::optional<int>& n) { return n ? Json(*n) : Json(nullptr); }
Json opt(const std::optional<std::int64_t>& n) { return n ? Json(*n) : Json(nullptr); }
Json opt(const std::optional<Date>& d) { return d ? Json(d->iso()) : Json(nullptr); }

//! Parses stored JSON text; null when it is empty or broken (never fails the request).
Json stored_json(const std::string& text, Json fallback) {
  if (text.empty()) return fallback;
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? fallback : parsed;
}

Json user_json(const store::UserRow& u) {
  return {
      {"id", u.id}, {"name", u.name}, {"role", store::role_name(u.role)}, {"unit", opt(u.unit)}};
}

Json document_json(const store::DocumentRow& d) {
  return {{"id", d.id},
          {"doc_number", opt(d.doc_number)},
          {"issuer", opt(d.issuer)},
          {"title", opt(d.title)},
          {"kind", opt(d.kind)},
          {"date", opt(d.date)},
          {"year", opt(d.year)},
          {"is_public", d.is_public},
          {"source_file", d.source_file},
          {"lines", {{"start", d.lines.start}, {"end", d.lines.end}}},
          {"content_hash", d.content_hash},
          {"version", d.version},
          {"previous_version", opt(d.previous_version)},
          {"superseded_by", opt(d.superseded_by)},
          {"task_count", d.task_count},
          {"ingested_at", d.ingested_at}};
}

const char* followup_status_name(followup::Status status) {
  switch (status) {
    case followup::Status::kNotStarted:
      return "未开始";
    case followup::Status::kInProgress:
      return "推进中";
    case followup::Status::kDone:
      return "已完成";
    case followup::Status::kOverdue:
      return "逾期";
    case followup::Status::kNotApplicable:
      return "不适用";
  }
  return "";
}

//! Today in China (UTC+8), the date follow-up lists are computed for.
Date today() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                         std::chrono::hours(8));
  std::tm tm{};
  gmtime_r(&now, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

Json task_json(const store::TaskRow& t) {
  Json deadline = nullptr;
  if (t.deadline) {
    deadline = {
        {"text", t.deadline->text}, {"date", opt(t.deadline->date)}, {"kind", t.deadline->kind}};
  }
  return {{"id", t.id},
          {"document_id", t.document_id},
          {"key", t.key},
          {"seq", t.seq},
          {"path", t.path},
          {"text", t.text},
          {"lead_units", t.lead_units},
          {"units", t.units},
          {"units_as_printed", t.units_as_printed},
          {"deadline", deadline},
          {"targets", stored_json(t.targets_json, Json::array())},
          {"status", store::status_name(t.status)},
          {"effective_status", followup_status_name(followup::effective_status(t, today()))},
          {"status_updated_at",
           t.status_updated_at.empty() ? Json(nullptr) : Json(t.status_updated_at)},
          {"document", {{"doc_number", opt(t.doc_number)}, {"title", opt(t.doc_title)}}}};
}

Json progress_json(const store::ProgressRow& p) {
  return {{"id", p.id},
          {"task_id", p.task_id},
          {"author", p.author},
          {"text", p.text},
          {"status", p.status ? Json(store::status_name(*p.status)) : Json(nullptr)},
          {"created_at", p.created_at}};
}

Json citation_json(const store::CitationRow& c) {
  return {{"from_document", c.from_document},
          {"to_document", opt(c.to_document)},
          {"title", opt(c.title)},
          {"doc_number", opt(c.doc_number)}};
}

// --- query parameters

std::optional<std::string> param(const Context& ctx, const char* name) {
  if (!ctx.req.has_param(name)) return std::nullopt;
  std::string value = ctx.req.get_param_value(name);
  if (value.empty()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> int_param(const Context& ctx, const char* name, std::int64_t min,
                                      std::int64_t max) {
  std::optional<std::string> text = param(ctx, name);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    throw bad_request("参数 " + std::string(name) + " 应为 " + std::to_string(min) + " 到 " +
                      std::to_string(max) + " 之间的整数");
  }
  return value;
}

std::optional<Date> date_param(const Context& ctx, const char* name) {
  std::optional<std::string> text = param(ctx, name);
  if (!text) return std::nullopt;
  Date d;
  char tail = 0;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (text->size() != 10 ||
      std::sscanf(text->c_str(), "%4d-%2d-%2d%c", &d.year, &d.month, &d.day, &tail) != 3 ||
      d.month < 1 || d.month > 12 || d.day < 1 || d.day > kDays[d.month - 1] ||
      (d.month == 2 && d.day == 29 &&
       !(d.year % 4 == 0 && (d.year % 100 != 0 || d.year % 400 == 0)))) {
    throw bad_request("参数 " + std::string(name) + " 应为日期，如 2024-09-30");
  }
  return d;
}

std::optional<TaskStatus> status_value(const std::string& text) {
  std::optional<TaskStatus> status = store::parse_status(text);
  if (!status)
    throw bad_request("未知的任务状态：" + text + "（可用：未开始、推进中、已完成、不适用）");
  return status;
}

std::optional<TaskStatus> status_param(const Context& ctx) {
  std::optional<std::string> text = param(ctx, "status");
  if (!text) return std::nullopt;
  return status_value(*text);
}

std::int64_t path_id(const Context& ctx) {
  std::int64_t id = 0;
  std::string text = ctx.match[1].str();
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw ApiError{404, "not_found", "编号无效：" + text};
  }
  return id;
}

store::DocumentFilter document_filter(const Context& ctx, int default_limit) {
  store::DocumentFilter f;
  f.issuer = param(ctx, "issuer");
  if (auto year = int_param(ctx, "year", 1900, 2200)) f.year = static_cast<int>(*year);
  f.kind = param(ctx, "kind");
  f.unit = param(ctx, "unit");
  f.limit = static_cast<int>(int_param(ctx, "limit", 1, 1000).value_or(default_limit));
  f.offset = static_cast<int>(int_param(ctx, "offset", 0, 100000000).value_or(0));
  return f;
}

store::TaskFilter task_filter(const Context& ctx) {
  store::TaskFilter f;
  f.unit = param(ctx, "unit");
  f.status = status_param(ctx);
  f.due_from = date_param(ctx, "due_from");
  f.due_to = date_param(ctx, "due_to");
  f.document_id = int_param(ctx, "document_id", 1, INT64_MAX);
  f.limit = static_cast<int>(int_param(ctx, "limit", 1, 1000).value_or(50));
  f.offset = static_cast<int>(int_param(ctx, "offset", 0, 100000000).value_or(0));
  return f;
}

// --- sessions

std::string session_cookie(const Context& ctx, const std::string& token) {
  std::string cookie = std::string(kSessionCookie) + "=" + token +
                       "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                       std::to_string(ctx.options.session_lifetime.count());
  if (over_tls(ctx.req, ctx.options)) cookie += "; Secure";
  return cookie;
}

//! A hash to check passwords of unknown users against, so that the answer takes as long
//! as for a known user.
const std::string& decoy_hash() {
  static const std::string hash = hash_password(random_token());
  return hash;
}

void login(Context& ctx) {
  Json body = ctx.body_object();
  if (!body.contains("name") || !body["name"].is_string() || !body.contains("password") ||
      !body["password"].is_string()) {
    throw bad_request("请提供用户名（name）和密码（password）");
  }
  std::string name = body["name"].get<std::string>();
  std::string password = body["password"].get<std::string>();
  if (name.empty() || password.empty()) throw bad_request("用户名和密码不能为空");

  auto now = std::chrono::system_clock::now();
  std::string since = utc_iso(now - kThrottleWindow);
  std::string name_key = "name:" + name;
  std::string address_key = "addr:" + ctx.address;
  if (ctx.db.failed_logins(name_key, since) >= kMaxFailedLogins ||
      ctx.db.failed_logins(address_key, since) >= kMaxFailedLogins) {
    ctx.res.set_header("Retry-After",
                       std::to_string(std::chrono::seconds(kThrottleWindow).count()));
    throw ApiError{429, "too_many_requests", "登录失败次数过多，请 15 分钟后再试"};
  }

  std::optional<store::UserRow> user = ctx.db.user_by_name(name);
  bool ok = user ? verify_password(user->password_hash, password)
                 : (verify_password(decoy_hash(), password), false);
  if (!ok) {
    ctx.db.record_login(name_key, false);
    ctx.db.record_login(address_key, false);
    ctx.db.audit(store::Actor{std::nullopt, name, ctx.address}, "login.failed", "session", name,
                 Json{{"reason", user ? "password" : "unknown_user"}}.dump());
    throw ApiError{401, "unauthorized", "用户名或密码错误"};
  }
  ctx.db.record_login(name_key, true);
  ctx.db.record_login(address_key, true);

  std::string token = random_token();
  store::SessionRow session;
  session.token_hash = token_hash(token);
  session.user_id = user->id;
  session.csrf_token = random_token();
  session.created_at = utc_iso(now);
  session.expires_at = utc_iso(now + ctx.options.session_lifetime);
  ctx.db.add_session(session);
  ctx.user = user;
  ctx.db.audit(ctx.actor(), "login", "session", std::to_string(user->id), "{}");
  ctx.res.set_header("Set-Cookie", session_cookie(ctx, token));
  ctx.send(200, {{"user", user_json(*user)},
                 {"csrf_token", session.csrf_token},
                 {"expires_at", session.expires_at}});
}

void current_session(Context& ctx) {
  ctx.send(200, {{"user", user_json(*ctx.user)},
                 {"csrf_token", ctx.session->csrf_token},
                 {"expires_at", ctx.session->expires_at}});
}

void logout(Context& ctx) {
  ctx.db.delete_session(ctx.session->token_hash);
  ctx.db.audit(ctx.actor(), "logout", "session", std::to_string(ctx.user->id), "{}");
  std::string cookie =
      std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
  if (over_tls(ctx.req, ctx.options)) cookie += "; Secure";
  ctx.res.set_header("Set-Cookie", cookie);
  ctx.res.status = 204;
}

// --- documents and search

void list_documents(Context& ctx) {
  store::DocumentFilter f = document_filter(ctx, 50);
  Json items = Json::array();
  for (const store::DocumentRow& d : ctx.db.documents(f)) items.push_back(document_json(d));
  ctx.send(200, {{"items", items},
                 {"total", ctx.db.count_documents(f)},
                 {"limit", f.limit},
                 {"offset", f.offset}});
}

void get_document(Context& ctx) {
  std::int64_t id = path_id(ctx);
  std::optional<store::DocumentRow> d = ctx.db.document(id);
  if (!d) throw ApiError{404, "not_found", "没有编号为 " + std::to_string(id) + " 的公文"};
  Json out = document_json(*d);
  out["text"] = d->text;
  out["parsed"] = stored_json(d->json, nullptr);
  Json tasks = nullptr;
  if (ctx.user) {  // the ledger's statuses are for logged-in users
    tasks = Json::array();
    store::TaskFilter f;
    f.document_id = id;
    f.limit = 100000;
    for (const store::TaskRow& t : ctx.db.tasks(f)) tasks.push_back(task_json(t));
  }
  out["tasks"] = tasks;
  Json from = Json::array(), to = Json::array();
  for (const store::CitationRow& c : ctx.db.citations(id)) {
    if (c.from_document == id) from.push_back(citation_json(c));
    if (c.to_document == id) to.push_back(citation_json(c));
  }
  out["citations"] = {{"from", from}, {"to", to}};
  ctx.send(200, out);
}

void list_citations(Context& ctx) {
  std::optional<std::int64_t> id = int_param(ctx, "document_id", 1, INT64_MAX);
  Json items = Json::array();
  for (const store::CitationRow& c : ctx.db.citations(id)) items.push_back(citation_json(c));
  ctx.send(200, {{"items", items}});
}

void search(Context& ctx) {
  std::optional<std::string> q = param(ctx, "q");
  if (!q || q->find_first_not_of(" \t\r\n") == std::string::npos) {
    throw bad_request("请输入搜索词（参数 q）");
  }
  store::SearchQuery query;
  query.text = *q;
  query.filter = document_filter(ctx, 20);
  if (query.filter.limit > 100) throw bad_request("参数 limit 应为 1 到 100 之间的整数");
  if (std::optional<std::string> which = param(ctx, "kind_of_hit")) {
    if (*which == "document") {
      query.tasks = false;
    } else if (*which == "task") {
      query.documents = false;
    } else {
      throw bad_request("参数 kind_of_hit 应为 document 或 task");
    }
  }
  if (ctx.user) {
    query.task_status = status_param(ctx);
    query.due_from = date_param(ctx, "due_from");
    query.due_to = date_param(ctx, "due_to");
  } else {
    // Tasks and their statuses are the ledger's: anonymous readers search documents only.
    if (!query.documents) throw ApiError{401, "unauthorized", "搜索任务需要先登录"};
    query.tasks = false;
  }
  store::SearchResults results = ctx.db.search(query, query.filter.limit, query.filter.offset);
  Json hits = Json::array();
  for (const store::SearchHit& h : results.hits) {
    hits.push_back({{"kind", h.kind},
                    {"document_id", h.document_id},
                    {"task_id", opt(h.task_id)},
                    {"doc_number", opt(h.doc_number)},
                    {"title", opt(h.title)},
                    {"snippet", h.snippet},
                    {"score", h.score}});
  }
  ctx.send(200, {{"hits", hits},
                 {"total", results.total},
                 {"total_exact", results.total_exact},
                 {"interpreted_as", results.interpreted_as},
                 {"limit", query.filter.limit},
                 {"offset", query.filter.offset}});
}

// --- the ledger

void list_tasks(Context& ctx) {
  store::TaskFilter f = task_filter(ctx);
  Json items = Json::array();
  for (const store::TaskRow& t : ctx.db.tasks(f)) items.push_back(task_json(t));
  ctx.send(200, {{"items", items},
                 {"total", ctx.db.count_tasks(f)},
                 {"limit", f.limit},
                 {"offset", f.offset}});
}

void get_task(Context& ctx) {
  std::int64_t id = path_id(ctx);
  std::optional<store::TaskRow> t = ctx.db.task(id);
  if (!t) throw ApiError{404, "not_found", "没有编号为 " + std::to_string(id) + " 的任务"};
  Json out = task_json(*t);
  Json progress = Json::array();
  for (const store::ProgressRow& p : ctx.db.progress(id)) progress.push_back(progress_json(p));
  out["progress"] = progress;
  ctx.send(200, out);
}

void report_progress(Context& ctx) {
  if (ctx.user->role == Role::kViewer) {
    throw ApiError{403, "forbidden", "只读用户不能填报进展或修改任务状态"};
  }
  Json body = ctx.body_object();
  std::int64_t id = path_id(ctx);
  std::optional<store::TaskRow> task = ctx.db.task(id);
  if (!task) throw ApiError{404, "not_found", "没有编号为 " + std::to_string(id) + " 的任务"};
  if (ctx.user->role == Role::kUnit) {
    const std::string unit = ctx.user->unit.value_or("");
    if (unit.empty() ||
        std::find(task->units.begin(), task->units.end(), unit) == task->units.end()) {
      throw ApiError{403, "forbidden", "只能填报本单位（" + unit + "）负责的任务"};
    }
  }
  std::string text;
  if (body.contains("text") && !body["text"].is_null()) {
    if (!body["text"].is_string()) throw bad_request("text 应为文字");
    text = body["text"].get<std::string>();
    if (text.size() > kMaxProgressText) throw bad_request("进展内容过长（上限 20000 字节）");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) text.clear();
  }
  std::optional<TaskStatus> status;
  if (body.contains("status") && !body["status"].is_null()) {
    if (!body["status"].is_string()) throw bad_request("status 应为文字，如 推进中");
    status = status_value(body["status"].get<std::string>());
  }
  if (text.empty() && !status) throw bad_request("请填写进展内容（text）或选择新的状态（status）");
  store::ProgressRow row = ctx.db.report_progress(id, text, status, ctx.actor());
  ctx.send(201, progress_json(row));
}

void list_units(Context& ctx) {
  Json items = Json::array();
  for (const auto& [unit, count] : ctx.db.units())
    items.push_back({{"unit", unit}, {"task_count", count}});
  ctx.send(200, {{"items", items}});
}

//! Every task that `ctx`'s filters select, in ledger order, as export rows.
//! Every task that passes `f` (limit and offset ignored), read in pages by id.
std::vector<store::TaskRow> all_tasks(store::Storage& db, store::TaskFilter f = {}) {
  f.offset = 0;
  f.limit = 1000;
  std::vector<store::TaskRow> tasks;
  for (;;) {
    std::vector<store::TaskRow> page = db.tasks(f);
    if (page.empty()) break;
    f.after_id = page.back().id;
    const bool last = static_cast<int>(page.size()) < f.limit;
    tasks.insert(tasks.end(), std::make_move_iterator(page.begin()),
                 std::make_move_iterator(page.end()));
    if (last) break;
  }
  return tasks;
}

//! The current tasks of `unit` (as lead or responsible unit).
std::vector<store::TaskRow> unit_tasks(store::Storage& db, const std::string& unit) {
  store::TaskFilter f;
  f.unit = unit;
  return all_tasks(db, f);
}

std::vector<exporter::LedgerRow> ledger_rows(Context& ctx) {
  std::vector<exporter::LedgerRow> rows;
  for (store::TaskRow& t : all_tasks(ctx.db, task_filter(ctx))) {
    exporter::LedgerRow row;
    row.document.doc_number = std::move(t.doc_number);
    row.document.title = std::move(t.doc_title);
    row.task.id = std::move(t.key);
    row.task.path = std::move(t.path);
    row.task.text = std::move(t.text);
    row.task.lead_units = std::move(t.lead_units);
    row.task.units = std::move(t.units);
    row.task.units_as_printed = std::move(t.units_as_printed);
    row.task.deadline = std::move(t.deadline);
    row.task.lines = t.lines;
    rows.push_back(std::move(row));
  }
  return rows;
}

void attachment(Context& ctx, const std::string& ascii_name, const std::string& utf8_percent_name) {
  ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + ascii_name +
                                                "\"; filename*=UTF-8''" + utf8_percent_name);
}

// 工作台账 percent-encoded, for Content-Disposition's filename*.
constexpr const char* kLedgerName = "%E5%B7%A5%E4%BD%9C%E5%8F%B0%E8%B4%A6";

void export_csv(Context& ctx) {
  std::ostringstream out;
  exporter::write_csv(ledger_rows(ctx), out);
  attachment(ctx, "tasks.csv", std::string(kLedgerName) + ".csv");
  ctx.res.set_content(out.str(), "text/csv; charset=utf-8");
}

void export_xlsx(Context& ctx) {
  std::vector<exporter::LedgerRow> rows = ledger_rows(ctx);
  // libxlsxwriter writes to a file: a private temporary one, read back and removed.
  std::string path = (std::filesystem::temp_directory_path() / "duban-export-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) throw ApiError{500, "internal", "无法创建临时文件"};
  ::close(fd);
  std::string bytes;
  try {
    exporter::write_xlsx(rows, path);
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
  std::filesystem::remove(path);
  attachment(ctx, "tasks.xlsx", std::string(kLedgerName) + ".xlsx");
  ctx.res.set_content(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

// --- follow-up

//! Every task, in ledger order.

Json item_json(const followup::Item& item, bool overdue) {
  Json j = task_json(item.task);
  j["effective_status"] = followup_status_name(item.status);
  j["due"] = item.due.iso();
  j[overdue ? "workdays_overdue" : "workdays_left"] = item.workdays;
  j[overdue ? "days_overdue" : "days_left"] = item.days;
  j["lead"] = item.lead;
  return j;
}

void followup_list(Context& ctx, bool overdue) {
  followup::Options options;
  options.today = today();
  if (!overdue) {
    options.due_soon_workdays = static_cast<int>(int_param(ctx, "days", 0, 366).value_or(5));
  }
  std::vector<followup::Item> items;
  if (std::optional<std::string> unit = param(ctx, "unit")) {
    followup::UnitLists lists = followup::for_unit(unit_tasks(ctx.db, *unit), *unit, options);
    items = overdue ? std::move(lists.overdue) : std::move(lists.due_soon);
  } else {
    std::vector<store::TaskRow> tasks = all_tasks(ctx.db);
    items = overdue ? followup::overdue(tasks, options) : followup::due_soon(tasks, options);
  }
  Json out = Json::array();
  for (const followup::Item& item : items) out.push_back(item_json(item, overdue));
  ctx.send(200, {{"today", options.today.iso()}, {"items", out}});
}

Json counts_json(const followup::Counts& c) {
  auto rate = [](std::optional<double> r) { return r ? Json(*r) : Json(nullptr); };
  return {{"total", c.total},
          {"not_started", c.not_started},
          {"in_progress", c.in_progress},
          {"done", c.done},
          {"overdue", c.overdue},
          {"not_applicable", c.not_applicable},
          {"done_on_time", c.done_on_time},
          {"done_late", c.done_late},
          {"completion_rate", rate(c.completion_rate())},
          {"on_time_rate", rate(c.on_time_rate())}};
}

void followup_rates(Context& ctx) {
  followup::Options options;
  options.today = today();
  std::vector<store::TaskRow> tasks = all_tasks(ctx.db);
  // Only done tasks' reports matter (when they were completed).
  std::vector<std::int64_t> done;
  for (const store::TaskRow& t : tasks) {
    if (t.status == TaskStatus::kDone) done.push_back(t.id);
  }
  const std::vector<store::ProgressRow> progress = ctx.db.progress_of(done);
  Json by_unit = Json::array();
  for (const followup::UnitRates& u : followup::rates_by_unit(tasks, progress, options)) {
    by_unit.push_back(
        {{"unit", u.unit}, {"lead_tasks", u.lead_tasks}, {"counts", counts_json(u.counts)}});
  }
  Json by_document = Json::array();
  for (const followup::DocumentRates& d : followup::rates_by_document(tasks, progress, options)) {
    by_document.push_back({{"document_id", d.document_id},
                           {"doc_number", opt(d.doc_number)},
                           {"title", opt(d.doc_title)},
                           {"counts", counts_json(d.counts)}});
  }
  ctx.send(200, {{"today", options.today.iso()},
                 {"totals", counts_json(followup::totals(tasks, progress, options))},
                 {"by_unit", by_unit},
                 {"by_document", by_document}});
}

//! The unit named in the path (/units/{unit}/…), as given (canonical names are expected).
std::string path_unit(const Context& ctx) {
  std::string unit = ctx.match[1].str();
  if (unit.empty()) throw bad_request("请指定单位");
  return unit;
}

void unit_calendar(Context& ctx) {
  std::string unit = path_unit(ctx);
  followup::Options options;
  options.today = today();
  exporter::CalendarOptions calendar;
  calendar.stamp = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  std::string ics = exporter::unit_calendar(unit, unit_tasks(ctx.db, unit), options, calendar);
  ctx.res.set_content(ics, "text/calendar; charset=utf-8");
}

void unit_notice(Context& ctx) {
  std::string unit = path_unit(ctx);
  followup::Options options;
  options.today = today();
  options.due_soon_workdays = static_cast<int>(int_param(ctx, "days", 0, 366).value_or(5));
  exporter::NoticeOptions notice;
  notice.office =
      ctx.db.setting(exporter::kNoticeOfficeSetting).value_or(exporter::kDefaultNoticeOffice);
  notice.issued = options.today;
  if (std::optional<std::string> kind = param(ctx, "kind")) {
    if (*kind != "督办" && *kind != "催办") throw bad_request("参数 kind 应为 督办 或 催办");
    notice.kind = *kind;
  }
  std::vector<store::TaskRow> tasks = unit_tasks(ctx.db, unit);
  std::vector<std::int64_t> ids;
  for (const store::TaskRow& t : tasks) ids.push_back(t.id);
  const std::vector<store::ProgressRow> progress = ctx.db.progress_of(ids);
  std::string html = exporter::unit_notice(unit, tasks, progress, options, notice);
  ctx.res.set_content(html, "text/html; charset=utf-8");
}

// --- administration

void audit_log(Context& ctx) {
  int limit = static_cast<int>(int_param(ctx, "limit", 1, 1000).value_or(100));
  int offset = static_cast<int>(int_param(ctx, "offset", 0, 100000000).value_or(0));
  Json items = Json::array();
  for (const store::AuditRow& a : ctx.db.audit_log(limit, offset)) {
    items.push_back({{"id", a.id},
                     {"at", a.at},
                     {"actor", a.actor},
                     {"address", a.address},
                     {"action", a.action},
                     {"object_type", a.object_type},
                     {"object_id", a.object_id},
                     {"detail", stored_json(a.detail, Json::object())}});
  }
  ctx.send(200, {{"items", items}, {"limit", limit}, {"offset", offset}});
}

// Settings an admin may read and change: anonymous_read ("1" open, "0" login needed) and
// notice_office (the office that signs 督办 notices).
std::string setting_value(Context& ctx, const std::string& name) {
  if (name == "anonymous_read") {
    return ctx.db.setting(name).value_or("1") == "0" ? "0" : "1";
  }
  return ctx.db.setting(name).value_or(exporter::kDefaultNoticeOffice);
}

void get_setting(Context& ctx) {
  std::string name = ctx.match[1].str();
  ctx.send(200, {{"name", name}, {"value", setting_value(ctx, name)}});
}

void put_setting(Context& ctx) {
  std::string name = ctx.match[1].str();
  Json body = ctx.body_object();
  std::string value;
  const Json v = body.contains("value") ? body["value"] : Json();
  if (name == "anonymous_read") {
    if (v.is_boolean()) value = v.get<bool>() ? "1" : "0";
    if (v.is_string() && (v == "0" || v == "1")) value = v.get<std::string>();
    if (value.empty()) throw bad_request("value 应为 \"1\"（开放）或 \"0\"（需登录）");
  } else {
    if (v.is_string()) value = v.get<std::string>();
    if (value.find_first_not_of(" \t") == std::string::npos || char_count(value) > 50) {
      throw bad_request("value 应为督办通知的落款单位名称（1 到 50 个字）");
    }
  }
  ctx.db.set_setting(name, value, ctx.actor());
  ctx.send(200, {{"name", name}, {"value", value}});
}

Route route(const char* method, const char* pattern, Access access,
            std::function<void(Context&)> handler) {
  return Route{method, std::regex(pattern), access, std::move(handler)};
}

}  // namespace

store::Actor Context::actor() const {
  store::Actor a;
  if (user) {
    a.user_id = user->id;
    a.name = user->name;
  }
  a.address = address;
  return a;
}

Json Context::body_object() const {
  Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) throw ApiError{400, "invalid_json", "请求体不是有效的 JSON"};
  if (!body.is_object()) throw ApiError{400, "invalid_json", "请求体应为 JSON 对象"};
  return body;
}

void Context::send(int status, const Json& json) {
  res.status = status;
  res.set_content(exporter::dump(json), "application/json; charset=utf-8");
}

std::vector<Route> api_routes() {
  std::vector<Route> r;
  r.push_back(route("POST", "/api/v1/session", Access::kLogin, login));
  r.push_back(route("GET", "/api/v1/session", Access::kSession, current_session));
  r.push_back(route("DELETE", "/api/v1/session", Access::kSession, logout));
  r.push_back(route("GET", "/api/v1/documents", Access::kRead, list_documents));
  r.push_back(route("GET", "/api/v1/documents/([0-9]+)", Access::kRead, get_document));
  r.push_back(route("GET", "/api/v1/citations", Access::kRead, list_citations));
  r.push_back(route("GET", "/api/v1/search", Access::kRead, search));
  r.push_back(route("GET", "/api/v1/tasks", Access::kSession, list_tasks));
  r.push_back(route("GET", "/api/v1/tasks\\.csv", Access::kSession, export_csv));
  r.push_back(route("GET", "/api/v1/tasks\\.xlsx", Access::kSession, export_xlsx));
  r.push_back(route("GET", "/api/v1/tasks/([0-9]+)", Access::kSession, get_task));
  r.push_back(route("POST", "/api/v1/tasks/([0-9]+)/progress", Access::kSession, report_progress));
  r.push_back(route("GET", "/api/v1/units", Access::kSession, list_units));
  r.push_back(route("GET", "/api/v1/followup/overdue", Access::kSession,
                    [](Context& ctx) { followup_list(ctx, true); }));
  r.push_back(route("GET", "/api/v1/followup/due-soon", Access::kSession,
                    [](Context& ctx) { followup_list(ctx, false); }));
  r.push_back(route("GET", "/api/v1/followup/rates", Access::kSession, followup_rates));
  r.push_back(
      route("GET", "/api/v1/units/([^/]+)/calendar\\.ics", Access::kSession, unit_calendar));
  r.push_back(route("GET", "/api/v1/units/([^/]+)/notice", Access::kSession, unit_notice));
  r.push_back(route("GET", "/api/v1/audit", Access::kAdmin, audit_log));
  r.push_back(
      route("GET", "/api/v1/settings/(anonymous_read|notice_office)", Access::kAdmin, get_setting));
  r.push_back(
      route("PUT", "/api/v1/settings/(anonymous_read|notice_office)", Access::kAdmin, put_setting));
  return r;
}

}  // namespace duban::http
