from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.authorization_redirect import AuthorizationRedirect
from ...models.service_stage_error import ServiceStageError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    repo_type: str,
    *,
    tag: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tag"] = tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/{project_id}/git/auths/{repo_type}/redirect".format(
            project_id=quote(str(project_id), safe=""),
            repo_type=quote(str(repo_type), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthorizationRedirect | ServiceStageError:
    if response.status_code == 200:
        response_200 = AuthorizationRedirect.from_dict(response.json())

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
) -> Response[AuthorizationRedirect | ServiceStageError]:
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
    tag: str | Unset = UNSET,
) -> Response[AuthorizationRedirect | ServiceStageError]:
    """Obtaining the OAuth authorization page address

     The provider's authorize URL for `repo_type`, with a single-use `state` bound to the
    project, the caller and the repository type. After the user authorizes, the client
    posts the `code` and `state` it received to `…/{repo_type}/oauth`.

    Args:
        project_id (str):
        repo_type (str):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthorizationRedirect | ServiceStageError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        repo_type=repo_type,
        tag=tag,
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
    tag: str | Unset = UNSET,
) -> AuthorizationRedirect | ServiceStageError | None:
    """Obtaining the OAuth authorization page address

     The provider's authorize URL for `repo_type`, with a single-use `state` bound to the
    project, the caller and the repository type. After the user authorizes, the client
    posts the `code` and `state` it received to `…/{repo_type}/oauth`.

    Args:
        project_id (str):
        repo_type (str):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthorizationRedirect | ServiceStageError
    """

    return sync_detailed(
        project_id=project_id,
        repo_type=repo_type,
        client=client,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    repo_type: str,
    *,
    client: AuthenticatedClient,
    tag: str | Unset = UNSET,
) -> Response[AuthorizationRedirect | ServiceStageError]:
    """Obtaining the OAuth authorization page address

     The provider's authorize URL for `repo_type`, with a single-use `state` bound to the
    project, the caller and the repository type. After the user authorizes, the client
    posts the `code` and `state` it received to `…/{repo_type}/oauth`.

    Args:
        project_id (str):
        repo_type (str):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthorizationRedirect | ServiceStageError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        repo_type=repo_type,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    repo_type: str,
    *,
    client: AuthenticatedClient,
    tag: str | Unset = UNSET,
) -> AuthorizationRedirect | ServiceStageError | None:
    """Obtaining the OAuth authorization page address

     The provider's authorize URL for `repo_type`, with a single-use `state` bound to the
    project, the caller and the repository type. After the user authorizes, the client
    posts the `code` and `state` it received to `…/{repo_type}/oauth`.

    Args:
        project_id (str):
        repo_type (str):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthorizationRedirect | ServiceStageError
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            repo_type=repo_type,
            client=client,
            tag=tag,
        )
    ).parsed
