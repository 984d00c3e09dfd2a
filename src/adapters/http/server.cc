#include "adapters/http/server.h"

#include <sys/socket.h>

#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "adapters/http/api.h"
#include "adapters/http/auth.h"
#include "adapters/http/web_bundle.h"

namespace duban::http {

namespace {

//! One Storage per worker thread: instances are single-threaded.
class StoragePool {
 public:
  explicit StoragePool(std::string db) : db_(std::move(db)) {}

  store::Storage& get() {
    std::thread::id id = std::this_thread::get_id();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = by_thread_.find(id);
      if (it != by_thread_.end()) return *it->second;
    }
    // Opened outside the lock; only this thread ever uses or inserts its own entry.
    std::unique_ptr<store::Storage> opened = store::Storage::open(db_);
    std::lock_guard<std::mutex> lock(mutex_);
    auto [it, inserted] = by_thread_.emplace(id, std::move(opened));
    return *it->second;
  }

 private:
  std::string db_;
  std::mutex mutex_;
  std::map<std::thread::id, std::unique_ptr<store::Storage>> by_thread_;
};

std::string_view content_type_for(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".yaml", "text/yaml; charset=utf-8"},
  };
  for (const auto& [ext, type] : types) {
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext) return type;
  }
  return "application/octet-stream";
}

void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message) {
  res.status = status;
  Json body = {{"error", message}, {"code", code}};
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

bool is_mutating(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

struct Server::Impl {
  explicit Impl(ServerOptions opts)
      : options(std::move(opts)), pool(options.db), routes(api_routes()) {
    init_crypto();
    main_db = store::Storage::open(options.db);  // creates or migrates the schema now
    for (const EmbeddedFile& f : web_files()) files.emplace(f.path, f.data);
    int threads = options.threads > 0 ? options.threads : 8;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(kMaxRequestBody);
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a second
    // process bind the same port and take part of our connections.
    server.set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // httplib writes a response's headers and body in two sends; with Nagle's algorithm the
    // body then waits for the client's delayed ACK, 40 ms on Linux, on every kept-alive
    // request. Accepted sockets inherit TCP_NODELAY from the listening one.
    server.set_tcp_nodelay(true);
    server.set_keep_alive_timeout(5);
    // httplib closes a connection after 5 requests by default; clients that keep one open
    // (browsers, API scripts) would reconnect all the time.
    server.set_keep_alive_max_count(1000);
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    };
    server.Get(".*", handler);
    server.Post(".*", handler);
    server.Put(".*", handler);
    server.Patch(".*", handler);
    server.Delete(".*", handler);
    server.Options(".*", handler);
    // Errors httplib answers itself (413 for a body over the limit, 400 for a bad request
    // line) get a JSON body too; ours already have one.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          switch (res.status) {
            case 413:
              send_error(res, 413, "payload_too_large", "请求体过大（上限 1 MiB）");
              break;
            case 404:
              send_error(res, 404, "not_found", "未找到");
              break;
            default:
              send_error(res, res.status, "bad_request", "请求无效");
          }
          return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          send_error(res, 500, "internal", "服务器内部错误");
        });
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    if (req.path.rfind("/api/", 0) == 0) {
      res.set_header("Cache-Control", "no-store");
      handle_api(req, res);
    } else {
      handle_static(req, res);
    }
  }

  void handle_static(const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      send_error(res, 405, "method_not_allowed", "不支持的请求方法");
      return;
    }
    std::string path = req.path == "/" ? "/index.html" : req.path;
    auto it = files.find(path);
    if (it == files.end()) {
      send_error(res, 404, "not_found", "未找到页面：" + req.path);
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                   "base-uri 'none'; form-action 'self'");
    res.set_content(std::string(it->second), std::string(content_type_for(path)));
  }

  void handle_api(const httplib::Request& req, httplib::Response& res) {
    std::string method = req.method == "HEAD" ? "GET" : req.method;
    const Route* route = nullptr;
    std::string allowed;
    for (const Route& r : routes) {
      if (!std::regex_match(req.path, r.pattern)) continue;
      if (r.method == method) {
        route = &r;
        break;
      }
      allowed += allowed.empty() ? r.method : ", " + r.method;
    }
    if (route == nullptr) {
      if (!allowed.empty()) {
        res.set_header("Allow", allowed);
        send_error(res, 405, "method_not_allowed", "该地址不支持 " + req.method + " 请求");
      } else {
        send_error(res, 404, "not_found", "没有这个接口：" + req.path);
      }
      return;
    }
    try {
      if (req.body.size() > kMaxRequestBody) {
        throw ApiError{413, "payload_too_large", "请求体过大（上限 1 MiB）"};
      }
      Context ctx{req, res, pool.get(), options, {}, client_address(req), {}, {}};
      std::regex_match(req.path, ctx.match, route->pattern);
      authenticate(ctx, *route, method);
      route->handler(ctx);
    } catch (const ApiError& e) {
      res.headers.erase("Set-Cookie");
      send_error(res, e.status, e.code, e.message);
      if (e.status == 401 && request_cookie(req, kSessionCookie)) clear_cookie(req, res);
    } catch (const store::StorageError& e) {
      send_error(res, 500, "storage", std::string("数据库错误：") + e.what());
    } catch (const std::exception& e) {
      send_error(res, 500, "internal", "服务器内部错误");
    }
  }

  std::string client_address(const httplib::Request& req) const {
    if (options.trust_proxy && req.has_header("X-Forwarded-For")) {
      // The proxy appends the address it saw last.
      std::string forwarded = req.get_header_value("X-Forwarded-For");
      std::size_t comma = forwarded.rfind(',');
      std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
      std::size_t b = last.find_first_not_of(" \t");
      std::size_t e = last.find_last_not_of(" \t");
      if (b != std::string::npos) return last.substr(b, e - b + 1);
    }
    return req.remote_addr;
  }

  void clear_cookie(const httplib::Request& req, httplib::Response& res) const {
    std::string cookie =
        std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
    if (over_tls(req, options)) cookie += "; Secure";
    res.set_header("Set-Cookie", cookie);
  }

  void authenticate(Context& ctx, const Route& route, const std::string& method) {
    // No session is looked at: a stale cookie sent along must not turn the feed into a 401.
    if (route.access == Access::kSecret) return;
    if (std::optional<std::string> cookie = request_cookie(ctx.req, kSessionCookie)) {
      std::optional<store::SessionRow> session = ctx.db.session(token_hash(*cookie));
      std::string now = time_key(utc_iso(std::chrono::system_clock::now()));
      if (session && time_key(session->expires_at) > now) {
        if (std::optional<store::UserRow> user = ctx.db.user(session->user_id)) {
          ctx.session = std::move(session);
          ctx.user = std::move(user);
        }
      }
      if (!ctx.user && route.access != Access::kLogin) {
        throw ApiError{401, "unauthorized", "会话无效或已过期，请重新登录"};
      }
      if (route.access == Access::kLogin) {
        ctx.session.reset();
        ctx.user.reset();
      }
    }
    if (ctx.session && is_mutating(method)) {
      std::string sent = ctx.req.get_header_value("X-CSRF-Token");
      if (!equal_constant_time(sent, ctx.session->csrf_token)) {
        throw ApiError{403, "csrf", "缺少或错误的 X-CSRF-Token（请刷新页面后重试）"};
      }
    }
    switch (route.access) {
      case Access::kLogin:
      case Access::kSecret:
        break;
      case Access::kRead:
        if (!ctx.user && ctx.db.setting("anonymous_read").value_or("1") == "0") {
          throw ApiError{401, "unauthorized", "本站公文需登录后查看"};
        }
        break;
      case Access::kSession:
        if (!ctx.user) throw ApiError{401, "unauthorized", "请先登录"};
        break;
      case Access::kAdmin:
        if (!ctx.user) throw ApiError{401, "unauthorized", "请先登录"};
        if (ctx.user->role != store::Role::kAdmin) {
          throw ApiError{403, "forbidden", "仅管理员可以进行此操作"};
        }
        break;
    }
  }

  ServerOptions options;
  StoragePool pool;
  std::vector<Route> routes;
  std::unique_ptr<store::Storage> main_db;  // used only by the thread that made the Server
  std::unordered_map<std::string_view, std::string_view> files;
  httplib::Server server;
  bool bound = false;
};

