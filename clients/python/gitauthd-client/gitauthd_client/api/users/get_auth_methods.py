from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.auth_methods import AuthMethods
from ...models.coder_response import CoderResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/users/authmethods",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuthMethods | CoderResponse:
    if response.status_code == 200:
        response_200 = AuthMethods.from_dict(response.json())

        return response_200

    if response.status_code == 429:
        response_429 = CoderResponse.from_dict(response.json())

        return response_429

    response_default = CoderResponse.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuthMethods | CoderResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[AuthMethods | CoderResponse]:
    """Get authentication methods

     The ways to sign in that this deployment offers, as Coder's clients read them. Needs no
    authentication. Password sign-in is always on; OpenID Connect sign-in when
    `--oidc-issuer-url` is set, with `--oidc-sign-in-text` and `--oidc-icon-url`; GitHub sign-in
    is not offered (always off).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthMethods | CoderResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> AuthMethods | CoderResponse | None:
    """Get authentication methods

     The ways to sign in that this deployment offers, as Coder's clients read them. Needs no
    authentication. Password sign-in is always on; OpenID Connect sign-in when
    `--oidc-issuer-url` is set, with `--oidc-sign-in-text` and `--oidc-icon-url`; GitHub sign-in
    is not offered (always off).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthMethods | CoderResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[AuthMethods | CoderResponse]:
    """Get authentication methods

     The ways to sign in that this deployment offers, as Coder's clients read them. Needs no
    authentication. Password sign-in is always on; OpenID Connect sign-in when
    `--oidc-issuer-url` is set, with `--oidc-sign-in-text` and `--oidc-icon-url`; GitHub sign-in
    is not offered (always off).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthMethods | CoderResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> AuthMethods | CoderResponse | None:
    """Get authentication methods

     The ways to sign in that this deployment offers, as Coder's clients read them. Needs no
    authentication. Password sign-in is always on; OpenID Connect sign-in when
    `--oidc-issuer-url` is set, with `--oidc-sign-in-text` and `--oidc-icon-url`; GitHub sign-in
    is not offered (always off).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthMethods | CoderResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
