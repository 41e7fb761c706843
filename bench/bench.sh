#!/usr/bin/env bash
# make bench: runs bench/run (see its doc comment) with wrk, installing wrk
# from the distribution's packages when it is missing (without wrk, bench/run
# falls back to its own Go load generator), and with a PostgreSQL server for
# the size table's second engine.
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
# The size table runs on PostgreSQL too: on the server named by
# GITAUTHD_BENCH_POSTGRES_URL, else on a private cluster started here (and
# stopped at the end; BENCH_POSTGRES=0 skips it).
if [ -z "${GITAUTHD_BENCH_POSTGRES_URL:-}" ] && [ "${BENCH_POSTGRES:-1}" != 0 ]; then
  # shellcheck source=../scripts/ci-postgres.sh
  source scripts/ci-postgres.sh
  if ci_postgres_start >&2; then
    trap ci_postgres_stop EXIT
    export GITAUTHD_BENCH_POSTGRES_URL="$GITAUTHD_TEST_POSTGRES_URL"
  else
    echo "bench: no PostgreSQL server could be started; the size table runs on SQLite only" >&2
  fi
fi
go run ./bench/run "$@"
