#!/usr/bin/env bash
# Real-browser tests of the web app, Swagger UI and the device flow.
#
# Builds gitauthd and the fake provider, starts the fake (GitHub dialect,
# device codes approved automatically after 2 s, polling interval 1 s, a
# personal access token for ServiceStage authorizations) and gitauthd
# (--in-memory, configured from the fake's printed exports), then runs
# setup.test.mjs alone (it sets up the first user in the browser and leaves
# its session) and every other *.test.mjs after it, one file at a time
# (node --test); they drive Debian's Chromium through playwright-core and
# share lib.mjs.
# Everything it starts is stopped on exit; it exits non-zero when anything
# fails.
#
# Needs: go, node (>= 20), Chromium (CHROMIUM, default: chromium on PATH, as
# Debian's chromium package installs it).
# Runs `npm ci` here when node_modules is missing. Arguments: test files to
# run after setup.test.mjs instead of all of them.
# Leaves screenshots in tests/browser/artifacts/; with E2E_SCREENSHOTS=<dir>
# the main pages' screenshots go there too (make screenshots: docs/images).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM:-$(command -v chromium || true)}"

die() { echo "tests/browser: $*" >&2; exit 1; }

command -v go >/dev/null || die "go is not installed"
command -v node >/dev/null || die "node is not installed"
[ -n "$chromium" ] && [ -x "$chromium" ] || die "no Chromium (apt-get install -y chromium, or set CHROMIUM)"

work="$(mktemp -d -t gitauthd-browser.XXXXXX)"
pids=()
cleanup() {
  local rc=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$rc" -ne 0 ]; then
    for f in fake.out fake.err server.out server.err; do
      if [ -s "$work/$f" ]; then
        echo "--- $f (last 40 lines)" >&2
        tail -n 40 "$work/$f" >&2
      fi
    done
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Nothing of the caller's gitauthd configuration leaks in.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^GITAUTHD_' || true)

if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

echo "tests/browser: building gitauthd and the fake provider"
(cd "$root" && go build -o "$work/gitauthd" ./cmd/server && go build -o "$work/fakeprovider" ./cmd/fakeprovider)

# wait_for FILE PATTERN PID: wait until FILE has a line matching PATTERN, as
# long as PID runs.
wait_for() {
  local file="$1" pattern="$2" pid="$3"
  for _ in $(seq 1 200); do
    if grep -qE "$pattern" "$file" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || die "$(basename "$file" .out) exited before printing /$pattern/"
    sleep 0.1
  done
  die "$(basename "$file" .out) did not print /$pattern/ within 20 s"
}

# The fake provider, on a port it picks; it prints the gitauthd configuration.
personal_token=ghp_browser_test_token
"$work/fakeprovider" --addr 127.0.0.1:0 --id fake --users octocat --personal-token "$personal_token" \
  --device-auto-approve --device-auto-approve-after 2s --device-interval 1 \
  >"$work/fake.out" 2>"$work/fake.err" &
pids+=($!)
wait_for "$work/fake.out" "^export GITAUTHD_EXTERNAL_AUTH_0_DISPLAY_NAME=" "${pids[-1]}"
grep '^export GITAUTHD_EXTERNAL_AUTH_' "$work/fake.out" >"$work/fake.env"
fake_url="$(sed -n "s|^export GITAUTHD_EXTERNAL_AUTH_0_AUTH_URL='\(http://[^/]*\)/.*|\1|p" "$work/fake.env")"
[ -n "$fake_url" ] || die "could not read the fake's URL from its exports"

# A free port for gitauthd, so that its access URL is right.
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
server_url="http://127.0.0.1:$port"
(
  # shellcheck disable=SC1091
  . "$work/fake.env"
  export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
  exec "$work/gitauthd" server --in-memory --http-address "127.0.0.1:$port" --access-url "$server_url"
) >"$work/server.out" 2>"$work/server.err" &
pids+=($!)
wait_for "$work/server.out" "^gitauthd is listening on " "${pids[-1]}"

echo "tests/browser: gitauthd at $server_url, fake provider at $fake_url"

mkdir -p "$here/artifacts" "$work/state"
if [ -n "${E2E_SCREENSHOTS:-}" ]; then
  mkdir -p "$E2E_SCREENSHOTS"
  E2E_SCREENSHOTS="$(cd "$E2E_SCREENSHOTS" && pwd)"
  export E2E_SCREENSHOTS
fi
cd "$here"
export E2E_SERVER_URL="$server_url" \
  E2E_PROVIDER_ID=fake \
  E2E_FAKE_URL="$fake_url" \
  E2E_PERSONAL_TOKEN="$personal_token" \
  E2E_GITAUTHD_BIN="$work/gitauthd" \
  E2E_CHROMIUM="$chromium" \
  E2E_ARTIFACTS="$here/artifacts" \
  E2E_STATE="$work/state"

# First, alone: the first user is set up in the browser; its session is the
# other files' owner session.
node --test --test-reporter=spec setup.test.mjs
E2E_SESSION_TOKEN="$(cat "$work/state/session")"
[ -n "$E2E_SESSION_TOKEN" ] || die "setup.test.mjs left no session"
export E2E_SESSION_TOKEN

# Then every other file (or the files named as arguments), one at a time:
# they share the deployment.
files=("$@")
if [ "${#files[@]}" -eq 0 ]; then
  for f in *.test.mjs; do
    [ "$f" = setup.test.mjs ] || files+=("$f")
  done
fi
node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"

# The docs' screenshots, made smaller when pngquant is there.
if [ -n "${E2E_SCREENSHOTS:-}" ] && command -v pngquant >/dev/null; then
  pngquant --force --skip-if-larger --quality=65-90 --ext .png "$E2E_SCREENSHOTS"/*.png || true
fi
