#include "notify/webhook.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "notify/internal/http_request.h"
#include "notify/internal/transport.h"
#include "notify/mask.h"
#include "util/clock.h"

namespace pw::notify {

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
  const std::string where = "webhook '" + channel.name + "' (" + RedactUrl(channel.url) + ")";
  HttpRequest request;
  request.url = channel.url;
  request.body = delivery.payload_json;
  request.headers = {"Content-Type: application/json",
                     "X-Policywatch-Event: " + delivery.event_type,
                     "X-Policywatch-Delivery: " + delivery.delivery_id};
  if (!channel.secret.empty()) {
    const std::int64_t now = UnixSeconds(Clock::now());
    request.headers.push_back("X-Policywatch-Signature: " +
                              SignatureHeader(channel.secret, now, delivery.payload_json));
  }
  return SendHttp(request, channel, where, result, abort);
}

}  // namespace pw::notify
