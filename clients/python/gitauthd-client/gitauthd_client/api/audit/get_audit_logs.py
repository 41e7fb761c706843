from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.audit_log_response import AuditLogResponse
from ...models.coder_response import CoderResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/audit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditLogResponse | CoderResponse:
    if response.status_code == 200:
        response_200 = AuditLogResponse.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = CoderResponse.from_dict(response.json())

        return response_429

    response_default = CoderResponse.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuditLogResponse | CoderResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[AuditLogResponse | CoderResponse]:
    """Get audit logs

     One page of the audit trail, newest first, for owners and auditors (anyone else gets 403).
    `q` is Coder's audit search: space-separated `key:value` terms with `username`, `action`,
    `resource_type`, `resource_id` (the resource's id or its UUID), `date_from` and `date_to`
    (dates, both inclusive, UTC). `count` is the number of records the query selects.
    `additional_fields` carries what Coder's shape has no field for: `result` (`allowed` or
    `refused`), `api_key_id`, `provider_id`, `repository_url` and the resource's own `resource_id`.

    Args:
        q (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditLogResponse | CoderResponse]
    """

    kwargs = _get_kwargs(
        q=q,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> AuditLogResponse | CoderResponse | None:
    """Get audit logs

     One page of the audit trail, newest first, for owners and auditors (anyone else gets 403).
    `q` is Coder's audit search: space-separated `key:value` terms with `username`, `action`,
    `resource_type`, `resource_id` (the resource's id or its UUID), `date_from` and `date_to`
    (dates, both inclusive, UTC). `count` is the number of records the query selects.
    `additional_fields` carries what Coder's shape has no field for: `result` (`allowed` or
    `refused`), `api_key_id`, `provider_id`, `repository_url` and the resource's own `resource_id`.

    Args:
        q (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditLogResponse | CoderResponse
    """

    return sync_detailed(
        client=client,
        q=q,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[AuditLogResponse | CoderResponse]:
    """Get audit logs

     One page of the audit trail, newest first, for owners and auditors (anyone else gets 403).
    `q` is Coder's audit search: space-separated `key:value` terms with `username`, `action`,
    `resource_type`, `resource_id` (the resource's id or its UUID), `date_from` and `date_to`
    (dates, both inclusive, UTC). `count` is the number of records the query selects.
    `additional_fields` carries what Coder's shape has no field for: `result` (`allowed` or
    `refused`), `api_key_id`, `provider_id`, `repository_url` and the resource's own `resource_id`.

    Args:
        q (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditLogResponse | CoderResponse]
    """

    kwargs = _get_kwargs(
        q=q,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> AuditLogResponse | CoderResponse | None:
    """Get audit logs

     One page of the audit trail, newest first, for owners and auditors (anyone else gets 403).
    `q` is Coder's audit search: space-separated `key:value` terms with `username`, `action`,
    `resource_type`, `resource_id` (the resource's id or its UUID), `date_from` and `date_to`
    (dates, both inclusive, UTC). `count` is the number of records the query selects.
    `additional_fields` carries what Coder's shape has no field for: `result` (`allowed` or
    `refused`), `api_key_id`, `provider_id`, `repository_url` and the resource's own `resource_id`.

    Args:
        q (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditLogResponse | CoderResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            limit=limit,
            offset=offset,
        )
    ).parsed
