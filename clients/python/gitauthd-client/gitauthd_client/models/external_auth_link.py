from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExternalAuthLink")


@_attrs_define
class ExternalAuthLink:
    """
    Attributes:
        provider_id (str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        has_refresh_token (bool):
        expires (datetime.datetime): When the access token expires; `0001-01-01T00:00:00Z` when it never does.
        authenticated (bool):
        validate_error (str): Why the link is not usable now, or empty.
    """

    provider_id: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    has_refresh_token: bool
    expires: datetime.datetime
    authenticated: bool
    validate_error: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider_id = self.provider_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        has_refresh_token = self.has_refresh_token

        expires = self.expires.isoformat()

        authenticated = self.authenticated

        validate_error = self.validate_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider_id": provider_id,
                "created_at": created_at,
                "updated_at": updated_at,
                "has_refresh_token": has_refresh_token,
                "expires": expires,
                "authenticated": authenticated,
                "validate_error": validate_error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        provider_id = d.pop("provider_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        has_refresh_token = d.pop("has_refresh_token")

        expires = datetime.datetime.fromisoformat(d.pop("expires"))

        authenticated = d.pop("authenticated")

        validate_error = d.pop("validate_error")

        external_auth_link = cls(
            provider_id=provider_id,
            created_at=created_at,
            updated_at=updated_at,
            has_refresh_token=has_refresh_token,
            expires=expires,
            authenticated=authenticated,
            validate_error=validate_error,
        )

        external_auth_link.additional_properties = d
        return external_auth_link

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
