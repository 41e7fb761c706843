"""Fixtures for the contract test, made through the API itself (stdlib only).

Creates the owner (the first user) and a member, signs both in, creates a
project with the member in it, and links both accounts with the fake
provider through the device flow (the fake approves codes by itself). Prints
shell exports for run.sh:

    CONTRACT_OWNER_EMAIL, CONTRACT_OWNER_PASSWORD  (the hooks log in with them)
    CONTRACT_OWNER_TOKEN   an owner session: the fuzzer's Coder-Session-Token
    CONTRACT_MEMBER_TOKEN  a member session: the fuzzer's X-Auth-Token
    CONTRACT_PROJECT       the project the /v1 operations are pinned to
    CONTRACT_PROVIDER_TOKEN  a token the fake provider accepts (the member's, as git
                           credentials give it), for personal-token authorizations

Usage: python3 fixtures.py SERVER_URL PROVIDER_ID PROVIDER_URL
"""

import json
import shlex
import sys
import time
import urllib.error
import urllib.parse
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


def link(base, provider, token):
    _, dev = call(base, "GET", f"/api/v2/external-auth/{provider}/device", None, token)
    deadline = time.monotonic() + 60
    while True:
        status, res = call(base, "POST", f"/api/v2/external-auth/{provider}/device",
                           {"device_code": dev["device_code"]}, token, expect=(204, 400))
        if status == 204:
            break
        if res.get("detail") not in ("authorization_pending", "slow_down") or time.monotonic() > deadline:
            raise SystemExit(f"fixtures: device flow: {res}")
        time.sleep(dev["interval"])
    _, res = call(base, "GET", f"/api/v2/external-auth/{provider}", None, token)
    if not res["authenticated"]:
        raise SystemExit(f"fixtures: not linked: {res}")


def main():
    base, provider, provider_url = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3].rstrip("/")
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

    # Both link the fake provider with the device flow, so that the fuzzer (the
    # owner) reads a real link too.
    for token in (owner, member):
        link(base, provider, token)

    match = urllib.parse.quote(provider_url + "/octocat/hello.git", safe="")
    _, creds = call(base, "GET", f"/api/v2/git-credentials?match={match}", None, member)
    if not creds.get("access_token"):
        raise SystemExit(f"fixtures: no git credentials: {creds}")

    for name, value in [
        ("CONTRACT_OWNER_EMAIL", OWNER["email"]),
        ("CONTRACT_OWNER_PASSWORD", OWNER["password"]),
        ("CONTRACT_OWNER_TOKEN", owner),
        ("CONTRACT_MEMBER_TOKEN", member),
        ("CONTRACT_PROJECT", PROJECT),
        ("CONTRACT_PROVIDER_TOKEN", creds["access_token"]),
    ]:
        print(f"export {name}={shlex.quote(value)}")


if __name__ == "__main__":
    main()
