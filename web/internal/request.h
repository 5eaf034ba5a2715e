// A request and a response as the pages see them: plain structs, so that every
// page renders (and is tested, fuzzed and benchmarked) without a socket.
// server.cpp translates to and from cpp-httplib. Internal to web/.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"
#include "web/web.h"

namespace pw::web {

struct Request {
  std::string path;                          // "/documents/acme/terms"
  std::vector<std::string> captures;         // the route's groups, URL-decoded
  std::map<std::string, std::string> query;  // ?key=value, URL-decoded (first wins)
  std::string if_none_match;                 // conditional GET
  std::string if_modified_since;

  // The query's value of `key`, or "".
  std::string Param(const std::string& key) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra ones
};

// What a page reads from: the store (a read-only connection of this request's
// thread) and the options.
struct Site {
  store::Store* store = nullptr;
  const WebOptions* options = nullptr;
  std::int64_t now = 0;  // unix seconds, for "3 hours ago"
};

// A page: fills `response` from `request`. A Status error is a 500 whose body
// says what failed (the message names no secret: the store's errors name the
// database path and the query only).
using PageFn = Status (*)(const Site& site, const Request& request, Response* response);

// A plain-text error page with `status`.
void ErrorPage(int status, const std::string& message, Response* response);

}  // namespace pw::web
