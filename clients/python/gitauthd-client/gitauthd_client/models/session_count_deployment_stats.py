from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SessionCountDeploymentStats")


@_attrs_define
class SessionCountDeploymentStats:
    """Open workspace sessions by kind; always 0 on gitauthd, which serves no sessions.

    Attributes:
        jetbrains (int): JetBrains IDE sessions (always 0).
        reconnecting_pty (int): Web terminal sessions (always 0).
        ssh (int): SSH sessions (always 0).
        vscode (int): VS Code sessions (always 0).
    """

    jetbrains: int
    reconnecting_pty: int
    ssh: int
    vscode: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        jetbrains = self.jetbrains

        reconnecting_pty = self.reconnecting_pty

        ssh = self.ssh

        vscode = self.vscode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jetbrains": jetbrains,
                "reconnecting_pty": reconnecting_pty,
                "ssh": ssh,
                "vscode": vscode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        jetbrains = d.pop("jetbrains")

        reconnecting_pty = d.pop("reconnecting_pty")

        ssh = d.pop("ssh")

        vscode = d.pop("vscode")

        session_count_deployment_stats = cls(
            jetbrains=jetbrains,
            reconnecting_pty=reconnecting_pty,
            ssh=ssh,
            vscode=vscode,
        )

        session_count_deployment_stats.additional_properties = d
        return session_count_deployment_stats

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
