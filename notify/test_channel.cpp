#include "notify/test_channel.h"

#include "notify/event.h"
#include "notify/send.h"

namespace pw::notify {

Status SendTest(const config::Channel& channel, std::string* server_answer) {
  std::string event_id = NewEventId();
  Delivery delivery;
  delivery.id = MakeDeliveryId(event_id, channel.name);
  delivery.channel = channel.name;
  delivery.event_type = kEventTest;
  delivery.payload = MakeTestEvent(event_id, Clock::now(), channel.name).dump();
  SendResult result;
  Status s = Send(channel, delivery, &result);
  if (server_answer != nullptr) {
    std::string answer;
    if (channel.type == "webhook" && result.status != 0) {
      answer = "HTTP " + std::to_string(result.status);
      if (!result.answer.empty()) answer += ": " + result.answer;
    } else {
      answer = result.answer;
    }
    *server_answer = answer;
  }
  return s;
}

}  // namespace pw::notify
