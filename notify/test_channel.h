// `policywatch test-channel NAME`: a clearly marked test message through one channel.
#pragma once

#include <string>

#include "config/config.h"
#include "util/status.h"

namespace pw::notify {

// Sends a "test" event (type "test", subject "[policywatch] TEST message for
// channel NAME") through `channel` right now, outside the outbox. On success
// and on failure, `server_answer` (may be null) gets what the server said:
// "HTTP 204: ..." or the last SMTP reply line, e.g. "250 OK". The Status
// message says what went wrong. Neither holds a secret of the channel, even when
// the server echoes one: both go through MaskSecrets (notify/mask.h).
Status SendTest(const config::Channel& channel, std::string* server_answer);

}  // namespace pw::notify
