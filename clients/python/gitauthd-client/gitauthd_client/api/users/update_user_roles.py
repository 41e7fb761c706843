from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.update_roles import UpdateRoles
from ...models.user import User
from ...types import Response


def _get_kwargs(
    user: str,
    *,
    body: UpdateRoles,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v2/users/{user}/roles".format(
            user=quote(str(user), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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
    body: UpdateRoles,
) -> Response[CoderResponse | User]:
    """Assign role to user

     Replaces the user's site roles (`owner`, `user-admin`, `auditor`; `member` is implied
    and may be listed) and answers the updated user. Owners may grant and remove any role,
    user admins any role but `owner`; anyone else gets 403. Nobody may change their own
    roles, an unknown role is refused, and the last owner cannot be demoted: each a 400
    that changes nothing.

    Args:
        user (str):
        body (UpdateRoles):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | User]
    """

    kwargs = _get_kwargs(
        user=user,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user: str,
    *,
    client: AuthenticatedClient,
    body: UpdateRoles,
) -> CoderResponse | User | None:
    """Assign role to user

     Replaces the user's site roles (`owner`, `user-admin`, `auditor`; `member` is implied
    and may be listed) and answers the updated user. Owners may grant and remove any role,
    user admins any role but `owner`; anyone else gets 403. Nobody may change their own
    roles, an unknown role is refused, and the last owner cannot be demoted: each a 400
    that changes nothing.

    Args:
        user (str):
        body (UpdateRoles):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | User
    """

    return sync_detailed(
        user=user,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    user: str,
    *,
    client: AuthenticatedClient,
    body: UpdateRoles,
) -> Response[CoderResponse | User]:
    """Assign role to user

     Replaces the user's site roles (`owner`, `user-admin`, `auditor`; `member` is implied
    and may be listed) and answers the updated user. Owners may grant and remove any role,
    user admins any role but `owner`; anyone else gets 403. Nobody may change their own
    roles, an unknown role is refused, and the last owner cannot be demoted: each a 400
    that changes nothing.

    Args:
        user (str):
        body (UpdateRoles):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | User]
    """

    kwargs = _get_kwargs(
        user=user,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user: str,
    *,
    client: AuthenticatedClient,
    body: UpdateRoles,
) -> CoderResponse | User | None:
    """Assign role to user

     Replaces the user's site roles (`owner`, `user-admin`, `auditor`; `member` is implied
    and may be listed) and answers the updated user. Owners may grant and remove any role,
    user admins any role but `owner`; anyone else gets 403. Nobody may change their own
    roles, an unknown role is refused, and the last owner cannot be demoted: each a 400
    that changes nothing.

    Args:
        user (str):
        body (UpdateRoles):

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
            body=body,
        )
    ).parsed
