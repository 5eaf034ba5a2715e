#include "fetch/internal/devtools_pipe.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pw::fetch::internal {
namespace {

void SetNonBlocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// A write to a pipe whose reader is gone raised SIGPIPE for this thread, which
// blocks it; take it off the pending set so that it is never delivered later.
void ConsumePendingSigpipe() {
  sigset_t pipe_only;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  timespec zero{0, 0};
  while (sigtimedwait(&pipe_only, nullptr, &zero) == SIGPIPE) {
  }
}

}  // namespace

void MessageSplitter::Append(const char* data, std::size_t size) {
  if (start_ > 0 && start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
  buffer_.append(data, size);
}

bool MessageSplitter::Next(std::string* message) {
  std::size_t end = buffer_.find('\0', start_);
  if (end == std::string::npos) {
    if (start_ > 0) {  // keep only the incomplete tail
      buffer_.erase(0, start_);
      start_ = 0;
    }
    return false;
  }
  message->assign(buffer_, start_, end - start_);
  start_ = end + 1;
  return true;
}

DevToolsPipe::DevToolsPipe(int to_browser, int from_browser)
    : to_browser_(to_browser), from_browser_(from_browser) {
  SetNonBlocking(to_browser_);
  SetNonBlocking(from_browser_);
}

DevToolsPipe::~DevToolsPipe() {
  close(to_browser_);
  close(from_browser_);
}

bool DevToolsPipe::Send(const nlohmann::json& message, std::chrono::milliseconds bound) {
  std::string text = message.dump();
  text.push_back('\0');
  std::size_t sent = 0;
  auto give_up = std::chrono::steady_clock::now() + bound;
  while (sent < text.size()) {
    ssize_t n = write(to_browser_, text.data() + sent, text.size() - sent);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN && std::chrono::steady_clock::now() < give_up) {
      pollfd p{to_browser_, POLLOUT, 0};
      poll(&p, 1, 50);
      continue;
    }
    if (n < 0 && errno == EPIPE) ConsumePendingSigpipe();
    return false;
  }
  return true;
}

bool DevToolsPipe::Receive(std::vector<nlohmann::json>* messages) {
  char buffer[65536];
  bool open = true;
  for (;;) {
    ssize_t n = read(from_browser_, buffer, sizeof buffer);
    if (n > 0) {
      splitter_.Append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    open = n < 0 && errno == EAGAIN;  // 0: end of file
    break;
  }
  std::string text;
  while (splitter_.Next(&text)) {
    nlohmann::json message = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (message.is_object()) messages->push_back(std::move(message));
  }
  return open;
}

}  // namespace pw::fetch::internal
