from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.user import User
from ...types import Response


def _get_kwargs(
    user: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v2/users/{user}/status/suspend".format(
            user=quote(str(user), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CoderResponse | User:
    if response.status_code == 200:
        response_200 = User.from_dict(response.json())

        return response_200

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CoderResponse | User]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user: str,
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | User]:
    """Suspend user account

     Suspends a user. Owner only. Every session and API token of the user ends at once, and
    the user cannot sign in until activated. Nobody may suspend themselves, and an owner
    cannot be suspended (400).

    Args:
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | User]
    """

    kwargs = _get_kwargs(
        user=user,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user: str,
    *,
    client: AuthenticatedClient,
) -> CoderResponse | User | None:
    """Suspend user account

     Suspends a user. Owner only. Every session and API token of the user ends at once, and
    the user cannot sign in until activated. Nobody may suspend themselves, and an owner
    cannot be suspended (400).

    Args:
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | User
    """

    return sync_detailed(
        user=user,
        client=client,
    ).parsed


async def asyncio_detailed(
    user: str,
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | User]:
    """Suspend user account

     Suspends a user. Owner only. Every session and API token of the user ends at once, and
    the user cannot sign in until activated. Nobody may suspend themselves, and an owner
    cannot be suspended (400).

    Args:
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | User]
    """

    kwargs = _get_kwargs(
        user=user,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user: str,
    *,
    client: AuthenticatedClient,
) -> CoderResponse | User | None:
    """Suspend user account

     Suspends a user. Owner only. Every session and API token of the user ends at once, and
    the user cannot sign in until activated. Nobody may suspend themselves, and an owner
    cannot be suspended (400).

    Args:
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | User
    """

    return (
        await asyncio_detailed(
            user=user,
            client=client,
        )
    ).parsed
