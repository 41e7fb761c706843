from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="HealthcheckConfig")


@_attrs_define
class HealthcheckConfig:
    """
    Attributes:
        refresh (int | Unset): Duration in nanoseconds.
        threshold_database (int | Unset): Duration in nanoseconds.
    """

    refresh: int | Unset = UNSET
    threshold_database: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        refresh = self.refresh

        threshold_database = self.threshold_database

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if refresh is not UNSET:
            field_dict["refresh"] = refresh
        if threshold_database is not UNSET:
            field_dict["threshold_database"] = threshold_database

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        refresh = d.pop("refresh", UNSET)

        threshold_database = d.pop("threshold_database", UNSET)

        healthcheck_config = cls(
            refresh=refresh,
            threshold_database=threshold_database,
        )

        healthcheck_config.additional_properties = d
        return healthcheck_config

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
