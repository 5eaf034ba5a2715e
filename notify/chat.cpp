#include "notify/chat.h"

#include "notify/internal/chat_message.h"
#include "notify/internal/http_request.h"

namespace pw::notify {
namespace {

// "https://hooks.slack.com" of "https://hooks.slack.com/services/T/B/secret".
std::string HostOf(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(0, end);
  const size_t at = host.rfind('@');
  if (at != std::string::npos && at >= start) host.erase(start, at + 1 - start);
  return host;
}

}  // namespace

Status SendChat(const config::Channel& channel, const store::Delivery& delivery, SendResult* result,
                const std::atomic<bool>* abort) {
  const std::string target = channel.type == "matrix" ? channel.homeserver : channel.url;
  const std::string where = channel.type + " '" + channel.name + "' (" + HostOf(target) + ")";
  return SendHttp(ChatRequest(channel, delivery), channel, where, result, abort);
}

}  // namespace pw::notify
