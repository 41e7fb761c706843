from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_user_request_login_type import CreateUserRequestLoginType
from ..models.create_user_request_user_status import CreateUserRequestUserStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateUserRequest")


@_attrs_define
class CreateUserRequest:
    """
    Attributes:
        email (str):
        username (str): 1–32 letters, digits and single hyphens, not starting or ending with a hyphen; `me` (any case)
            is reserved.
        password (str): 8–256 characters. The server also refuses a password equal to the username or the email
            address (400 naming `password`).
        name (str | Unset): A person's name, at most 128 characters, without control characters.
        login_type (CreateUserRequestLoginType | Unset): Only password users are supported; empty means `password`.
        user_status (CreateUserRequestUserStatus | Unset): Initial status; null or absent means `active`, the only
            status a new user may have.
        organization_ids (list[UUID] | None | Unset): Organizations to join; the nil UUID, an empty list or null (what
            codersdk's CreateUserWithOrgs sends when none is given) means the default organization.
    """

    email: str
    username: str
    password: str
    name: str | Unset = UNSET
    login_type: CreateUserRequestLoginType | Unset = UNSET
    user_status: CreateUserRequestUserStatus | Unset = UNSET
    organization_ids: list[UUID] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        username = self.username

        password = self.password

        name = self.name

        login_type: str | Unset = UNSET
        if not isinstance(self.login_type, Unset):
            login_type = self.login_type.value

        user_status: str | Unset = UNSET
        if not isinstance(self.user_status, Unset):
            user_status = self.user_status.value

        organization_ids: list[str] | None | Unset
        if isinstance(self.organization_ids, Unset):
            organization_ids = UNSET
        elif isinstance(self.organization_ids, list):
            organization_ids = []
            for organization_ids_type_0_item_data in self.organization_ids:
                organization_ids_type_0_item = str(organization_ids_type_0_item_data)
                organization_ids.append(organization_ids_type_0_item)

        else:
            organization_ids = self.organization_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "username": username,
                "password": password,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if login_type is not UNSET:
            field_dict["login_type"] = login_type
        if user_status is not UNSET:
            field_dict["user_status"] = user_status
        if organization_ids is not UNSET:
            field_dict["organization_ids"] = organization_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        username = d.pop("username")

        password = d.pop("password")

        name = d.pop("name", UNSET)

        _login_type = d.pop("login_type", UNSET)
        login_type: CreateUserRequestLoginType | Unset
        if isinstance(_login_type, Unset):
            login_type = UNSET
        else:
            login_type = CreateUserRequestLoginType(_login_type)

        _user_status = d.pop("user_status", UNSET)
        user_status: CreateUserRequestUserStatus | Unset
        if isinstance(_user_status, Unset):
            user_status = UNSET
        else:
            user_status = CreateUserRequestUserStatus(_user_status)

        def _parse_organization_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                organization_ids_type_0 = []
                _organization_ids_type_0 = data
                for organization_ids_type_0_item_data in _organization_ids_type_0:
                    organization_ids_type_0_item = UUID(organization_ids_type_0_item_data)

                    organization_ids_type_0.append(organization_ids_type_0_item)

                return organization_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        organization_ids = _parse_organization_ids(d.pop("organization_ids", UNSET))

        create_user_request = cls(
            email=email,
            username=username,
            password=password,
            name=name,
            login_type=login_type,
            user_status=user_status,
            organization_ids=organization_ids,
        )

        create_user_request.additional_properties = d
        return create_user_request

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
