from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.create_token_request import CreateTokenRequest
from ...models.generate_api_key_response import GenerateAPIKeyResponse
from ...types import Response


def _get_kwargs(
    user: str,
    *,
    body: CreateTokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/users/{user}/keys/tokens".format(
            user=quote(str(user), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoderResponse | GenerateAPIKeyResponse:
    if response.status_code == 201:
        response_201 = GenerateAPIKeyResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CoderResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CoderResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = CoderResponse.from_dict(response.json())

        return response_404

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
) -> Response[CoderResponse | GenerateAPIKeyResponse]:
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
    body: CreateTokenRequest,
) -> Response[CoderResponse | GenerateAPIKeyResponse]:
    """Create token API key

     Creates a long-lived API token for the user. `lifetime` is in nanoseconds; zero means
    `session_lifetime.default_token_lifetime`, and more than `max_token_lifetime` is refused
    with 400 naming `lifetime`. An empty `scope` means `all`. Token names are unique per user
    (409); an empty name is replaced by a generated one. The key is shown only in this answer.

    Args:
        user (str):
        body (CreateTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | GenerateAPIKeyResponse]
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
    body: CreateTokenRequest,
) -> CoderResponse | GenerateAPIKeyResponse | None:
    """Create token API key

     Creates a long-lived API token for the user. `lifetime` is in nanoseconds; zero means
    `session_lifetime.default_token_lifetime`, and more than `max_token_lifetime` is refused
    with 400 naming `lifetime`. An empty `scope` means `all`. Token names are unique per user
    (409); an empty name is replaced by a generated one. The key is shown only in this answer.

    Args:
        user (str):
        body (CreateTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | GenerateAPIKeyResponse
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
    body: CreateTokenRequest,
) -> Response[CoderResponse | GenerateAPIKeyResponse]:
    """Create token API key

     Creates a long-lived API token for the user. `lifetime` is in nanoseconds; zero means
    `session_lifetime.default_token_lifetime`, and more than `max_token_lifetime` is refused
    with 400 naming `lifetime`. An empty `scope` means `all`. Token names are unique per user
    (409); an empty name is replaced by a generated one. The key is shown only in this answer.

    Args:
        user (str):
        body (CreateTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | GenerateAPIKeyResponse]
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
    body: CreateTokenRequest,
) -> CoderResponse | GenerateAPIKeyResponse | None:
    """Create token API key

     Creates a long-lived API token for the user. `lifetime` is in nanoseconds; zero means
    `session_lifetime.default_token_lifetime`, and more than `max_token_lifetime` is refused
    with 400 naming `lifetime`. An empty `scope` means `all`. Token names are unique per user
    (409); an empty name is replaced by a generated one. The key is shown only in this answer.

    Args:
        user (str):
        body (CreateTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | GenerateAPIKeyResponse
    """

    return (
        await asyncio_detailed(
            user=user,
            client=client,
            body=body,
        )
    ).parsed
