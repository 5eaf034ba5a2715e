#include "notify/internal/send.h"

#include "notify/chat.h"
#include "notify/email.h"
#include "notify/webhook.h"

namespace pw::notify {

Status Send(const config::Channel& channel, const store::Delivery& delivery, SendResult* result,
            const std::atomic<bool>* abort) {
  if (channel.type == "email") return SendEmail(channel, delivery, result, abort);
  if (channel.type == "webhook") return SendWebhook(channel, delivery, result, abort);
  if (config::IsChatChannel(channel.type)) return SendChat(channel, delivery, result, abort);
  if (result != nullptr) *result = SendResult{};
  return Status::Error("channel '" + channel.name + "': unknown type '" + channel.type +
                       "' (use email, webhook, slack, teams, discord, mattermost, ntfy or matrix)");
}

}  // namespace pw::notify
