from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.external_auth_device import ExternalAuthDevice
from ...types import Response


def _get_kwargs(
    externalauth: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/external-auth/{externalauth}/device".format(
            externalauth=quote(str(externalauth), safe=""),
        ),
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
    externalauth: str,
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | ExternalAuthDevice]:
    """Get external auth device by ID.

     Starts the OAuth 2.0 device authorization flow (RFC 8628) with the provider and returns the codes to
    show to the user. 400 when the provider has no device flow.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | ExternalAuthDevice]
    """

    kwargs = _get_kwargs(
        externalauth=externalauth,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    externalauth: str,
    *,
    client: AuthenticatedClient,
) -> CoderResponse | ExternalAuthDevice | None:
    """Get external auth device by ID.

     Starts the OAuth 2.0 device authorization flow (RFC 8628) with the provider and returns the codes to
    show to the user. 400 when the provider has no device flow.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | ExternalAuthDevice
    """

    return sync_detailed(
        externalauth=externalauth,
        client=client,
    ).parsed


async def asyncio_detailed(
    externalauth: str,
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | ExternalAuthDevice]:
    """Get external auth device by ID.

     Starts the OAuth 2.0 device authorization flow (RFC 8628) with the provider and returns the codes to
    show to the user. 400 when the provider has no device flow.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | ExternalAuthDevice]
    """

    kwargs = _get_kwargs(
        externalauth=externalauth,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    externalauth: str,
    *,
    client: AuthenticatedClient,
) -> CoderResponse | ExternalAuthDevice | None:
    """Get external auth device by ID.

     Starts the OAuth 2.0 device authorization flow (RFC 8628) with the provider and returns the codes to
    show to the user. 400 when the provider has no device flow.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | ExternalAuthDevice
    """

    return (
        await asyncio_detailed(
            externalauth=externalauth,
            client=client,
        )
    ).parsed
