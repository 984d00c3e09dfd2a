// adapters/http/server.h: the HTTP service of `duban serve`.
//
// Usage:
//   duban::http::Server server({.db = "duban.db", .host = "127.0.0.1", .port = 8080});
//   int port = server.bind();   // the bound port (useful with .port = 0: any free port)
//   server.run();               // serves until stop() is called from another thread
//
// It answers the JSON API under /api/v1/ (docs/openapi.yaml) and the web interface's files
// (web/, compiled in) everywhere else. Every worker thread opens its own Storage on `db`.
#ifndef DUBAN_ADAPTERS_HTTP_SERVER_H_
#define DUBAN_ADAPTERS_HTTP_SERVER_H_

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

namespace duban::http {

class ServerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ServerOptions {
  std::string db = "duban.db";  // SQLite path or postgresql:// URL
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  //! Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto (https makes the
  //! session cookie Secure) and X-Forwarded-For (the client address used for throttling and
  //! the audit log). Off by default: then both headers are ignored.
  bool trust_proxy = false;
  int threads = 8;  // worker threads, each with its own database connection
  std::chrono::seconds session_lifetime = std::chrono::hours(12);
};

//! Largest request body accepted, in bytes; larger ones get 413.
inline constexpr std::size_t kMaxRequestBody = 1 << 20;

class Server {
 public:
  //! Opens the database once (creating or migrating it); throws store::StorageError.
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  //! Binds host:port; returns the port. Throws ServerError (in Chinese) if it cannot.
  int bind();
  //! Serves until stop(). Returns false if the server could not run.
  bool run();
  //! Stops run() (from any thread, not from a signal handler).
  void stop();
  //! Whether the database holds any user account.
  bool has_users();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace duban::http

#endif  // DUBAN_ADAPTERS_HTTP_SERVER_H_