std::optional<std::string> request_cookie(const httplib::Request& req, const std::string& name) {
  for (std::size_t i = 0, n = req.get_header_value_count("Cookie"); i < n; ++i) {
    std::string header = req.get_header_value("Cookie", i);
    std::size_t pos = 0;
    while (pos < header.size()) {
      std::size_t end = header.find(';', pos);
      if (end == std::string::npos) end = header.size();
      std::string pair = header.substr(pos, end - pos);
      std::size_t b = pair.find_first_not_of(' ');
      if (b != std::string::npos) pair.erase(0, b);
      std::size_t eq = pair.find('=');
      if (eq != std::string::npos && pair.compare(0, eq, name) == 0 && eq == name.size()) {
        std::string value = pair.substr(eq + 1);
        while (!value.empty() && value.back() == ' ') value.pop_back();
        return value;
      }
      pos = end + 1;
    }
  }
  return std::nullopt;
}

bool over_tls(const httplib::Request& req, const ServerOptions& options) {
  return options.trust_proxy && req.get_header_value("X-Forwarded-Proto") == "https";
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
  if (impl_->server.is_running()) impl_->server.stop();
}

int Server::bind() {
  const ServerOptions& o = impl_->options;
  int port = 0;
  if (o.port == 0) {
    port = impl_->server.bind_to_any_port(o.host);
    if (port <= 0) port = 0;
  } else if (o.port > 0 && o.port < 65536 && impl_->server.bind_to_port(o.host, o.port)) {
    port = o.port;
  }
  if (port == 0) {
    throw ServerError("无法监听 " + o.host + ":" + std::to_string(o.port) +
                      "（端口被占用或地址无效）");
  }
  impl_->bound = true;
  return port;
}

bool Server::run() {
  if (!impl_->bound) bind();
  return impl_->server.listen_after_bind();
}

void Server::stop() { impl_->server.stop(); }

bool Server::has_users() { return impl_->main_db->count_users() > 0; }

}  // namespace duban::http
