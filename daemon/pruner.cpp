#include "daemon/internal/pruner.h"

#include <spdlog/spdlog.h>

namespace pw::daemon {

void Pruner::Step(store::Store* store, TimePoint now) {
  if (now < next_) return;
  if (before_ == 0) {  // a new round, up to a bound fixed for all its batches
    before_ = UnixSeconds(now) - keep_.count();
    round_ = store::PruneResult();
  }
  if (before_ <= 0) {  // keeping more than the epoch: nothing to prune
    before_ = 0;
    next_ = now + kEvery;
    return;
  }
  if (Status s = store->PruneAttemptBatch(before_, store::kPruneBatchRows, &round_); !s.ok()) {
    spdlog::warn("pruning check attempts: {}; trying again in {}s", s.message(), kRetry.count());
    next_ = now + kRetry;  // the round goes on from where it stopped
    return;
  }
  if (round_.more) return;  // the next batch at the next turn
  if (round_.attempts > 0) {
    spdlog::info("pruned {} check attempts older than {} into daily counts ({} batches)",
                 round_.attempts, FormatUtc(before_, kRfc3339), round_.batches);
  }
  before_ = 0;
  next_ = now + kEvery;
}

}  // namespace pw::daemon
