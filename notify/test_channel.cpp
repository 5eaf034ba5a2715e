#include "notify/test_channel.h"

#include "notify/event.h"
#include "notify/mask.h"
#include "notify/internal/send.h"

namespace pw::notify {
namespace {

// "HTTP 204: ..." for a webhook or a chat service, else the server's last reply line.
std::string AnswerOf(const config::Channel& channel, const SendResult& result) {
  if (channel.type != "email" && result.status != 0) {
    std::string answer = "HTTP " + std::to_string(result.status);
    if (!result.answer.empty()) answer += ": " + result.answer;
    return answer;
  }
  return result.answer;
}

}  // namespace

Status SendTest(const config::Channel& channel, std::string* server_answer) {
  std::string event_id = NewEventId();
  store::Delivery delivery;
  delivery.delivery_id = MakeDeliveryId(event_id, channel.name);
  delivery.channel = channel.name;
  delivery.event_type = kEventTest;
  delivery.payload_json = MakeTestEvent(event_id, Clock::now(), channel.name).dump();
  SendResult result;
  Status s = Send(channel, delivery, &result);
  if (server_answer != nullptr) *server_answer = MaskSecrets(AnswerOf(channel, result), channel);
  if (!s.ok()) return Status::Error(MaskSecrets(s.message(), channel));
  return s;
}

}  // namespace pw::notify
