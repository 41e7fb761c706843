"""Match oasdiff's breaking changes against the listing in api/CHANGELOG.md.

Usage: python3 breaking.py CHANGES.json CHANGELOG.md [BASE_TAG]

CHANGES.json is `oasdiff breaking --format json`. Every change of level ERR must be
listed: a changelog line of the form

    - `METHOD /path` oasdiff-rule-id: why, and what clients do about it

lists every change of that rule to that operation. With BASE_TAG (the base is a
release), only the part of the changelog above that release's heading
(`## BASE_TAG`) counts: what was listed for earlier releases does not excuse new
changes. Warnings (level WARN) are printed and never fail. Stdlib only.
"""

import json
import re
import sys

LEVELS = {3: "error", 2: "warning", 1: "info"}
ENTRY = re.compile(r"^\s*[-*]\s+`(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) (/\S*)`\s+([a-z0-9][a-z0-9-]*)\b")


def listed(changelog, base_tag):
    entries = set()
    try:
        lines = open(changelog, encoding="utf-8").readlines()
    except FileNotFoundError:
        print(f"check-breaking: {changelog} does not exist: no breaking change is listed")
        return entries
    for line in lines:
        if base_tag and re.match(r"^##\s+\[?" + re.escape(base_tag) + r"\]?(\s|$)", line):
            break
        m = ENTRY.match(line)
        if m:
            entries.add((m.group(1), m.group(2), m.group(3)))
    return entries


def main():
    changes_path, changelog = sys.argv[1], sys.argv[2]
    base_tag = sys.argv[3] if len(sys.argv) > 3 else ""
    changes = json.load(open(changes_path, encoding="utf-8")) or []
    entries = listed(changelog, base_tag)
    used, unlisted = set(), []
    for c in changes:
        key = (c.get("operation", ""), c.get("path", ""), c["id"])
        level = LEVELS.get(c.get("level"), str(c.get("level")))
        where = f"{key[0]} {key[1]}".strip() or c.get("section", "")
        if key in entries:
            used.add(key)
            print(f"  listed    {level:7} {where}: [{c['id']}] {c['text']}")
        elif c.get("level") == 3:
            unlisted.append((where, c))
            print(f"  UNLISTED  {level:7} {where}: [{c['id']}] {c['text']}")
        else:
            print(f"  {level:17} {where}: [{c['id']}] {c['text']}")
    errors = sum(1 for c in changes if c.get("level") == 3)
    print(f"check-breaking: {len(changes)} change(s) reported, {errors} breaking, {len(unlisted)} not listed in {changelog}")
    for key in sorted(entries - used):
        print(f"check-breaking: note: {changelog} lists `{key[0]} {key[1]}` {key[2]}, which this comparison does not report")
    if unlisted:
        print(
            f"check-breaking: FAIL: list each breaking change in {changelog} as\n"
            f"  - `METHOD /path` rule-id: why, and what clients do about it\n"
            f"(one line per operation and rule), or undo it."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
