from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.login_with_password_request import LoginWithPasswordRequest
from ...models.login_with_password_response import LoginWithPasswordResponse
from ...types import Response


def _get_kwargs(
    *,
    body: LoginWithPasswordRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/users/login",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoderResponse | LoginWithPasswordResponse:
    if response.status_code == 201:
        response_201 = LoginWithPasswordResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CoderResponse.from_dict(response.json())

        return response_400

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
) -> Response[CoderResponse | LoginWithPasswordResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginWithPasswordRequest,
) -> Response[CoderResponse | LoginWithPasswordResponse]:
    """Log in user

     Exchanges an email and password for a session token. The token is also set as the
    `coder_session_token` cookie. Attempts are rate limited per client; over the limit the answer is 429
    with `Retry-After`.

    Args:
        body (LoginWithPasswordRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | LoginWithPasswordResponse]
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
    body: LoginWithPasswordRequest,
) -> CoderResponse | LoginWithPasswordResponse | None:
    """Log in user

     Exchanges an email and password for a session token. The token is also set as the
    `coder_session_token` cookie. Attempts are rate limited per client; over the limit the answer is 429
    with `Retry-After`.

    Args:
        body (LoginWithPasswordRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | LoginWithPasswordResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginWithPasswordRequest,
) -> Response[CoderResponse | LoginWithPasswordResponse]:
    """Log in user

     Exchanges an email and password for a session token. The token is also set as the
    `coder_session_token` cookie. Attempts are rate limited per client; over the limit the answer is 429
    with `Retry-After`.

    Args:
        body (LoginWithPasswordRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | LoginWithPasswordResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LoginWithPasswordRequest,
) -> CoderResponse | LoginWithPasswordResponse | None:
    """Log in user

     Exchanges an email and password for a session token. The token is also set as the
    `coder_session_token` cookie. Attempts are rate limited per client; over the limit the answer is 429
    with `Retry-After`.

    Args:
        body (LoginWithPasswordRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | LoginWithPasswordResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
