from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TraceConfig")


@_attrs_define
class TraceConfig:
    """
    Attributes:
        capture_logs (bool | Unset):
        data_dog (bool | Unset):
        enable (bool | Unset):
        honeycomb_api_key (str | Unset): Secret; always blanked.
    """

    capture_logs: bool | Unset = UNSET
    data_dog: bool | Unset = UNSET
    enable: bool | Unset = UNSET
    honeycomb_api_key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capture_logs = self.capture_logs

        data_dog = self.data_dog

        enable = self.enable

        honeycomb_api_key = self.honeycomb_api_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if capture_logs is not UNSET:
            field_dict["capture_logs"] = capture_logs
        if data_dog is not UNSET:
            field_dict["data_dog"] = data_dog
        if enable is not UNSET:
            field_dict["enable"] = enable
        if honeycomb_api_key is not UNSET:
            field_dict["honeycomb_api_key"] = honeycomb_api_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        capture_logs = d.pop("capture_logs", UNSET)

        data_dog = d.pop("data_dog", UNSET)

        enable = d.pop("enable", UNSET)

        honeycomb_api_key = d.pop("honeycomb_api_key", UNSET)

        trace_config = cls(
            capture_logs=capture_logs,
            data_dog=data_dog,
            enable=enable,
            honeycomb_api_key=honeycomb_api_key,
        )

        trace_config.additional_properties = d
        return trace_config

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
