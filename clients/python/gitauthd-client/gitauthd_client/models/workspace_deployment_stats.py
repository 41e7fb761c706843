from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.workspace_connection_latency_ms import WorkspaceConnectionLatencyMS


T = TypeVar("T", bound="WorkspaceDeploymentStats")


@_attrs_define
class WorkspaceDeploymentStats:
    """Workspaces by state and their traffic; always 0 on gitauthd, which runs no workspaces.

    Attributes:
        building (int): Workspaces being built (always 0).
        connection_latency_ms (WorkspaceConnectionLatencyMS): Workspace connection latency percentiles in milliseconds;
            always 0 on gitauthd.
        failed (int): Workspaces whose last build failed (always 0).
        pending (int): Workspaces waiting to build (always 0).
        running (int): Running workspaces (always 0).
        rx_bytes (int): Bytes received by workspaces (always 0).
        stopped (int): Stopped workspaces (always 0).
        tx_bytes (int): Bytes sent by workspaces (always 0).
    """

    building: int
    connection_latency_ms: WorkspaceConnectionLatencyMS
    failed: int
    pending: int
    running: int
    rx_bytes: int
    stopped: int
    tx_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        building = self.building

        connection_latency_ms = self.connection_latency_ms.to_dict()

        failed = self.failed

        pending = self.pending

        running = self.running

        rx_bytes = self.rx_bytes

        stopped = self.stopped

        tx_bytes = self.tx_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "building": building,
                "connection_latency_ms": connection_latency_ms,
                "failed": failed,
                "pending": pending,
                "running": running,
                "rx_bytes": rx_bytes,
                "stopped": stopped,
                "tx_bytes": tx_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.workspace_connection_latency_ms import WorkspaceConnectionLatencyMS  # noqa: PLC0415

        d = dict(src_dict)
        building = d.pop("building")

        connection_latency_ms = WorkspaceConnectionLatencyMS.from_dict(d.pop("connection_latency_ms"))

        failed = d.pop("failed")

        pending = d.pop("pending")

        running = d.pop("running")

        rx_bytes = d.pop("rx_bytes")

        stopped = d.pop("stopped")

        tx_bytes = d.pop("tx_bytes")

        workspace_deployment_stats = cls(
            building=building,
            connection_latency_ms=connection_latency_ms,
            failed=failed,
            pending=pending,
            running=running,
            rx_bytes=rx_bytes,
            stopped=stopped,
            tx_bytes=tx_bytes,
        )

        workspace_deployment_stats.additional_properties = d
        return workspace_deployment_stats

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
