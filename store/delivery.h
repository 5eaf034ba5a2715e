// A delivery: one event on its way to one channel. A check enqueues it in the
// outbox (store/check_transaction.h); the transports (notify/webhook, notify/email)
// send it. Plain struct, no behaviour: the one delivery type of every module.
#pragma once

#include <cstdint>
#include <string>

namespace pw::store {

struct Delivery {
  // Stable across retries and unique in the whole outbox: receivers drop
  // duplicates by it (X-Policywatch-Delivery, the email's Message-ID).
  std::string delivery_id;
  std::string channel;     // name of the [[channel]] it goes to
  std::string event_type;  // "document.changed", "document.unreachable", ...
  std::string payload_json;  // the event (policywatch.event.v1)
  std::int64_t next_attempt_at = 0;  // when enqueued; 0: due at once (the check's start)
};

}  // namespace pw::store
