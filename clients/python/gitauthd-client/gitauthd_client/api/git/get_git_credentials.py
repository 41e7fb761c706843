from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.git_credentials_response import GitCredentialsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    match: str,
    listen: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["match"] = match

    params["listen"] = listen

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/git-credentials",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoderResponse | GitCredentialsResponse:
    if response.status_code == 200:
        response_200 = GitCredentialsResponse.from_dict(response.json())

        return response_200

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CoderResponse | GitCredentialsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    match: str,
    listen: bool | Unset = False,
) -> Response[CoderResponse | GitCredentialsResponse]:
    """Get git credentials for a repository URL

     The credentials git needs for a repository: the first provider whose `regex` matches
    `match` is chosen, the caller's token is refreshed if needed, and the answer carries
    the token with the username/password git sends over HTTPS for that provider (GitLab
    `oauth2`/token, Bitbucket `x-token-auth`/token, GitHub and others token/empty).
    Without a valid link the answer carries only `url`, where the caller can link; with
    `listen=true` the server instead waits (up to the request timeout) until a link
    exists. 404 when no provider matches.

    Args:
        match (str):
        listen (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | GitCredentialsResponse]
    """

    kwargs = _get_kwargs(
        match=match,
        listen=listen,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    match: str,
    listen: bool | Unset = False,
) -> CoderResponse | GitCredentialsResponse | None:
    """Get git credentials for a repository URL

     The credentials git needs for a repository: the first provider whose `regex` matches
    `match` is chosen, the caller's token is refreshed if needed, and the answer carries
    the token with the username/password git sends over HTTPS for that provider (GitLab
    `oauth2`/token, Bitbucket `x-token-auth`/token, GitHub and others token/empty).
    Without a valid link the answer carries only `url`, where the caller can link; with
    `listen=true` the server instead waits (up to the request timeout) until a link
    exists. 404 when no provider matches.

    Args:
        match (str):
        listen (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | GitCredentialsResponse
    """

    return sync_detailed(
        client=client,
        match=match,
        listen=listen,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    match: str,
    listen: bool | Unset = False,
) -> Response[CoderResponse | GitCredentialsResponse]:
    """Get git credentials for a repository URL

     The credentials git needs for a repository: the first provider whose `regex` matches
    `match` is chosen, the caller's token is refreshed if needed, and the answer carries
    the token with the username/password git sends over HTTPS for that provider (GitLab
    `oauth2`/token, Bitbucket `x-token-auth`/token, GitHub and others token/empty).
    Without a valid link the answer carries only `url`, where the caller can link; with
    `listen=true` the server instead waits (up to the request timeout) until a link
    exists. 404 when no provider matches.

    Args:
        match (str):
        listen (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | GitCredentialsResponse]
    """

    kwargs = _get_kwargs(
        match=match,
        listen=listen,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    match: str,
    listen: bool | Unset = False,
) -> CoderResponse | GitCredentialsResponse | None:
    """Get git credentials for a repository URL

     The credentials git needs for a repository: the first provider whose `regex` matches
    `match` is chosen, the caller's token is refreshed if needed, and the answer carries
    the token with the username/password git sends over HTTPS for that provider (GitLab
    `oauth2`/token, Bitbucket `x-token-auth`/token, GitHub and others token/empty).
    Without a valid link the answer carries only `url`, where the caller can link; with
    `listen=true` the server instead waits (up to the request timeout) until a link
    exists. 404 when no provider matches.

    Args:
        match (str):
        listen (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | GitCredentialsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            match=match,
            listen=listen,
        )
    ).parsed
