from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.deployment_config import DeploymentConfig
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/deployment/config",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoderResponse | DeploymentConfig:
    if response.status_code == 200:
        response_200 = DeploymentConfig.from_dict(response.json())

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
) -> Response[CoderResponse | DeploymentConfig]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | DeploymentConfig]:
    """Get deployment config

     Returns the effective configuration of this deployment, as values (`config`) and as the
    list of options with their metadata (`options`). Owner only: a member gets 403.
    Every secret option (client secrets, database URL, encryption keys, SCIM key, SMTP
    password, …) is blanked in `config` and has `value: null` in `options`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | DeploymentConfig]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> CoderResponse | DeploymentConfig | None:
    """Get deployment config

     Returns the effective configuration of this deployment, as values (`config`) and as the
    list of options with their metadata (`options`). Owner only: a member gets 403.
    Every secret option (client secrets, database URL, encryption keys, SCIM key, SMTP
    password, …) is blanked in `config` and has `value: null` in `options`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | DeploymentConfig
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CoderResponse | DeploymentConfig]:
    """Get deployment config

     Returns the effective configuration of this deployment, as values (`config`) and as the
    list of options with their metadata (`options`). Owner only: a member gets 403.
    Every secret option (client secrets, database URL, encryption keys, SCIM key, SMTP
    password, …) is blanked in `config` and has `value: null` in `options`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | DeploymentConfig]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> CoderResponse | DeploymentConfig | None:
    """Get deployment config

     Returns the effective configuration of this deployment, as values (`config`) and as the
    list of options with their metadata (`options`). Owner only: a member gets 403.
    Every secret option (client secrets, database URL, encryption keys, SCIM key, SMTP
    password, …) is blanked in `config` and has `value: null` in `options`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | DeploymentConfig
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
