#include "notify/worker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "notify/digest.h"
#include "notify/mask.h"
#include "notify/internal/send.h"

namespace pw::notify {

namespace {

const config::Channel* FindChannel(const config::Config& config, const std::string& name) {
  for (const config::Channel& c : config.channels) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string Duration(std::int64_t seconds) {
  if (seconds >= 86400 && seconds % 86400 == 0) return std::to_string(seconds / 86400) + "d";
  if (seconds >= 3600 && seconds % 3600 == 0) return std::to_string(seconds / 3600) + "h";
  if (seconds >= 60 && seconds % 60 == 0) return std::to_string(seconds / 60) + "m";
  return std::to_string(seconds) + "s";
}

store::Delivery ToDelivery(const store::OutboxRow& row) {
  store::Delivery d;
  d.delivery_id = row.delivery_id;
  d.channel = row.channel;
  d.event_type = row.event_type;
  d.payload_json = row.payload_json;
  d.next_attempt_at = row.next_attempt_at;
  return d;
}

using Kind = DeliveryOutcome::Kind;

std::string Describe(const store::OutboxRow& row) {
  return "delivery " + row.delivery_id + " (" + row.event_type + ") to channel '" + row.channel +
         "'";
}

// When `row`'s time started counting for delivery_max_age: when it was
// enqueued, or, for a change held for a digest, its digest slot.
std::int64_t AgeBase(const config::Channel& channel, const store::OutboxRow& row) {
  if (!Digested(channel, row.event_type)) return row.created_at;
  nlohmann::json event = nlohmann::json::parse(row.payload_json, nullptr, false);
  return std::max(row.created_at, DigestSlot(channel, event));
}

// The decision for a row that is not to be attempted (channel gone, too old).
std::optional<std::string> GiveUpReason(const config::Config& config,
                                        const config::Channel* channel, const store::OutboxRow& row,
                                        std::int64_t now) {
  if (channel == nullptr) {
    return "channel '" + row.channel + "' is no longer in the configuration";
  }
  const std::int64_t max_age = config.daemon.delivery_max_age.count();
  const std::int64_t age = now - AgeBase(*channel, row);
  if (max_age <= 0 || age <= max_age) return std::nullopt;
  std::string reason = "gave up after " + std::to_string(row.attempts) + " attempts over " +
                       Duration(age) + " (delivery_max_age " + Duration(max_age) + ")";
  if (!row.last_error.empty()) reason += "; last error: " + row.last_error;
  return MaskSecrets(reason, *channel);
}

// One send of `delivery` through `channel`, as attempt number out->attempt
// (out->row_id, batch and what set by the caller). Nothing is written.
// kAbandoned: `abort` ended the transfer.
void SendOnce(const config::Channel& channel, const store::Delivery& delivery, std::int64_t now,
              const std::atomic<bool>* abort, const WorkerOptions& options, std::mt19937_64* rng,
              DeliveryReport* report, DeliveryOutcome* out) {
  ++report->attempted;
  auto started = std::chrono::steady_clock::now();
  SendResult result;
  Status sent = Send(channel, delivery, &result, abort);
  // A long transfer moves the clock on: the outcome is dated when it ended.
  const std::int64_t ended = now + std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::steady_clock::now() - started)
                                       .count();
  if (sent.ok()) {
    out->kind = Kind::kDelivered;
    out->at = ended;
    return;
  }
  if (abort != nullptr && abort->load()) {
    --report->attempted;
    out->kind = Kind::kAbandoned;
    return;
  }
  out->kind = Kind::kRetry;
  out->error = MaskSecrets(sent.message(), channel);
  out->retry_in = RetryDelay(out->attempt, result.retry_after, options, rng).count();
  out->at = ended + out->retry_in;
}

// Decides what becomes of one due row and, when it is to be attempted, sends
// it. Nothing is written.
DeliveryOutcome Attempt(const config::Config& config, const store::OutboxRow& row, std::int64_t now,
                        const std::atomic<bool>* abort, const WorkerOptions& options,
                        std::mt19937_64* rng, DeliveryReport* report) {
  DeliveryOutcome out;
  out.row_id = row.id;
  out.what = Describe(row);
  out.attempt = row.attempts + 1;
  const config::Channel* channel = FindChannel(config, row.channel);
  if (auto reason = GiveUpReason(config, channel, row, now)) {
    out.kind = Kind::kFailed;
    out.error = *reason;
    return out;
  }
  SendOnce(*channel, ToDelivery(row), now, abort, options, rng, report, &out);
  return out;
}

// What is sent as one message: one delivery, or the changes of one digest.
struct Unit {
  std::vector<store::OutboxRow> rows;
  bool digest = false;
};

// Sends the rows of a digest `unit` (none to give up) as one message.
DeliveryOutcome AttemptDigest(const config::Config& config, const Unit& unit, std::int64_t now,
                              const std::atomic<bool>* abort, const WorkerOptions& options,
                              std::mt19937_64* rng, DeliveryReport* report) {
  const store::OutboxRow& first = unit.rows.front();
  const config::Channel& channel = *FindChannel(config, first.channel);
  const store::Delivery digest = MakeDigest(channel.name, unit.rows);
  DeliveryOutcome out;
  out.row_id = first.id;
  for (const auto& row : unit.rows) {
    out.batch.push_back(row.id);
    out.attempt = std::max(out.attempt, row.attempts + 1);
  }
  out.what = "digest " + digest.delivery_id + " of " + std::to_string(unit.rows.size()) +
             " change(s) to channel '" + channel.name + "'";
  SendOnce(channel, digest, now, abort, options, rng, report, &out);
  return out;
}

DeliveryOutcome AttemptUnit(const config::Config& config, const Unit& unit, std::int64_t now,
                            const std::atomic<bool>* abort, const WorkerOptions& options,
                            std::mt19937_64* rng, DeliveryReport* report) {
  if (unit.digest) return AttemptDigest(config, unit, now, abort, options, rng, report);
  return Attempt(config, unit.rows.front(), now, abort, options, rng, report);
}

// Whether `row` goes in a digest: its channel digests it, and it is not to be
// given up.
bool InDigest(const config::Config& config, const store::OutboxRow& row, std::int64_t now) {
  const config::Channel* channel = FindChannel(config, row.channel);
  return channel != nullptr && Digested(*channel, row.event_type) &&
         !GiveUpReason(config, channel, row, now);
}

// The units of `rows` (due, in outbox order): each row alone, except those that
// go in a digest, grouped by channel and due time (the rows of one digest slot,
// or of one failed digest's retry), at most kDigestMaxChanges a unit; each unit
// where its first row is.
std::vector<Unit> Units(const config::Config& config, const std::vector<store::OutboxRow>& rows,
                        std::int64_t now) {
  std::vector<Unit> out;
  std::map<std::pair<std::string, std::int64_t>, size_t> filling;  // -> index in out
  for (const store::OutboxRow& row : rows) {
    if (!InDigest(config, row, now)) {
      out.push_back(Unit{{row}, false});
      continue;
    }
    auto key = std::make_pair(row.channel, row.next_attempt_at);
    auto it = filling.find(key);
    if (it != filling.end() && out[it->second].rows.size() < kDigestMaxChanges) {
      out[it->second].rows.push_back(row);
      continue;
    }
    filling[key] = out.size();
    out.push_back(Unit{{row}, true});
  }
  return out;
}

// The store write that records `outcome` (none for kAbandoned).
Status Record(store::Store& store, const DeliveryOutcome& outcome) {
  switch (outcome.kind) {
    case Kind::kDelivered:
      if (!outcome.batch.empty()) return store.MarkAllDelivered(outcome.batch, outcome.at);
      return store.MarkDelivered(outcome.row_id, outcome.at);
    case Kind::kRetry:
      if (!outcome.batch.empty()) {
        return store.MarkAllAttemptFailed(outcome.batch, outcome.error, outcome.at);
      }
      return store.MarkAttemptFailed(outcome.row_id, outcome.error, outcome.at);
    case Kind::kFailed:
      return store.MarkFailed(outcome.row_id, outcome.error);
    case Kind::kAbandoned:
      return Status::Ok();
  }
  return Status::Ok();
}

// Logs a recorded outcome and counts it in `report`.
void Tell(const DeliveryOutcome& outcome, DeliveryReport* report) {
  switch (outcome.kind) {
    case Kind::kDelivered:
      report->delivered += outcome.deliveries();
      spdlog::info("{}: delivered (attempt {})", outcome.what, outcome.attempt);
      return;
    case Kind::kRetry:
      report->retrying += outcome.deliveries();
      spdlog::warn("{}: attempt {} failed, retrying in {}: {}", outcome.what, outcome.attempt,
                   Duration(outcome.retry_in), outcome.error);
      return;
    case Kind::kFailed:
      ++report->failed;
      spdlog::error("{}: failed: {}", outcome.what, outcome.error);
      return;
    case Kind::kAbandoned:
      spdlog::info("{}: abandoned on stopping; it stays pending", outcome.what);
      return;
  }
}

// Records `outcome`, then tells it.
Status Write(store::Store& store, const DeliveryOutcome& outcome, DeliveryReport* report) {
  Status s = Record(store, outcome);
  if (s.ok()) Tell(outcome, report);
  return s;
}

// Makes one attempt for each due row that `read` gives (`options.batch` at a
// time, until it gives no new one), a digest's rows together (Units), and
// writes each outcome. When a write fails,
// the outcome goes to *unwritten (when given: its delivery is then never sent
// again before it is written) and the error is returned at once.
Status AttemptEachDue(store::Store& store,
                      const std::function<Status(std::vector<store::OutboxRow>*)>& read,
                      const config::Config& config, std::int64_t now, PassControl control,
                      const WorkerOptions& options, std::mt19937_64* rng, DeliveryReport* report,
                      std::vector<DeliveryOutcome>* unwritten) {
  std::set<std::int64_t> seen;  // one attempt per delivery per call
  for (;;) {
    std::vector<store::OutboxRow> rows, fresh;
    if (Status s = read(&rows); !s.ok()) return s;
    for (const store::OutboxRow& row : rows) {
      if (seen.insert(row.id).second) fresh.push_back(row);
    }
    if (fresh.empty()) return Status::Ok();
    for (const Unit& unit : Units(config, fresh, now)) {
      if (control.stop != nullptr && control.stop->load()) return Status::Ok();
      DeliveryOutcome outcome = AttemptUnit(config, unit, now, control.abort, options, rng, report);
      Status s = Write(store, outcome, report);
      if (!s.ok()) {
        if (unwritten != nullptr) unwritten->push_back(std::move(outcome));
        return s;
      }
    }
    if (static_cast<int>(rows.size()) < options.batch) return Status::Ok();
  }
}

}  // namespace

std::chrono::seconds RetryDelay(int failed_attempts, std::optional<std::chrono::seconds> retry_after,
                                const WorkerOptions& options, std::mt19937_64* rng) {
  int n = std::clamp(failed_attempts, 1, 40);
  double base = static_cast<double>(options.first_retry.count()) * std::pow(2.0, n - 1);
  std::uniform_real_distribution<double> jitter(0.75, 1.25);
  double delay = std::min(base * jitter(*rng), static_cast<double>(options.max_retry.count()));
  if (retry_after) {
    double asked = static_cast<double>(std::min(*retry_after, options.max_retry_after).count());
    delay = std::max(delay, asked);
  }
  return std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(delay)));
}

