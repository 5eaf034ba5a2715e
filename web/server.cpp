// The web server: cpp-httplib (Debian's libcpp-httplib, the HTTP library the
// tests already receive webhooks with) bound to [web] listen, the route table,
// bearer-token checks, limits, and a read-only store per worker thread.
#include <httplib.h>
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "util/clock.h"
#include "web/internal/pages.h"
#include "web/internal/request.h"
#include "web/web.h"

namespace pw::web {
namespace {

// Ids are slugs (config's CheckSlug); versions and changes are row ids.
constexpr const char* kDoc = "/documents/([a-z0-9][a-z0-9._-]{0,63})/([a-z0-9][a-z0-9._-]{0,63})";
constexpr const char* kCompany = "/companies/([a-z0-9][a-z0-9._-]{0,63})";
constexpr const char* kId = "([0-9]{1,18})";

struct Route {
  std::string pattern;
  PageFn page;
};

std::vector<Route> Routes() {
  const std::string doc = kDoc;
  const std::string id = kId;
  return {
      {"/", OverviewPage},
      {doc, DocumentPage},
      {doc + "/changes/" + id, ChangePage},
      {doc + "/versions/" + id, VersionPage},
      {doc + "/versions/" + id + "/raw", EvidenceDownload},
      {"/feed.atom", FeedAll},
      {std::string(kCompany) + "/feed.atom", FeedCompany},
      {doc + "/feed.atom", FeedDocument},
      {"/api/v1/documents", ApiDocuments},
      {"/api/v1" + doc + "/versions", ApiVersions},
      {"/api/v1" + doc + "/versions/" + id, ApiVersion},
      {"/api/v1/changes", ApiChanges},
      {"/metrics", Metrics},
      {"/healthz", Health},
  };
}

// Sent with every answer: nothing the server sends may run script, be framed,
// or be sniffed into another type.
const httplib::Headers kSecurityHeaders = {
    {"Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cache-Control", "no-cache"},
};

bool TokenMatches(const std::string& header, const std::string& token) {
  const std::string expected = "Bearer " + token;
  return header.size() == expected.size() &&
         CRYPTO_memcmp(header.data(), expected.data(), expected.size()) == 0;
}

Request ToRequest(const httplib::Request& in) {
  Request out;
  out.path = in.path;
  for (size_t i = 1; i < in.matches.size(); ++i) out.captures.push_back(in.matches[i].str());
  for (const auto& [key, value] : in.params) out.query.emplace(key, value);  // first wins
  out.if_none_match = in.get_header_value("If-None-Match");
  out.if_modified_since = in.get_header_value("If-Modified-Since");
  return out;
}

}  // namespace

std::string Request::Param(const std::string& key) const {
  const auto it = query.find(key);
  return it == query.end() ? "" : it->second;
}

void ErrorPage(int status, const std::string& message, Response* response) {
  response->status = status;
  response->content_type = "text/plain; charset=utf-8";
  response->body = message + "\n";
}

struct WebServer::Impl {
  WebOptions options;
  httplib::Server http;
  std::thread thread;
  std::atomic<bool> loop_ended{false};  // listen_after_bind returned
  int port = 0;
  std::mutex mu;
  std::vector<std::unique_ptr<store::Store>> idle;  // read-only connections

  Status Acquire(std::unique_ptr<store::Store>* store);
  void Release(std::unique_ptr<store::Store> store);
  void Serve(PageFn page, const httplib::Request& in, httplib::Response& out);
  httplib::Server::HandlerResponse Admit(const httplib::Request& in, httplib::Response& out) const;
  void Configure();
};

Status WebServer::Impl::Acquire(std::unique_ptr<store::Store>* store) {
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!idle.empty()) {
      *store = std::move(idle.back());
      idle.pop_back();
      return Status::Ok();
    }
  }
  store::StoreOptions read_only;
  read_only.read_only = true;
  return store::Store::Open(options.database, read_only, store);
}

void WebServer::Impl::Release(std::unique_ptr<store::Store> store) {
  std::lock_guard<std::mutex> lock(mu);
  idle.push_back(std::move(store));
}

