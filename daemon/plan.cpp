#include "daemon/internal/plan.h"

#include "check/schedule.h"

namespace pw::daemon {

TimePoint Plan::FirstDue(const config::Config& config, const check::Target& target,
                         store::Store& store, TimePoint now, Seconds spread) {
  store::DocumentRow row;
  Status s = store.GetDocument(target.company->id, target.document->type, &row);
  TimePoint due = s.ok() ? FromUnixSeconds(row.state.next_check_at) : now;
  Seconds interval = target.document->interval.value_or(config.daemon.interval);
  if (due <= now) due = check::FirstCheck(now, interval, spread, target.Key());
  return due;
}

void Plan::Rebuild(std::shared_ptr<const config::Config> config, store::Store& store,
                   TimePoint now, Seconds spread) {
  std::map<std::string, Entry> next;
  for (const auto& company : config->companies) {
    for (const auto& document : company.documents) {
      check::Target target{&company, &document};
      std::string key = target.Key();
      auto it = entries_.find(key);
      TimePoint due = it != entries_.end() ? it->second.next
                                           : FirstDue(*config, target, store, now, spread);
      next.emplace(key, Entry{config, target, due});
    }
  }
  entries_ = std::move(next);
  by_time_.clear();
  for (const auto& [key, e] : entries_) by_time_.emplace(e.next, key);
}

void Plan::SetNext(const std::string& key, TimePoint t) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  by_time_.erase({it->second.next, key});
  it->second.next = t;
  by_time_.emplace(t, key);
}

std::vector<const Plan::Entry*> Plan::Due(TimePoint now,
                                          const std::set<std::string>& busy) const {
  std::vector<const Entry*> out;
  for (auto it = by_time_.begin(); it != by_time_.end() && it->first <= now; ++it) {
    if (!busy.count(it->second)) out.push_back(&entries_.at(it->second));
  }
  return out;
}

TimePoint Plan::Earliest(const std::set<std::string>& busy) const {
  for (const auto& [t, key] : by_time_) {
    if (!busy.count(key)) return t;
  }
  return TimePoint::max();
}

}  // namespace pw::daemon
