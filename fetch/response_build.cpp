#include <cstring>

#include "fetch/charset.h"
#include "fetch/internal/retry_after.h"
#include "fetch/internal/transfer.h"
#include "fetch/internal/validators.h"

namespace pw::fetch {
namespace {

std::string StandardReason(long status) {
  switch (status) {
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

std::string HostOf(const std::string& url) {
  CURLU* u = curl_url();
  std::string host;
  char* h = nullptr;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h) {
    host = h;
  }
  curl_free(h);
  curl_url_cleanup(u);
  return host;
}

std::string Seconds(std::chrono::milliseconds ms) {
  long long whole = ms.count() / 1000, tenths = (ms.count() % 1000) / 100;
  return std::to_string(whole) + (tenths ? "." + std::to_string(tenths) : "") + " s";
}

std::chrono::microseconds InfoTime(CURL* e, CURLINFO info) {
  curl_off_t us = 0;
  curl_easy_getinfo(e, info, &us);
  return std::chrono::microseconds(us);
}

void ReadInfo(Transfer* t, Response* r) {
  CURL* e = t->easy;
  char* effective = nullptr;
  curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective);
  if (effective) r->final_url = effective;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r->status);
  long redirects = 0;
  curl_easy_getinfo(e, CURLINFO_REDIRECT_COUNT, &redirects);
  r->redirect_count = static_cast<int>(redirects);
  r->timings.namelookup = InfoTime(e, CURLINFO_NAMELOOKUP_TIME_T);
  r->timings.connect = InfoTime(e, CURLINFO_CONNECT_TIME_T);
  r->timings.tls = InfoTime(e, CURLINFO_APPCONNECT_TIME_T);
  r->timings.first_byte = InfoTime(e, CURLINFO_STARTTRANSFER_TIME_T);
  r->timings.total = InfoTime(e, CURLINFO_TOTAL_TIME_T);
  curl_off_t downloaded = 0;
  curl_easy_getinfo(e, CURLINFO_SIZE_DOWNLOAD_T, &downloaded);
  r->bytes_downloaded = static_cast<std::uint64_t>(downloaded);
}

bool IsTlsError(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR: case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM: case CURLE_SSL_CIPHER: case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND: case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED: case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE: case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH: case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_USE_SSL_FAILED: case CURLE_SSL_CLIENTCERT:
      return true;
    default:
      return false;
  }
}

// The connection broke or the server answered with something that is not HTTP:
// kNetwork. False for any other code.
bool ClassifyBrokenConnection(CURLcode code, const std::string& detail, Response* r) {
  std::string& m = r->error_message;
  switch (code) {
    case CURLE_PARTIAL_FILE:
      m = "connection closed before the response was complete (" + detail + ")";
      break;
    case CURLE_GOT_NOTHING:
      m = "connection closed by the server without a response";
      break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      m = "connection reset or broken (" + detail + ")";
      break;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      m = "malformed HTTP response (" + detail + ")";
      break;
    default:
      return false;
  }
  r->error = FetchError::kNetwork;
  return true;
}

// An unsupported or malformed URL: a redirect we refuse to follow, or (the URL
// was checked before) a server that answered in a bad protocol.
void ClassifyRefusedUrl(const Transfer& t, const std::string& detail, Response* r) {
  if (!t.last_location.empty()) {
    r->error = FetchError::kBadRedirect;
    r->final_url = t.response_url;  // the refused target was never fetched
    r->error_message =
        "redirect to '" + t.last_location + "' refused: only http and https URLs are followed";
  } else {
    r->error = FetchError::kNetwork;
    r->error_message = "malformed HTTP response (" + detail + ")";
  }
}

std::string ConnectFailureMessage(const Transfer& t, const std::string& detail, const Response& r) {
  long os_errno = 0;
  curl_easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &os_errno);
  return "could not connect to " + HostOf(r.final_url) + ": " +
         (os_errno ? std::strerror(static_cast<int>(os_errno)) : detail);
}

// Which limit a timeout hit: the low-speed one, the connect timeout or the total.
std::string TimeoutMessage(const Request& q, const std::string& detail, const Response& r) {
  if (detail.find("too slow") != std::string::npos) {
    return "too slow: less than " + std::to_string(q.low_speed_limit) + " bytes/s for " +
           std::to_string(q.low_speed_time.count()) + " s";
  }
  if (r.timings.connect.count() == 0) {
    return "timed out connecting to " + HostOf(r.final_url) + " (connect timeout " +
           Seconds(q.connect_timeout) + ")";
  }
  return "timed out after " + Seconds(q.timeout) + " (total timeout)";
}

