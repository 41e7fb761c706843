from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NotificationsEmailTLSConfig")


@_attrs_define
class NotificationsEmailTLSConfig:
    """
    Attributes:
        ca_file (str | Unset):
        cert_file (str | Unset):
        insecure_skip_verify (bool | Unset):
        key_file (str | Unset):
        server_name (str | Unset):
        start_tls (bool | Unset):
    """

    ca_file: str | Unset = UNSET
    cert_file: str | Unset = UNSET
    insecure_skip_verify: bool | Unset = UNSET
    key_file: str | Unset = UNSET
    server_name: str | Unset = UNSET
    start_tls: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ca_file = self.ca_file

        cert_file = self.cert_file

        insecure_skip_verify = self.insecure_skip_verify

        key_file = self.key_file

        server_name = self.server_name

        start_tls = self.start_tls

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ca_file is not UNSET:
            field_dict["ca_file"] = ca_file
        if cert_file is not UNSET:
            field_dict["cert_file"] = cert_file
        if insecure_skip_verify is not UNSET:
            field_dict["insecure_skip_verify"] = insecure_skip_verify
        if key_file is not UNSET:
            field_dict["key_file"] = key_file
        if server_name is not UNSET:
            field_dict["server_name"] = server_name
        if start_tls is not UNSET:
            field_dict["start_tls"] = start_tls

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ca_file = d.pop("ca_file", UNSET)

        cert_file = d.pop("cert_file", UNSET)

        insecure_skip_verify = d.pop("insecure_skip_verify", UNSET)

        key_file = d.pop("key_file", UNSET)

        server_name = d.pop("server_name", UNSET)

        start_tls = d.pop("start_tls", UNSET)

        notifications_email_tls_config = cls(
            ca_file=ca_file,
            cert_file=cert_file,
            insecure_skip_verify=insecure_skip_verify,
            key_file=key_file,
            server_name=server_name,
            start_tls=start_tls,
        )

        notifications_email_tls_config.additional_properties = d
        return notifications_email_tls_config

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
