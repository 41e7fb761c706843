#!/usr/bin/env bash
# Real-browser test of the device flow on /external-auth/<id>.
#
# Builds gitauthd and the fake provider, starts the fake (GitHub dialect,
# device codes approved automatically after 2 s, polling interval 1 s) and
# gitauthd (--in-memory, configured from the fake's printed exports), creates
# the first user and signs in through the API, then runs device-flow.test.mjs
# swagger.test.mjs and audit.test.mjs (node --test), which drive Debian's Chromium through
# playwright-core.
# Everything it starts is stopped on exit; it exits non-zero when anything
# fails.
#
# Needs: go, python3, node (>= 20), Chromium (CHROMIUM, default: chromium on
# PATH, as Debian's chromium package installs it). The server and the fake
# are started by tests/lib/live.sh, as for the contract and client tests.
# Runs `npm ci` here when node_modules is missing.
# Leaves screenshots in tests/browser/artifacts/ (device-flow.png, swagger.png).
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

live_build
live_fake --users octocat --device-auto-approve --device-auto-approve-after 2s --device-interval 1
live_server --in-memory
server_url="$LIVE_SERVER_URL"
fake_url="$LIVE_FAKE_URL"
work="$LIVE_WORK"

# The first user, signed in through the API: its session token is the
# browser's session cookie.
session="$(SERVER_URL="$server_url" node --input-type=module -e '
const base = process.env.SERVER_URL;
const post = async (path, body) => {
  const r = await fetch(base + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const b = await r.json();
  if (r.status !== 201) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(b)}`);
  return b;
};
const user = { email: "admin@example.com", username: "admin", password: "a-long-browser-password" };
await post("/api/v2/users/first", user);
const { session_token } = await post("/api/v2/users/login", { email: user.email, password: user.password });
console.log(session_token);
')"
[ -n "$session" ] || live_die "no session token"

mkdir -p "$here/artifacts"
cd "$here"
E2E_SERVER_URL="$server_url" \
E2E_SESSION_TOKEN="$session" \
E2E_PROVIDER_ID=fake \
E2E_FAKE_URL="$fake_url" \
E2E_GITAUTHD_BIN="$work/gitauthd" \
E2E_CHROMIUM="$chromium" \
E2E_ARTIFACTS="$here/artifacts" \
  node --test --test-reporter=spec device-flow.test.mjs swagger.test.mjs audit.test.mjs
