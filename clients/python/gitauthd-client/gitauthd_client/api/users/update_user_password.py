from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.update_user_password_request import UpdateUserPasswordRequest
from ...types import Response


def _get_kwargs(
    user: str,
    *,
    body: UpdateUserPasswordRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v2/users/{user}/password".format(
            user=quote(str(user), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | CoderResponse:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = CoderResponse.from_dict(response.json())

        return response_400

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | CoderResponse]:
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
    body: UpdateUserPasswordRequest,
) -> Response[Any | CoderResponse]:
    """Update user password

     Sets a password user's password and, as Coder does, ends every session and API token of
    the user. Users change their own (with `old_password`); the owner anyone's (without it).
    Anyone else gets 404. 400 when the user does not sign in with a password, the old
    password is missing or wrong, the new one is too weak, or it equals the old one.

    Args:
        user (str):
        body (UpdateUserPasswordRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
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
    body: UpdateUserPasswordRequest,
) -> Any | CoderResponse | None:
    """Update user password

     Sets a password user's password and, as Coder does, ends every session and API token of
    the user. Users change their own (with `old_password`); the owner anyone's (without it).
    Anyone else gets 404. 400 when the user does not sign in with a password, the old
    password is missing or wrong, the new one is too weak, or it equals the old one.

    Args:
        user (str):
        body (UpdateUserPasswordRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
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
    body: UpdateUserPasswordRequest,
) -> Response[Any | CoderResponse]:
    """Update user password

     Sets a password user's password and, as Coder does, ends every session and API token of
    the user. Users change their own (with `old_password`); the owner anyone's (without it).
    Anyone else gets 404. 400 when the user does not sign in with a password, the old
    password is missing or wrong, the new one is too weak, or it equals the old one.

    Args:
        user (str):
        body (UpdateUserPasswordRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
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
    body: UpdateUserPasswordRequest,
) -> Any | CoderResponse | None:
    """Update user password

     Sets a password user's password and, as Coder does, ends every session and API token of
    the user. Users change their own (with `old_password`); the owner anyone's (without it).
    Anyone else gets 404. 400 when the user does not sign in with a password, the old
    password is missing or wrong, the new one is too weak, or it equals the old one.

    Args:
        user (str):
        body (UpdateUserPasswordRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
    """

    return (
        await asyncio_detailed(
            user=user,
            client=client,
            body=body,
        )
    ).parsed
