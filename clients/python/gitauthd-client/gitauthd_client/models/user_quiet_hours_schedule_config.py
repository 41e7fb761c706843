from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserQuietHoursScheduleConfig")


@_attrs_define
class UserQuietHoursScheduleConfig:
    """
    Attributes:
        allow_user_custom (bool | Unset):
        default_schedule (str | Unset):
    """

    allow_user_custom: bool | Unset = UNSET
    default_schedule: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allow_user_custom = self.allow_user_custom

        default_schedule = self.default_schedule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allow_user_custom is not UNSET:
            field_dict["allow_user_custom"] = allow_user_custom
        if default_schedule is not UNSET:
            field_dict["default_schedule"] = default_schedule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allow_user_custom = d.pop("allow_user_custom", UNSET)

        default_schedule = d.pop("default_schedule", UNSET)

        user_quiet_hours_schedule_config = cls(
            allow_user_custom=allow_user_custom,
            default_schedule=default_schedule,
        )

        user_quiet_hours_schedule_config.additional_properties = d
        return user_quiet_hours_schedule_config

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