std::chrono::seconds StoreRetryDelay(int failures, const WorkerOptions& options) {
  int n = std::clamp(failures, 1, 31);
  auto delay = options.store_first_retry.count() * (std::int64_t{1} << (n - 1));
  return std::chrono::seconds(std::clamp<std::int64_t>(delay, 1, options.store_max_retry.count()));
}

Status DeliverDue(store::Store& store, const config::Config& config, std::int64_t now,
                  DeliveryReport* report, const WorkerOptions& options) {
  DeliveryReport local;
  DeliveryReport& r = report != nullptr ? *report : local;
  r = DeliveryReport{};
  std::mt19937_64 rng(std::random_device{}());
  auto read = [&](std::vector<store::OutboxRow>* rows) {
    return store.DueDeliveries(now, options.batch, rows);
  };
  return AttemptEachDue(store, read, config, now, PassControl(), options, &rng, &r, nullptr);
}

// --- ChannelWorker
// ---------------------------------------------------------------

ChannelWorker::ChannelWorker(std::string channel, WorkerOptions options)
    : channel_(std::move(channel)), options_(options), rng_(std::random_device{}()) {}

std::int64_t ChannelWorker::Pass(store::Store& store, const config::Config& config,
                                 std::int64_t now, PassControl control, DeliveryReport* report) {
  DeliveryReport local;
  DeliveryReport& r = report != nullptr ? *report : local;
  r = DeliveryReport{};
  if (now < not_before_) return not_before_;
  Status s = WriteUnwritten(store);
  if (s.ok()) s = AttemptDue(store, config, now, control, &r);
  std::int64_t next = 0;
  if (s.ok()) s = store.NextDeliveryAt(channel_, &next);
  if (!s.ok()) return BackOff(s, now);
  Recovered();
  return next;
}

