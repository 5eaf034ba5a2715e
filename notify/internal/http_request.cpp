#include "notify/internal/http_request.h"

#include <chrono>
#include <memory>

#include "notify/internal/transport.h"
#include "notify/mask.h"
#include "notify/webhook.h"

namespace pw::notify {
namespace {

constexpr size_t kMaxAnswer = 64 * 1024;  // what we keep of a receiver's answer

size_t CollectAnswer(char* data, size_t size, size_t nmemb, void* user) {
  auto* answer = static_cast<std::string*>(user);
  size_t n = size * nmemb;
  if (answer->size() < kMaxAnswer) answer->append(data, std::min(n, kMaxAnswer - answer->size()));
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

bool Append(std::unique_ptr<curl_slist, SlistDeleter>* list, const std::string& header) {
  curl_slist* next = curl_slist_append(list->get(), header.c_str());
  if (next == nullptr) return false;
  list->release();
  list->reset(next);
  return true;
}

long TimeoutMs(const config::Channel& channel) {
  long ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(channel.timeout).count());
  return ms > 0 ? ms : 30000;
}

// What libcurl's failure means for a person.
std::string TransferError(CURLcode rc, const char* errbuf, const config::Channel& channel) {
  std::string why = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    why = "no answer within " + std::to_string(channel.timeout.count()) + "s (" + why + ")";
  } else if (rc == CURLE_ABORTED_BY_CALLBACK) {
    why = "abandoned: stopping";
  }
  return why;
}

// Status, answer and Retry-After of a finished exchange; OK on 2xx.
Status Answered(CURL* c, std::string answer, const config::Channel& channel,
                const std::string& where, SendResult* out) {
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  out->status = static_cast<int>(status);
  out->answer = Excerpt(MaskSecrets(std::move(answer), channel));  // masked before it is cut
  if (status == 429 || status == 503) {
    curl_off_t retry_after = 0;
    if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
      out->retry_after = std::chrono::seconds(retry_after);
    }
  }
  if (status >= 200 && status < 300) return Status::Ok();
  std::string msg = where + ": receiver answered HTTP " + std::to_string(status);
  if (!out->answer.empty()) msg += ": " + out->answer;
  return Status::Error(msg);
}

}  // namespace

Status SendHttp(const HttpRequest& request, const config::Channel& channel, const std::string& where,
                SendResult* result, const std::atomic<bool>* abort) {
  SendResult local;
  SendResult* out = result != nullptr ? result : &local;
  *out = SendResult{};
  if (request.url.rfind("http://", 0) != 0 && request.url.rfind("https://", 0) != 0) {
    return Status::Error(where + ": url must start with http:// or https://");
  }
  EnsureCurlInitialised();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Error(where + ": cannot initialise libcurl");
  CURL* c = curl.get();

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  bool ok = Append(&headers, "Expect:");
  for (const std::string& h : request.headers) ok = ok && Append(&headers, h);
  if (!ok) return Status::Error(where + ": out of memory building headers");

  std::string answer;
  char errbuf[CURL_ERROR_SIZE] = {0};
  const long timeout_ms = TimeoutMs(channel);
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  if (request.method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, kUserAgent);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, CollectAnswer);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  ApplyTlsTrust(c);
  AbortWhen(c, abort);

  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return Status::Error(where + ": " + Excerpt(MaskSecrets(TransferError(rc, errbuf, channel), channel)));
  }
  return Answered(c, std::move(answer), channel, where, out);
}

}  // namespace pw::notify
