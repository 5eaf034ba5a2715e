// One HTTP request of a transport (webhook, chat channels), sent with libcurl.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "config/config.h"
#include "notify/send_result.h"
#include "util/status.h"

namespace pw::notify {

struct HttpRequest {
  std::string method = "POST";       // "POST" or "PUT"
  std::string url;                   // http:// or https://
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
};

// Sends `request` within channel.timeout, without following redirects. A 2xx
// answer is delivery (OK); anything else is an error starting with `where` (which
// names the channel, never its secrets) and naming the status, with a short
// excerpt of the answer. `result` (may be null) gets the status, the excerpt and
// Retry-After (on 429 and 503). Every message goes through MaskSecrets(channel).
// When `abort` (may be null) becomes true the exchange is abandoned within about
// a second, with an error.
Status SendHttp(const HttpRequest& request, const config::Channel& channel, const std::string& where,
                SendResult* result, const std::atomic<bool>* abort);

}  // namespace pw::notify
