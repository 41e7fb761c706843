from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SSHConfig")


@_attrs_define
class SSHConfig:
    """
    Attributes:
        deployment_name (str | Unset):
        sshconfig_options (list[str] | Unset):
    """

    deployment_name: str | Unset = UNSET
    sshconfig_options: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deployment_name = self.deployment_name

        sshconfig_options: list[str] | Unset = UNSET
        if not isinstance(self.sshconfig_options, Unset):
            sshconfig_options = self.sshconfig_options

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if deployment_name is not UNSET:
            field_dict["deploymentName"] = deployment_name
        if sshconfig_options is not UNSET:
            field_dict["sshconfigOptions"] = sshconfig_options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deployment_name = d.pop("deploymentName", UNSET)

        sshconfig_options = cast(list[str], d.pop("sshconfigOptions", UNSET))

        ssh_config = cls(
            deployment_name=deployment_name,
            sshconfig_options=sshconfig_options,
        )

        ssh_config.additional_properties = d
        return ssh_config

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
