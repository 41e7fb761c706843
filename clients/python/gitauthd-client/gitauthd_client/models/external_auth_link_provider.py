from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExternalAuthLinkProvider")


@_attrs_define
class ExternalAuthLinkProvider:
    """
    Attributes:
        id (str):
        type_ (str):
        device (bool): Whether the provider supports the device flow.
        display_name (str):
        display_icon (str):
        allow_refresh (bool): Whether expired tokens are refreshed.
        allow_validate (bool): Whether tokens are validated against the provider.
        supports_revocation (bool): Whether unlinking revokes the token at the provider.
    """

    id: str
    type_: str
    device: bool
    display_name: str
    display_icon: str
    allow_refresh: bool
    allow_validate: bool
    supports_revocation: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        device = self.device

        display_name = self.display_name

        display_icon = self.display_icon

        allow_refresh = self.allow_refresh

        allow_validate = self.allow_validate

        supports_revocation = self.supports_revocation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "device": device,
                "display_name": display_name,
                "display_icon": display_icon,
                "allow_refresh": allow_refresh,
                "allow_validate": allow_validate,
                "supports_revocation": supports_revocation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        device = d.pop("device")

        display_name = d.pop("display_name")

        display_icon = d.pop("display_icon")

        allow_refresh = d.pop("allow_refresh")

        allow_validate = d.pop("allow_validate")

        supports_revocation = d.pop("supports_revocation")

        external_auth_link_provider = cls(
            id=id,
            type_=type_,
            device=device,
            display_name=display_name,
            display_icon=display_icon,
            allow_refresh=allow_refresh,
            allow_validate=allow_validate,
            supports_revocation=supports_revocation,
        )

        external_auth_link_provider.additional_properties = d
        return external_auth_link_provider

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
