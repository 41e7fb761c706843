from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.serpent_host_port import SerpentHostPort


T = TypeVar("T", bound="TLSConfig")


@_attrs_define
class TLSConfig:
    """
    Attributes:
        address (SerpentHostPort | Unset): A network address as host and port.
        allow_insecure_ciphers (bool | Unset):
        cert_file (list[str] | Unset):
        client_auth (str | Unset):
        client_ca_file (str | Unset):
        client_cert_file (str | Unset):
        client_key_file (str | Unset):
        enable (bool | Unset):
        key_file (list[str] | Unset):
        min_version (str | Unset):
        redirect_http (bool | Unset):
        supported_ciphers (list[str] | Unset):
    """

    address: SerpentHostPort | Unset = UNSET
    allow_insecure_ciphers: bool | Unset = UNSET
    cert_file: list[str] | Unset = UNSET
    client_auth: str | Unset = UNSET
    client_ca_file: str | Unset = UNSET
    client_cert_file: str | Unset = UNSET
    client_key_file: str | Unset = UNSET
    enable: bool | Unset = UNSET
    key_file: list[str] | Unset = UNSET
    min_version: str | Unset = UNSET
    redirect_http: bool | Unset = UNSET
    supported_ciphers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        allow_insecure_ciphers = self.allow_insecure_ciphers

        cert_file: list[str] | Unset = UNSET
        if not isinstance(self.cert_file, Unset):
            cert_file = self.cert_file

        client_auth = self.client_auth

        client_ca_file = self.client_ca_file

        client_cert_file = self.client_cert_file

        client_key_file = self.client_key_file

        enable = self.enable

        key_file: list[str] | Unset = UNSET
        if not isinstance(self.key_file, Unset):
            key_file = self.key_file

        min_version = self.min_version

        redirect_http = self.redirect_http

        supported_ciphers: list[str] | Unset = UNSET
        if not isinstance(self.supported_ciphers, Unset):
            supported_ciphers = self.supported_ciphers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if address is not UNSET:
            field_dict["address"] = address
        if allow_insecure_ciphers is not UNSET:
            field_dict["allow_insecure_ciphers"] = allow_insecure_ciphers
        if cert_file is not UNSET:
            field_dict["cert_file"] = cert_file
        if client_auth is not UNSET:
            field_dict["client_auth"] = client_auth
        if client_ca_file is not UNSET:
            field_dict["client_ca_file"] = client_ca_file
        if client_cert_file is not UNSET:
            field_dict["client_cert_file"] = client_cert_file
        if client_key_file is not UNSET:
            field_dict["client_key_file"] = client_key_file
        if enable is not UNSET:
            field_dict["enable"] = enable
        if key_file is not UNSET:
            field_dict["key_file"] = key_file
        if min_version is not UNSET:
            field_dict["min_version"] = min_version
        if redirect_http is not UNSET:
            field_dict["redirect_http"] = redirect_http
        if supported_ciphers is not UNSET:
            field_dict["supported_ciphers"] = supported_ciphers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.serpent_host_port import SerpentHostPort  # noqa: PLC0415

        d = dict(src_dict)
        _address = d.pop("address", UNSET)
        address: SerpentHostPort | Unset
        if isinstance(_address, Unset):
            address = UNSET
        else:
            address = SerpentHostPort.from_dict(_address)

        allow_insecure_ciphers = d.pop("allow_insecure_ciphers", UNSET)

        cert_file = cast(list[str], d.pop("cert_file", UNSET))

        client_auth = d.pop("client_auth", UNSET)

        client_ca_file = d.pop("client_ca_file", UNSET)

        client_cert_file = d.pop("client_cert_file", UNSET)

        client_key_file = d.pop("client_key_file", UNSET)

        enable = d.pop("enable", UNSET)

        key_file = cast(list[str], d.pop("key_file", UNSET))

        min_version = d.pop("min_version", UNSET)

        redirect_http = d.pop("redirect_http", UNSET)

        supported_ciphers = cast(list[str], d.pop("supported_ciphers", UNSET))

        tls_config = cls(
            address=address,
            allow_insecure_ciphers=allow_insecure_ciphers,
            cert_file=cert_file,
            client_auth=client_auth,
            client_ca_file=client_ca_file,
            client_cert_file=client_cert_file,
            client_key_file=client_key_file,
            enable=enable,
            key_file=key_file,
            min_version=min_version,
            redirect_http=redirect_http,
            supported_ciphers=supported_ciphers,
        )

        tls_config.additional_properties = d
        return tls_config

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
