#!/usr/bin/env bash
# Generates the clients from api/openapi.yaml (`make clients`):
#   clients/typescript/src/schema.ts      openapi-typescript (clients/typescript/package.json)
#   clients/python/gitauthd-client/       openapi-python-client (tools/python/requirements.txt),
#                                         configured by clients/python/generator.yaml
# With --check (`make check-clients`, part of `make lint`), generates into a temporary
# directory instead and fails when the committed files differ: the clients are stale.
# Needs node/npm and .venv-contract (make venv).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ts="$root/clients/typescript"
py="$root/clients/python"
venv="$root/.venv-contract"
spec="$root/api/openapi.yaml"
check=false
[ "${1:-}" = "--check" ] && check=true

[ -x "$venv/bin/openapi-python-client" ] || { echo "clients: no openapi-python-client in .venv-contract: run 'make venv'" >&2; exit 1; }

# The TypeScript tools, exactly as package-lock.json pins them.
bash "$root/clients/typescript/install.sh"

work="$(mktemp -d -t gitauthd-clients.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "clients: openapi-typescript → clients/typescript/src/schema.ts" >&2
(cd "$ts" && node_modules/.bin/openapi-typescript "$spec" --output "$work/schema.ts" >/dev/null)

echo "clients: openapi-python-client → clients/python/gitauthd-client" >&2
# The generator's post hooks run ruff (installed beside it) in the output directory.
(cd "$py" && PATH="$venv/bin:$PATH" "$venv/bin/openapi-python-client" generate \
  --path "$spec" --config generator.yaml --meta uv --output-path "$work/gitauthd-client" >"$work/python.log" 2>&1) ||
  { cat "$work/python.log" >&2; exit 1; }
if grep -qi "warning" "$work/python.log"; then
  cat "$work/python.log" >&2
  echo "clients: openapi-python-client warned: some of the contract is missing from the Python client" >&2
  exit 1
fi

if ! $check; then
  cp "$work/schema.ts" "$ts/src/schema.ts"
  rm -rf "$py/gitauthd-client"
  cp -R "$work/gitauthd-client" "$py/gitauthd-client"
  exit 0
fi

stale=0
if ! diff -u "$ts/src/schema.ts" "$work/schema.ts" >"$work/ts.diff" 2>&1; then
  echo "clients: clients/typescript/src/schema.ts is stale:" >&2
  head -n 40 "$work/ts.diff" >&2
  stale=1
fi
if ! diff -ru --exclude=__pycache__ "$py/gitauthd-client" "$work/gitauthd-client" >"$work/py.diff" 2>&1; then
  echo "clients: clients/python/gitauthd-client is stale:" >&2
  head -n 40 "$work/py.diff" >&2
  stale=1
fi
if [ "$stale" -ne 0 ]; then
  echo "clients: run 'make clients' and commit the result" >&2
  exit 1
fi
echo "clients: the generated clients are up to date" >&2
