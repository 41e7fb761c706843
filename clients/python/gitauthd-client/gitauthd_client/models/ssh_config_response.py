from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ssh_config_response_ssh_config_options import SSHConfigResponseSshConfigOptions


T = TypeVar("T", bound="SSHConfigResponse")


@_attrs_define
class SSHConfigResponse:
    """
    Attributes:
        hostname_prefix (str): Prefix of the SSH host names Coder's CLI writes.
        ssh_config_options (SSHConfigResponseSshConfigOptions): Extra SSH config options, by name.
    """

    hostname_prefix: str
    ssh_config_options: SSHConfigResponseSshConfigOptions
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hostname_prefix = self.hostname_prefix

        ssh_config_options = self.ssh_config_options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hostname_prefix": hostname_prefix,
                "ssh_config_options": ssh_config_options,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ssh_config_response_ssh_config_options import SSHConfigResponseSshConfigOptions  # noqa: PLC0415

        d = dict(src_dict)
        hostname_prefix = d.pop("hostname_prefix")

        ssh_config_options = SSHConfigResponseSshConfigOptions.from_dict(d.pop("ssh_config_options"))

        ssh_config_response = cls(
            hostname_prefix=hostname_prefix,
            ssh_config_options=ssh_config_options,
        )

        ssh_config_response.additional_properties = d
        return ssh_config_response

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
