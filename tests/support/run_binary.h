// The built `policywatch` binary as a real child process, for whole-binary tests.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace pw::testing {

struct Outcome {
  int exit_code = -1;  // -1 when ended by a signal
  int signal = 0;      // the signal, when ended by one
  std::string out;
  std::string err;
};

// Runs ${PW_BINARY_DIR}/policywatch with `args` (from the test's working
// directory, the source tree), capturing stdout and stderr, and waits for it.
// The child gets no systemd variables (NOTIFY_SOCKET, WATCHDOG_*, ...). A run
// longer than 60 s is a hang: the child is killed and the test fails.
Outcome RunBinary(const std::vector<std::string>& args);

// Starts it without waiting; stdout and stderr go to /dev/null.
pid_t SpawnBinary(const std::vector<std::string>& args);

}  // namespace pw::testing
