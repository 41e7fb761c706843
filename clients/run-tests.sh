#!/usr/bin/env bash
# Runs the generated clients' tests against a live server (`make test-clients`).
#
# Builds gitauthd and the fake provider, starts the fake (GitHub dialect, device codes
# approved by itself after a second) and gitauthd on embedded SQLite in a temporary
# data dir, creates the first user (the owner) through the API, then runs the
# TypeScript client's tests (node --test) and the Python client's (pytest). Each signs
# in as the owner and walks the same journey. Everything it starts is stopped on exit.
# Needs go, node/npm and .venv-contract (make venv).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../tests/lib/live.sh
. "$here/../tests/lib/live.sh"
venv="$LIVE_ROOT/.venv-contract"
[ -x "$venv/bin/pytest" ] || live_die "no pytest in .venv-contract: run 'make venv'"

live_init clients
bash "$here/typescript/install.sh"
live_build
live_fake --device-auto-approve --device-auto-approve-after 1s --device-interval 1
live_server --data-dir "$LIVE_WORK/data"

export GITAUTHD_URL="$LIVE_SERVER_URL"
export GITAUTHD_EMAIL="owner@example.com"
export GITAUTHD_PASSWORD="clients-owner-password"
export GITAUTHD_PROVIDER_ID=fake
export GITAUTHD_PROVIDER_URL="$LIVE_FAKE_URL"
python3 - <<'EOF'
import json, os, urllib.request
body = {"email": os.environ["GITAUTHD_EMAIL"], "username": "owner", "password": os.environ["GITAUTHD_PASSWORD"]}
req = urllib.request.Request(os.environ["GITAUTHD_URL"] + "/api/v2/users/first", data=json.dumps(body).encode(),
                             headers={"Content-Type": "application/json"}, method="POST")
urllib.request.urlopen(req, timeout=30).read()
EOF

status=0
echo "clients: TypeScript client tests" >&2
(cd "$here/typescript" && npm test --silent) || status=1
echo "clients: Python client tests" >&2
(cd "$here/python" && "$venv/bin/pytest" -q -p no:cacheprovider tests) || status=1
exit "$status"
