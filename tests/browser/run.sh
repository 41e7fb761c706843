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
# Needs: go, python3, node (>= 20), Chromium (CHROMIUM, default: chromium on
# PATH, as Debian's chromium package installs it). The server and the fake
# are started by tests/lib/live.sh, as for the contract and client tests.
# Runs `npm ci` here when node_modules is missing. Arguments: test files to
# run after setup.test.mjs instead of all of them.
# Leaves screenshots in tests/browser/artifacts/; with E2E_SCREENSHOTS=<dir>
# the main pages' screenshots go there too (docs/images holds the README's).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
chromium="${CHROMIUM:-$(command -v chromium || true)}"

# shellcheck source=../lib/live.sh
. "$here/../lib/live.sh"
live_init browser
command -v node >/dev/null || live_die "node is not installed"
[ -n "$chromium" ] && [ -x "$chromium" ] || live_die "no Chromium (apt-get install -y chromium, or set CHROMIUM)"

if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

personal_token=ghp_browser_test_token
live_build
(cd "$LIVE_ROOT" && go build -o "$LIVE_WORK/oidc-op" ./tests/browser/oidc-op) # the OpenID Provider of sso.test.mjs
live_fake --users octocat --personal-token "$personal_token" \
  --device-auto-approve --device-auto-approve-after 2s --device-interval 1
live_server --in-memory
server_url="$LIVE_SERVER_URL"
fake_url="$LIVE_FAKE_URL"
work="$LIVE_WORK"

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
  E2E_OIDC_OP_BIN="$work/oidc-op" \
  E2E_CHROMIUM="$chromium" \
  E2E_ARTIFACTS="$here/artifacts" \
  E2E_STATE="$work/state"

# First, alone: the first user is set up in the browser; its session is the
# other files' owner session.
node --test --test-reporter=spec setup.test.mjs
E2E_SESSION_TOKEN="$(cat "$work/state/session")"
[ -n "$E2E_SESSION_TOKEN" ] || live_die "setup.test.mjs left no session"
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
