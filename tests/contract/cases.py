"""Print the test cases Schemathesis generated per operation, from its NDJSON events.

Usage: python3 cases.py OPENAPI.yaml EVENTS.ndjson...

Counts distinct cases (by case id) per operation and phase, and how often the
stateful phase followed each of the spec's `links`. Fails when an operation of the
spec got no case at all, so that "every operation" stays true as the spec grows.
Stdlib only: the operations are read from the spec's path lines.
"""

import collections
import json
import re
import sys

PHASES = ["examples", "coverage", "fuzzing", "stateful"]
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def spec_operations(path):
    """(METHOD, path template) of every operation, by a line scan of the YAML."""
    ops, current = [], None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^  (/\S*):\s*$", line)
        if m:
            current = m.group(1)
            continue
        if re.match(r"^\S", line):
            current = None
        m = re.match(r"^    ([a-z]+):\s*$", line)
        if current and m and m.group(1) in METHODS:
            ops.append(f"{m.group(1).upper()} {current}")
    return ops


def spec_links(path):
    """Number of `links` entries of the spec's responses, by a line scan of the YAML."""
    n, inside = 0, False
    for line in open(path, encoding="utf-8"):
        if line.rstrip("\n") == "          links:":
            inside = True
            continue
        if inside and re.match(r"^            \S", line):
            n += 1
        elif inside and not line.startswith("             "):
            inside = False
    return n


def main():
    spec, events = sys.argv[1], sys.argv[2:]
    counts = collections.defaultdict(lambda: collections.Counter())
    seen = set()
    operations = set(spec_operations(spec))
    probes = 0
    followed = collections.Counter()
    lines = (line for path in events for line in open(path, encoding="utf-8"))
    for line in lines:
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        phase = finished.get("phase", "?")
        recorder = finished.get("recorder") or {}
        for case_id, node in recorder.get("cases", {}).items():
            if case_id in seen:
                continue
            seen.add(case_id)
            value = node["value"]
            op = f"{value['method'].upper()} {value['path']}"
            if op not in operations:
                # A probe of the operation's path with a method the spec does not
                # list (unsupported_method): it belongs to the scenario's operation.
                probes += 1
                op = recorder.get("label", op)
            counts[op][phase] += 1
            transition = node.get("transition")
            if transition and transition.get("id"):
                followed[transition["id"]] += 1
    operations = sorted(operations)
    width = max(len(op) for op in operations)
    print(f"\ncontract: test cases per operation ({len(operations)} operations)")
    print(f"{'operation':<{width}}  " + "  ".join(f"{p:>9}" for p in PHASES) + "      total")
    grand = collections.Counter()
    missing = []
    for op in sorted(operations, key=lambda o: (o.split(" ", 1)[1], o)):
        c = counts.get(op, collections.Counter())
        total = sum(c.values())
        grand.update(c)
        if total == 0:
            missing.append(op)
        print(f"{op:<{width}}  " + "  ".join(f"{c[p]:>9}" for p in PHASES) + f"  {total:>9}")
    print(f"{'all':<{width}}  " + "  ".join(f"{grand[p]:>9}" for p in PHASES) + f"  {sum(grand.values()):>9}")
    print(f"(of which {probes} probe a method the spec does not list, for the unsupported_method check)")
    print(f"\ncontract: links followed by the stateful phase ({len(followed)} of the spec's {spec_links(spec)})")
    for link, n in sorted(followed.items()):
        print(f"{n:>6}  {link}")
    unknown = sorted(set(counts) - set(operations))
    if unknown:
        print(f"contract: cases for operations not in the spec: {unknown}")
    if missing:
        print(f"contract: FAIL: no test case for {len(missing)} operation(s): {', '.join(missing)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
