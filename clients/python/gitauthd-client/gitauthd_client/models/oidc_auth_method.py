from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OIDCAuthMethod")


@_attrs_define
class OIDCAuthMethod:
    """
    Attributes:
        enabled (bool):
        sign_in_text (str):
        icon_url (str):
    """

    enabled: bool
    sign_in_text: str
    icon_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        sign_in_text = self.sign_in_text

        icon_url = self.icon_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enabled": enabled,
                "signInText": sign_in_text,
                "iconUrl": icon_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled")

        sign_in_text = d.pop("signInText")

        icon_url = d.pop("iconUrl")

        oidc_auth_method = cls(
            enabled=enabled,
            sign_in_text=sign_in_text,
            icon_url=icon_url,
        )

        oidc_auth_method.additional_properties = d
        return oidc_auth_method

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
