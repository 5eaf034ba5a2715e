#include "notify/worker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "notify/send.h"

namespace pw::notify {

namespace {

const config::Channel* FindChannel(const config::Config& config, const std::string& name) {
  for (const config::Channel& c : config.channels) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// Replaces every occurrence of the channel's secrets in `text` by "***".
std::string Mask(std::string text, const config::Channel& channel) {
  for (const std::string* secret : {&channel.password, &channel.secret}) {
    if (secret->empty()) continue;
    for (size_t pos = text.find(*secret); pos != std::string::npos;
         pos = text.find(*secret, pos)) {
      text.replace(pos, secret->size(), "***");
      pos += 3;
    }
  }
  return text;
}

std::string Duration(std::int64_t seconds) {
  if (seconds >= 86400 && seconds % 86400 == 0) return std::to_string(seconds / 86400) + "d";
  if (seconds >= 3600 && seconds % 3600 == 0) return std::to_string(seconds / 3600) + "h";
  if (seconds >= 60 && seconds % 60 == 0) return std::to_string(seconds / 60) + "m";
  return std::to_string(seconds) + "s";
}

Delivery ToDelivery(const store::OutboxRow& row) {
  Delivery d;
  d.id = row.delivery_id;
  d.channel = row.channel;
  d.event_type = row.event_type;
  d.payload = row.payload_json;
  return d;
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

Status DeliverDue(store::Store& store, const config::Config& config, std::int64_t now,
                  DeliveryReport* report, const WorkerOptions& options) {
  DeliveryReport local;
  DeliveryReport& r = report != nullptr ? *report : local;
  r = DeliveryReport{};
  std::mt19937_64 rng(std::random_device{}());
  const std::int64_t max_age = config.daemon.delivery_max_age.count();
  std::set<std::int64_t> seen;  // one attempt per delivery per call

  for (;;) {
    std::vector<store::OutboxRow> rows;
    Status s = store.DueDeliveries(now, options.batch, &rows);
    if (!s.ok()) return s;
    bool progress = false;
    for (const store::OutboxRow& row : rows) {
      if (!seen.insert(row.id).second) continue;
      progress = true;
      const std::string what = "delivery " + row.delivery_id + " (" + row.event_type +
                               ") to channel '" + row.channel + "'";
      const config::Channel* channel = FindChannel(config, row.channel);
      if (channel == nullptr) {
        std::string reason = "channel '" + row.channel + "' is no longer in the configuration";
        spdlog::error("{}: failed: {}", what, reason);
        s = store.MarkFailed(row.id, reason);
        if (!s.ok()) return s;
        ++r.failed;
        continue;
      }
      if (max_age > 0 && now - row.created_at > max_age) {
        std::string reason = "gave up after " + std::to_string(row.attempts) + " attempts over " +
                             Duration(now - row.created_at) + " (delivery_max_age " +
                             Duration(max_age) + ")";
        if (!row.last_error.empty()) reason += "; last error: " + row.last_error;
        reason = Mask(reason, *channel);
        spdlog::error("{}: failed: {}", what, reason);
        s = store.MarkFailed(row.id, reason);
        if (!s.ok()) return s;
        ++r.failed;
        continue;
      }

      ++r.attempted;
      SendResult result;
      Status sent = Send(*channel, ToDelivery(row), &result);
      if (sent.ok()) {
        s = store.MarkDelivered(row.id, now);
        if (!s.ok()) return s;
        ++r.delivered;
        spdlog::info("{}: delivered (attempt {})", what, row.attempts + 1);
        continue;
      }
      std::string error = Mask(sent.message(), *channel);
      auto delay = RetryDelay(row.attempts + 1, result.retry_after, options, &rng);
      s = store.MarkAttemptFailed(row.id, error, now + delay.count());
      if (!s.ok()) return s;
      ++r.retrying;
      spdlog::warn("{}: attempt {} failed, retrying in {}: {}", what, row.attempts + 1,
                   Duration(delay.count()), error);
    }
    if (!progress || static_cast<int>(rows.size()) < options.batch) break;
  }
  return Status::Ok();
}

}  // namespace pw::notify
