#include <curl/curl.h>

#include <algorithm>
#include <mutex>

#include "fetch/fetch.h"
#include "fetch/transfer.h"

namespace pw::fetch {
namespace {

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CURLM* Multi(void* m) { return static_cast<CURLM*>(m); }

}  // namespace

Fetcher::Fetcher() : Fetcher(Options{}) {}

Fetcher::Fetcher(Options options) : options_(options) {
  GlobalInit();
  options_.max_concurrent = std::max(1, options_.max_concurrent);
  CURLM* m = curl_multi_init();
  multi_ = m;
  // Keep enough idle connections around to reuse them across transfers.
  curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, static_cast<long>(options_.max_concurrent) * 2);
  if (options_.max_host_connections > 0) {
    curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, options_.max_host_connections);
  }
}

Fetcher::~Fetcher() {
  for (auto& t : active_) curl_multi_remove_handle(Multi(multi_), t->easy);
  active_.clear();  // easy handles are freed before the multi handle
  curl_multi_cleanup(Multi(multi_));
}

void Fetcher::Add(Request request, std::function<void(Response)> done) {
  auto t = std::make_unique<Transfer>();
  t->request = std::move(request);
  t->done = std::move(done);
  queued_.push_back(std::move(t));
}

int Fetcher::Pending() const {
  return static_cast<int>(queued_.size() + active_.size() + finished_.size());
}

bool Fetcher::StartQueued() {
  size_t next = 0;
  while (next < queued_.size() && active_.size() < static_cast<size_t>(options_.max_concurrent)) {
    std::unique_ptr<Transfer> t = std::move(queued_[next++]);
    SetupTransfer(t.get());
    if (t->setup_error != FetchError::kNone) {
      finished_.push_back(std::move(t));
      continue;
    }
    CURLMcode rc = curl_multi_add_handle(Multi(multi_), t->easy);
    if (rc != CURLM_OK) {
      t->setup_error = FetchError::kOther;
      t->setup_message = std::string("could not start the transfer: ") + curl_multi_strerror(rc);
      finished_.push_back(std::move(t));
      continue;
    }
    active_.push_back(std::move(t));
  }
  queued_.erase(queued_.begin(), queued_.begin() + static_cast<std::ptrdiff_t>(next));
  return next > 0;
}

void Fetcher::Finish(Transfer* transfer, int curl_code) {
  curl_multi_remove_handle(Multi(multi_), transfer->easy);
  auto it = std::find_if(active_.begin(), active_.end(),
                         [&](const auto& p) { return p.get() == transfer; });
  if (it == active_.end()) return;
  transfer->done_code = curl_code;
  finished_.push_back(std::move(*it));
  active_.erase(it);
}

int Fetcher::Perform(std::chrono::milliseconds max_wait) {
  CURLM* m = Multi(multi_);
  if (!StartQueued() && finished_.empty()) {
    long long wait_ms = std::clamp<long long>(max_wait.count(), 0, 1 << 30);
    curl_multi_poll(m, nullptr, 0, static_cast<int>(wait_ms), nullptr);
  }
  // Advance, collect what ended, and refill freed slots until nothing new starts:
  // a transfer started here must be performed now, or its completion could sit
  // unread while the next poll sleeps.
  do {
    int running = 0;
    curl_multi_perform(m, &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(m, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      void* priv = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
      Finish(static_cast<Transfer*>(priv), msg->data.result);
    }
  } while (StartQueued());

  // Callbacks may Add(): take the finished list first so it is not disturbed.
  std::vector<std::unique_ptr<Transfer>> done;
  done.swap(finished_);
  for (auto& t : done) {
    Response response = BuildResponse(t.get(), static_cast<CURLcode>(t->done_code));
    auto callback = std::move(t->done);
    t.reset();  // free the easy handle before user code runs
    if (callback) callback(std::move(response));
  }
  return Pending();
}

void Fetcher::Wakeup() { curl_multi_wakeup(Multi(multi_)); }

void Fetcher::RunUntilIdle() {
  while (Pending() > 0) Perform(std::chrono::milliseconds(1000));
}

Response FetchOne(const Request& request) {
  Fetcher fetcher(Fetcher::Options{1, 0});
  Response result;
  fetcher.Add(request, [&](Response r) { result = std::move(r); });
  fetcher.RunUntilIdle();
  return result;
}

}  // namespace pw::fetch
