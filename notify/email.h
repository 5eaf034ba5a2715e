// Email transport: SMTP through libcurl (SPEC.md, "Email").
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "config/config.h"
#include "notify/send_result.h"
#include "util/status.h"

namespace pw::notify {

// The whole RFC 5322 message for `delivery` (its payload is the event JSON):
// Date (`now`), Message-ID <delivery.delivery_id@policywatch.HOSTNAME> (stable across
// retries, so receivers can drop duplicates), From, To, Subject (RFC 2047 when
// not ASCII), Auto-Submitted: auto-generated, X-Policywatch-Delivery,
// X-Policywatch-Event, and a multipart/alternative body (text/plain + text/html,
// quoted-printable). Error when the payload is not a JSON object.
Status ComposeEmail(const config::Channel& channel, const store::Delivery& delivery,
                    std::chrono::system_clock::time_point now, const std::string& hostname,
                    std::string* message);

// This machine's host name for Message-ID ("localhost" if unknown).
std::string LocalHostName();

// Sends `delivery` through `channel.smtp_url`:
//   smtp://host[:port]  STARTTLS, required unless channel.starttls == false
//   smtps://host[:port] implicit TLS
// AUTH with channel.username / channel.password when a username is set.
// MAIL FROM is the addr-spec of channel.from, RCPT TO those of channel.to.
// Certificates are verified against the system store, or the PEM file named by
// $POLICYWATCH_CA_FILE (transport.h). channel.timeout bounds the exchange.
// Errors name the channel, the URL (no credentials) and what failed; `result`
// (may be null) gets the last SMTP reply code and line. Never the password.
// When `abort` (may be null) becomes true the exchange is abandoned within
// about a second, with an error.
Status SendEmail(const config::Channel& channel, const store::Delivery& delivery, SendResult* result,
                 const std::atomic<bool>* abort = nullptr);

}  // namespace pw::notify
