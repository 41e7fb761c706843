from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateUserPasswordRequest")


@_attrs_define
class UpdateUserPasswordRequest:
    """
    Attributes:
        password (str): 8–256 characters. The server also refuses a password equal to the username or the email
            address (400 naming `password`).
        old_password (str | Unset): The current password; required when users change their own.
    """

    password: str
    old_password: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        password = self.password

        old_password = self.old_password

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "password": password,
            }
        )
        if old_password is not UNSET:
            field_dict["old_password"] = old_password

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        password = d.pop("password")

        old_password = d.pop("old_password", UNSET)

        update_user_password_request = cls(
            password=password,
            old_password=old_password,
        )

        update_user_password_request.additional_properties = d
        return update_user_password_request

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
