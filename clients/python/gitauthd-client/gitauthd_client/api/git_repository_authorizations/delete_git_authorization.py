from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.service_stage_error import ServiceStageError
from ...types import Response


def _get_kwargs(
    project_id: str,
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/{project_id}/git/auths/{name}".format(
            project_id=quote(str(project_id), safe=""),
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ServiceStageError:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | ServiceStageError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    name: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | ServiceStageError]:
    """Deleting a repository authorization

     Deletes the project's authorization `name`. Unknown name → `SVCSTG.REPO.0450`.

    Args:
        project_id (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ServiceStageError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    name: str,
    *,
    client: AuthenticatedClient,
) -> Any | ServiceStageError | None:
    """Deleting a repository authorization

     Deletes the project's authorization `name`. Unknown name → `SVCSTG.REPO.0450`.

    Args:
        project_id (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ServiceStageError
    """

    return sync_detailed(
        project_id=project_id,
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    name: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | ServiceStageError]:
    """Deleting a repository authorization

     Deletes the project's authorization `name`. Unknown name → `SVCSTG.REPO.0450`.

    Args:
        project_id (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ServiceStageError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    name: str,
    *,
    client: AuthenticatedClient,
) -> Any | ServiceStageError | None:
    """Deleting a repository authorization

     Deletes the project's authorization `name`. Unknown name → `SVCSTG.REPO.0450`.

    Args:
        project_id (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ServiceStageError
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            name=name,
            client=client,
        )
    ).parsed
