from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.project import Project
from ...models.update_project_request import UpdateProjectRequest
from ...types import Response


def _get_kwargs(
    project: str,
    *,
    body: UpdateProjectRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v2/projects/{project}".format(
            project=quote(str(project), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CoderResponse | Project:
    if response.status_code == 200:
        response_200 = Project.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = CoderResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CoderResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CoderResponse.from_dict(response.json())

        return response_403

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
) -> Response[CoderResponse | Project]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project: str,
    *,
    client: AuthenticatedClient,
    body: UpdateProjectRequest,
) -> Response[CoderResponse | Project]:
    """Rename project

     Gives the project a new name (owner only); its id, members and authorizations stay. The name follows
    the rules of `createProject`.

    Args:
        project (str):
        body (UpdateProjectRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | Project]
    """

    kwargs = _get_kwargs(
        project=project,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project: str,
    *,
    client: AuthenticatedClient,
    body: UpdateProjectRequest,
) -> CoderResponse | Project | None:
    """Rename project

     Gives the project a new name (owner only); its id, members and authorizations stay. The name follows
    the rules of `createProject`.

    Args:
        project (str):
        body (UpdateProjectRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | Project
    """

    return sync_detailed(
        project=project,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project: str,
    *,
    client: AuthenticatedClient,
    body: UpdateProjectRequest,
) -> Response[CoderResponse | Project]:
    """Rename project

     Gives the project a new name (owner only); its id, members and authorizations stay. The name follows
    the rules of `createProject`.

    Args:
        project (str):
        body (UpdateProjectRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | Project]
    """

    kwargs = _get_kwargs(
        project=project,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project: str,
    *,
    client: AuthenticatedClient,
    body: UpdateProjectRequest,
) -> CoderResponse | Project | None:
    """Rename project

     Gives the project a new name (owner only); its id, members and authorizations stay. The name follows
    the rules of `createProject`.

    Args:
        project (str):
        body (UpdateProjectRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | Project
    """

    return (
        await asyncio_detailed(
            project=project,
            client=client,
            body=body,
        )
    ).parsed
