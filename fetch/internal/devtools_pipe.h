// The DevTools pipe of a browser started with --remote-debugging-pipe: JSON
// texts, each terminated by a NUL byte, written to the browser's fd 3 and read
// from its fd 4. Used by one thread (the browser's own, fetch/browser.cpp).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pw::fetch::internal {

// Cuts a byte stream into NUL-terminated messages.
class MessageSplitter {
 public:
  void Append(const char* data, std::size_t size);
  // Moves the next complete message into `message`; false if none is complete.
  bool Next(std::string* message);

 private:
  std::string buffer_;
  std::size_t start_ = 0;  // first byte not yet handed out
};

class DevToolsPipe {
 public:
  // Takes ownership of both descriptors (made non-blocking here).
  DevToolsPipe(int to_browser, int from_browser);
  ~DevToolsPipe();
  DevToolsPipe(const DevToolsPipe&) = delete;
  DevToolsPipe& operator=(const DevToolsPipe&) = delete;

  // The descriptor to poll for input.
  int read_fd() const { return from_browser_; }

  // Writes one message. False when the browser is gone or has not taken the
  // message within `bound` (its end of the pipe is full: it is not reading).
  // SIGPIPE must be blocked in the calling thread (a pending one is consumed).
  bool Send(const nlohmann::json& message, std::chrono::milliseconds bound);

  // Reads what is available and appends the complete messages (text that is not
  // JSON is skipped). False once the browser closed its end (or on a read error).
  bool Receive(std::vector<nlohmann::json>* messages);

 private:
  int to_browser_ = -1;
  int from_browser_ = -1;
  MessageSplitter splitter_;
};

}  // namespace pw::fetch::internal
