from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LoggingConfig")


@_attrs_define
class LoggingConfig:
    """
    Attributes:
        human (str | Unset):
        json (str | Unset):
        log_filter (list[str] | Unset):
        stackdriver (str | Unset):
    """

    human: str | Unset = UNSET
    json: str | Unset = UNSET
    log_filter: list[str] | Unset = UNSET
    stackdriver: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        human = self.human

        json = self.json

        log_filter: list[str] | Unset = UNSET
        if not isinstance(self.log_filter, Unset):
            log_filter = self.log_filter

        stackdriver = self.stackdriver

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if human is not UNSET:
            field_dict["human"] = human
        if json is not UNSET:
            field_dict["json"] = json
        if log_filter is not UNSET:
            field_dict["log_filter"] = log_filter
        if stackdriver is not UNSET:
            field_dict["stackdriver"] = stackdriver

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        human = d.pop("human", UNSET)

        json = d.pop("json", UNSET)

        log_filter = cast(list[str], d.pop("log_filter", UNSET))

        stackdriver = d.pop("stackdriver", UNSET)

        logging_config = cls(
            human=human,
            json=json,
            log_filter=log_filter,
            stackdriver=stackdriver,
        )

        logging_config.additional_properties = d
        return logging_config

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
