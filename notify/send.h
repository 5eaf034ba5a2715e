// One attempt to send a delivery through a channel, whatever its type.
#pragma once

#include "config/config.h"
#include "notify/delivery.h"
#include "util/status.h"

namespace pw::notify {

// Dispatches on channel.type: "email" -> SendEmail, "webhook" -> SendWebhook;
// any other type is an error naming the channel and the type.
Status Send(const config::Channel& channel, const Delivery& delivery, SendResult* result);

}  // namespace pw::notify
