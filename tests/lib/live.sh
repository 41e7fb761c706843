# shellcheck shell=bash
# A live gitauthd for tests that drive it from outside (tests/contract,
# clients/*): sourced, not run.
#
#   . tests/lib/live.sh
#   live_init contract                # a work dir; everything started is stopped on exit
#   live_build                        # $LIVE_WORK/gitauthd and $LIVE_WORK/fakeprovider
#   live_fake --device-auto-approve   # the fake provider; LIVE_FAKE_URL, $LIVE_WORK/fake.env
#   live_server --data-dir "$LIVE_WORK/data"   # gitauthd with the fake configured; LIVE_SERVER_URL
#
# The server is the real binary on a free loopback port, configured from the
# fake provider's printed exports and nothing of the caller's environment.
# On failure the last lines of every log are printed. Needs go and python3.

LIVE_NAME="${LIVE_NAME:-live}"
LIVE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LIVE_PIDS=()

live_die() { echo "$LIVE_NAME: $*" >&2; exit 1; }

# live_init NAME: make the work dir and the exit trap.
live_init() {
  LIVE_NAME="$1"
  command -v go >/dev/null || live_die "go is not installed"
  command -v python3 >/dev/null || live_die "python3 is not installed"
  LIVE_WORK="$(mktemp -d -t "gitauthd-$LIVE_NAME.XXXXXX")"
  export LIVE_WORK
  trap live_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # Nothing of the caller's gitauthd configuration leaks in.
  while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^GITAUTHD_' || true)
}

live_cleanup() {
  local rc=$?
  local pid
  for pid in "${LIVE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${LIVE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ] && [ -n "${LIVE_WORK:-}" ]; then
    local f
    for f in fake.out fake.err server.out server.err; do
      if [ -s "$LIVE_WORK/$f" ]; then
        echo "--- $LIVE_NAME: $f (last 40 lines)" >&2
        tail -n 40 "$LIVE_WORK/$f" >&2
      fi
    done
  fi
  [ -n "${LIVE_WORK:-}" ] && rm -rf "$LIVE_WORK"
  exit "$rc"
}

live_build() {
  echo "$LIVE_NAME: building gitauthd and the fake provider" >&2
  (cd "$LIVE_ROOT" && go build -o "$LIVE_WORK/gitauthd" ./cmd/server && go build -o "$LIVE_WORK/fakeprovider" ./cmd/fakeprovider)
}

# live_wait FILE PATTERN PID: wait until FILE has a line matching PATTERN, as
# long as PID runs (20 s at most).
live_wait() {
  local file="$1" pattern="$2" pid="$3" i
  for i in $(seq 1 200); do
    if grep -qE "$pattern" "$file" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || live_die "$(basename "$file" .out) exited before printing /$pattern/"
    sleep 0.1
  done
  live_die "$(basename "$file" .out) did not print /$pattern/ within 20 s"
}

# live_port: a free loopback port.
live_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# live_fake ARGS...: start the fake provider (GitHub dialect, id "fake") on a
# port it picks; sets LIVE_FAKE_URL and writes $LIVE_WORK/fake.env.
live_fake() {
  "$LIVE_WORK/fakeprovider" --addr 127.0.0.1:0 --id fake "$@" >"$LIVE_WORK/fake.out" 2>"$LIVE_WORK/fake.err" &
  LIVE_PIDS+=($!)
  live_wait "$LIVE_WORK/fake.out" "^export GITAUTHD_EXTERNAL_AUTH_0_DISPLAY_NAME=" "${LIVE_PIDS[-1]}"
  grep '^export GITAUTHD_EXTERNAL_AUTH_' "$LIVE_WORK/fake.out" >"$LIVE_WORK/fake.env"
  LIVE_FAKE_URL="$(sed -n "s|^export GITAUTHD_EXTERNAL_AUTH_0_AUTH_URL='\(http://[^/]*\)/.*|\1|p" "$LIVE_WORK/fake.env")"
  [ -n "$LIVE_FAKE_URL" ] || live_die "could not read the fake's URL from its exports"
  export LIVE_FAKE_URL
}

# live_server ARGS...: start gitauthd on a free port, configured for the fake
# provider, with ARGS added; sets LIVE_SERVER_URL.
live_server() {
  local port
  port="$(live_port)"
  LIVE_SERVER_URL="http://127.0.0.1:$port"
  (
    # shellcheck disable=SC1091
    . "$LIVE_WORK/fake.env"
    export HOME="$LIVE_WORK/home" XDG_CONFIG_HOME="$LIVE_WORK/home/.config"
    exec "$LIVE_WORK/gitauthd" server --http-address "127.0.0.1:$port" --access-url "$LIVE_SERVER_URL" "$@"
  ) >"$LIVE_WORK/server.out" 2>"$LIVE_WORK/server.err" &
  LIVE_PIDS+=($!)
  live_wait "$LIVE_WORK/server.out" "^gitauthd is listening on " "${LIVE_PIDS[-1]}"
  export LIVE_SERVER_URL
  echo "$LIVE_NAME: gitauthd at $LIVE_SERVER_URL, fake provider at $LIVE_FAKE_URL" >&2
}
