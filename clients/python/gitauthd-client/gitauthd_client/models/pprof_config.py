from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.serpent_host_port import SerpentHostPort


T = TypeVar("T", bound="PprofConfig")


@_attrs_define
class PprofConfig:
    """
    Attributes:
        address (SerpentHostPort | Unset): A network address as host and port.
        enable (bool | Unset):
    """

    address: SerpentHostPort | Unset = UNSET
    enable: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        enable = self.enable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if address is not UNSET:
            field_dict["address"] = address
        if enable is not UNSET:
            field_dict["enable"] = enable

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.serpent_host_port import SerpentHostPort  # noqa: PLC0415

        d = dict(src_dict)
        _address = d.pop("address", UNSET)
        address: SerpentHostPort | Unset
        if isinstance(_address, Unset):
            address = UNSET
        else:
            address = SerpentHostPort.from_dict(_address)

        enable = d.pop("enable", UNSET)

        pprof_config = cls(
            address=address,
            enable=enable,
        )

        pprof_config.additional_properties = d
        return pprof_config

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
