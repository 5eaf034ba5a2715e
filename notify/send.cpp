#include "notify/send.h"

#include "notify/email.h"
#include "notify/webhook.h"

namespace pw::notify {

Status Send(const config::Channel& channel, const Delivery& delivery, SendResult* result) {
  if (channel.type == "email") return SendEmail(channel, delivery, result);
  if (channel.type == "webhook") return SendWebhook(channel, delivery, result);
  if (result != nullptr) *result = SendResult{};
  return Status::Error("channel '" + channel.name + "': unknown type '" + channel.type +
                       "' (use email or webhook)");
}

}  // namespace pw::notify
