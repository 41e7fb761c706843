from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.external_auth_device import ExternalAuthDevice
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/users/oauth2/github/device",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoderResponse | ExternalAuthDevice:
    if response.status_code == 200:
        response_200 = ExternalAuthDevice.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = CoderResponse.from_dict(response.json())

        return response_400

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
) -> Response[CoderResponse | ExternalAuthDevice]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[CoderResponse | ExternalAuthDevice]:
    """Start GitHub sign-in with the device flow

     Asks GitHub for a device code and answers it. The person enters `user_code` at
    `verification_uri`; the client then calls the callback with the device code as `code`
    and the state of its `oauth_state` cookie. 400 when the device flow is off; 404 when
    GitHub sign-in is not configured.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | ExternalAuthDevice]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> CoderResponse | ExternalAuthDevice | None:
    """Start GitHub sign-in with the device flow

     Asks GitHub for a device code and answers it. The person enters `user_code` at
    `verification_uri`; the client then calls the callback with the device code as `code`
    and the state of its `oauth_state` cookie. 400 when the device flow is off; 404 when
    GitHub sign-in is not configured.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | ExternalAuthDevice
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[CoderResponse | ExternalAuthDevice]:
    """Start GitHub sign-in with the device flow

     Asks GitHub for a device code and answers it. The person enters `user_code` at
    `verification_uri`; the client then calls the callback with the device code as `code`
    and the state of its `oauth_state` cookie. 400 when the device flow is off; 404 when
    GitHub sign-in is not configured.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | ExternalAuthDevice]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> CoderResponse | ExternalAuthDevice | None:
    """Start GitHub sign-in with the device flow

     Asks GitHub for a device code and answers it. The person enters `user_code` at
    `verification_uri`; the client then calls the callback with the device code as `code`
    and the state of its `oauth_state` cookie. 400 when the device flow is off; 404 when
    GitHub sign-in is not configured.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | ExternalAuthDevice
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
