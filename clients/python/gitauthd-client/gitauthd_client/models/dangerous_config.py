from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DangerousConfig")


@_attrs_define
class DangerousConfig:
    """
    Attributes:
        allow_all_cors (bool | Unset):
        allow_path_app_sharing (bool | Unset):
        allow_path_app_site_owner_access (bool | Unset):
    """

    allow_all_cors: bool | Unset = UNSET
    allow_path_app_sharing: bool | Unset = UNSET
    allow_path_app_site_owner_access: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allow_all_cors = self.allow_all_cors

        allow_path_app_sharing = self.allow_path_app_sharing

        allow_path_app_site_owner_access = self.allow_path_app_site_owner_access

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allow_all_cors is not UNSET:
            field_dict["allow_all_cors"] = allow_all_cors
        if allow_path_app_sharing is not UNSET:
            field_dict["allow_path_app_sharing"] = allow_path_app_sharing
        if allow_path_app_site_owner_access is not UNSET:
            field_dict["allow_path_app_site_owner_access"] = allow_path_app_site_owner_access

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allow_all_cors = d.pop("allow_all_cors", UNSET)

        allow_path_app_sharing = d.pop("allow_path_app_sharing", UNSET)

        allow_path_app_site_owner_access = d.pop("allow_path_app_site_owner_access", UNSET)

        dangerous_config = cls(
            allow_all_cors=allow_all_cors,
            allow_path_app_sharing=allow_path_app_sharing,
            allow_path_app_site_owner_access=allow_path_app_site_owner_access,
        )

        dangerous_config.additional_properties = d
        return dangerous_config

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
