"""Fixtures for the contract test, made through the API itself (stdlib only).

Creates the owner (the first user) and a member, signs both in, creates a
project with the member in it, and links the member's account with the fake
provider through the device flow (the fake approves codes by itself). Prints
shell exports for run.sh:

    CONTRACT_OWNER_EMAIL, CONTRACT_OWNER_PASSWORD  (the hooks log in with them)
    CONTRACT_OWNER_TOKEN   an owner session: the fuzzer's Coder-Session-Token
    CONTRACT_MEMBER_TOKEN  a member session: the fuzzer's X-Auth-Token
    CONTRACT_PROJECT       the project the /v1 operations are pinned to

Usage: python3 fixtures.py SERVER_URL PROVIDER_ID
"""

import json
import shlex
import sys
import time
import urllib.error
import urllib.request

OWNER = {"email": "owner@example.com", "username": "owner", "password": "contract-owner-password"}
MEMBER = {"email": "member@example.com", "username": "member", "password": "contract-member-password"}
PROJECT = "contract"


def call(base, method, path, body=None, token=None, expect=(200,)):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Coder-Session-Token", token)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            status, raw = res.status, res.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    if status not in expect:
        raise SystemExit(f"fixtures: {method} {path}: {status} {raw[:500]!r}")
    return status, (json.loads(raw) if raw else None)


def main():
    base, provider = sys.argv[1].rstrip("/"), sys.argv[2]
    call(base, "POST", "/api/v2/users/first", OWNER, expect=(201,))
    _, res = call(base, "POST", "/api/v2/users/login",
                  {"email": OWNER["email"], "password": OWNER["password"]}, expect=(201,))
    owner = res["session_token"]
    call(base, "POST", "/api/v2/users", {**MEMBER, "login_type": "password"}, owner, expect=(201,))
    _, res = call(base, "POST", "/api/v2/users/login",
                  {"email": MEMBER["email"], "password": MEMBER["password"]}, expect=(201,))
    member = res["session_token"]

    call(base, "POST", "/api/v2/projects", {"id": PROJECT, "name": "Contract test"}, owner, expect=(201,))
    call(base, "PUT", f"/api/v2/projects/{PROJECT}/members/{MEMBER['username']}", None, owner, expect=(204,))

    # The member links the fake provider with the device flow.
    _, dev = call(base, "GET", f"/api/v2/external-auth/{provider}/device", None, member)
    deadline = time.monotonic() + 60
    while True:
        status, res = call(base, "POST", f"/api/v2/external-auth/{provider}/device",
                           {"device_code": dev["device_code"]}, member, expect=(204, 400))
        if status == 204:
            break
        if res.get("detail") not in ("authorization_pending", "slow_down") or time.monotonic() > deadline:
            raise SystemExit(f"fixtures: device flow: {res}")
        time.sleep(dev["interval"])
    _, link = call(base, "GET", f"/api/v2/external-auth/{provider}", None, member)
    if not link["authenticated"]:
        raise SystemExit(f"fixtures: the member is not linked: {link}")

    for name, value in [
        ("CONTRACT_OWNER_EMAIL", OWNER["email"]),
        ("CONTRACT_OWNER_PASSWORD", OWNER["password"]),
        ("CONTRACT_OWNER_TOKEN", owner),
        ("CONTRACT_MEMBER_TOKEN", member),
        ("CONTRACT_PROJECT", PROJECT),
    ]:
        print(f"export {name}={shlex.quote(value)}")


if __name__ == "__main__":
    main()
