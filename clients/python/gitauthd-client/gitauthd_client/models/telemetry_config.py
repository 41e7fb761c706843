from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.serpent_url import SerpentURL


T = TypeVar("T", bound="TelemetryConfig")


@_attrs_define
class TelemetryConfig:
    """
    Attributes:
        enable (bool | Unset):
        trace (bool | Unset):
        url (SerpentURL | Unset): A URL as its parts (Go's `net/url.URL`).
    """

    enable: bool | Unset = UNSET
    trace: bool | Unset = UNSET
    url: SerpentURL | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enable = self.enable

        trace = self.trace

        url: dict[str, Any] | Unset = UNSET
        if not isinstance(self.url, Unset):
            url = self.url.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if enable is not UNSET:
            field_dict["enable"] = enable
        if trace is not UNSET:
            field_dict["trace"] = trace
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.serpent_url import SerpentURL  # noqa: PLC0415

        d = dict(src_dict)
        enable = d.pop("enable", UNSET)

        trace = d.pop("trace", UNSET)

        _url = d.pop("url", UNSET)
        url: SerpentURL | Unset
        if isinstance(_url, Unset):
            url = UNSET
        else:
            url = SerpentURL.from_dict(_url)

        telemetry_config = cls(
            enable=enable,
            trace=trace,
            url=url,
        )

        telemetry_config.additional_properties = d
        return telemetry_config

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
