from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.delete_external_auth_by_id_response import DeleteExternalAuthByIDResponse
from ...types import Response


def _get_kwargs(
    externalauth: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v2/external-auth/{externalauth}".format(
            externalauth=quote(str(externalauth), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoderResponse | DeleteExternalAuthByIDResponse:
    if response.status_code == 200:
        response_200 = DeleteExternalAuthByIDResponse.from_dict(response.json())

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
) -> Response[CoderResponse | DeleteExternalAuthByIDResponse]:
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
) -> Response[CoderResponse | DeleteExternalAuthByIDResponse]:
    """Delete external auth user link by ID

     Unlinks the caller from the provider (the stored tokens are deleted first), then asks
    the provider to revoke the token, best effort: `token_revoked` says whether it did and
    `token_revocation_error` why not. 404 when the caller has no link with the provider.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | DeleteExternalAuthByIDResponse]
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
) -> CoderResponse | DeleteExternalAuthByIDResponse | None:
    """Delete external auth user link by ID

     Unlinks the caller from the provider (the stored tokens are deleted first), then asks
    the provider to revoke the token, best effort: `token_revoked` says whether it did and
    `token_revocation_error` why not. 404 when the caller has no link with the provider.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | DeleteExternalAuthByIDResponse
    """

    return sync_detailed(
        externalauth=externalauth,
        client=client,
    ).parsed


async def asyncio_detailed(
    externalauth: str,
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | DeleteExternalAuthByIDResponse]:
    """Delete external auth user link by ID

     Unlinks the caller from the provider (the stored tokens are deleted first), then asks
    the provider to revoke the token, best effort: `token_revoked` says whether it did and
    `token_revocation_error` why not. 404 when the caller has no link with the provider.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | DeleteExternalAuthByIDResponse]
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
) -> CoderResponse | DeleteExternalAuthByIDResponse | None:
    """Delete external auth user link by ID

     Unlinks the caller from the provider (the stored tokens are deleted first), then asks
    the provider to revoke the token, best effort: `token_revoked` says whether it did and
    `token_revocation_error` why not. 404 when the caller has no link with the provider.

    Args:
        externalauth (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | DeleteExternalAuthByIDResponse
    """

    return (
        await asyncio_detailed(
            externalauth=externalauth,
            client=client,
        )
    ).parsed
