from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.session_count_deployment_stats import SessionCountDeploymentStats
    from ..models.workspace_deployment_stats import WorkspaceDeploymentStats


T = TypeVar("T", bound="DeploymentStats")


@_attrs_define
class DeploymentStats:
    """Deployment statistics. gitauthd runs no workspaces and no sessions, so the workspace
    and session figures are true zeros of this deployment.

        Attributes:
            aggregated_from (datetime.datetime): Start of the window the figures were aggregated over (the previous
                collection).
            collected_at (datetime.datetime): When the periodic collector last ran.
            next_update_at (datetime.datetime): When the collector runs next (`collected_at` +
                `metrics_cache_refresh_interval`).
            session_count (SessionCountDeploymentStats): Open workspace sessions by kind; always 0 on gitauthd, which serves
                no sessions.
            workspaces (WorkspaceDeploymentStats): Workspaces by state and their traffic; always 0 on gitauthd, which runs
                no workspaces.
    """

    aggregated_from: datetime.datetime
    collected_at: datetime.datetime
    next_update_at: datetime.datetime
    session_count: SessionCountDeploymentStats
    workspaces: WorkspaceDeploymentStats
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregated_from = self.aggregated_from.isoformat()

        collected_at = self.collected_at.isoformat()

        next_update_at = self.next_update_at.isoformat()

        session_count = self.session_count.to_dict()

        workspaces = self.workspaces.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aggregated_from": aggregated_from,
                "collected_at": collected_at,
                "next_update_at": next_update_at,
                "session_count": session_count,
                "workspaces": workspaces,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_count_deployment_stats import SessionCountDeploymentStats  # noqa: PLC0415
        from ..models.workspace_deployment_stats import WorkspaceDeploymentStats  # noqa: PLC0415

        d = dict(src_dict)
        aggregated_from = datetime.datetime.fromisoformat(d.pop("aggregated_from"))

        collected_at = datetime.datetime.fromisoformat(d.pop("collected_at"))

        next_update_at = datetime.datetime.fromisoformat(d.pop("next_update_at"))

        session_count = SessionCountDeploymentStats.from_dict(d.pop("session_count"))

        workspaces = WorkspaceDeploymentStats.from_dict(d.pop("workspaces"))

        deployment_stats = cls(
            aggregated_from=aggregated_from,
            collected_at=collected_at,
            next_update_at=next_update_at,
            session_count=session_count,
            workspaces=workspaces,
        )

        deployment_stats.additional_properties = d
        return deployment_stats

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
