#!/usr/bin/env bash
# Makes .venv-contract/ (Schemathesis, openapi-python-client, pytest: the Python tools of
# `make contract-test`, `make clients` and the Python client's tests) with exactly the
# versions of tools/python/requirements.txt. Reinstalls only when that file changed
# since the last install (a checksum is kept in the venv). Needs python3 >= 3.11.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.venv-contract"
reqs="$root/tools/python/requirements.txt"
stamp="$venv/.requirements.sha256"
python="${PYTHON:-python3}"

command -v "$python" >/dev/null || { echo "venv: $python is not installed" >&2; exit 1; }
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' ||
  { echo "venv: Python 3.11 or newer is needed, $("$python" --version 2>&1) found" >&2; exit 1; }

want="$(sha256sum "$reqs" | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
echo "venv: installing the pinned Python tools into .venv-contract/" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$reqs"
printf '%s\n' "$want" >"$stamp"
