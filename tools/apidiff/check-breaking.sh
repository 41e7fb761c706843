#!/usr/bin/env bash
# Breaking-change guard for api/openapi.yaml (run by `make check-breaking`, part of
# `make lint`).
#
# Compares the working tree's api/openapi.yaml with a base version using oasdiff
# (pinned below; `go run` fetches and builds it once) and fails when a breaking change
# (oasdiff level ERR) is not listed in api/CHANGELOG.md (format at the top of that
# file; breaking.py does the matching). The base is, in order:
#   1. the newest release tag (v*) reachable from HEAD that is not HEAD itself;
#   2. the merge base of HEAD with main (origin/main, else main), unless that is HEAD;
#   3. HEAD~1, if the history has it (a clone of main alone, with no tag);
#   4. nothing: the check is skipped, saying so.
# BREAKING_BASE=<git revision> overrides the choice.
set -euo pipefail

OASDIFF="github.com/oasdiff/oasdiff@v1.33.0"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spec="api/openapi.yaml"
changelog="api/CHANGELOG.md"
cd "$root"

say() { echo "check-breaking: $*" >&2; }

if ! git rev-parse --git-dir >/dev/null 2>&1; then
  say "skipped: not a git checkout, so there is no earlier version of $spec to compare with"
  exit 0
fi

head="$(git rev-parse -q --verify HEAD^{commit} || true)"
if [ -z "$head" ]; then
  say "skipped: no commit yet"
  exit 0
fi

base="${BREAKING_BASE:-}"
base_tag=""
why=""
if [ -n "$base" ]; then
  why="BREAKING_BASE"
else
  while IFS= read -r tag; do
    [ -n "$tag" ] || continue
    if [ "$(git rev-parse "$tag^{commit}")" != "$head" ]; then
      base="$tag" base_tag="$tag" why="previous release tag"
      break
    fi
  done < <(git tag --list 'v[0-9]*' --merged HEAD --sort=-v:refname)
fi
if [ -z "$base" ]; then
  for ref in origin/main main; do
    if git rev-parse -q --verify "$ref^{commit}" >/dev/null; then
      mb="$(git merge-base HEAD "$ref" 2>/dev/null || true)"
      if [ -n "$mb" ] && [ "$mb" != "$head" ]; then
        base="$mb" why="merge base with $ref"
      fi
      break
    fi
  done
fi
if [ -z "$base" ] && git rev-parse -q --verify HEAD~1^{commit} >/dev/null; then
  base="HEAD~1" why="no release tag and no other branch: the previous commit"
fi
if [ -z "$base" ]; then
  say "skipped: no release tag, no main branch to diverge from and no previous commit to compare with"
  exit 0
fi

work="$(mktemp -d -t gitauthd-apidiff.XXXXXX)"
trap 'rm -rf "$work"' EXIT
if ! git show "$base:$spec" >"$work/base.yaml" 2>/dev/null; then
  say "skipped: $spec does not exist at $base ($why)"
  exit 0
fi
say "comparing $spec with $base ($why, $(git rev-parse --short "$base^{commit}")) using oasdiff ${OASDIFF##*@}"

go run "$OASDIFF" breaking "$work/base.yaml" "$spec" --format json >"$work/changes.json"
python3 "$root/tools/apidiff/breaking.py" "$work/changes.json" "$changelog" "$base_tag"
