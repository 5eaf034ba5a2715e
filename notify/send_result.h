// What a transport (webhook, email) learned from the server when it sent a
// delivery (store/delivery.h). Plain struct, no behaviour.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "store/delivery.h"

namespace pw::notify {

// What a transport learned from the server, success or not.
struct SendResult {
  int status = 0;            // HTTP status, or the last SMTP reply code; 0 if none
  std::string answer;        // short, printable excerpt of the server's answer
  std::optional<std::chrono::seconds> retry_after;  // HTTP Retry-After on 429/503
};

}  // namespace pw::notify
