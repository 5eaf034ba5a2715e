#include "fetch/internal/browser_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <utility>

extern char** environ;

namespace pw::fetch::internal {
namespace {

constexpr std::size_t kStderrTail = 4096;

bool IsHeadlessShell(const std::string& executable) {
  return std::filesystem::path(executable).filename().string().find("headless-shell") !=
         std::string::npos;
}

std::string MakeUserDataDir(std::string* error) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/policywatch-browser-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    *error = "cannot create a profile directory " + pattern + ": " + std::strerror(errno);
    return "";
  }
  return pattern;
}

// Both ends O_CLOEXEC; the end the child keeps is moved to fd >= 10 so that the
// dup2 onto 3 and 4 can never overwrite the other one.
bool MakePipe(int* parent_end, int* child_end, bool child_reads) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return false;
  int child = child_reads ? fds[0] : fds[1];
  *parent_end = child_reads ? fds[1] : fds[0];
  *child_end = fcntl(child, F_DUPFD_CLOEXEC, 10);
  close(child);
  return *child_end >= 0;
}

struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;

  SpawnSetup(int command_fd, int reply_fd, int stderr_fd) {
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, command_fd, 3);
    posix_spawn_file_actions_adddup2(&actions, reply_fd, 4);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 5);
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setpgroup(&attributes, 0);  // its own group: kill(-pid) ends the tree
    sigset_t signals;
    sigemptyset(&signals);
    posix_spawnattr_setsigmask(&attributes, &signals);
    sigfillset(&signals);
    posix_spawnattr_setsigdefault(&attributes, &signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                              POSIX_SPAWN_SETSIGDEF);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
};

}  // namespace

std::vector<std::string> BrowserArguments(const std::string& executable, bool sandbox,
                                          const std::string& user_data_dir) {
  std::vector<std::string> args = {executable};
  if (!IsHeadlessShell(executable)) args.push_back("--headless");
  for (const char* flag :
       {"--remote-debugging-pipe", "--no-first-run", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--disable-extensions", "--disable-default-apps", "--mute-audio",
        "--no-default-browser-check",
        // V8 without its JIT: no writable-executable memory, so the browser runs
        // under the unit's MemoryDenyWriteExecute=yes (policy pages need little
        // script speed; WebAssembly is off).
        "--js-flags=--jitless"}) {
    args.push_back(flag);
  }
  args.push_back("--user-data-dir=" + user_data_dir);
  if (!sandbox) args.push_back("--no-sandbox");
  args.push_back("about:blank");
  return args;
}

std::string DescribeExit(int wait_status) {
  if (WIFEXITED(wait_status)) return "exit status " + std::to_string(WEXITSTATUS(wait_status));
  if (WIFSIGNALED(wait_status)) return "killed by signal " + std::to_string(WTERMSIG(wait_status));
  return "status " + std::to_string(wait_status);
}

std::unique_ptr<BrowserProcess> BrowserProcess::Launch(const std::string& executable,
                                                       bool sandbox, std::string* error) {
  std::unique_ptr<BrowserProcess> p(new BrowserProcess());
  p->reaped_ = true;  // nothing to reap until the spawn succeeds
  p->user_data_dir_ = MakeUserDataDir(error);
  if (p->user_data_dir_.empty()) return nullptr;
  int command_fd = -1, reply_fd = -1, stderr_fd = -1;
  if (!MakePipe(&p->to_browser_, &command_fd, true) ||
      !MakePipe(&p->from_browser_, &reply_fd, false) ||
      !MakePipe(&p->stderr_fd_, &stderr_fd, false)) {
    *error = std::string("cannot create the browser's pipes: ") + std::strerror(errno);
    for (int fd : {command_fd, reply_fd, stderr_fd}) close(fd);
    return nullptr;
  }
  std::vector<std::string> args = BrowserArguments(executable, sandbox, p->user_data_dir_);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int rc;
  {
    SpawnSetup setup(command_fd, reply_fd, stderr_fd);
    rc = posix_spawn(&p->pid_, executable.c_str(), &setup.actions, &setup.attributes,
                     argv.data(), environ);
  }
  for (int fd : {command_fd, reply_fd, stderr_fd}) close(fd);
  if (rc != 0) {
    *error = "cannot start the browser " + executable + ": " + std::strerror(rc);
    return nullptr;
  }
  p->reaped_ = false;
  fcntl(p->stderr_fd_, F_SETFL, fcntl(p->stderr_fd_, F_GETFL) | O_NONBLOCK);
  return p;
}

BrowserProcess::~BrowserProcess() {
  Kill();
  for (int fd : {to_browser_, from_browser_, stderr_fd_}) {
    if (fd >= 0) close(fd);
  }
}

int BrowserProcess::TakeToBrowser() { return std::exchange(to_browser_, -1); }
int BrowserProcess::TakeFromBrowser() { return std::exchange(from_browser_, -1); }

void BrowserProcess::ReadStderr() {
  char buffer[4096];
  for (;;) {
    ssize_t n = read(stderr_fd_, buffer, sizeof buffer);
    if (n > 0) {
      stderr_tail_.append(buffer, static_cast<std::size_t>(n));
      if (stderr_tail_.size() > kStderrTail) {
        stderr_tail_.erase(0, stderr_tail_.size() - kStderrTail);
      }
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0 || errno != EAGAIN) {  // closed: stop polling it
      close(stderr_fd_);
      stderr_fd_ = -1;
    }
    return;
  }
}

std::string BrowserProcess::LastStderrLine() const {
  std::size_t end = stderr_tail_.find_last_not_of(" \r\n\t");
  if (end == std::string::npos) return "";
  std::size_t start = stderr_tail_.rfind('\n', end);
  start = start == std::string::npos ? 0 : start + 1;
  return stderr_tail_.substr(start, end + 1 - start);
}

// Looks without reaping first (WNOWAIT): while the exited child is a zombie its
// pid, and so the group id, cannot be reused, and the rest of the group can be
// killed safely before the child is reaped.
bool BrowserProcess::Exited() {
  if (reaped_) return true;
  siginfo_t info{};
  if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
      info.si_pid != pid_) {
    return false;
  }
  kill(-pid_, SIGKILL);  // what the leader left behind (e.g. behind a wrapper script)
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  exit_ = DescribeExit(status);
  Finish();
  return true;
}

bool BrowserProcess::WaitExit(std::chrono::milliseconds bound) {
  auto give_up = std::chrono::steady_clock::now() + bound;
  while (!Exited()) {
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

void BrowserProcess::Close(std::chrono::milliseconds grace) {
  if (WaitExit(grace)) return;
  kill(-pid_, SIGTERM);
  if (WaitExit(grace)) return;
  Kill();
}

void BrowserProcess::Kill() {
  if (!reaped_) {
    kill(-pid_, SIGKILL);
    WaitExit(std::chrono::hours(1));  // SIGKILL cannot be refused
  }
  Finish();
}

void BrowserProcess::Finish() {
  if (finished_ || user_data_dir_.empty()) return;
  finished_ = true;
  std::error_code ignored;
  std::filesystem::remove_all(user_data_dir_, ignored);
}

}  // namespace pw::fetch::internal
