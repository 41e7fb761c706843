from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_key_scope import APIKeyScope
from ..models.login_type import LoginType

T = TypeVar("T", bound="APIKey")


@_attrs_define
class APIKey:
    """
    Attributes:
        id (str): Key ID, the part before the hyphen.
        user_id (UUID):
        last_used (datetime.datetime):
        expires_at (datetime.datetime):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        login_type (LoginType): How a user signs in, or how an API key was made (`token` for API tokens).
        scope (APIKeyScope):
        token_name (str):
        lifetime_seconds (int):
    """

    id: str
    user_id: UUID
    last_used: datetime.datetime
    expires_at: datetime.datetime
    created_at: datetime.datetime
    updated_at: datetime.datetime
    login_type: LoginType
    scope: APIKeyScope
    token_name: str
    lifetime_seconds: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user_id = str(self.user_id)

        last_used = self.last_used.isoformat()

        expires_at = self.expires_at.isoformat()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        login_type = self.login_type.value

        scope = self.scope.value

        token_name = self.token_name

        lifetime_seconds = self.lifetime_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "last_used": last_used,
                "expires_at": expires_at,
                "created_at": created_at,
                "updated_at": updated_at,
                "login_type": login_type,
                "scope": scope,
                "token_name": token_name,
                "lifetime_seconds": lifetime_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        user_id = UUID(d.pop("user_id"))

        last_used = datetime.datetime.fromisoformat(d.pop("last_used"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        login_type = LoginType(d.pop("login_type"))

        scope = APIKeyScope(d.pop("scope"))

        token_name = d.pop("token_name")

        lifetime_seconds = d.pop("lifetime_seconds")

        api_key = cls(
            id=id,
            user_id=user_id,
            last_used=last_used,
            expires_at=expires_at,
            created_at=created_at,
            updated_at=updated_at,
            login_type=login_type,
            scope=scope,
            token_name=token_name,
            lifetime_seconds=lifetime_seconds,
        )

        api_key.additional_properties = d
        return api_key

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