void WebServer::Impl::Serve(PageFn page, const httplib::Request& in, httplib::Response& out) {
  Response response;
  std::unique_ptr<store::Store> store;
  Status status = Acquire(&store);
  if (status.ok()) {
    const Site site{store.get(), &options, UnixSeconds(Clock::now())};
    status = page(site, ToRequest(in), &response);
    Release(std::move(store));
  }
  if (!status.ok()) {
    spdlog::error("web: {} {}: {}", in.method, in.path, status.message());
    ErrorPage(500, "internal error: " + status.message(), &response);
  }
  out.status = response.status;
  for (const auto& [name, value] : response.headers) out.set_header(name, value);
  out.set_content(std::move(response.body), response.content_type);
}

// Before routing: only GET and HEAD, and the bearer token when one is set
// (/healthz answers without it: it says only "ok").
httplib::Server::HandlerResponse WebServer::Impl::Admit(const httplib::Request& in,
                                                         httplib::Response& out) const {
  if (in.method != "GET" && in.method != "HEAD") {
    out.status = 405;
    out.set_header("Allow", "GET, HEAD");
    out.set_content("method not allowed: the web view is read-only\n", "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  }
  // A request with a body: the web view reads none, and leaving one unread on a
  // kept-alive connection would let it be parsed as the next request.
  const std::string length = in.get_header_value("Content-Length");
  if (in.has_header("Transfer-Encoding") || (!length.empty() && length != "0")) {
    out.status = 400;
    out.set_header("Connection", "close");
    out.set_content("a request to the web view has no body\n", "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  }
  // Several ranges would make httplib build every part in memory.
  if (in.get_header_value("Range").find(',') != std::string::npos) {
    out.status = 416;
    out.set_content("one range at most\n", "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (!options.web.token.empty() && in.path != "/healthz" &&
      !TokenMatches(in.get_header_value("Authorization"), options.web.token)) {
    out.status = 401;
    out.set_header("WWW-Authenticate", "Bearer realm=\"policywatch\"");
    out.set_content("a bearer token is required (Authorization: Bearer <the token of [web] "
                    "token_file>)\n", "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

void WebServer::Impl::Configure() {
  const int threads = std::max(1, options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_default_headers(kSecurityHeaders);
  http.set_read_timeout(options.read_timeout);
  http.set_write_timeout(options.write_timeout);
  http.set_payload_max_length(options.max_request_bytes);
  http.set_keep_alive_timeout(5);
  // A page goes out as headers then body: without TCP_NODELAY, Nagle's
  // algorithm holds the body for the client's delayed ACK (~40 ms a page).
  http.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a
  // second daemon bind the same port and silently share its requests.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_pre_routing_handler([this](const auto& in, auto& out) { return Admit(in, out); });
  for (const Route& route : Routes()) {
    http.Get(route.pattern, [this, page = route.page](const auto& in, auto& out) { Serve(page, in, out); });
  }
  http.set_error_handler([](const httplib::Request& in, httplib::Response& out) {
    if (out.body.empty()) {
      out.set_content(std::to_string(out.status) + ": no page at " + in.path + "\n",
                      "text/plain; charset=utf-8");
    }
  });
}

WebServer::WebServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

WebServer::~WebServer() { Stop(); }

Status WebServer::Start(const WebOptions& options, std::unique_ptr<WebServer>* server) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->Configure();
  const std::string& host = options.web.host;
  if (options.web.port == 0) {
    impl->port = impl->http.bind_to_any_port(host);
  } else if (impl->http.bind_to_port(host, options.web.port)) {
    impl->port = options.web.port;
  }
  if (impl->port <= 0) {
    return Status::Error("web: cannot listen on " + options.web.listen + " (host '" + host +
                         "'): the port is taken or the address is not this machine's");
  }
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] {
    raw->http.listen_after_bind();
    raw->loop_ended = true;
  });
  // httplib's stop() does nothing until the accept loop runs, so a Stop() right
  // after Start() would leave the loop waiting for ever: wait until it runs.
  while (!impl->http.is_running() && !impl->loop_ended) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  server->reset(new WebServer(std::move(impl)));
  return Status::Ok();
}

int WebServer::port() const { return impl_->port; }

std::string WebServer::url() const {
  const std::string& host = impl_->options.web.host;
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(impl_->port);
}

void WebServer::Stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  impl_->http.stop();
  impl_->thread.join();
}

}  // namespace pw::web
