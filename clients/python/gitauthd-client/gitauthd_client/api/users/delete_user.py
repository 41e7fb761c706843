from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...types import Response


def _get_kwargs(
    user: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v2/users/{user}".format(
            user=quote(str(user), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CoderResponse:
    if response.status_code == 200:
        response_200 = CoderResponse.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CoderResponse]:
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
) -> Response[CoderResponse]:
    """Delete user

     Deletes a user. Owner only. The user's provider links are revoked at the provider where it
    supports revocation, then removed with the user's sessions, API tokens and project
    memberships. Nobody may delete themselves (403), nor the last owner (400).

    Args:
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse]
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
) -> CoderResponse | None:
    """Delete user

     Deletes a user. Owner only. The user's provider links are revoked at the provider where it
    supports revocation, then removed with the user's sessions, API tokens and project
    memberships. Nobody may delete themselves (403), nor the last owner (400).

    Args:
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse
    """

    return sync_detailed(
        user=user,
        client=client,
    ).parsed


async def asyncio_detailed(
    user: str,
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse]:
    """Delete user

     Deletes a user. Owner only. The user's provider links are revoked at the provider where it
    supports revocation, then removed with the user's sessions, API tokens and project
    memberships. Nobody may delete themselves (403), nor the last owner (400).

    Args:
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse]
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
) -> CoderResponse | None:
    """Delete user

     Deletes a user. Owner only. The user's provider links are revoked at the provider where it
    supports revocation, then removed with the user's sessions, API tokens and project
    memberships. Nobody may delete themselves (403), nor the last owner (400).

    Args:
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse
    """

    return (
        await asyncio_detailed(
            user=user,
            client=client,
        )
    ).parsed
