// Webhook transport: one HTTP POST of a delivery's event JSON (SPEC.md, "Webhook").
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "config/config.h"
#include "notify/send_result.h"
#include "util/status.h"

namespace pw::notify {

inline constexpr const char* kUserAgent = "policywatch-notify/0.1";

// "t=<unix_time>,v1=<hex HMAC-SHA256(secret, "<unix_time>.<body>")>".
std::string SignatureHeader(const std::string& secret, std::int64_t unix_time,
                            const std::string& body);

// POSTs `delivery.payload_json` to `channel.url` with Content-Type: application/json,
// User-Agent, X-Policywatch-Event, X-Policywatch-Delivery and, when the channel
// has a secret, X-Policywatch-Signature. The whole exchange is limited by
// `channel.timeout`; redirects are not followed. A 2xx answer is delivery (OK).
// Anything else is an error naming the URL (without credentials or query) and
// the status, with a short excerpt of the answer. `result` (may be null) gets
// the status, the excerpt and Retry-After (on 429 and 503) for the caller's
// back-off. Messages never contain the secret. When `abort` (may be null)
// becomes true the exchange is abandoned within about a second, with an error.
Status SendWebhook(const config::Channel& channel, const store::Delivery& delivery, SendResult* result,
                   const std::atomic<bool>* abort = nullptr);

}  // namespace pw::notify
