#!/usr/bin/env bash
# make bench: runs bench/run (see its doc comment) with wrk, installing wrk
# from the distribution's packages when it is missing; without wrk, bench/run
# falls back to its own Go load generator.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "bench: installing wrk (apt-get install wrk)" >&2
  $sudo apt-get install -y wrk >/dev/null 2>&1 ||
    { $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y wrk >/dev/null 2>&1; } ||
    echo "bench: wrk could not be installed; using the Go load generator" >&2
fi
exec go run ./bench/run "$@"
