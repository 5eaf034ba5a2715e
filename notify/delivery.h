// A delivery: one event on its way to one channel. The outbox stores it; the
// transports (webhook, email) send it. Plain struct, no behaviour.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace pw::notify {

struct Delivery {
  std::string id;          // stable across retries (X-Policywatch-Delivery, Message-ID)
  std::string channel;     // name of the [[channel]] it goes to
  std::string event_type;  // "document.changed", "document.unreachable", ...
  std::string payload;     // the event JSON text (policywatch.event.v1)
};

// What a transport learned from the server, success or not.
struct SendResult {
  int status = 0;            // HTTP status, or the last SMTP reply code; 0 if none
  std::string answer;        // short, printable excerpt of the server's answer
  std::optional<std::chrono::seconds> retry_after;  // HTTP Retry-After on 429/503
};

}  // namespace pw::notify
