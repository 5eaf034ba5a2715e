#include "tests/support/run_binary.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>

#include <catch2/catch.hpp>

namespace pw::testing {
namespace {

constexpr auto kRunLimit = std::chrono::seconds(60);

const std::string& Binary() {
  static const std::string binary = std::string(PW_BINARY_DIR) + "/policywatch";
  return binary;
}

// In the child: drop the systemd variables of whoever runs the tests, then exec.
[[noreturn]] void ExecBinary(const std::vector<std::string>& args) {
  for (const char* name : {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS",
                           "LISTEN_PID", "INVOCATION_ID"}) {
    unsetenv(name);
  }
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(Binary().c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(Binary().c_str(), argv.data());
  _exit(127);
}

}  // namespace

Outcome RunBinary(const std::vector<std::string>& args) {
  int out_pipe[2], err_pipe[2];
  REQUIRE(pipe(out_pipe) == 0);
  REQUIRE(pipe(err_pipe) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    ExecBinary(args);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  Outcome outcome;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&outcome.out, &outcome.err};
  int open_fds = 2;
  const auto deadline = std::chrono::steady_clock::now() + kRunLimit;
  bool hung = false;
  while (open_fds > 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      hung = true;
      kill(pid, SIGKILL);
      break;
    }
    if (poll(fds, 2, 1000) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buffer[4096];
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  INFO("policywatch took longer than " << kRunLimit.count() << " s; stderr: " << outcome.err);
  REQUIRE_FALSE(hung);
  return outcome;
}

pid_t SpawnBinary(const std::vector<std::string>& args) {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, 1);
    dup2(null_fd, 2);
    close(null_fd);
    ExecBinary(args);
  }
  return pid;
}

}  // namespace pw::testing
