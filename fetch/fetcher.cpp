// The Fetcher drives libcurl's multi interface through its socket API: libcurl
// says which sockets to watch (an epoll set here) and when its timer is due;
// Perform() waits in epoll_wait and tells libcurl exactly which socket is ready.
// (curl_multi_perform would instead poll every transfer's socket on each call:
// about a tenth of the CPU of an unchanged check cycle, bench/daemon.)
#include <curl/curl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>

#include "fetch/fetch.h"
#include "fetch/internal/transfer.h"
#include "util/clock.h"

namespace pw::fetch {
namespace {


void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CURLM* Multi(void* m) { return static_cast<CURLM*>(m); }

}  // namespace

struct Fetcher::Events {
  CURLM* multi = nullptr;
  int epoll_fd = -1;
  int wake_fd = -1;  // eventfd: Wakeup() from any thread
  bool timer_set = false;
  SteadyClock::time_point timer_at;

  ~Events() {
    if (epoll_fd >= 0) close(epoll_fd);
    if (wake_fd >= 0) close(wake_fd);
  }

  // CURLMOPT_SOCKETFUNCTION: keeps the epoll set in step with libcurl's wishes.
  static int OnSocket(CURL*, curl_socket_t s, int what, void* user, void* registered) {
    auto* ev = static_cast<Events*>(user);
    if (what == CURL_POLL_REMOVE) {
      epoll_ctl(ev->epoll_fd, EPOLL_CTL_DEL, s, nullptr);  // may already be closed
      return 0;
    }
    epoll_event e{};
    e.data.fd = s;
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) e.events |= EPOLLIN;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) e.events |= EPOLLOUT;
    // libcurl keeps a pointer per socket for us (curl_multi_assign): non-null
    // once the socket is in the epoll set.
    if (registered) {
      epoll_ctl(ev->epoll_fd, EPOLL_CTL_MOD, s, &e);
    } else if (epoll_ctl(ev->epoll_fd, EPOLL_CTL_ADD, s, &e) == 0 || errno == EEXIST) {
      curl_multi_assign(ev->multi, s, ev);
    }
    return 0;
  }

  // CURLMOPT_TIMERFUNCTION: -1 removes the timer, 0 means "as soon as possible".
  static int OnTimer(CURLM*, long timeout_ms, void* user) {
    auto* ev = static_cast<Events*>(user);
    ev->timer_set = timeout_ms >= 0;
    if (ev->timer_set) ev->timer_at = SteadyClock::now() + std::chrono::milliseconds(timeout_ms);
    return 0;
  }

  // Milliseconds until libcurl's timer is due, capped by `max_wait`.
  int WaitMs(std::chrono::milliseconds max_wait) const {
    long long wait = std::clamp<long long>(max_wait.count(), 0, 1 << 30);
    if (timer_set) {
      auto due = std::chrono::ceil<std::chrono::milliseconds>(timer_at - SteadyClock::now());
      wait = std::min<long long>(wait, std::max<long long>(0, due.count()));
    }
    return static_cast<int>(wait);
  }
};

Fetcher::Fetcher() : Fetcher(Options{}) {}

Fetcher::Fetcher(Options options) : options_(options), events_(std::make_unique<Events>()) {
  GlobalInit();
  options_.max_concurrent = std::max(1, options_.max_concurrent);
  events_->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  events_->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (events_->epoll_fd >= 0 && events_->wake_fd >= 0) {
    epoll_event e{};
    e.events = EPOLLIN;
    e.data.fd = events_->wake_fd;
    epoll_ctl(events_->epoll_fd, EPOLL_CTL_ADD, events_->wake_fd, &e);
  }
  CURLM* m = curl_multi_init();
  multi_ = m;
  events_->multi = m;
  curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &Events::OnSocket);
  curl_multi_setopt(m, CURLMOPT_SOCKETDATA, events_.get());
  curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &Events::OnTimer);
  curl_multi_setopt(m, CURLMOPT_TIMERDATA, events_.get());
  // Keep enough idle connections around to reuse them across transfers.
  curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, static_cast<long>(options_.max_concurrent) * 2);
  if (options_.max_host_connections > 0) {
    curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, options_.max_host_connections);
  }
}

Fetcher::~Fetcher() {
  for (auto& t : active_) curl_multi_remove_handle(Multi(multi_), t->easy);
  active_.clear();  // easy handles are freed before the multi handle
  for (void* easy : idle_easy_) curl_easy_cleanup(static_cast<CURL*>(easy));
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
    if (!idle_easy_.empty()) {  // a handle of an earlier transfer: no new allocation
      t->easy = static_cast<CURL*>(idle_easy_.back());
      idle_easy_.pop_back();
    }
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
  Events& ev = *events_;
  auto collect = [&] {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(m, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      void* priv = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
      Finish(static_cast<Transfer*>(priv), msg->data.result);
    }
  };
  auto fire_timer_if_due = [&] {
    int running = 0;
    if (ev.timer_set && SteadyClock::now() >= ev.timer_at) {
      ev.timer_set = false;  // libcurl sets it again if it needs to
      curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running);
    }
  };

  // Wait only when nothing is ready to report: a transfer started here gets a
  // due timer from libcurl, so the wait below is then zero.
  const bool started = StartQueued();
  const int wait_ms = (started || !finished_.empty()) ? 0 : ev.WaitMs(max_wait);
  epoll_event ready[64];
  int n = epoll_wait(ev.epoll_fd, ready, 64, wait_ms);
  for (int i = 0; i < n; ++i) {
    int fd = ready[i].data.fd;
    if (fd == ev.wake_fd) {
      std::uint64_t count = 0;
      while (read(ev.wake_fd, &count, sizeof count) > 0) {
      }
      continue;
    }
    // As libcurl's own poll does: a hang-up or an error is "readable", so that
    // the read reports what happened (the error bit alone would fail the
    // transfer with a generic message).
    const std::uint32_t events = ready[i].events;
    int bits = 0;
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) bits |= CURL_CSELECT_IN;
    if (events & EPOLLOUT) bits |= CURL_CSELECT_OUT;
    if (events & EPOLLERR) bits |= CURL_CSELECT_ERR;
    int running = 0;
    curl_multi_socket_action(m, fd, bits, &running);
  }
  fire_timer_if_due();
  collect();
  // Refill freed slots and start what was queued until nothing new starts: a
  // transfer started here must be kicked off now (its timer is due at once),
  // or it would sit idle while the next wait sleeps.
  while (StartQueued()) {
    fire_timer_if_due();
    collect();
  }

  // Callbacks may Add(): take the finished list first so it is not disturbed.
  std::vector<std::unique_ptr<Transfer>> done;
  done.swap(finished_);
  for (auto& t : done) {
    Response response = BuildResponse(t.get(), static_cast<CURLcode>(t->done_code));
    auto callback = std::move(t->done);
    if (t->easy != nullptr && idle_easy_.size() < static_cast<size_t>(options_.max_concurrent)) {
      curl_easy_reset(t->easy);  // options back to their defaults; caches kept
      idle_easy_.push_back(t->easy);
      t->easy = nullptr;
    }
    t.reset();  // free the transfer before user code runs
    if (callback) callback(std::move(response));
  }
  return Pending();
}

void Fetcher::Wakeup() {
  std::uint64_t one = 1;
  ssize_t ignored = write(events_->wake_fd, &one, sizeof one);  // async-signal-safe
  (void)ignored;
}

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
