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
    oidc_flow: str | Unset = UNSET,
) -> dict[str, Any]:

    cookies = {}
    if oidc_flow is not UNSET:
        cookies["oidc_flow"] = oidc_flow

    params: dict[str, Any] = {}

    params["code"] = code

    params["state"] = state

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/users/oidc/callback",
        "params": params,
        "cookies": cookies,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | CoderResponse:
    if response.status_code == 307:
        response_307 = cast(Any, None)
        return response_307

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
    oidc_flow: str | Unset = UNSET,
) -> Response[Any | CoderResponse]:
    """OpenID Connect callback

     Company sign-in through OpenID Connect. Without `code`, it starts: 307 to the identity
    provider with a single-use state, nonce and PKCE challenge, whose secrets travel in the
    `oidc_flow` cookie. With `code` and `state` (the provider's redirect), it checks them and
    the ID token (issuer, audience, signature, expiry, nonce), applies the email rules and
    signs the person in: 307 to `/` with the session cookie. A refusal is 401 (or 403 for a
    suspended user, a user who signs in another way, or sign-ups off) and creates nothing;
    404 when OIDC sign-in is not configured.

    Args:
        code (str | Unset):
        state (str | Unset):
        oidc_flow (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        code=code,
        state=state,
        oidc_flow=oidc_flow,
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
    oidc_flow: str | Unset = UNSET,
) -> Any | CoderResponse | None:
    """OpenID Connect callback

     Company sign-in through OpenID Connect. Without `code`, it starts: 307 to the identity
    provider with a single-use state, nonce and PKCE challenge, whose secrets travel in the
    `oidc_flow` cookie. With `code` and `state` (the provider's redirect), it checks them and
    the ID token (issuer, audience, signature, expiry, nonce), applies the email rules and
    signs the person in: 307 to `/` with the session cookie. A refusal is 401 (or 403 for a
    suspended user, a user who signs in another way, or sign-ups off) and creates nothing;
    404 when OIDC sign-in is not configured.

    Args:
        code (str | Unset):
        state (str | Unset):
        oidc_flow (str | Unset):

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
        oidc_flow=oidc_flow,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    oidc_flow: str | Unset = UNSET,
) -> Response[Any | CoderResponse]:
    """OpenID Connect callback

     Company sign-in through OpenID Connect. Without `code`, it starts: 307 to the identity
    provider with a single-use state, nonce and PKCE challenge, whose secrets travel in the
    `oidc_flow` cookie. With `code` and `state` (the provider's redirect), it checks them and
    the ID token (issuer, audience, signature, expiry, nonce), applies the email rules and
    signs the person in: 307 to `/` with the session cookie. A refusal is 401 (or 403 for a
    suspended user, a user who signs in another way, or sign-ups off) and creates nothing;
    404 when OIDC sign-in is not configured.

    Args:
        code (str | Unset):
        state (str | Unset):
        oidc_flow (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        code=code,
        state=state,
        oidc_flow=oidc_flow,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    oidc_flow: str | Unset = UNSET,
) -> Any | CoderResponse | None:
    """OpenID Connect callback

     Company sign-in through OpenID Connect. Without `code`, it starts: 307 to the identity
    provider with a single-use state, nonce and PKCE challenge, whose secrets travel in the
    `oidc_flow` cookie. With `code` and `state` (the provider's redirect), it checks them and
    the ID token (issuer, audience, signature, expiry, nonce), applies the email rules and
    signs the person in: 307 to `/` with the session cookie. A refusal is 401 (or 403 for a
    suspended user, a user who signs in another way, or sign-ups off) and creates nothing;
    404 when OIDC sign-in is not configured.

    Args:
        code (str | Unset):
        state (str | Unset):
        oidc_flow (str | Unset):

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
            oidc_flow=oidc_flow,
        )
    ).parsed
