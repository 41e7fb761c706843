from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.external_auth_device_exchange import ExternalAuthDeviceExchange
from ...types import Response


def _get_kwargs(
    externalauth: str,
    *,
    body: ExternalAuthDeviceExchange,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/external-auth/{externalauth}/device".format(
            externalauth=quote(str(externalauth), safe=""),
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
    externalauth: str,
    *,
    client: AuthenticatedClient,
    body: ExternalAuthDeviceExchange,
) -> Response[Any | CoderResponse]:
    """Post external auth device by ID

     Exchanges a device code for a token and stores the link. 204 once the token is stored;
    otherwise 400 with `detail` set to the provider's error code exactly:
    `authorization_pending` or `slow_down` (keep polling; `slow_down` adds 5 s to the
    interval), `expired_token` or `access_denied` (stop).

    Args:
        externalauth (str):
        body (ExternalAuthDeviceExchange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        externalauth=externalauth,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    externalauth: str,
    *,
    client: AuthenticatedClient,
    body: ExternalAuthDeviceExchange,
) -> Any | CoderResponse | None:
    """Post external auth device by ID

     Exchanges a device code for a token and stores the link. 204 once the token is stored;
    otherwise 400 with `detail` set to the provider's error code exactly:
    `authorization_pending` or `slow_down` (keep polling; `slow_down` adds 5 s to the
    interval), `expired_token` or `access_denied` (stop).

    Args:
        externalauth (str):
        body (ExternalAuthDeviceExchange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
    """

    return sync_detailed(
        externalauth=externalauth,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    externalauth: str,
    *,
    client: AuthenticatedClient,
    body: ExternalAuthDeviceExchange,
) -> Response[Any | CoderResponse]:
    """Post external auth device by ID

     Exchanges a device code for a token and stores the link. 204 once the token is stored;
    otherwise 400 with `detail` set to the provider's error code exactly:
    `authorization_pending` or `slow_down` (keep polling; `slow_down` adds 5 s to the
    interval), `expired_token` or `access_denied` (stop).

    Args:
        externalauth (str):
        body (ExternalAuthDeviceExchange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        externalauth=externalauth,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    externalauth: str,
    *,
    client: AuthenticatedClient,
    body: ExternalAuthDeviceExchange,
) -> Any | CoderResponse | None:
    """Post external auth device by ID

     Exchanges a device code for a token and stores the link. 204 once the token is stored;
    otherwise 400 with `detail` set to the provider's error code exactly:
    `authorization_pending` or `slow_down` (keep polling; `slow_down` adds 5 s to the
    interval), `expired_token` or `access_denied` (stop).

    Args:
        externalauth (str):
        body (ExternalAuthDeviceExchange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
    """

    return (
        await asyncio_detailed(
            externalauth=externalauth,
            client=client,
            body=body,
        )
    ).parsed
