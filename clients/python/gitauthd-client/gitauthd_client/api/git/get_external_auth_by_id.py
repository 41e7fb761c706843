from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.external_auth import ExternalAuth
from ...types import Response


def _get_kwargs(
    externalauth: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/external-auth/{externalauth}".format(
            externalauth=quote(str(externalauth), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CoderResponse | ExternalAuth:
    if response.status_code == 200:
        response_200 = ExternalAuth.from_dict(response.json())

        return response_200

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
) -> Response[CoderResponse | ExternalAuth]:
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
) -> Response[CoderResponse | ExternalAuth]:
    """Get external auth by ID

     Returns the caller's link with one provider. Without a link: `authenticated: false`,
    `user: null`, `installations: []`. With a link, the token is validated against the
    provider (refreshed first if expired) and `user` is filled from the provider's user;
    `installations` come from the provider's app-installations URL when configured.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | ExternalAuth]
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
) -> CoderResponse | ExternalAuth | None:
    """Get external auth by ID

     Returns the caller's link with one provider. Without a link: `authenticated: false`,
    `user: null`, `installations: []`. With a link, the token is validated against the
    provider (refreshed first if expired) and `user` is filled from the provider's user;
    `installations` come from the provider's app-installations URL when configured.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | ExternalAuth
    """

    return sync_detailed(
        externalauth=externalauth,
        client=client,
    ).parsed


async def asyncio_detailed(
    externalauth: str,
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | ExternalAuth]:
    """Get external auth by ID

     Returns the caller's link with one provider. Without a link: `authenticated: false`,
    `user: null`, `installations: []`. With a link, the token is validated against the
    provider (refreshed first if expired) and `user` is filled from the provider's user;
    `installations` come from the provider's app-installations URL when configured.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | ExternalAuth]
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
) -> CoderResponse | ExternalAuth | None:
    """Get external auth by ID

     Returns the caller's link with one provider. Without a link: `authenticated: false`,
    `user: null`, `installations: []`. With a link, the token is validated against the
    provider (refreshed first if expired) and `user` is filled from the provider's user;
    `installations` come from the provider's app-installations URL when configured.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | ExternalAuth
    """

    return (
        await asyncio_detailed(
            externalauth=externalauth,
            client=client,
        )
    ).parsed
