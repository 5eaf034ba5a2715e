#include "bench/check/scale_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

namespace pw::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Forks and execs `argv`, its stdout to /dev/null and its stderr to `err_fd`
// (-1: /dev/null). Returns the pid.
pid_t Spawn(const std::vector<std::string>& argv, int err_fd) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  int null = open("/dev/null", O_WRONLY);
  dup2(null, 1);
  dup2(err_fd >= 0 ? err_fd : null, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

// Reads `in` until a line containing `needle`; false at end of file.
bool WaitForLine(FILE* in, const char* needle) {
  char line[4096];
  while (std::fgets(line, sizeof line, in)) {
    if (std::strstr(line, needle)) return true;
  }
  return false;
}

}  // namespace

ProcessCost TimeCommand(const std::vector<std::string>& argv) {
  ProcessCost cost;
  const auto t0 = Clock::now();
  pid_t pid = Spawn(argv, -1);
  int status = 0;
  rusage u{};
  if (pid < 0 || wait4(pid, &status, 0, &u) != pid) return cost;
  cost.wall = Seconds(t0);
  cost.cpu = static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
             static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  cost.peak_mib = static_cast<double>(u.ru_maxrss) / 1024.0;
  cost.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return cost;
}

ProcessCost TimeStatus(const std::string& binary, const std::string& config,
                       const std::string& db) {
  return TimeCommand({binary, "status", "--config", config, "--db", db, "--format", "json"});
}

DaemonTimes TimeDaemon(const std::string& binary, const std::string& config,
                       const std::string& db) {
  DaemonTimes times;
  int fds[2];
  if (pipe(fds) != 0) return times;
  const auto t0 = Clock::now();
  pid_t pid = Spawn({binary, "run", "--config", config, "--db", db, "--log-level", "info"},
                    fds[1]);
  close(fds[1]);
  FILE* err = fdopen(fds[0], "r");
  if (pid > 0 && WaitForLine(err, "policywatch started")) {
    times.start = Seconds(t0);
    const auto t1 = Clock::now();
    kill(pid, SIGHUP);
    if (WaitForLine(err, "configuration reloaded")) {
      times.reload = Seconds(t1);
      times.ok = true;
    }
  }
  if (pid > 0) kill(pid, SIGTERM);
  while (WaitForLine(err, "\n")) {
  }
  std::fclose(err);
  int status;
  if (pid > 0) waitpid(pid, &status, 0);
  return times;
}

}  // namespace pw::bench
