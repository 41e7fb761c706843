from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.list_user_external_auth_response import ListUserExternalAuthResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/external-auth",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoderResponse | ListUserExternalAuthResponse:
    if response.status_code == 200:
        response_200 = ListUserExternalAuthResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = CoderResponse.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = CoderResponse.from_dict(response.json())

        return response_429

    response_default = CoderResponse.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CoderResponse | ListUserExternalAuthResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | ListUserExternalAuthResponse]:
    """List external auth providers and the caller's links

     Every configured provider, and the caller's links with them. Each link says whether
    its token is valid now (`authenticated`, refreshed first if expired) and, when not,
    why (`validate_error`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | ListUserExternalAuthResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> CoderResponse | ListUserExternalAuthResponse | None:
    """List external auth providers and the caller's links

     Every configured provider, and the caller's links with them. Each link says whether
    its token is valid now (`authenticated`, refreshed first if expired) and, when not,
    why (`validate_error`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | ListUserExternalAuthResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | ListUserExternalAuthResponse]:
    """List external auth providers and the caller's links

     Every configured provider, and the caller's links with them. Each link says whether
    its token is valid now (`authenticated`, refreshed first if expired) and, when not,
    why (`validate_error`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | ListUserExternalAuthResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> CoderResponse | ListUserExternalAuthResponse | None:
    """List external auth providers and the caller's links

     Every configured provider, and the caller's links with them. Each link says whether
    its token is valid now (`authenticated`, refreshed first if expired) and, when not,
    why (`validate_error`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | ListUserExternalAuthResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
