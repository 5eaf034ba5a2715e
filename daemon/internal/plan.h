// The daemon's plan: every configured document and when it is next due,
// indexed by time so that finding due work costs O(log n) plus what is due.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check/check.h"
#include "config/config.h"
#include "store/store.h"
#include "util/clock.h"

namespace pw::daemon {

class Plan {
 public:
  struct Entry {
    std::shared_ptr<const config::Config> config;
    check::Target target;
    TimePoint next;
  };

  // Rebuilds the plan from `config`, keeping the due time of documents already
  // planned; new ones take theirs from the database (spread over
  // min(interval, spread) when overdue).
  void Rebuild(std::shared_ptr<const config::Config> config, store::Store& store, TimePoint now,
               Seconds spread);

  bool Contains(const std::string& key) const { return entries_.count(key) > 0; }
  void SetNext(const std::string& key, TimePoint t);
  // Entries due at `now` that are not in `busy`.
  std::vector<const Entry*> Due(TimePoint now, const std::set<std::string>& busy) const;
  // The earliest due time of an entry not in `busy` (max() when none).
  TimePoint Earliest(const std::set<std::string>& busy) const;
  size_t size() const { return entries_.size(); }

 private:
  // When a document not planned yet is first due.
  static TimePoint FirstDue(const config::Config& config, const check::Target& target,
                            store::Store& store, TimePoint now, Seconds spread);

  std::map<std::string, Entry> entries_;
  std::set<std::pair<TimePoint, std::string>> by_time_;
};

}  // namespace pw::daemon