// Maps a libcurl failure to our error kind and a message (without the URL).
void ClassifyCurlError(Transfer* t, CURLcode code, Response* r) {
  std::string detail = t->curl_error[0] ? t->curl_error : curl_easy_strerror(code);
  const Request& q = t->request;
  FetchError& e = r->error;
  std::string& m = r->error_message;
  if (IsTlsError(code)) {
    e = FetchError::kTls;
    m = "TLS error with " + HostOf(r->final_url) + ": " + detail;
    return;
  }
  if (ClassifyBrokenConnection(code, detail, r)) return;
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      ClassifyRefusedUrl(*t, detail, r);
      return;
    case CURLE_TOO_MANY_REDIRECTS:
      e = FetchError::kTooManyRedirects;
      m = "too many redirects (more than " + std::to_string(q.max_redirects) +
          "; a redirect loop?), last to '" + t->last_location + "'";
      return;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      e = FetchError::kDns;
      m = "could not resolve host '" + HostOf(r->final_url) + "'";
      return;
    case CURLE_COULDNT_CONNECT:
      e = FetchError::kConnect;
      m = ConnectFailureMessage(*t, detail, *r);
      return;
    case CURLE_OPERATION_TIMEDOUT:
      e = FetchError::kTimeout;
      m = TimeoutMessage(q, detail, *r);
      return;
    case CURLE_FILESIZE_EXCEEDED:
      e = FetchError::kTooLarge;
      m = "response body larger than the limit of " + std::to_string(q.max_body_size) + " bytes";
      return;
    case CURLE_BAD_CONTENT_ENCODING:
      e = FetchError::kOther;
      m = "could not decode the body (Content-Encoding '" + r->Header("content-encoding") +
          "'): " + detail;
      return;
    default:
      e = FetchError::kOther;
      m = std::string(curl_easy_strerror(code)) + " (" + detail + ")";
      return;
  }
}

// Errors of a transfer that completed at the HTTP level.
void ClassifyStatus(Transfer* t, Response* r) {
  if (r->status == 304) {
    r->not_modified = true;
  } else if (r->status >= 400 || (r->status >= 300 && r->status < 400)) {
    r->error = FetchError::kHttpStatus;  // message set by BuildResponse
  } else if (r->status >= 200 && r->status < 300) {
    std::string problem = ContentTypeProblem(t->request, r->content_type);
    if (!problem.empty()) {
      r->error = FetchError::kUnsupportedContentType;
      r->error_message = problem;
    }
  } else {
    r->error = FetchError::kOther;
    r->error_message = "unexpected HTTP status " + std::to_string(r->status);
  }
}

}  // namespace

std::string Response::Utf8Body() const { return ConvertToUtf8(body, charset); }

Response BuildResponse(Transfer* t, CURLcode code) {
  Response r;
  r.url = t->request.url;
  r.final_url = t->request.url;
  if (t->setup_error != FetchError::kNone) {
    r.error = t->setup_error;
    r.error_message = r.url + ": " + t->setup_message;
    return r;
  }
  ReadInfo(t, &r);
  if (r.status == 0) r.status = t->status;
  r.reason = t->reason.empty() ? StandardReason(r.status) : t->reason;
  r.headers = std::move(t->headers);
  r.content_type = MediaType(r.Header("content-type"));
  r.etag = r.Header("etag");
  r.last_modified = StrongLastModified(r.Header("last-modified"), r.Header("date"),
                                       std::chrono::system_clock::now());
  if (auto it = r.headers.find("retry-after"); it != r.headers.end()) {
    r.retry_after = ParseRetryAfter(it->second, std::chrono::system_clock::now());
  }

  if (t->abort_error != FetchError::kNone) {
    r.error = t->abort_error;
    r.error_message = t->abort_message;
    if (r.error == FetchError::kTooLarge) {
      r.error_message = "response body larger than the limit of " +
                        std::to_string(t->request.max_body_size) +
                        " bytes (after decompression)";
    }
  } else if (code != CURLE_OK) {
    ClassifyCurlError(t, code, &r);
  }
  if (r.error == FetchError::kNone || r.error == FetchError::kHttpStatus) {
    if (r.error == FetchError::kNone) ClassifyStatus(t, &r);
    if (r.error == FetchError::kHttpStatus) {
      r.error_message = "HTTP " + std::to_string(r.status) + (r.reason.empty() ? "" : " ") +
                        r.reason;
      if (r.status < 400) r.error_message += " without a usable Location";
    }
  }
  if (!r.ok()) {
    r.error_message = r.final_url + ": " + r.error_message;
    return r;
  }

  r.body = std::move(t->body);
  if (!r.body.empty()) {
    CharsetGuess guess = DetectCharset(r.body, r.Header("content-type"));
    r.charset = guess.name;
    r.charset_note = guess.note;
  }
  return r;
}

}  // namespace pw::fetch
