from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BuildInfoResponse")


@_attrs_define
class BuildInfoResponse:
    """
    Attributes:
        external_url (str): The access URL of this deployment (`--access-url`), where clients reach it.
        version (str): Semantic version of this build, with `+<short commit>` when the build knows its commit.
        dashboard_url (str): URL where the dashboard is reached (the access URL).
        telemetry (bool): Whether telemetry is enabled.
        workspace_proxy (bool): Always false; gitauthd is not a workspace proxy.
        agent_api_version (str): Agent API version reported for compatibility with Coder clients.
        provisioner_api_version (str): Provisioner API version reported for compatibility with Coder clients.
        upgrade_message (str): Message shown to clients whose version does not match.
        deployment_id (str): Unique ID of this deployment.
    """

    external_url: str
    version: str
    dashboard_url: str
    telemetry: bool
    workspace_proxy: bool
    agent_api_version: str
    provisioner_api_version: str
    upgrade_message: str
    deployment_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        external_url = self.external_url

        version = self.version

        dashboard_url = self.dashboard_url

        telemetry = self.telemetry

        workspace_proxy = self.workspace_proxy

        agent_api_version = self.agent_api_version

        provisioner_api_version = self.provisioner_api_version

        upgrade_message = self.upgrade_message

        deployment_id = self.deployment_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "external_url": external_url,
                "version": version,
                "dashboard_url": dashboard_url,
                "telemetry": telemetry,
                "workspace_proxy": workspace_proxy,
                "agent_api_version": agent_api_version,
                "provisioner_api_version": provisioner_api_version,
                "upgrade_message": upgrade_message,
                "deployment_id": deployment_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        external_url = d.pop("external_url")

        version = d.pop("version")

        dashboard_url = d.pop("dashboard_url")

        telemetry = d.pop("telemetry")

        workspace_proxy = d.pop("workspace_proxy")

        agent_api_version = d.pop("agent_api_version")

        provisioner_api_version = d.pop("provisioner_api_version")

        upgrade_message = d.pop("upgrade_message")

        deployment_id = d.pop("deployment_id")

        build_info_response = cls(
            external_url=external_url,
            version=version,
            dashboard_url=dashboard_url,
            telemetry=telemetry,
            workspace_proxy=workspace_proxy,
            agent_api_version=agent_api_version,
            provisioner_api_version=provisioner_api_version,
            upgrade_message=upgrade_message,
            deployment_id=deployment_id,
        )

        build_info_response.additional_properties = d
        return build_info_response

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
