// Chat transports (SPEC.md, "Chat channels"): slack, teams, discord, mattermost,
// ntfy and matrix, each rendering the event as that service expects
// (notify/internal/chat_message.h) and sending it over HTTPS.
#pragma once

#include <atomic>

#include "config/config.h"
#include "notify/send_result.h"
#include "util/status.h"

namespace pw::notify {

// Sends `delivery` to the chat `channel` (config::IsChatChannel). A 2xx answer
// is delivery; anything else is an error naming the channel by its type, name and
// host only (a chat webhook's URL is a credential; its path never appears), with
// the status and an excerpt of the answer; `result` as for SendWebhook.
Status SendChat(const config::Channel& channel, const store::Delivery& delivery, SendResult* result,
                const std::atomic<bool>* abort = nullptr);

}  // namespace pw::notify
