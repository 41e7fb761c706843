"""Schemathesis hooks for the contract test (loaded through SCHEMATHESIS_HOOKS by run.sh).

Authentication. One auth provider gives every operation that declares security
the credential its API expects:

* /v1 (ServiceStage): the member's session in X-Auth-Token; the member belongs
  to the project the /v1 operations are pinned to.
* /api/v2 (Coder): the owner's session in Coder-Session-Token.
* `logout` deletes the key that authenticates it, so it gets a session of its
  own, made by signing in again for each case (login is rate limited per
  email; run.sh raises the limit). The fuzzer's own sessions stay alive.

The fuzzer can reach no key it authenticates with: both are login sessions,
and the only way the API names key ids is `listTokens`, which lists API tokens
(login type `token`), never sessions; so `deleteAPIKey`, fed by the
listTokens → deleteAPIKey link, deletes only tokens the fuzzer created itself.

Serialization. `reportCSPViolations` accepts `application/csp-report`, which is
JSON with another name (browsers send it); Schemathesis knows no serializer
for it, so one is registered here.

A fix to Schemathesis 4.32.5. When a stateful step takes a path parameter from
a link (`DELETE /v1/.../auths/{name}` with the name a list returned), the case
holds the value percent-encoded, and Schemathesis re-judges the case against
the schema with that encoded text: `sĞ` is checked as `s%C4%9E`, whose `%`
the AuthorizationName pattern forbids, so a valid request is taken for an
invalid one and its 204 reported as "schema-violating request accepted".
`read_from_wire`, which gives parameter values "as a server parses them from
text", is made to percent-decode path parameters, as every server does.
"""

import json
import os
import urllib.parse
import urllib.request

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi import schemas as _openapi_schemas

BASE_URL = os.environ["CONTRACT_SERVER_URL"].rstrip("/")
OWNER_TOKEN = os.environ["CONTRACT_OWNER_TOKEN"]
MEMBER_TOKEN = os.environ["CONTRACT_MEMBER_TOKEN"]
OWNER_EMAIL = os.environ["CONTRACT_OWNER_EMAIL"]
OWNER_PASSWORD = os.environ["CONTRACT_OWNER_PASSWORD"]


def fresh_owner_session() -> str:
    body = json.dumps({"email": OWNER_EMAIL, "password": OWNER_PASSWORD}).encode()
    req = urllib.request.Request(
        BASE_URL + "/api/v2/users/login", data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.load(res)["session_token"]


def declares_security(operation) -> bool:
    raw = operation.definition.raw
    security = raw.get("security", operation.schema.raw_schema.get("security", []))
    return bool(security)


@schemathesis.auth(refresh_interval=None)
class Credentials:
    def get(self, case, ctx):
        op = case.operation
        if not declares_security(op):
            return None
        if op.path.startswith("/v1/"):
            return ("X-Auth-Token", MEMBER_TOKEN)
        if op.definition.raw.get("operationId") == "logout":
            return ("Coder-Session-Token", fresh_owner_session())
        return ("Coder-Session-Token", OWNER_TOKEN)

    def set(self, case, data, ctx):
        name, value = data
        if case.headers is None:
            case.headers = {}
        case.headers[name] = value


schemathesis.serializer.alias("application/csp-report", "application/json")


_read_from_wire = _openapi_schemas.read_from_wire


def _read_from_wire_decoding_paths(operation, location, value):
    if location == ParameterLocation.PATH:
        value = {k: urllib.parse.unquote(v) if isinstance(v, str) else v for k, v in value.items()}
    return _read_from_wire(operation, location, value)


_openapi_schemas.read_from_wire = _read_from_wire_decoding_paths
