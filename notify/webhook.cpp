#include "notify/webhook.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <memory>

#include "notify/internal/transport.h"
#include "notify/mask.h"
#include "util/clock.h"

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

}  // namespace

std::string SignatureHeader(const std::string& secret, std::int64_t unix_time,
                            const std::string& body) {
  std::string t = std::to_string(unix_time);
  std::string signed_text = t + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), mac, &len);
  static const char* kDigits = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kDigits[mac[i] >> 4]);
    hex.push_back(kDigits[mac[i] & 0xf]);
  }
  return "t=" + t + ",v1=" + hex;
}

Status SendWebhook(const config::Channel& channel, const store::Delivery& delivery, SendResult* result,
                   const std::atomic<bool>* abort) {
  SendResult local;
  SendResult* out = result != nullptr ? result : &local;
  *out = SendResult{};
  const std::string where = "webhook '" + channel.name + "' (" + RedactUrl(channel.url) + ")";
  if (channel.url.rfind("http://", 0) != 0 && channel.url.rfind("https://", 0) != 0) {
    return Status::Error(where + ": url must start with http:// or https://");
  }

  EnsureCurlInitialised();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Error(where + ": cannot initialise libcurl");
  CURL* c = curl.get();

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  bool ok = Append(&headers, "Content-Type: application/json") &&
            Append(&headers, "Expect:") &&
            Append(&headers, "X-Policywatch-Event: " + delivery.event_type) &&
            Append(&headers, "X-Policywatch-Delivery: " + delivery.delivery_id);
  if (ok && !channel.secret.empty()) {
    const std::int64_t now = UnixSeconds(Clock::now());
    ok = Append(&headers,
                "X-Policywatch-Signature: " + SignatureHeader(channel.secret, now, delivery.payload_json));
  }
  if (!ok) return Status::Error(where + ": out of memory building headers");

  std::string answer;
  char errbuf[CURL_ERROR_SIZE] = {0};
  long timeout_ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(channel.timeout).count());
  if (timeout_ms <= 0) timeout_ms = 30000;
  curl_easy_setopt(c, CURLOPT_URL, channel.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, delivery.payload_json.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(delivery.payload_json.size()));
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

  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string why = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
    if (rc == CURLE_OPERATION_TIMEDOUT) {
      why = "no answer within " + std::to_string(channel.timeout.count()) + "s (" + why + ")";
    } else if (rc == CURLE_ABORTED_BY_CALLBACK) {
      why = "abandoned: stopping";
    }
    return Status::Error(where + ": " + Excerpt(MaskSecrets(why, channel)));
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  out->status = static_cast<int>(status);
  out->answer = Excerpt(MaskSecrets(answer, channel));  // masked before it is cut
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

}  // namespace pw::notify
