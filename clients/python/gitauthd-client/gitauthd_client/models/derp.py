from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.derp_config import DERPConfig
    from ..models.derp_server_config import DERPServerConfig


T = TypeVar("T", bound="DERP")


@_attrs_define
class DERP:
    """
    Attributes:
        config (DERPConfig | Unset):
        server (DERPServerConfig | Unset):
    """

    config: DERPConfig | Unset = UNSET
    server: DERPServerConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        server: dict[str, Any] | Unset = UNSET
        if not isinstance(self.server, Unset):
            server = self.server.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if config is not UNSET:
            field_dict["config"] = config
        if server is not UNSET:
            field_dict["server"] = server

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.derp_config import DERPConfig  # noqa: PLC0415
        from ..models.derp_server_config import DERPServerConfig  # noqa: PLC0415

        d = dict(src_dict)
        _config = d.pop("config", UNSET)
        config: DERPConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = DERPConfig.from_dict(_config)

        _server = d.pop("server", UNSET)
        server: DERPServerConfig | Unset
        if isinstance(_server, Unset):
            server = UNSET
        else:
            server = DERPServerConfig.from_dict(_server)

        derp = cls(
            config=config,
            server=server,
        )

        derp.additional_properties = d
        return derp

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
