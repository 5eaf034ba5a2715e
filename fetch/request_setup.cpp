#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>

#include "fetch/charset.h"
#include "fetch/internal/transfer.h"

namespace pw::fetch {
namespace {

std::string_view TrimLine(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' ||
                        s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// "HTTP/1.1 404 Not Found" -> status 404, reason "Not Found".
void ParseStatusLine(std::string_view line, Transfer* t) {
  t->status = 0;
  t->reason.clear();
  t->headers.clear();
  size_t sp = line.find(' ');
  if (sp == std::string_view::npos) return;
  std::string_view rest = line.substr(sp + 1);
  size_t i = 0;
  long code = 0;
  while (i < rest.size() && i < 3 && std::isdigit(static_cast<unsigned char>(rest[i]))) {
    code = code * 10 + (rest[i] - '0');
    ++i;
  }
  t->status = code;
  t->reason = std::string(TrimLine(rest.substr(i)));
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.substr(0, 5) == "HTTP/") {
    ParseStatusLine(TrimLine(line), t);
    char* url = nullptr;
    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url);
    if (url) t->response_url = url;
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return size * count;
  std::string name(TrimLine(line.substr(0, colon)));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string value(TrimLine(line.substr(colon + 1)));
  if (name == "location") t->last_location = value;
  auto [it, inserted] = t->headers.emplace(name, value);
  if (!inserted) it->second += ", " + value;
  return size * count;
}

// Checks status and content type when the body starts. False stops the transfer.
bool CheckBodyStart(Transfer* t) {
  t->body_checked = true;
  // Room for the announced body at once (not past the limit): no regrowth.
  curl_off_t length = -1;
  if (curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK &&
      length > 0) {
    t->body.reserve(static_cast<size_t>(
        std::min<curl_off_t>(length, static_cast<curl_off_t>(std::min<size_t>(
                                         t->request.max_body_size, size_t{16} << 20)))));
  }
  if (t->status >= 400) {
    t->abort_error = FetchError::kHttpStatus;  // message built in BuildResponse
    return false;
  }
  if (t->status >= 200 && t->status < 300) {
    auto it = t->headers.find("content-type");
    std::string media = it == t->headers.end() ? "" : MediaType(it->second);
    std::string problem = ContentTypeProblem(t->request, media);
    if (!problem.empty()) {
      t->abort_error = FetchError::kUnsupportedContentType;
      t->abort_message = problem;
      return false;
    }
  }
  return true;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (!t->body_checked && !CheckBodyStart(t)) return 0;
  if (t->body.size() + n > t->request.max_body_size) {
    t->abort_error = FetchError::kTooLarge;
    return 0;  // libcurl stops with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

// An absolute http(s) URL with a host, or a message saying what is wrong.
std::string UrlProblem(const std::string& url) {
  if (url.empty()) return "empty URL";
  CURLU* u = curl_url();
  std::string problem;
  CURLUcode rc = curl_url_set(u, CURLUPART_URL, url.c_str(), 0);
  if (rc != CURLUE_OK) {
    problem = std::string("invalid URL: ") + curl_url_strerror(rc);
  } else {
    char* scheme = nullptr;
    char* host = nullptr;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    std::string s = scheme ? scheme : "";
    if (s != "http" && s != "https") {
      problem = "unsupported scheme '" + s + "' (only http and https are fetched)";
    } else if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host || !*host) {
      problem = "invalid URL: no host";
    }
    curl_free(scheme);
    curl_free(host);
  }
  curl_url_cleanup(u);
  return problem;
}

// Header values come from the database or config: never let them add headers.
std::string HeaderSafe(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c != '\r' && c != '\n' && c != '\0') out += c;
  }
  return out;
}

std::string AcceptHeader(const Request& r) {
  std::string accept = "Accept: ";
  for (const std::string& type : r.accepted_content_types) accept += HeaderSafe(type) + ",";
  return accept + "*/*;q=0.1";
}

}  // namespace

Transfer::~Transfer() {
  if (easy) curl_easy_cleanup(easy);
  curl_slist_free_all(request_headers);
}

std::string ContentTypeProblem(const Request& request, const std::string& media_type) {
  if (media_type.empty()) {
    return request.accept_missing_content_type ? "" : "no Content-Type in the response";
  }
  const auto& types = request.accepted_content_types;
  if (std::find(types.begin(), types.end(), media_type) != types.end()) return "";
  std::string expected;
  for (size_t i = 0; i < types.size(); ++i) {
    expected += (i == 0 ? "" : i + 1 == types.size() ? " or " : ", ") + types[i];
  }
  return "unsupported content type '" + media_type + "' (expected " + expected + ")";
}

void SetupTransfer(Transfer* t) {
  const Request& r = t->request;
  std::string problem = UrlProblem(r.url);
  if (!problem.empty()) {
    t->setup_error = FetchError::kBadUrl;
    t->setup_message = problem;
    return;
  }
  if (t->easy == nullptr) t->easy = curl_easy_init();
  CURL* e = t->easy;
  curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->curl_error);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, r.max_redirects)));
  curl_easy_setopt(e, CURLOPT_AUTOREFERER, 1L);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl decodes
  curl_easy_setopt(e, CURLOPT_USERAGENT, HeaderSafe(r.user_agent).c_str());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.connect_timeout.count()));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
  if (r.low_speed_limit > 0 && r.low_speed_time.count() > 0) {
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, r.low_speed_limit);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(r.low_speed_time.count()));
  }
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 64L * 1024);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t);

  t->request_headers = curl_slist_append(t->request_headers, AcceptHeader(r).c_str());
  if (!r.if_none_match.empty()) {
    std::string h = "If-None-Match: " + HeaderSafe(r.if_none_match);
    t->request_headers = curl_slist_append(t->request_headers, h.c_str());
  }
  if (!r.if_modified_since.empty()) {
    std::string h = "If-Modified-Since: " + HeaderSafe(r.if_modified_since);
    t->request_headers = curl_slist_append(t->request_headers, h.c_str());
  }
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->request_headers);
}

}  // namespace pw::fetch
