#!/usr/bin/env bash
# policywatch vs urlwatch on the same local pages (issue 7, "Measure and report"):
# 1,000 and 10,000 documents; a first cycle, an unchanged one, one with 10%
# changed; idle CPU and RSS of `policywatch run` with every document planned.
#
# usage: bench/daemon/bench_daemon_vs_urlwatch.sh [BUILD_DIR] [DOCS] [IDLE_SECONDS] [REPEAT]
#   e.g. bench/daemon/bench_daemon_vs_urlwatch.sh build 1000,10000 30
# Installs Debian's urlwatch with apt-get when it is missing (needs root).
set -euo pipefail
build=${1:-build}
docs=${2:-1000,10000}
idle=${3:-30}
if ! command -v urlwatch >/dev/null; then
  echo "installing urlwatch (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y urlwatch >/dev/null
fi
cmake --build "$build" --target bench_daemon policywatch -j"$(nproc)" >/dev/null
echo "urlwatch $(urlwatch --version 2>/dev/null | head -1); $(nproc) CPUs"
exec "$build/bench/daemon/bench_daemon" --docs "$docs" --idle-seconds "$idle" --urlwatch yes \
  --repeat "${4:-3}" \
  --binary "$build/policywatch"
