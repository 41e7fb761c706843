#!/usr/bin/env bash
# A private PostgreSQL server for the tests: CI sources this file, and so can
# a developer who wants the PostgreSQL tests to run instead of skip.
#
#   source scripts/ci-postgres.sh
#   ci_postgres_start   # install Debian's postgresql if needed, start a
#                       # throwaway cluster on a free loopback port, create a
#                       # database, export GITAUTHD_TEST_POSTGRES_URL and
#                       # GITAUTHD_TEST_POSTGRES_BINDIR
#   make test
#   ci_postgres_stop    # stop the cluster and delete its files
#
# Run as a script, `scripts/ci-postgres.sh start` prints the export lines
# and `scripts/ci-postgres.sh stop <dir>` stops the cluster kept in <dir>.
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the
# `postgres` account the Debian package creates. The tests that restart
# PostgreSQL make throwaway clusters of their own with the binaries in
# GITAUTHD_TEST_POSTGRES_BINDIR, so the shared one is never disturbed.

# ci_postgres_bindir prints the directory holding initdb and pg_ctl: from
# PATH, else from pg_config (which Debian's postgresql-common puts on PATH).
ci_postgres_bindir() {
  local d
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null) || true
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  fi
  return 1
}

# ci_postgres_install installs Debian's postgresql package unless the
# server binaries are there already.
ci_postgres_install() {
  if ci_postgres_bindir >/dev/null; then
    return 0
  fi
  echo "== installing PostgreSQL (Debian's postgresql package)"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo=sudo
  fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y postgresql
  ci_postgres_bindir >/dev/null || { echo "ci-postgres: initdb and pg_ctl not found after installing postgresql" >&2; return 1; }
}

# ci_postgres_as runs a command as the cluster's owner: the current user,
# or `postgres` when running as root.
ci_postgres_as() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ci_postgres_start() {
  ci_postgres_install || return 1
  local bindir port password dir
  bindir=$(ci_postgres_bindir) || return 1
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') || return 1
  password=$(python3 -c 'import secrets; print(secrets.token_hex(16))') || return 1
  dir=$(mktemp -d -t gitauthd-postgres.XXXXXX) || return 1
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
  fi
  printf '%s\n' "$password" >"$dir/pwfile"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir/pwfile"
  fi

  echo "== starting PostgreSQL ($("$bindir/postgres" --version)) on 127.0.0.1:$port"
  ci_postgres_as "$bindir/initdb" -D "$dir/data" -U gitauthd --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; return 1; }
  rm -f "$dir/pwfile"
  # Many test packages run at once, each opening pools: allow plenty of
  # connections. fsync stays on: the crash tests rely on it.
  ci_postgres_as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400" start >/dev/null ||
    { cat "$dir/postgresql.log" >&2; return 1; }
  PGPASSWORD=$password "$bindir/psql" -X -q -h 127.0.0.1 -p "$port" -U gitauthd -d postgres \
    -c 'CREATE DATABASE gitauthd_test' || { ci_postgres_stop; return 1; }

  export CI_POSTGRES_DIR=$dir CI_POSTGRES_BINDIR=$bindir
  export GITAUTHD_TEST_POSTGRES_URL="postgres://gitauthd:$password@127.0.0.1:$port/gitauthd_test?sslmode=disable"
  export GITAUTHD_TEST_POSTGRES_BINDIR=$bindir
  echo "== PostgreSQL is ready: GITAUTHD_TEST_POSTGRES_URL is set"
}

ci_postgres_stop() {
  local dir=${1:-${CI_POSTGRES_DIR:-}} bindir
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  bindir=${CI_POSTGRES_BINDIR:-$(ci_postgres_bindir)}
  echo "== stopping PostgreSQL"
  if [ -f "$dir/data/postmaster.pid" ]; then
    ci_postgres_as "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null || true
  fi
  rm -rf "$dir"
  unset CI_POSTGRES_DIR GITAUTHD_TEST_POSTGRES_URL
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      ci_postgres_start >&2
      echo "export GITAUTHD_TEST_POSTGRES_URL='$GITAUTHD_TEST_POSTGRES_URL'"
      echo "export GITAUTHD_TEST_POSTGRES_BINDIR='$GITAUTHD_TEST_POSTGRES_BINDIR'"
      echo "# stop with: $0 stop '$CI_POSTGRES_DIR'"
      ;;
    stop)
      ci_postgres_stop "${2:?usage: $0 stop <dir>}"
      ;;
    *)
      echo "usage: $0 start | stop <dir>" >&2
      exit 2
      ;;
  esac
fi
