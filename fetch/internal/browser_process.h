// One Chromium process tree: started in its own process group with the DevTools
// pipe on its fds 3 and 4, a fresh --user-data-dir, stdout to /dev/null and
// stderr kept (its tail) for error messages. Always reaped: the destructor kills
// the group if it still runs, waits for the child and removes the directory.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace pw::fetch::internal {

// The command line: the executable, then the flags (--headless only for a
// full chromium; chromium-headless-shell is headless already).
std::vector<std::string> BrowserArguments(const std::string& executable, bool sandbox,
                                          const std::string& user_data_dir);

// "exit status 1", "killed by signal 9" for a waitpid() status.
std::string DescribeExit(int wait_status);

class BrowserProcess {
 public:
  // Starts `executable`; on failure returns null and sets `error` (without a URL).
  static std::unique_ptr<BrowserProcess> Launch(const std::string& executable, bool sandbox,
                                                std::string* error);
  ~BrowserProcess();  // Kill() unless reaped
  BrowserProcess(const BrowserProcess&) = delete;
  BrowserProcess& operator=(const BrowserProcess&) = delete;

  pid_t pid() const { return pid_; }
  // The pipe ends, for a DevToolsPipe, which takes them over (called once).
  int TakeToBrowser();
  int TakeFromBrowser();
  // Descriptor of the browser's stderr, to poll; ReadStderr() when readable.
  int stderr_fd() const { return stderr_fd_; }
  void ReadStderr();
  // The last line the browser wrote on stderr, or "".
  std::string LastStderrLine() const;

  // True once the child exited (reaps it); `exit` then describes how.
  bool Exited();
  const std::string& exit() const { return exit_; }
  // Waits up to `bound` for the child to exit; true if it did (reaped).
  bool WaitExit(std::chrono::milliseconds bound);
  // Waits up to `grace` for the child to exit by itself, then SIGTERM to the
  // group and another `grace`, then SIGKILL. Reaps, removes the directory.
  void Close(std::chrono::milliseconds grace);
  // SIGKILL to the whole group, reaps the child, removes the directory.
  void Kill();

 private:
  BrowserProcess() = default;
  void Finish();  // kills leftovers of the group, removes the directory

  pid_t pid_ = 0;
  bool reaped_ = false;
  bool finished_ = false;
  std::string exit_;
  int to_browser_ = -1;
  int from_browser_ = -1;
  int stderr_fd_ = -1;
  std::string stderr_tail_;
  std::string user_data_dir_;
};

}  // namespace pw::fetch::internal
