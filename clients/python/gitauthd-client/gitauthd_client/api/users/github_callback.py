from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    oauth_state: str | Unset = UNSET,
) -> dict[str, Any]:

    cookies = {}
    if oauth_state is not UNSET:
        cookies["oauth_state"] = oauth_state

    params: dict[str, Any] = {}

    params["code"] = code

    params["state"] = state

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/users/oauth2/github/callback",
        "params": params,
        "cookies": cookies,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | CoderResponse:
    if response.status_code == 307:
        response_307 = cast(Any, None)
        return response_307

    if response.status_code == 400:
        response_400 = CoderResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CoderResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CoderResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = CoderResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = CoderResponse.from_dict(response.json())

        return response_429

    response_default = CoderResponse.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | CoderResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    oauth_state: str | Unset = UNSET,
) -> Response[Any | CoderResponse]:
    """GitHub sign-in callback

     Company sign-in through GitHub (or GitHub Enterprise). Without `code`, it starts: 307 to
    GitHub's authorization page with a single-use state and a PKCE challenge, whose secrets
    travel in the `oauth_state` cookie; with the device flow on, 307 to
    `/login/device?state=…` instead, as Coder does, and `code` is then a device code from
    `GET /api/v2/users/oauth2/github/device`. With `code` and `state`, it checks the state,
    exchanges the code, reads the GitHub user, their organization and team memberships (when
    `allowed_orgs` / `allowed_teams` restrict sign-in) and their verified primary email, and
    signs the person in: 307 to `/` with the session cookie. A device code not yet approved
    is 400 with the provider's error code in `detail`. A refusal is 401 (or 403 for a
    suspended user, a user who signs in another way, or sign-ups off) and creates nothing;
    404 when GitHub sign-in is not configured.

    Args:
        code (str | Unset):
        state (str | Unset):
        oauth_state (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        code=code,
        state=state,
        oauth_state=oauth_state,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    oauth_state: str | Unset = UNSET,
) -> Any | CoderResponse | None:
    """GitHub sign-in callback

     Company sign-in through GitHub (or GitHub Enterprise). Without `code`, it starts: 307 to
    GitHub's authorization page with a single-use state and a PKCE challenge, whose secrets
    travel in the `oauth_state` cookie; with the device flow on, 307 to
    `/login/device?state=…` instead, as Coder does, and `code` is then a device code from
    `GET /api/v2/users/oauth2/github/device`. With `code` and `state`, it checks the state,
    exchanges the code, reads the GitHub user, their organization and team memberships (when
    `allowed_orgs` / `allowed_teams` restrict sign-in) and their verified primary email, and
    signs the person in: 307 to `/` with the session cookie. A device code not yet approved
    is 400 with the provider's error code in `detail`. A refusal is 401 (or 403 for a
    suspended user, a user who signs in another way, or sign-ups off) and creates nothing;
    404 when GitHub sign-in is not configured.

    Args:
        code (str | Unset):
        state (str | Unset):
        oauth_state (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
    """

    return sync_detailed(
        client=client,
        code=code,
        state=state,
        oauth_state=oauth_state,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    oauth_state: str | Unset = UNSET,
) -> Response[Any | CoderResponse]:
    """GitHub sign-in callback

     Company sign-in through GitHub (or GitHub Enterprise). Without `code`, it starts: 307 to
    GitHub's authorization page with a single-use state and a PKCE challenge, whose secrets
    travel in the `oauth_state` cookie; with the device flow on, 307 to
    `/login/device?state=…` instead, as Coder does, and `code` is then a device code from
    `GET /api/v2/users/oauth2/github/device`. With `code` and `state`, it checks the state,
    exchanges the code, reads the GitHub user, their organization and team memberships (when
    `allowed_orgs` / `allowed_teams` restrict sign-in) and their verified primary email, and
    signs the person in: 307 to `/` with the session cookie. A device code not yet approved
    is 400 with the provider's error code in `detail`. A refusal is 401 (or 403 for a
    suspended user, a user who signs in another way, or sign-ups off) and creates nothing;
    404 when GitHub sign-in is not configured.

    Args:
        code (str | Unset):
        state (str | Unset):
        oauth_state (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        code=code,
        state=state,
        oauth_state=oauth_state,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    oauth_state: str | Unset = UNSET,
) -> Any | CoderResponse | None:
    """GitHub sign-in callback

     Company sign-in through GitHub (or GitHub Enterprise). Without `code`, it starts: 307 to
    GitHub's authorization page with a single-use state and a PKCE challenge, whose secrets
    travel in the `oauth_state` cookie; with the device flow on, 307 to
    `/login/device?state=…` instead, as Coder does, and `code` is then a device code from
    `GET /api/v2/users/oauth2/github/device`. With `code` and `state`, it checks the state,
    exchanges the code, reads the GitHub user, their organization and team memberships (when
    `allowed_orgs` / `allowed_teams` restrict sign-in) and their verified primary email, and
    signs the person in: 307 to `/` with the session cookie. A device code not yet approved
    is 400 with the provider's error code in `detail`. A refusal is 401 (or 403 for a
    suspended user, a user who signs in another way, or sign-ups off) and creates nothing;
    404 when GitHub sign-in is not configured.

    Args:
        code (str | Unset):
        state (str | Unset):
        oauth_state (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            code=code,
            state=state,
            oauth_state=oauth_state,
        )
    ).parsed
