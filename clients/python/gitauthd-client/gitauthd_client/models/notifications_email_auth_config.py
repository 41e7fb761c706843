from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NotificationsEmailAuthConfig")


@_attrs_define
class NotificationsEmailAuthConfig:
    """
    Attributes:
        identity (str | Unset):
        password (str | Unset): Secret; always blanked.
        password_file (str | Unset):
        username (str | Unset):
    """

    identity: str | Unset = UNSET
    password: str | Unset = UNSET
    password_file: str | Unset = UNSET
    username: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identity = self.identity

        password = self.password

        password_file = self.password_file

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if identity is not UNSET:
            field_dict["identity"] = identity
        if password is not UNSET:
            field_dict["password"] = password
        if password_file is not UNSET:
            field_dict["password_file"] = password_file
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        identity = d.pop("identity", UNSET)

        password = d.pop("password", UNSET)

        password_file = d.pop("password_file", UNSET)

        username = d.pop("username", UNSET)

        notifications_email_auth_config = cls(
            identity=identity,
            password=password,
            password_file=password_file,
            username=username,
        )

        notifications_email_auth_config.additional_properties = d
        return notifications_email_auth_config

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
