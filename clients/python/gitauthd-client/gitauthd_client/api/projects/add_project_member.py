from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...types import Response


def _get_kwargs(
    project: str,
    user: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v2/projects/{project}/members/{user}".format(
            project=quote(str(project), safe=""),
            user=quote(str(user), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | CoderResponse:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
    project: str,
    user: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | CoderResponse]:
    """Add project member

     Makes the user (`{user}` is a username or UUID) a member of the project (owner only). Adding a
    member twice is not an error.

    Args:
        project (str):
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        project=project,
        user=user,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project: str,
    user: str,
    *,
    client: AuthenticatedClient,
) -> Any | CoderResponse | None:
    """Add project member

     Makes the user (`{user}` is a username or UUID) a member of the project (owner only). Adding a
    member twice is not an error.

    Args:
        project (str):
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
    """

    return sync_detailed(
        project=project,
        user=user,
        client=client,
    ).parsed


async def asyncio_detailed(
    project: str,
    user: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | CoderResponse]:
    """Add project member

     Makes the user (`{user}` is a username or UUID) a member of the project (owner only). Adding a
    member twice is not an error.

    Args:
        project (str):
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        project=project,
        user=user,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project: str,
    user: str,
    *,
    client: AuthenticatedClient,
) -> Any | CoderResponse | None:
    """Add project member

     Makes the user (`{user}` is a username or UUID) a member of the project (owner only). Adding a
    member twice is not an error.

    Args:
        project (str):
        user (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
    """

    return (
        await asyncio_detailed(
            project=project,
            user=user,
            client=client,
        )
    ).parsed
