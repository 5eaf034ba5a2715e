// Test-only servers on 127.0.0.1 with an ephemeral port: a well-behaved HTTP
// server (cpp-httplib) and a raw TCP server for misbehaving peers.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "fetch/fetch.h"

namespace pw::fetch::testing {

// cpp-httplib server running in its own thread. Register routes with `routes`
// (called before listening); stops and joins in the destructor.
class HttpServer {
 public:
  explicit HttpServer(const std::function<void(httplib::Server&)>& routes);
  ~HttpServer();
  std::string Url(const std::string& path) const;
  int port() const { return port_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// Accepts connections one after another and hands each socket to `handle`,
// after the request head has been read. `stopping()` turns true in the destructor,
// so handlers that loop (slow or endless senders) can end.
class RawServer {
 public:
  using Handler = std::function<void(int fd, const RawServer& server)>;
  explicit RawServer(Handler handle);
  ~RawServer();
  std::string Url(const std::string& path) const;
  bool stopping() const { return stopping_; }

  // Sends all of `data`; false once the peer is gone.
  static bool SendAll(int fd, const std::string& data);

 private:
  void Loop();
  Handler handle_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// A TCP port on 127.0.0.1 where nobody listens (bound, then closed).
int UnusedPort();

// gzip-compresses `data` (a real gzip stream, as servers send it).
std::string Gzip(const std::string& data);

// A GET of `url` with a 20 s limit: long enough never to fire in a passing test.
inline Request Get(const std::string& url) {
  Request r;
  r.url = url;
  r.timeout = std::chrono::seconds(20);
  return r;
}

}  // namespace pw::fetch::testing
