// A TCP port on 127.0.0.1 that is free at the moment of asking, for a child
// process (the daemon, `serve`) to bind soon after.
#pragma once

namespace pw::testing {

int FreeLoopbackPort();

}  // namespace pw::testing