Status ChannelWorker::WriteUnwritten(store::Store& store) {
  while (!unwritten_.empty()) {
    DeliveryReport late;  // counted in the pass that made the attempt
    if (Status s = Write(store, unwritten_.front(), &late); !s.ok()) return s;
    unwritten_.erase(unwritten_.begin());
  }
  return Status::Ok();
}

Status ChannelWorker::AttemptDue(store::Store& store, const config::Config& config,
                                 std::int64_t now, PassControl control, DeliveryReport* report) {
  auto read = [&](std::vector<store::OutboxRow>* rows) {
    return store.DueDeliveries(channel_, now, options_.batch, rows);
  };
  return AttemptEachDue(store, read, config, now, control, options_, &rng_, report, &unwritten_);
}

std::int64_t ChannelWorker::BackOff(const Status& error, std::int64_t now) {
  ++store_failures_;
  auto delay = StoreRetryDelay(store_failures_, options_);
  not_before_ = now + delay.count();
  std::string held;
  if (!unwritten_.empty()) {
    held = "; " + std::to_string(unwritten_.size()) +
           " outcome(s) kept until they can be written, their deliveries not "
           "sent again";
  }
  log_.Log(spdlog::level::err, "store",
           "deliveries to channel '" + channel_ + "': " + error.message() + held +
               "; the next try in " + Duration(delay.count()));
  return not_before_;
}

void ChannelWorker::Recovered() {
  if (store_failures_ == 0) return;
  log_.Clear("store");
  spdlog::info(
      "deliveries to channel '{}': the database works again after {} "
      "error(s) in a row",
      channel_, store_failures_);
  store_failures_ = 0;
}

}  // namespace pw::notify
