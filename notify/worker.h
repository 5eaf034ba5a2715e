// The delivery worker: drains the outbox of store/ through the transports.
// At least once, each delivery with a stable id: a delivery is marked delivered
// right after the server accepted it, in its own short transaction, so only a
// crash between the two re-sends it, later, with the same delivery id
// (receivers drop duplicates). A delivery recorded as delivered is never
// re-sent.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "config/config.h"
#include "store/store.h"
#include "util/repeat_log.h"
#include "util/status.h"

namespace pw::notify {

struct WorkerOptions {
  int batch = 100;                                 // rows read from the outbox at a time
  std::chrono::seconds first_retry{30};            // after the first failed attempt
  std::chrono::seconds max_retry{3600};            // cap of the exponential back-off
  std::chrono::seconds max_retry_after{6 * 3600};  // cap on a server's Retry-After
  std::chrono::seconds store_first_retry{1};       // pause after a store error,
  std::chrono::seconds store_max_retry{60};        // doubling up to this
};

struct DeliveryReport {
  int attempted = 0;  // sends tried (a digest is one)
  int delivered = 0;  // deliveries (each change a digest carried is one)
  int retrying = 0;  // deliveries whose attempt failed, rescheduled
  int failed = 0;    // given up: too old, or channel gone from the config
};

// Seconds to wait after the `failed_attempts`-th failed attempt (1-based):
// first_retry * 2^(n-1), times a random factor in [0.75, 1.25), capped at
// max_retry; at least `retry_after` (itself capped at max_retry_after) when
// the server sent one.
std::chrono::seconds RetryDelay(int failed_attempts, std::optional<std::chrono::seconds> retry_after,
                                const WorkerOptions& options, std::mt19937_64* rng);

// Seconds to wait after the `failures`-th store error in a row (1-based):
// store_first_retry * 2^(n-1), capped at store_max_retry.
std::chrono::seconds StoreRetryDelay(int failures, const WorkerOptions& options);

// Makes ONE attempt for every pending delivery due at `now` (unix seconds);
// the due document.changed deliveries of a channel with a digest go as one
// digest message per due time (notify/digest.h, MakeDigest; at most
// kDigestMaxChanges each), whose outcome is recorded for all of them alike:
//  - delivered: MarkDelivered(now);
//  - failed: MarkAttemptFailed with the error and now + RetryDelay(...);
//  - created more than config.daemon.delivery_max_age before `now` (a change
//    held for a digest: its digest slot), or its channel is no longer in
//    `config`: MarkFailed with the reason, logged as an error, without an
//    attempt.
// Errors and log lines name the channel, the delivery id and what failed;
// channel secrets are masked out of them even if a server echoed one. Returns
// an error only when the store fails, at once (the rest waits for the next
// call); transport failures are in `report`. One pass, all channels one after
// the other: for `policywatch check`. The daemon uses a ChannelWorker per
// channel.
Status DeliverDue(store::Store& store, const config::Config& config, std::int64_t now,
                  DeliveryReport* report, const WorkerOptions& options = WorkerOptions());

// What one attempt at a delivery (or a decision without one) came to: the store
// write that records it.
struct DeliveryOutcome {
  enum class Kind { kDelivered, kRetry, kFailed, kAbandoned } kind = Kind::kAbandoned;
  std::int64_t row_id = 0;    // store::OutboxRow::id (a digest's first row)
  // A digest: the ids of every row it carried, all recorded alike in one
  // transaction (store::Store::MarkAllDelivered); empty for one delivery.
  std::vector<std::int64_t> batch;
  std::int64_t at = 0;        // delivered_at, or next_attempt_at for kRetry
  std::int64_t retry_in = 0;  // kRetry: seconds from the attempt to `at`
  std::string error;          // kRetry, kFailed: what went wrong (secrets masked)
  std::string what;           // "delivery ID (EVENT) to channel 'NAME'", for logs
  int attempt = 0;            // 1-based number of this attempt
  int deliveries() const { return batch.empty() ? 1 : static_cast<int>(batch.size()); }
};

// How a ChannelWorker pass is asked to end early. Either may be null.
struct PassControl {
  const std::atomic<bool>* stop = nullptr;   // true: start no further attempt
  const std::atomic<bool>* abort = nullptr;  // true: abandon the transfer in flight too
};

// Delivers the deliveries of ONE channel, pass after pass, for a thread of its
// own (daemon/internal/delivery_thread.h), so that a slow or hanging receiver delays
// only its own channel. A pass does what DeliverDue does, for this channel,
// and faults never amplify:
//  - A store error ends the pass, and the next pass does nothing before
//    StoreRetryDelay after it (1 s doubling to 60 s by default).
//  - An outcome that could not be written (the "delivered" of a delivery the
//    receiver accepted, or the retry time of a failed attempt) is kept in
//    memory, and its delivery is not sent again by this worker: every pass
//    first writes the outcomes kept, and sends nothing until they are written.
//    So a delivery whose "delivered" write fails is sent again only if the
//    process ends before the database works again, once, at the next start.
//  - Store errors are logged once a minute with a count (RepeatLog), and once
//    when the database works again.
//  - A transfer abandoned through PassControl::abort leaves its delivery as it
//    was: pending, not counted as an attempt, sent at the next start with the
//    same delivery id.
class ChannelWorker {
 public:
  explicit ChannelWorker(std::string channel, WorkerOptions options = WorkerOptions());

  // One pass at `now` (unix seconds). Returns when the next pass is due (unix
  // seconds; the back-off's end after a store error), or 0 when nothing of the
  // channel is pending. `report` (may be null) gets this pass's counts.
  std::int64_t Pass(store::Store& store, const config::Config& config, std::int64_t now,
                    PassControl control = PassControl(), DeliveryReport* report = nullptr);

  const std::string& channel() const { return channel_; }
  // Outcomes kept in memory because their write failed.
  size_t unwritten() const { return unwritten_.size(); }
  // Store errors in a row (0 when the last pass wrote and read what it had to).
  int store_failures() const { return store_failures_; }

 private:
  Status WriteUnwritten(store::Store& store);
  Status AttemptDue(store::Store& store, const config::Config& config, std::int64_t now,
                    PassControl control, DeliveryReport* report);
  std::int64_t BackOff(const Status& error, std::int64_t now);
  void Recovered();

  std::string channel_;
  WorkerOptions options_;
  std::mt19937_64 rng_;
  std::vector<DeliveryOutcome> unwritten_;
  int store_failures_ = 0;
  std::int64_t not_before_ = 0;  // no pass before this (store back-off)
  RepeatLog log_;
};

}  // namespace pw::notify
