#!/usr/bin/env bash
# Property-based contract test (`make contract-test`): Schemathesis against the real
# server, over every operation of api/openapi.yaml, with every check (--checks all)
# and every phase: examples, coverage, fuzzing, and stateful through the spec's
# `links`.
#
# Builds gitauthd and the fake provider, starts the fake (GitHub dialect, device
# codes approved by itself) and gitauthd on embedded SQLite in a temporary data dir
# (API rate limit off, login limit out of reach), makes the fixtures through the API
# (fixtures.py: owner, member, a project with the member, both accounts linked by
# the device flow), then runs Schemathesis, authenticated by hooks.py and configured
# by schemathesis.toml, in two suites that together cover every operation once
# (why: below). Prints the test cases generated per operation (cases.py); fails on
# any failure or error. Everything it starts is stopped on exit. Reports (JUnit,
# NDJSON events) go to tests/contract/reports/.
#
# Usage: tests/contract/run.sh [more `schemathesis run` options]
# Environment:
#   CONTRACT_MAX_EXAMPLES  test cases per operation and phase, three times as many
#                          stateful scenarios (default 150: about two minutes of
#                          Schemathesis on two cores)
#   CONTRACT_SEED          Schemathesis seed (default: random; the run prints it)
#   CONTRACT_WORKERS       default 1: on two cores one worker is faster than two,
#                          whose threads contend for the GIL
#   CONTRACT_VENV          default .venv-contract (make venv)
#   CONTRACT_REPORTS       default tests/contract/reports
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/live.sh
. "$here/../lib/live.sh"
venv="${CONTRACT_VENV:-$LIVE_ROOT/.venv-contract}"
[ -x "$venv/bin/st" ] || live_die "no Schemathesis in $venv: run 'make venv'"
reports="${CONTRACT_REPORTS:-$here/reports}"

live_init contract
live_build
live_fake --device-auto-approve --device-auto-approve-after 1s --device-interval 1
# No API rate limit and a login limit the fuzzer cannot reach: a 429 would
# only hide what the server does with the request (the limits have tests of
# their own in internal/e2e).
live_server --data-dir "$LIVE_WORK/data" --rate-limit-api 0 --login-rate-limit 1000000

echo "contract: fixtures (owner, member, project, device-flow link)" >&2
fixtures="$(python3 "$here/fixtures.py" "$LIVE_SERVER_URL" fake "$LIVE_FAKE_URL")"
eval "$fixtures"
export CONTRACT_SERVER_URL="$LIVE_SERVER_URL"
export CONTRACT_OWNER_EMAIL CONTRACT_OWNER_PASSWORD CONTRACT_OWNER_TOKEN CONTRACT_MEMBER_TOKEN CONTRACT_PROJECT
export SCHEMATHESIS_HOOKS="$here/hooks.py"

# The configuration, with the dictionaries of run-time values and the budget.
max_examples="${CONTRACT_MAX_EXAMPLES:-150}"
config="$LIVE_WORK/schemathesis.toml"
cp "$here/schemathesis.toml" "$config"
cat >>"$config" <<EOF

[dictionaries.repositories]
values = ["$LIVE_FAKE_URL/octocat/hello.git"]
[dictionaries.provider-tokens]
values = ["$CONTRACT_PROVIDER_TOKEN"]

# Test cases per operation and phase; the stateful phase gets more scenarios, as few of
# them draw the successful create that a create → read → delete chain starts with.
[generation]
max-examples = $max_examples
[phases.stateful.generation]
max-examples = $((max_examples * 3))
EOF

rm -rf "$reports"
mkdir -p "$reports"
seed=()
[ -n "${CONTRACT_SEED:-}" ] && seed=(--seed "$CONTRACT_SEED")

# Two suites, one after the other, that together cover every operation once:
# the ServiceStage operations first, then all the others. The owner's
# operations can delete the fixture project or remove the member from it
# (Schemathesis reuses ids it saw in earlier responses, so it does find
# them); run first, the /v1 operations meet the project as fixtures.py made it.
ss_tag="Git repository authorizations"
status=0
for suite in servicestage coder; do
  if [ "$suite" = servicestage ]; then filter=(--include-tag "$ss_tag"); else filter=(--exclude-tag "$ss_tag"); fi
  echo "contract: suite $suite" >&2
  (
    cd "$here"
    "$venv/bin/st" --config-file "$config" run "$LIVE_ROOT/api/openapi.yaml" \
      --url "$LIVE_SERVER_URL" \
      "${filter[@]}" \
      --checks all \
      --phases examples,coverage,fuzzing,stateful \
      --workers "${CONTRACT_WORKERS:-1}" \
      --request-timeout 30 \
      --report junit,ndjson --report-dir "$reports" \
      --report-ndjson-path "$reports/$suite.ndjson" --report-junit-path "$reports/$suite.junit.xml" \
      --no-color \
      "${seed[@]}" "$@"
  ) || status=$?
done

python3 "$here/cases.py" "$LIVE_ROOT/api/openapi.yaml" "$reports"/*.ndjson || status=1
exit "$status"
