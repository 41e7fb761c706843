from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.list_authorizations_response import ListAuthorizationsResponse
from ...models.service_stage_error import ServiceStageError
from ...types import Response


def _get_kwargs(
    project_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/{project_id}/git/auths".format(
            project_id=quote(str(project_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListAuthorizationsResponse | ServiceStageError:
    if response.status_code == 200:
        response_200 = ListAuthorizationsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ServiceStageError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ServiceStageError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ServiceStageError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ServiceStageError.from_dict(response.json())

        return response_429

    response_default = ServiceStageError.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ListAuthorizationsResponse | ServiceStageError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ListAuthorizationsResponse | ServiceStageError]:
    """Obtaining a Git Repository Authorization List

     Lists the Git repository authorizations of a project. Authenticated by `X-Auth-Token`.
    Clients (Huawei Cloud's SDK among them) send `Content-Type: application/json` on this
    GET although it has no body; the header is accepted and ignored, and is not required.
    Other signing headers the SDK adds (`Authorization: SDK-HMAC-SHA256 …`, `X-Sdk-Date`,
    `X-Project-Id`) are ignored when the `X-Auth-Token` is valid.

    Args:
        project_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListAuthorizationsResponse | ServiceStageError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
) -> ListAuthorizationsResponse | ServiceStageError | None:
    """Obtaining a Git Repository Authorization List

     Lists the Git repository authorizations of a project. Authenticated by `X-Auth-Token`.
    Clients (Huawei Cloud's SDK among them) send `Content-Type: application/json` on this
    GET although it has no body; the header is accepted and ignored, and is not required.
    Other signing headers the SDK adds (`Authorization: SDK-HMAC-SHA256 …`, `X-Sdk-Date`,
    `X-Project-Id`) are ignored when the `X-Auth-Token` is valid.

    Args:
        project_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListAuthorizationsResponse | ServiceStageError
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ListAuthorizationsResponse | ServiceStageError]:
    """Obtaining a Git Repository Authorization List

     Lists the Git repository authorizations of a project. Authenticated by `X-Auth-Token`.
    Clients (Huawei Cloud's SDK among them) send `Content-Type: application/json` on this
    GET although it has no body; the header is accepted and ignored, and is not required.
    Other signing headers the SDK adds (`Authorization: SDK-HMAC-SHA256 …`, `X-Sdk-Date`,
    `X-Project-Id`) are ignored when the `X-Auth-Token` is valid.

    Args:
        project_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListAuthorizationsResponse | ServiceStageError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
) -> ListAuthorizationsResponse | ServiceStageError | None:
    """Obtaining a Git Repository Authorization List

     Lists the Git repository authorizations of a project. Authenticated by `X-Auth-Token`.
    Clients (Huawei Cloud's SDK among them) send `Content-Type: application/json` on this
    GET although it has no body; the header is accepted and ignored, and is not required.
    Other signing headers the SDK adds (`Authorization: SDK-HMAC-SHA256 …`, `X-Sdk-Date`,
    `X-Project-Id`) are ignored when the `X-Auth-Token` is valid.

    Args:
        project_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListAuthorizationsResponse | ServiceStageError
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
        )
    ).parsed
