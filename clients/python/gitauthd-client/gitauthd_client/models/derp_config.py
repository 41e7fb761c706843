from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DERPConfig")


@_attrs_define
class DERPConfig:
    """
    Attributes:
        block_direct (bool | Unset):
        force_websockets (bool | Unset):
        path (str | Unset):
        url (str | Unset):
    """

    block_direct: bool | Unset = UNSET
    force_websockets: bool | Unset = UNSET
    path: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        block_direct = self.block_direct

        force_websockets = self.force_websockets

        path = self.path

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if block_direct is not UNSET:
            field_dict["block_direct"] = block_direct
        if force_websockets is not UNSET:
            field_dict["force_websockets"] = force_websockets
        if path is not UNSET:
            field_dict["path"] = path
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        block_direct = d.pop("block_direct", UNSET)

        force_websockets = d.pop("force_websockets", UNSET)

        path = d.pop("path", UNSET)

        url = d.pop("url", UNSET)

        derp_config = cls(
            block_direct=block_direct,
            force_websockets=force_websockets,
            path=path,
            url=url,
        )

        derp_config.additional_properties = d
        return derp_config

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
