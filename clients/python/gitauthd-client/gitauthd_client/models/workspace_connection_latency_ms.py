from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkspaceConnectionLatencyMS")


@_attrs_define
class WorkspaceConnectionLatencyMS:
    """Workspace connection latency percentiles in milliseconds; always 0 on gitauthd.

    Attributes:
        p50 (float): Median latency (always 0).
        p95 (float): 95th percentile latency (always 0).
    """

    p50: float
    p95: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        p50 = self.p50

        p95 = self.p95

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "p50": p50,
                "p95": p95,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        p50 = d.pop("p50")

        p95 = d.pop("p95")

        workspace_connection_latency_ms = cls(
            p50=p50,
            p95=p95,
        )

        workspace_connection_latency_ms.additional_properties = d
        return workspace_connection_latency_ms

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
