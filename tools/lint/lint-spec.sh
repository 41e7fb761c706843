#!/usr/bin/env bash
# Lints api/openapi.yaml with Spectral (.spectral.yaml) and Redocly (redocly.yaml); fails on
# any error. The linters are pinned in tools/lint/package.json and package-lock.json.
# `npm ci` runs only when tools/lint/node_modules is missing or was installed from a
# different package.json / package-lock.json (a checksum is kept in node_modules).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lintdir="$root/tools/lint"
spec="api/openapi.yaml"
stamp="$lintdir/node_modules/.gitauthd-lint.sha256"

checksum() {
  if command -v sha256sum >/dev/null 2>&1; then
    cat "$lintdir/package.json" "$lintdir/package-lock.json" | sha256sum | cut -d' ' -f1
  else
    cat "$lintdir/package.json" "$lintdir/package-lock.json" | shasum -a 256 | cut -d' ' -f1
  fi
}

want="$(checksum)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "lint-spec: installing pinned linters (npm ci)" >&2
  # No install scripts are needed; skipping them also skips a telemetry postinstall.
  (cd "$lintdir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  printf '%s\n' "$want" >"$stamp"
fi

bin="$lintdir/node_modules/.bin"
cd "$root"
status=0

echo "lint-spec: spectral $spec" >&2
"$bin/spectral" lint --ruleset .spectral.yaml --fail-severity error "$spec" || status=1

echo "lint-spec: redocly $spec" >&2
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$bin/redocly" lint --config redocly.yaml "$spec" || status=1

exit "$status"
