from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.git_auth import GitAuth
from ...types import Response


def _get_kwargs(
    gitauth: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/gitauth/{gitauth}".format(
            gitauth=quote(str(gitauth), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CoderResponse | GitAuth:
    if response.status_code == 200:
        response_200 = GitAuth.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = CoderResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = CoderResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = CoderResponse.from_dict(response.json())

        return response_429

    response_default = CoderResponse.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CoderResponse | GitAuth]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    gitauth: str,
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | GitAuth]:
    """Get git auth by ID

     Deprecated alias of `getExternalAuthByID` with the older response shape (`type` instead of
    `display_name`).

    Args:
        gitauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | GitAuth]
    """

    kwargs = _get_kwargs(
        gitauth=gitauth,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    gitauth: str,
    *,
    client: AuthenticatedClient,
) -> CoderResponse | GitAuth | None:
    """Get git auth by ID

     Deprecated alias of `getExternalAuthByID` with the older response shape (`type` instead of
    `display_name`).

    Args:
        gitauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | GitAuth
    """

    return sync_detailed(
        gitauth=gitauth,
        client=client,
    ).parsed


async def asyncio_detailed(
    gitauth: str,
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | GitAuth]:
    """Get git auth by ID

     Deprecated alias of `getExternalAuthByID` with the older response shape (`type` instead of
    `display_name`).

    Args:
        gitauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | GitAuth]
    """

    kwargs = _get_kwargs(
        gitauth=gitauth,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    gitauth: str,
    *,
    client: AuthenticatedClient,
) -> CoderResponse | GitAuth | None:
    """Get git auth by ID

     Deprecated alias of `getExternalAuthByID` with the older response shape (`type` instead of
    `display_name`).

    Args:
        gitauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | GitAuth
    """

    return (
        await asyncio_detailed(
            gitauth=gitauth,
            client=client,
        )
    ).parsed
