from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.login_type import LoginType
from ..models.user_status import UserStatus

if TYPE_CHECKING:
    from ..models.slim_role import SlimRole


T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """
    Attributes:
        id (UUID):
        username (str):
        email (str):
        name (str):
        created_at (datetime.datetime):
        last_seen_at (datetime.datetime):
        status (UserStatus):
        login_type (LoginType): How a user signs in, or how an API key was made (`token` for API tokens).
        roles (list[SlimRole]):
        avatar_url (str):
        organization_ids (list[UUID]):
    """

    id: UUID
    username: str
    email: str
    name: str
    created_at: datetime.datetime
    last_seen_at: datetime.datetime
    status: UserStatus
    login_type: LoginType
    roles: list[SlimRole]
    avatar_url: str
    organization_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        username = self.username

        email = self.email

        name = self.name

        created_at = self.created_at.isoformat()

        last_seen_at = self.last_seen_at.isoformat()

        status = self.status.value

        login_type = self.login_type.value

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.to_dict()
            roles.append(roles_item)

        avatar_url = self.avatar_url

        organization_ids = []
        for organization_ids_item_data in self.organization_ids:
            organization_ids_item = str(organization_ids_item_data)
            organization_ids.append(organization_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "username": username,
                "email": email,
                "name": name,
                "created_at": created_at,
                "last_seen_at": last_seen_at,
                "status": status,
                "login_type": login_type,
                "roles": roles,
                "avatar_url": avatar_url,
                "organization_ids": organization_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.slim_role import SlimRole  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        username = d.pop("username")

        email = d.pop("email")

        name = d.pop("name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        last_seen_at = datetime.datetime.fromisoformat(d.pop("last_seen_at"))

        status = UserStatus(d.pop("status"))

        login_type = LoginType(d.pop("login_type"))

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = SlimRole.from_dict(roles_item_data)

            roles.append(roles_item)

        avatar_url = d.pop("avatar_url")

        organization_ids = []
        _organization_ids = d.pop("organization_ids")
        for organization_ids_item_data in _organization_ids:
            organization_ids_item = UUID(organization_ids_item_data)

            organization_ids.append(organization_ids_item)

        user = cls(
            id=id,
            username=username,
            email=email,
            name=name,
            created_at=created_at,
            last_seen_at=last_seen_at,
            status=status,
            login_type=login_type,
            roles=roles,
            avatar_url=avatar_url,
            organization_ids=organization_ids,
        )

        user.additional_properties = d
        return user

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
