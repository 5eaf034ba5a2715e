#include "notify/internal/transport.h"

#include <cstdlib>
#include <mutex>

namespace pw::notify {

void EnsureCurlInitialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

namespace {

int CheckAbort(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
}

}  // namespace

void AbortWhen(CURL* curl, const std::atomic<bool>* abort) {
  if (abort == nullptr) return;
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, CheckAbort);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(abort));
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
}

void ApplyTlsTrust(CURL* curl) {
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  const char* ca = std::getenv(kCaFileEnv);
  if (ca != nullptr && *ca != '\0') curl_easy_setopt(curl, CURLOPT_CAINFO, ca);
}

std::string RedactUrl(const std::string& url) {
  std::string out = url;
  size_t scheme = out.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t end = out.find_first_of("/?#", start);
  if (end == std::string::npos) end = out.size();
  size_t at = out.rfind('@', end);
  if (at != std::string::npos && at >= start) out.erase(start, at + 1 - start);
  size_t cut = out.find_first_of("?#", start);
  if (cut != std::string::npos) out.erase(cut);
  return out;
}

std::string UrlHost(const std::string& url) {
  std::string out = RedactUrl(url);
  const size_t scheme = out.find("://");
  const size_t path = out.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path != std::string::npos) out.erase(path);
  return out;
}

std::string Excerpt(const std::string& text, size_t max) {
  std::string out;
  size_t n = text.size() < max ? text.size() : max;
  out.reserve(n + 3);
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    out.push_back(c < 0x20 || c == 0x7f ? ' ' : text[i]);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (text.size() > max) out += "...";
  return out;
}

}  // namespace pw::notify
