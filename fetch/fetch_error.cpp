#include "fetch/fetch.h"

namespace pw::fetch {

std::string_view FetchErrorName(FetchError error) {
  switch (error) {
    case FetchError::kNone: return "none";
    case FetchError::kBadUrl: return "bad_url";
    case FetchError::kDns: return "dns";
    case FetchError::kConnect: return "connect";
    case FetchError::kTls: return "tls";
    case FetchError::kTimeout: return "timeout";
    case FetchError::kTooLarge: return "too_large";
    case FetchError::kTooManyRedirects: return "too_many_redirects";
    case FetchError::kBadRedirect: return "bad_redirect";
    case FetchError::kHttpStatus: return "http_status";
    case FetchError::kUnsupportedContentType: return "unsupported_content_type";
    case FetchError::kNetwork: return "network";
    case FetchError::kBrowser: return "browser";
    case FetchError::kOther: return "other";
  }
  return "other";
}

std::vector<std::string> DefaultAcceptedContentTypes() {
  return {"text/html", "application/xhtml+xml", "text/plain", "text/markdown",
          "application/pdf", "application/x-pdf"};
}

std::string Response::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

}  // namespace pw::fetch
