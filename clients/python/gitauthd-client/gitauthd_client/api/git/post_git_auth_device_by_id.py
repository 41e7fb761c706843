from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.external_auth_device_exchange import ExternalAuthDeviceExchange
from ...types import Response


def _get_kwargs(
    gitauth: str,
    *,
    body: ExternalAuthDeviceExchange,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/gitauth/{gitauth}/device".format(
            gitauth=quote(str(gitauth), safe=""),
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
    gitauth: str,
    *,
    client: AuthenticatedClient,
    body: ExternalAuthDeviceExchange,
) -> Response[Any | CoderResponse]:
    """Post git auth device by ID

     Deprecated alias of `postExternalAuthDeviceByID`.

    Args:
        gitauth (str):
        body (ExternalAuthDeviceExchange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        gitauth=gitauth,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    gitauth: str,
    *,
    client: AuthenticatedClient,
    body: ExternalAuthDeviceExchange,
) -> Any | CoderResponse | None:
    """Post git auth device by ID

     Deprecated alias of `postExternalAuthDeviceByID`.

    Args:
        gitauth (str):
        body (ExternalAuthDeviceExchange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
    """

    return sync_detailed(
        gitauth=gitauth,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    gitauth: str,
    *,
    client: AuthenticatedClient,
    body: ExternalAuthDeviceExchange,
) -> Response[Any | CoderResponse]:
    """Post git auth device by ID

     Deprecated alias of `postExternalAuthDeviceByID`.

    Args:
        gitauth (str):
        body (ExternalAuthDeviceExchange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CoderResponse]
    """

    kwargs = _get_kwargs(
        gitauth=gitauth,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    gitauth: str,
    *,
    client: AuthenticatedClient,
    body: ExternalAuthDeviceExchange,
) -> Any | CoderResponse | None:
    """Post git auth device by ID

     Deprecated alias of `postExternalAuthDeviceByID`.

    Args:
        gitauth (str):
        body (ExternalAuthDeviceExchange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CoderResponse
    """

    return (
        await asyncio_detailed(
            gitauth=gitauth,
            client=client,
            body=body,
        )
    ).parsed
