from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExternalAuthUserType0")


@_attrs_define
class ExternalAuthUserType0:
    """A user of the Git provider. Nullable because `ExternalAuth.user` and `GitAuth.user` are
    `null` when the caller has no valid link; an installation's `account` is never null.

        Attributes:
            login (str):
            name (str):
            avatar_url (str):
            profile_url (str):
    """

    login: str
    name: str
    avatar_url: str
    profile_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        login = self.login

        name = self.name

        avatar_url = self.avatar_url

        profile_url = self.profile_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "login": login,
                "name": name,
                "avatar_url": avatar_url,
                "profile_url": profile_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        login = d.pop("login")

        name = d.pop("name")

        avatar_url = d.pop("avatar_url")

        profile_url = d.pop("profile_url")

        external_auth_user_type_0 = cls(
            login=login,
            name=name,
            avatar_url=avatar_url,
            profile_url=profile_url,
        )

        external_auth_user_type_0.additional_properties = d
        return external_auth_user_type_0

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
