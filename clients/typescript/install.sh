#!/usr/bin/env bash
# Installs the TypeScript client's dependencies exactly as package-lock.json pins them
# (`npm ci`), unless node_modules was already installed from this package.json and
# package-lock.json (a checksum is kept in node_modules).
set -euo pipefail

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$dir/node_modules/.gitauthd-client.sha256"
command -v npm >/dev/null || { echo "clients/typescript: npm is not installed" >&2; exit 1; }
want="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
echo "clients/typescript: installing the pinned packages (npm ci)" >&2
(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
printf '%s\n' "$want" >"$stamp"
