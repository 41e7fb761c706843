from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.create_first_user_request import CreateFirstUserRequest
from ...models.create_first_user_response import CreateFirstUserResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CreateFirstUserRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/users/first",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoderResponse | CreateFirstUserResponse:
    if response.status_code == 201:
        response_201 = CreateFirstUserResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CoderResponse.from_dict(response.json())

        return response_400

    if response.status_code == 409:
        response_409 = CoderResponse.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = CoderResponse.from_dict(response.json())

        return response_429

    response_default = CoderResponse.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CoderResponse | CreateFirstUserResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateFirstUserRequest,
) -> Response[CoderResponse | CreateFirstUserResponse]:
    """Create initial user

     Creates the first user, who becomes the owner, and the default organization. Needs no authentication
    and succeeds only once; afterwards it answers 409.

    Args:
        body (CreateFirstUserRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | CreateFirstUserResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateFirstUserRequest,
) -> CoderResponse | CreateFirstUserResponse | None:
    """Create initial user

     Creates the first user, who becomes the owner, and the default organization. Needs no authentication
    and succeeds only once; afterwards it answers 409.

    Args:
        body (CreateFirstUserRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | CreateFirstUserResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateFirstUserRequest,
) -> Response[CoderResponse | CreateFirstUserResponse]:
    """Create initial user

     Creates the first user, who becomes the owner, and the default organization. Needs no authentication
    and succeeds only once; afterwards it answers 409.

    Args:
        body (CreateFirstUserRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | CreateFirstUserResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateFirstUserRequest,
) -> CoderResponse | CreateFirstUserResponse | None:
    """Create initial user

     Creates the first user, who becomes the owner, and the default organization. Needs no authentication
    and succeeds only once; afterwards it answers 409.

    Args:
        body (CreateFirstUserRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | CreateFirstUserResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
