// The read side (SPEC.md, "Web"): the web view, Atom feeds, the JSON API,
// /metrics and /healthz over the database, served by the daemon with
// [web] listen and by `policywatch serve`.
//
// Read-only: every request reads through its own read-only connection, and no
// URL changes anything stored. Everything that came from a watched page is
// escaped. Bound to loopback unless [web] says otherwise, and then (config's
// rule) every request needs `Authorization: Bearer <token_file's token>`; a
// token set on loopback is required too. Requests are limited in size and time.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "config/config.h"
#include "util/status.h"

namespace pw::web {

struct WebOptions {
  config::WebConfig web;  // listen (host, port), base_url, token
  std::string database;   // opened read-only per worker thread
  int threads = 4;        // requests served at once
  std::chrono::seconds read_timeout{10};   // for a request to arrive
  std::chrono::seconds write_timeout{30};  // for a response to be taken
  std::size_t max_request_bytes = 16 * 1024;  // request line, headers and body
};

class WebServer {
 public:
  // Binds web.host:web.port (0: an ephemeral port, see port()) and serves on a
  // thread of its own until Stop() or destruction. Fails, naming the address,
  // when it cannot bind.
  static Status Start(const WebOptions& options, std::unique_ptr<WebServer>* server);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  int port() const;          // the bound port
  std::string url() const;   // "http://HOST:PORT"
  void Stop();               // stops accepting; returns when the serving thread ended

 private:
  struct Impl;
  explicit WebServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pw::web
