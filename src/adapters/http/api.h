// adapters/http/api.h (internal to the http adapter): the request context, routes and errors
// shared by server.cc (dispatch, sessions, static files) and api.cc (the /api/v1/ handlers).
#ifndef DUBAN_ADAPTERS_HTTP_API_H_
#define DUBAN_ADAPTERS_HTTP_API_H_

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "adapters/http/server.h"
#include "adapters/storage/storage.h"

namespace duban::http {

using Json = nlohmann::ordered_json;

//! Ends a request with {"error": message, "code": code} and `status`; thrown by handlers.
struct ApiError {
  int status;
  std::string code;
  std::string message;
};

//! Who may call a route.
enum class Access {
  kLogin,    // anyone; a stale cookie is ignored (POST /session)
  kRead,     // anyone while the setting anonymous_read is not "0", else a session
  kSession,  // a logged-in user
  kAdmin,    // a logged-in admin
  kSecret,   // anyone, cookie ignored: the route authenticates itself by a secret in its URL
             // (calendar feeds, which calendar programs fetch without a session)
};

struct Context {
  const httplib::Request& req;
  httplib::Response& res;
  store::Storage& db;
  const ServerOptions& options;
  std::smatch match;    // the route's captures (path parameters)
  std::string address;  // the client's address
  std::optional<store::UserRow> user;
  std::optional<store::SessionRow> session;

  store::Actor actor() const;
  //! The request body as a JSON object; ApiError 400 if it is not one.
  Json body_object() const;
  //! Sets the response to `json` with `status`.
  void send(int status, const Json& json);
};

struct Route {
  std::string method;
  std::regex pattern;
  Access access;
  std::function<void(Context&)> handler;
};

//! The /api/v1/ routes.
std::vector<Route> api_routes();

//! The session cookie's name.
inline constexpr const char* kSessionCookie = "duban_session";
//! The value of `name` in the request's Cookie header, if any.
std::optional<std::string> request_cookie(const httplib::Request& req, const std::string& name);
//! Whether the client reached us over TLS (only known behind a trusted proxy).
bool over_tls(const httplib::Request& req, const ServerOptions& options);

}  // namespace duban::http

#endif  // DUBAN_ADAPTERS_HTTP_API_H_
