from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.deployment_stats import DeploymentStats
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/deployment/stats",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoderResponse | DeploymentStats:
    if response.status_code == 200:
        response_200 = DeploymentStats.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = CoderResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CoderResponse.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = CoderResponse.from_dict(response.json())

        return response_429

    response_default = CoderResponse.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CoderResponse | DeploymentStats]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | DeploymentStats]:
    """Get deployment stats

     Returns deployment statistics. Owner only: a member gets 403.

    gitauthd runs no workspaces and serves no workspace sessions, so every workspace and
    session figure is a true zero for this deployment, not a missing value. `collected_at`,
    `aggregated_from` and `next_update_at` come from a periodic collector whose interval is
    the `metrics_cache_refresh_interval` option.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | DeploymentStats]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> CoderResponse | DeploymentStats | None:
    """Get deployment stats

     Returns deployment statistics. Owner only: a member gets 403.

    gitauthd runs no workspaces and serves no workspace sessions, so every workspace and
    session figure is a true zero for this deployment, not a missing value. `collected_at`,
    `aggregated_from` and `next_update_at` come from a periodic collector whose interval is
    the `metrics_cache_refresh_interval` option.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | DeploymentStats
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | DeploymentStats]:
    """Get deployment stats

     Returns deployment statistics. Owner only: a member gets 403.

    gitauthd runs no workspaces and serves no workspace sessions, so every workspace and
    session figure is a true zero for this deployment, not a missing value. `collected_at`,
    `aggregated_from` and `next_update_at` come from a periodic collector whose interval is
    the `metrics_cache_refresh_interval` option.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | DeploymentStats]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> CoderResponse | DeploymentStats | None:
    """Get deployment stats

     Returns deployment statistics. Owner only: a member gets 403.

    gitauthd runs no workspaces and serves no workspace sessions, so every workspace and
    session figure is a true zero for this deployment, not a missing value. `collected_at`,
    `aggregated_from` and `next_update_at` come from a periodic collector whose interval is
    the `metrics_cache_refresh_interval` option.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | DeploymentStats
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
