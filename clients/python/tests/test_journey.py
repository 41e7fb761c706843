"""The generated Python client's journey against a live gitauthd (clients/run-tests.sh):
sign in, create a token, read build info and deployment config, link an account with
the device flow, and list a project's ServiceStage authorizations.

The tests run in file order and share the state they build (a session, a token)."""

import time
from http import HTTPStatus

import pytest
from gitauthd_client import AuthenticatedClient, Client
from gitauthd_client.api.general import get_build_info, get_deployment_config
from gitauthd_client.api.git import (
    get_external_auth_by_id,
    get_external_auth_device_by_id,
    get_git_credentials,
    post_external_auth_device_by_id,
)
from gitauthd_client.api.git_repository_authorizations import (
    create_personal_git_authorization,
    list_git_authorizations,
)
from gitauthd_client.api.projects import create_project
from gitauthd_client.api.users import create_token, get_user, list_tokens, login, logout
from gitauthd_client.models import (
    BuildInfoResponse,
    CoderResponse,
    CreateAuthorizationResponse,
    CreatePersonalAuthorizationRequest,
    CreateProjectRequest,
    CreateTokenRequest,
    DeploymentConfig,
    ExternalAuth,
    ExternalAuthDevice,
    ExternalAuthDeviceExchange,
    GenerateAPIKeyResponse,
    GitCredentialsResponse,
    ListAuthorizationsResponse,
    LoginWithPasswordRequest,
    LoginWithPasswordResponse,
    ServiceStageError,
    User,
)

PROJECT = "py-client"
state: dict = {}


def coder(url: str, key: str) -> AuthenticatedClient:
    """A client for /api/v2: the key in the Coder-Session-Token header."""
    return AuthenticatedClient(base_url=url, token=key, prefix="", auth_header_name="Coder-Session-Token")


def servicestage(url: str, key: str) -> AuthenticatedClient:
    """A client for /v1 (ServiceStage): the key in the X-Auth-Token header."""
    return AuthenticatedClient(base_url=url, token=key, prefix="", auth_header_name="X-Auth-Token")


def test_build_info_needs_no_credentials(live):
    info = get_build_info.sync(client=Client(base_url=live["url"]))
    assert isinstance(info, BuildInfoResponse)
    assert info.version.startswith("v")
    assert info.external_url == live["url"]
    assert info.workspace_proxy is False


def test_sign_in(live):
    anonymous = Client(base_url=live["url"])
    wrong = login.sync_detailed(client=anonymous, body=LoginWithPasswordRequest(email=live["email"], password="not-the-password"))
    assert wrong.status_code == HTTPStatus.UNAUTHORIZED
    assert isinstance(wrong.parsed, CoderResponse) and wrong.parsed.message

    res = login.sync(client=anonymous, body=LoginWithPasswordRequest(email=live["email"], password=live["password"]))
    assert isinstance(res, LoginWithPasswordResponse)
    state["session"] = res.session_token

    me = get_user.sync("me", client=coder(live["url"], res.session_token))
    assert isinstance(me, User)
    assert me.email == live["email"]
    assert any(role.name == "owner" for role in me.roles)


def test_create_a_token_and_use_it(live):
    session = coder(live["url"], state["session"])
    res = create_token.sync("me", client=session, body=CreateTokenRequest(token_name="py-client"))
    assert isinstance(res, GenerateAPIKeyResponse)
    key_id, _, secret = res.key.partition("-")
    assert len(key_id) == 10 and secret
    state["token"] = res.key

    tokens = list_tokens.sync("me", client=coder(live["url"], res.key))
    assert any(t.token_name == "py-client" and t.id == key_id for t in tokens)


def test_deployment_config(live):
    config = get_deployment_config.sync(client=coder(live["url"], state["token"]))
    assert isinstance(config, DeploymentConfig)
    assert config.config.access_url.host == live["url"].split("://", 1)[1]
    flags = {o.flag for o in config.options}
    assert "http-address" in flags
    secret = next(o for o in config.options if o.flag == "external-token-encryption-keys")
    assert secret.value is None, "secrets are never shown"


def test_link_with_the_device_flow(live):
    api = coder(live["url"], state["token"])
    provider = live["provider_id"]
    device = get_external_auth_device_by_id.sync(provider, client=api)
    assert isinstance(device, ExternalAuthDevice)
    assert device.verification_uri.startswith(live["provider_url"])

    deadline = time.monotonic() + 45
    while True:
        time.sleep(device.interval)
        res = post_external_auth_device_by_id.sync_detailed(
            provider, client=api, body=ExternalAuthDeviceExchange(device_code=device.device_code)
        )
        if res.status_code == HTTPStatus.NO_CONTENT:
            break
        assert res.status_code == HTTPStatus.BAD_REQUEST
        assert isinstance(res.parsed, CoderResponse)
        assert res.parsed.detail in ("authorization_pending", "slow_down"), res.parsed
        assert time.monotonic() < deadline, "the fake provider approves the code within seconds"

    link = get_external_auth_by_id.sync(provider, client=api)
    assert isinstance(link, ExternalAuth)
    assert link.authenticated is True
    assert link.user.login == "octocat"


def test_servicestage_authorizations(live):
    api = coder(live["url"], state["token"])
    created = create_project.sync_detailed(client=api, body=CreateProjectRequest(id=PROJECT, name="Python client"))
    assert created.status_code == HTTPStatus.CREATED, created.content

    # A token the provider accepts: the one just linked, as git would get it.
    creds = get_git_credentials.sync(client=api, match=f"{live['provider_url']}/octocat/hello.git")
    assert isinstance(creds, GitCredentialsResponse) and creds.access_token

    ss = servicestage(live["url"], state["token"])
    empty = list_git_authorizations.sync(PROJECT, client=ss)
    assert isinstance(empty, ListAuthorizationsResponse)
    assert (empty.count, empty.authorizations) == (0, [])

    res = create_personal_git_authorization.sync(
        PROJECT, "github", client=ss, body=CreatePersonalAuthorizationRequest(name="py-octocat", token=creds.access_token)
    )
    assert isinstance(res, CreateAuthorizationResponse), res
    assert res.authorization.repo_user == "octocat"

    listed = list_git_authorizations.sync(PROJECT, client=ss)
    assert listed.count == 1
    auth = listed.authorizations[0]
    assert (auth.name, auth.token_type.value, auth.status.value) == ("py-octocat", "personal", 0)

    # ServiceStage errors have their own dialect.
    missing = list_git_authorizations.sync_detailed("no-such-project", client=ss)
    assert missing.status_code == HTTPStatus.NOT_FOUND
    assert isinstance(missing.parsed, ServiceStageError)
    assert missing.parsed.error_code == "SVCSTG.REPO.0404"


def test_sign_out(live):
    session = coder(live["url"], state["session"])
    res = logout.sync_detailed(client=session)
    assert res.status_code == HTTPStatus.OK
    after = get_user.sync_detailed("me", client=coder(live["url"], state["session"]))
    assert after.status_code == HTTPStatus.UNAUTHORIZED


if __name__ == "__main__":
    pytest.main([__file__])
