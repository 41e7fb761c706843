from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.serpent_url import SerpentURL


T = TypeVar("T", bound="DERPServerConfig")


@_attrs_define
class DERPServerConfig:
    """
    Attributes:
        enable (bool | Unset):
        region_code (str | Unset):
        region_id (int | Unset):
        region_name (str | Unset):
        relay_url (SerpentURL | Unset): A URL as its parts (Go's `net/url.URL`).
        stun_addresses (list[str] | Unset):
    """

    enable: bool | Unset = UNSET
    region_code: str | Unset = UNSET
    region_id: int | Unset = UNSET
    region_name: str | Unset = UNSET
    relay_url: SerpentURL | Unset = UNSET
    stun_addresses: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enable = self.enable

        region_code = self.region_code

        region_id = self.region_id

        region_name = self.region_name

        relay_url: dict[str, Any] | Unset = UNSET
        if not isinstance(self.relay_url, Unset):
            relay_url = self.relay_url.to_dict()

        stun_addresses: list[str] | Unset = UNSET
        if not isinstance(self.stun_addresses, Unset):
            stun_addresses = self.stun_addresses

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if enable is not UNSET:
            field_dict["enable"] = enable
        if region_code is not UNSET:
            field_dict["region_code"] = region_code
        if region_id is not UNSET:
            field_dict["region_id"] = region_id
        if region_name is not UNSET:
            field_dict["region_name"] = region_name
        if relay_url is not UNSET:
            field_dict["relay_url"] = relay_url
        if stun_addresses is not UNSET:
            field_dict["stun_addresses"] = stun_addresses

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.serpent_url import SerpentURL  # noqa: PLC0415

        d = dict(src_dict)
        enable = d.pop("enable", UNSET)

        region_code = d.pop("region_code", UNSET)

        region_id = d.pop("region_id", UNSET)

        region_name = d.pop("region_name", UNSET)

        _relay_url = d.pop("relay_url", UNSET)
        relay_url: SerpentURL | Unset
        if isinstance(_relay_url, Unset):
            relay_url = UNSET
        else:
            relay_url = SerpentURL.from_dict(_relay_url)

        stun_addresses = cast(list[str], d.pop("stun_addresses", UNSET))

        derp_server_config = cls(
            enable=enable,
            region_code=region_code,
            region_id=region_id,
            region_name=region_name,
            relay_url=relay_url,
            stun_addresses=stun_addresses,
        )

        derp_server_config.additional_properties = d
        return derp_server_config

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
