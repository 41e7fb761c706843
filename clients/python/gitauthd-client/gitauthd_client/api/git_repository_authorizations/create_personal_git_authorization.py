from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.create_authorization_response import CreateAuthorizationResponse
from ...models.create_personal_authorization_request import CreatePersonalAuthorizationRequest
from ...models.service_stage_error import ServiceStageError
from ...types import Response


def _get_kwargs(
    project_id: str,
    repo_type: str,
    *,
    body: CreatePersonalAuthorizationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/{project_id}/git/auths/{repo_type}/personal".format(
            project_id=quote(str(project_id), safe=""),
            repo_type=quote(str(repo_type), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateAuthorizationResponse | ServiceStageError:
    if response.status_code == 200:
        response_200 = CreateAuthorizationResponse.from_dict(response.json())

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
) -> Response[CreateAuthorizationResponse | ServiceStageError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    repo_type: str,
    *,
    client: AuthenticatedClient,
    body: CreatePersonalAuthorizationRequest,
) -> Response[CreateAuthorizationResponse | ServiceStageError]:
    """Creating a private token authorization

     Validates the personal access token against the provider (`host` selects a
    self-hosted instance) and stores it under `name`. A token the provider rejects is
    refused (`SVCSTG.REPO.0451`).

    Args:
        project_id (str):
        repo_type (str):
        body (CreatePersonalAuthorizationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateAuthorizationResponse | ServiceStageError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        repo_type=repo_type,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    repo_type: str,
    *,
    client: AuthenticatedClient,
    body: CreatePersonalAuthorizationRequest,
) -> CreateAuthorizationResponse | ServiceStageError | None:
    """Creating a private token authorization

     Validates the personal access token against the provider (`host` selects a
    self-hosted instance) and stores it under `name`. A token the provider rejects is
    refused (`SVCSTG.REPO.0451`).

    Args:
        project_id (str):
        repo_type (str):
        body (CreatePersonalAuthorizationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateAuthorizationResponse | ServiceStageError
    """

    return sync_detailed(
        project_id=project_id,
        repo_type=repo_type,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    repo_type: str,
    *,
    client: AuthenticatedClient,
    body: CreatePersonalAuthorizationRequest,
) -> Response[CreateAuthorizationResponse | ServiceStageError]:
    """Creating a private token authorization

     Validates the personal access token against the provider (`host` selects a
    self-hosted instance) and stores it under `name`. A token the provider rejects is
    refused (`SVCSTG.REPO.0451`).

    Args:
        project_id (str):
        repo_type (str):
        body (CreatePersonalAuthorizationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateAuthorizationResponse | ServiceStageError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        repo_type=repo_type,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    repo_type: str,
    *,
    client: AuthenticatedClient,
    body: CreatePersonalAuthorizationRequest,
) -> CreateAuthorizationResponse | ServiceStageError | None:
    """Creating a private token authorization

     Validates the personal access token against the provider (`host` selects a
    self-hosted instance) and stores it under `name`. A token the provider rejects is
    refused (`SVCSTG.REPO.0451`).

    Args:
        project_id (str):
        repo_type (str):
        body (CreatePersonalAuthorizationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateAuthorizationResponse | ServiceStageError
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            repo_type=repo_type,
            client=client,
            body=body,
        )
    ).parsed
