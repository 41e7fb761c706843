from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.coder_response import CoderResponse
from ...models.csp_violation import CSPViolation
from ...types import UNSET, Response


def _get_kwargs(
    *,
    body: CSPViolation | CSPViolation | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/csp/reports",
    }

    if isinstance(body, CSPViolation):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, CSPViolation):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/csp-report"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CoderResponse | str:
    if response.status_code == 200:
        response_200 = cast(str, response.json())
        return response_200

    if response.status_code == 400:
        response_400 = CoderResponse.from_dict(response.json())

        return response_400

    if response.status_code == 413:
        response_413 = CoderResponse.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = CoderResponse.from_dict(response.json())

        return response_429

    response_default = CoderResponse.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CoderResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CSPViolation | CSPViolation | Unset = UNSET,
) -> Response[CoderResponse | str]:
    """Report CSP violations

     Receives Content-Security-Policy violation reports sent by browsers and logs them. Needs no
    authentication. The body is accepted as `application/json` or `application/csp-report`;
    bodies over 64 KiB are refused with 413. The answer is the JSON string `"ok"`.

    Args:
        body (CSPViolation): A Content-Security-Policy violation report as sent by browsers.
        body (CSPViolation): A Content-Security-Policy violation report as sent by browsers.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CSPViolation | CSPViolation | Unset = UNSET,
) -> CoderResponse | str | None:
    """Report CSP violations

     Receives Content-Security-Policy violation reports sent by browsers and logs them. Needs no
    authentication. The body is accepted as `application/json` or `application/csp-report`;
    bodies over 64 KiB are refused with 413. The answer is the JSON string `"ok"`.

    Args:
        body (CSPViolation): A Content-Security-Policy violation report as sent by browsers.
        body (CSPViolation): A Content-Security-Policy violation report as sent by browsers.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CSPViolation | CSPViolation | Unset = UNSET,
) -> Response[CoderResponse | str]:
    """Report CSP violations

     Receives Content-Security-Policy violation reports sent by browsers and logs them. Needs no
    authentication. The body is accepted as `application/json` or `application/csp-report`;
    bodies over 64 KiB are refused with 413. The answer is the JSON string `"ok"`.

    Args:
        body (CSPViolation): A Content-Security-Policy violation report as sent by browsers.
        body (CSPViolation): A Content-Security-Policy violation report as sent by browsers.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoderResponse | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CSPViolation | CSPViolation | Unset = UNSET,
) -> CoderResponse | str | None:
    """Report CSP violations

     Receives Content-Security-Policy violation reports sent by browsers and logs them. Needs no
    authentication. The body is accepted as `application/json` or `application/csp-report`;
    bodies over 64 KiB are refused with 413. The answer is the JSON string `"ok"`.

    Args:
        body (CSPViolation): A Content-Security-Policy violation report as sent by browsers.
        body (CSPViolation): A Content-Security-Policy violation report as sent by browsers.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoderResponse | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
