#include "notify/chat.h"

#include "notify/internal/chat_message.h"
#include "notify/internal/http_request.h"
#include "notify/internal/transport.h"

namespace pw::notify {

Status SendChat(const config::Channel& channel, const store::Delivery& delivery, SendResult* result,
                const std::atomic<bool>* abort) {
  const std::string target = channel.type == "matrix" ? channel.homeserver : channel.url;
  const std::string where = channel.type + " '" + channel.name + "' (" + UrlHost(target) + ")";
  return SendHttp(ChatRequest(channel, delivery), channel, where, result, abort);
}

}  // namespace pw::notify
