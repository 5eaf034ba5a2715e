// One attempt to send a delivery through a channel, whatever its type.
#pragma once

#include <atomic>

#include "config/config.h"
#include "notify/send_result.h"
#include "util/status.h"

namespace pw::notify {

// Dispatches on channel.type: "email" -> SendEmail, "webhook" -> SendWebhook;
// any other type is an error naming the channel and the type. `abort` (may be
// null): the exchange is abandoned, with an error, within about a second of it
// becoming true.
Status Send(const config::Channel& channel, const store::Delivery& delivery, SendResult* result,
            const std::atomic<bool>* abort = nullptr);

}  // namespace pw::notify
