from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.external_auth_config import ExternalAuthConfig


T = TypeVar("T", bound="SerpentStructExternalAuthConfigs")


@_attrs_define
class SerpentStructExternalAuthConfigs:
    """The configured external auth providers.

    Attributes:
        value (list[ExternalAuthConfig] | Unset):
    """

    value: list[ExternalAuthConfig] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.value, Unset):
            value = []
            for value_item_data in self.value:
                value_item = value_item_data.to_dict()
                value.append(value_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.external_auth_config import ExternalAuthConfig  # noqa: PLC0415

        d = dict(src_dict)
        _value = d.pop("value", UNSET)
        value: list[ExternalAuthConfig] | Unset = UNSET
        if _value is not UNSET:
            value = []
            for value_item_data in _value:
                value_item = ExternalAuthConfig.from_dict(value_item_data)

                value.append(value_item)

        serpent_struct_external_auth_configs = cls(
            value=value,
        )

        serpent_struct_external_auth_configs.additional_properties = d
        return serpent_struct_external_auth_configs

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
