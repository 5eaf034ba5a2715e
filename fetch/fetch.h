// HTTP fetching for policywatch: plain Request/Response structs, typed failures,
// and a Fetcher on libcurl's multi interface so that one event-loop thread can
// drive hundreds of transfers at once.
//
// Only http and https are fetched, on the first request and on every redirect.
// Bodies are decompressed (gzip, deflate, br, zstd as libcurl allows) and the size
// cap applies to the decompressed bytes while reading, so a compression bomb stops
// early. Text is converted to UTF-8 (see fetch/charset.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pw::fetch {

// Why a fetch failed. kNone means success (including 304 Not Modified).
enum class FetchError {
  kNone,
  kBadUrl,                  // not an absolute http(s) URL
  kDns,                     // host name did not resolve
  kConnect,                 // TCP connection refused / unreachable
  kTls,                     // TLS handshake or certificate problem
  kTimeout,                 // connect, total or low-speed timeout
  kTooLarge,                // decompressed body exceeded max_body_size
  kTooManyRedirects,        // more than max_redirects (also a redirect loop)
  kBadRedirect,             // redirect to a non-http(s) URL, e.g. file://
  kHttpStatus,              // final status 4xx/5xx (or 3xx without a usable Location)
  kUnsupportedContentType,  // e.g. image/png, application/octet-stream
  kNetwork,                 // connection reset or closed mid-response, send/recv error
  kBrowser,                 // the browser (fetch/browser.h) missing, failed, crashed or hung
  kOther,                   // anything else libcurl reports
};

// snake_case name for logs, JSON and the database: "none", "bad_url", "dns",
// "connect", "tls", "timeout", "too_large", "too_many_redirects", "bad_redirect",
// "http_status", "unsupported_content_type", "network", "browser", "other".
std::string_view FetchErrorName(FetchError error);

// The content types accepted by default (a response without Content-Type is
// accepted unless Request::accept_missing_content_type is false).
std::vector<std::string> DefaultAcceptedContentTypes();

struct Request {
  std::string url;
  std::string user_agent = "policywatch/0.1";
  std::string if_none_match;      // ETag from the previous fetch, sent verbatim
  std::string if_modified_since;  // Response::last_modified of the previous fetch, verbatim

  std::chrono::milliseconds connect_timeout{15000};
  std::chrono::milliseconds timeout{60000};  // whole transfer; 0 = none
  // Abort when fewer than low_speed_limit bytes/s arrive during low_speed_time.
  // low_speed_limit 0 disables the check.
  long low_speed_limit = 100;
  std::chrono::seconds low_speed_time{30};

  std::uint64_t max_body_size = 10 * 1000 * 1000;  // decompressed bytes
  int max_redirects = 5;

  // Media types (lower case, no parameters) that a 2xx answer may carry.
  std::vector<std::string> accepted_content_types = DefaultAcceptedContentTypes();
  bool accept_missing_content_type = true;
};

// Durations measured from the start of the transfer (libcurl's CURLINFO_*_TIME_T).
struct Timings {
  std::chrono::microseconds namelookup{0};
  std::chrono::microseconds connect{0};
  std::chrono::microseconds tls{0};  // TLS handshake done (0 for plain http)
  std::chrono::microseconds first_byte{0};
  std::chrono::microseconds total{0};
};

struct Response {
  FetchError error = FetchError::kNone;
  // For a failure: what went wrong, for a user, always naming the URL, e.g.
  // "http://example.org/p: HTTP 404 Not Found". Empty on success.
  std::string error_message;

  std::string url;        // as requested
  std::string final_url;  // after redirects
  long status = 0;        // HTTP status of the final response; 0 if none
  std::string reason;     // its reason phrase, if the server sent one
  int redirect_count = 0;

  // Headers of the final response; names lower-cased, repeated headers joined by ", ".
  std::map<std::string, std::string> headers;

  std::string body;          // raw bytes after content decoding
  std::string charset;       // charset of the body, e.g. "windows-1252" (Utf8Body())
  std::string charset_note;  // non-empty when a declared charset was not usable
  std::string content_type;  // media type only, lower case, e.g. "text/html"
  std::string etag;  // the ETag header, verbatim (weak "W/" ones too: If-None-Match takes them)
  // The Last-Modified header only when it is a strong validator, fit for
  // If-Modified-Since: at least one second older than the response's Date (or,
  // without a Date, than its arrival); else "". See fetch/internal/validators.h. The header
  // itself is in `headers`.
  std::string last_modified;
  bool not_modified = false;  // 304 answer to a conditional request (ok())
  bool rendered = false;      // the body is the DOM a browser rendered (fetch/browser.h)
  std::optional<std::chrono::seconds> retry_after;  // from Retry-After, if valid

  Timings timings;
  std::uint64_t bytes_downloaded = 0;  // bytes on the wire (compressed), body only

  bool ok() const { return error == FetchError::kNone; }
  // Returns the header value or "" (name given in lower case).
  std::string Header(const std::string& lower_name) const;
  // The body converted from `charset` to UTF-8: BOM stripped, invalid or
  // unmappable bytes as U+FFFD. Computed on each call (one pass and a copy), so
  // that a caller who only hashes the raw body (an unchanged page) pays nothing.
  std::string Utf8Body() const;
};

struct Transfer;  // internal (fetch/internal/transfer.h)

// Runs many transfers at once on one libcurl multi handle. Connections and DNS
// results are cached and reused across transfers.
//
// Threading: every member except Wakeup() must be called from one thread (the
// loop thread). Completion callbacks run on that thread, inside Perform(), and
// may call Add().
class Fetcher {
 public:
  struct Options {
    int max_concurrent = 16;      // transfers in flight; the rest wait in a queue
    long max_host_connections = 0;  // per host; 0 = no limit
  };

  Fetcher();
  explicit Fetcher(Options options);
  ~Fetcher();  // abandons unfinished transfers without calling their callbacks
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Queues a transfer. `done` is called exactly once, from a later Perform(),
  // with the response (a bad URL is reported there too, as kBadUrl).
  void Add(Request request, std::function<void(Response)> done);

  // One step of the loop: waits up to `max_wait` for network activity (or a
  // Wakeup()), advances every transfer and calls the callbacks of those that
  // finished. Returns the number of transfers still queued or in flight.
  int Perform(std::chrono::milliseconds max_wait);

  // Makes a Perform() that is waiting return early. Safe from any thread.
  void Wakeup();

  // Calls Perform() until nothing is queued or in flight.
  void RunUntilIdle();

  // Transfers queued or in flight (not yet reported).
  int Pending() const;

 private:
  bool StartQueued();  // true if any transfer left the queue
  void Finish(Transfer* transfer, int curl_code);

  struct Events;  // epoll set, wake-up eventfd and libcurl's timer (fetcher.cpp)

  Options options_;
  void* multi_ = nullptr;  // CURLM*
  std::unique_ptr<Events> events_;
  std::vector<std::unique_ptr<Transfer>> queued_;
  std::vector<std::unique_ptr<Transfer>> active_;
  std::vector<std::unique_ptr<Transfer>> finished_;  // awaiting their callback
  std::vector<void*> idle_easy_;  // CURL* handles of finished transfers, reset for reuse
};

// Blocking convenience for the CLI: one request on a private Fetcher.
Response FetchOne(const Request& request);

}  // namespace pw::fetch
