// The delivery worker: drains the outbox of store/ through the transports.
// At-least-once: a delivery is marked delivered only after the server accepted
// it, so a crash between sending and marking re-sends it later with the same
// delivery id (receivers drop duplicates); a delivered one is never re-sent.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "config/config.h"
#include "store/store.h"
#include "util/status.h"

namespace pw::notify {

struct WorkerOptions {
  int batch = 100;                              // rows read from the outbox at a time
  std::chrono::seconds first_retry{30};         // after the first failed attempt
  std::chrono::seconds max_retry{3600};         // cap of the exponential back-off
  std::chrono::seconds max_retry_after{6 * 3600};  // cap on a server's Retry-After
};

struct DeliveryReport {
  int attempted = 0;  // sends tried
  int delivered = 0;
  int retrying = 0;   // failed attempts, rescheduled
  int failed = 0;     // given up: too old, or channel gone from the config
};

// Seconds to wait after the `failed_attempts`-th failed attempt (1-based):
// first_retry * 2^(n-1), times a random factor in [0.75, 1.25), capped at
// max_retry; at least `retry_after` (itself capped at max_retry_after) when
// the server sent one.
std::chrono::seconds RetryDelay(int failed_attempts, std::optional<std::chrono::seconds> retry_after,
                                const WorkerOptions& options, std::mt19937_64* rng);

// Makes ONE attempt for every pending delivery due at `now` (unix seconds):
//  - delivered: MarkDelivered(now);
//  - failed: MarkAttemptFailed with the error and now + RetryDelay(...);
//  - created more than config.daemon.delivery_max_age before `now`, or its
//    channel is no longer in `config`: MarkFailed with the reason, logged as an
//    error, without an attempt.
// Errors and log lines name the channel, the delivery id and what failed;
// channel secrets are masked out of them even if a server echoed one. Returns
// an error only when the store fails; transport failures are in `report`.
Status DeliverDue(store::Store& store, const config::Config& config, std::int64_t now,
                  DeliveryReport* report, const WorkerOptions& options = WorkerOptions());

}  // namespace pw::notify
